//! A small checker over parsed JSON that records every problem with its field path instead of
//! stopping at the first, so publishers see all of them at once.

use serde_json::{Map, Value};

use crate::bundle::{Problem, Question, Topic};

/// The longest bundle or topic id.
pub(super) const BUNDLE_ID_LEN: usize = 64;

/// The first format with `reviewed_by` and `urgent`.
pub(crate) const REVIEW_FORMAT: u32 = 2;

/// The first format with a topic's `questions` (the display order of its questions).
pub(crate) const ORDER_FORMAT: u32 = 3;

/// Why a format-2 field in an older-format bundle is refused, and what to do.
pub(super) fn needs_format_2(field: &str, format: u32) -> String {
    needs_format(field, REVIEW_FORMAT, format)
}

/// Why a field of format `needed` in a bundle that declares the older `format` is refused, and
/// what to do.
pub(super) fn needs_format(field: &str, needed: u32, format: u32) -> String {
    let older = match needed - 1 {
        1 => "only format 1".to_string(),
        last => format!("only formats 1 to {last}"),
    };
    format!(
        "needs \"format\": {needed} in manifest.json (this bundle declares format {format}); \
         set the format to {needed}, which kiosks that read {older} refuse, or remove {field}"
    )
}

/// The lowest format that has every field the bundle uses.
pub(super) fn needed_format(reviewed_by: bool, topics: Option<&[Topic]>, questions: &[Question]) -> u32 {
    if topics.is_some_and(|topics| topics.iter().any(|t| !t.questions.is_empty())) {
        ORDER_FORMAT
    } else if reviewed_by || questions.iter().any(|q| !q.urgent.is_empty()) {
        REVIEW_FORMAT
    } else {
        1
    }
}

/// The warning for a declared format above the one the bundle needs: older kiosks refuse it for
/// nothing.
pub(super) fn more_than_needed(declared: u32, needed: u32) -> String {
    let fields = match declared {
        2 => "reviewed_by, urgent",
        _ => "a topic's questions",
    };
    let readers = match needed {
        1 => "only format 1".to_string(),
        n => format!("only formats 1 to {n}"),
    };
    format!(
        "is {declared} but the bundle uses no format-{declared} field ({fields}); declare \"format\": {needed} so kiosks that read {readers} can import it too"
    )
}

/// Parses a file as JSON, or records that it is not JSON.
pub(super) fn parse_json(name: &str, bytes: &[u8], errors: &mut Vec<Problem>) -> Option<Value> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(Problem::new(
                name,
                "",
                format!("is not valid JSON ({e}); check it in a JSON editor"),
            ));
            None
        }
    }
}

/// Records problems for one file.
pub(crate) struct Checker<'p> {
    file: String,
    problems: &'p mut Vec<Problem>,
}

impl<'p> Checker<'p> {
    pub(crate) fn new(file: impl Into<String>, problems: &'p mut Vec<Problem>) -> Self {
        Checker {
            file: file.into(),
            problems,
        }
    }

    pub(crate) fn report(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(&self.file, field, message));
    }

    /// The value as an object whose keys are all in `allowed`; unknown keys are reported by name.
    pub(crate) fn object<'v>(
        &mut self,
        field: &str,
        value: &'v Value,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.report(
                field_or(field, "(root)"),
                format!("must be an object, found {}", kind(value)),
            );
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let expected = allowed.join(", ");
                self.report(&join(field, key), format!("unknown field; expected one of: {expected}"));
            }
        }
        Some(map)
    }

    /// A required member of an object.
    pub(crate) fn required<'v>(&mut self, map: &'v Map<String, Value>, field: &str, key: &str) -> Option<&'v Value> {
        let value = map.get(key);
        if value.is_none() {
            self.report(&join(field, key), "is required");
        }
        value
    }

    /// A string of `min..=max` characters, with no control characters other than line breaks and tabs.
    pub(crate) fn string(&mut self, field: &str, value: &Value, min: usize, max: usize) -> Option<String> {
        let Some(text) = value.as_str() else {
            self.report(field, format!("must be text, found {}", kind(value)));
            return None;
        };
        let count = text.chars().count();
        if text.trim().is_empty() && min > 0 {
            self.report(field, "must not be empty");
            return None;
        }
        if count < min || count > max {
            self.report(field, format!("must be {min} to {max} characters long, found {count}"));
            return None;
        }
        if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.report(field, "contains control characters; use plain text");
            return None;
        }
        if let Some(c) = text.chars().find(|c| is_hidden_control(*c)) {
            self.report(
                field,
                format!(
                    "contains the invisible character U+{:04X} (a text-direction override or zero-width space), which can make text read differently from how it looks; delete it",
                    u32::from(c)
                ),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// An array of `min..=max` items.
    pub(crate) fn array<'v>(
        &mut self,
        field: &str,
        value: &'v Value,
        min: usize,
        max: usize,
    ) -> Option<&'v Vec<Value>> {
        let Some(items) = value.as_array() else {
            self.report(field, format!("must be a list, found {}", kind(value)));
            return None;
        };
        if items.len() < min || items.len() > max {
            self.report(field, format!("must hold {min} to {max} items, found {}", items.len()));
            return None;
        }
        Some(items)
    }

    /// A list of `min_items..=max_items` texts, each of 1 to `max_chars` characters; every bad item
    /// is reported as `field[i]`.
    pub(crate) fn string_list(
        &mut self,
        field: &str,
        value: &Value,
        min_items: usize,
        max_items: usize,
        max_chars: usize,
    ) -> Option<Vec<String>> {
        let items = self.array(field, value, min_items, max_items)?;
        let texts: Vec<Option<String>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| self.string(&format!("{field}[{i}]"), item, 1, max_chars))
            .collect();
        texts.into_iter().collect()
    }

    /// A whole number in `min..=max`.
    pub(crate) fn integer(&mut self, field: &str, value: &Value, min: u64, max: u64) -> Option<u64> {
        match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.report(
                    field,
                    format!("must be a whole number from {min} to {max}, found {value}"),
                );
                None
            }
        }
    }

    /// A `YYYY-MM-DD` date that exists in the calendar.
    pub(crate) fn date(&mut self, field: &str, value: &Value) -> Option<String> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = value
            .as_str()
            .filter(|text| text.len() == 10)
            .filter(|text| time::Date::parse(text, &format).is_ok())
            .map(str::to_string);
        if date.is_none() {
            self.report(field, format!("must be a real date written YYYY-MM-DD, found {value}"));
        }
        date
    }

    /// An id matching `^[a-z0-9][a-z0-9-]{0,max_len-1}$`.
    pub(crate) fn id(&mut self, field: &str, value: &Value, max_len: usize) -> Option<String> {
        let text = self.string(field, value, 1, max_len)?;
        if is_id(&text, max_len) {
            Some(text)
        } else {
            self.report(
                field,
                format!("must be lowercase letters, digits and dashes, starting with a letter or digit, at most {max_len} characters; found {text:?}"),
            );
            None
        }
    }

    /// An optional `https://` address.
    pub(crate) fn https_url(&mut self, field: &str, value: &Value) -> Option<String> {
        let text = self.string(field, value, 9, 2000)?;
        let rest = text.strip_prefix("https://");
        match rest {
            Some(host) if !host.is_empty() && !text.chars().any(char::is_whitespace) => Some(text),
            _ => {
                self.report(field, "must start with https://");
                None
            }
        }
    }
}

/// Invisible characters refused inside text: the bidi embeddings and overrides U+202A–U+202E,
/// the bidi isolates U+2066–U+2069, the zero-width space U+200B and the byte-order mark U+FEFF.
/// The zero-width joiner and non-joiner (U+200D, U+200C) stay allowed: Persian and Indic scripts
/// need them.
pub(crate) fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
}

pub(crate) fn is_id(text: &str, max_len: usize) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= max_len
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// `parent.key`, or `key` at the root.
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn field_or<'a>(field: &'a str, fallback: &'a str) -> &'a str {
    if field.is_empty() {
        fallback
    } else {
        field
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
