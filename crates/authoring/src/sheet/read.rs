//! From grids to a [`BundleDraft`], remembering where each value came from, so that every problem
//! (the reader's own, and the engine's check of the result) names the cell a person fixes.

use std::collections::BTreeMap;

use kiosk_core::bundle::{Problem, Question, MANIFEST};

use super::grid::{Grid, Value};
use super::layout::{
    parse_list, parse_references, parse_sections, parse_topics, BUNDLE_KEYS, QUESTION_COLUMNS, REQUIRED_COLUMNS,
};
use super::problem::SheetProblem;
use super::SheetOptions;
use crate::draft::{today, ManifestDraft};

/// Where each manifest field and each question's fields were read from.
#[derive(Debug, Default)]
pub(crate) struct Places {
    manifest: BTreeMap<String, String>,
    manifest_sheet: String,
    questions: BTreeMap<String, QuestionPlaces>,
}

#[derive(Debug, Default)]
struct QuestionPlaces {
    row: String,
    cells: BTreeMap<String, String>,
}

impl Places {
    /// The engine's problem, placed at the cell it came from.
    pub(crate) fn place(&self, problem: &Problem) -> SheetProblem {
        let head = problem.field.split(['[', '.']).next().unwrap_or_default();
        let place = if problem.file == MANIFEST {
            self.manifest
                .get(head)
                .cloned()
                .unwrap_or_else(|| self.manifest_sheet.clone())
        } else {
            let id = problem
                .file
                .strip_prefix("questions/")
                .and_then(|f| f.strip_suffix(".json"));
            match id.and_then(|id| self.questions.get(id)) {
                Some(q) => q.cells.get(head).cloned().unwrap_or_else(|| q.row.clone()),
                None => problem.file.clone(),
            }
        };
        SheetProblem::new(place, problem.field.clone(), problem.message.clone())
    }
}

/// A cell's text: trimmed text, a whole number without `.0`, a date as `YYYY-MM-DD`.
fn text_of(value: &Value, place: &str, field: &str, problems: &mut Vec<SheetProblem>) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(text) => text.trim().to_string(),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Value::Number(n) => n.to_string(),
        Value::Date(date) => date.clone(),
        Value::Error(error) => {
            problems.push(SheetProblem::new(
                place,
                field,
                format!("the cell shows the error {error}; type the value itself"),
            ));
            String::new()
        }
    }
}

/// A date cell: a spreadsheet date, or text the engine checks as `YYYY-MM-DD`.
fn date_of(value: &Value, place: &str, field: &str, problems: &mut Vec<SheetProblem>) -> String {
    match value {
        Value::Number(n) => {
            problems.push(SheetProblem::new(
                place,
                field,
                format!("must be a date (a spreadsheet date, or text written YYYY-MM-DD), found the number {n}"),
            ));
            String::new()
        }
        other => text_of(other, place, field, problems),
    }
}

/// The `questions` sheet (or a `.csv` file).
pub(crate) fn read_questions(grid: &Grid, places: &mut Places, problems: &mut Vec<SheetProblem>) -> Vec<Question> {
    let Some(header) = grid.rows.first() else {
        problems.push(SheetProblem::new(
            &grid.name,
            "",
            format!(
                "the sheet is empty; row 1 must hold the column names ({})",
                QUESTION_COLUMNS.join(", ")
            ),
        ));
        return Vec::new();
    };
    let before = problems.len();
    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (c, cell) in header.iter().enumerate() {
        let name = text_of(cell, &grid.address(0, c), "", problems).to_lowercase();
        if name.is_empty() {
            if grid
                .rows
                .iter()
                .skip(1)
                .any(|row| row.get(c).is_some_and(|v| !v.is_empty()))
            {
                problems.push(SheetProblem::new(
                    grid.address(0, c),
                    "",
                    "this column holds values but has no name; write its field name in row 1, or delete the column",
                ));
            }
            continue;
        }
        match QUESTION_COLUMNS.iter().find(|known| **known == name) {
            Some(known) => {
                if let Some(first) = columns.insert(known, c) {
                    problems.push(SheetProblem::new(
                        grid.address(0, c),
                        "",
                        format!(
                            "the column {known} appears twice (also in {}); keep one",
                            grid.cell(0, first)
                        ),
                    ));
                }
            }
            None => problems.push(SheetProblem::new(
                grid.address(0, c),
                "",
                format!(
                    "{name:?} is not a question field; the columns are: {}",
                    QUESTION_COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in REQUIRED_COLUMNS {
        if !columns.contains_key(required) {
            problems.push(SheetProblem::new(
                grid.row_address(0),
                "",
                format!("the header row has no column {required:?}; add it (every question needs one)"),
            ));
        }
    }
    if problems.len() > before {
        return Vec::new();
    }
    let mut questions = Vec::new();
    let mut rows_of_ids: BTreeMap<String, usize> = BTreeMap::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        if row.iter().all(Value::is_empty) {
            continue;
        }
        let empty = Value::Empty;
        let cell = |name: &str| columns.get(name).and_then(|c| row.get(*c)).unwrap_or(&empty);
        let at = |name: &str| match columns.get(name) {
            Some(c) => grid.address(r, *c),
            None => grid.row_address(r),
        };
        let text = |name: &str, problems: &mut Vec<SheetProblem>| text_of(cell(name), &at(name), name, problems);
        let id = text("id", problems);
        if !is_safe_id(&id) {
            problems.push(SheetProblem::new(
                at("id"),
                "id",
                format!("must be lowercase letters, digits and dashes, starting with a letter or digit, e.g. side-effects-fatigue; found {id:?}"),
            ));
            continue;
        }
        if let Some(first) = rows_of_ids.insert(id.clone(), r) {
            problems.push(SheetProblem::new(
                at("id"),
                "id",
                format!(
                    "{id:?} is already the id of row {}; give each question its own id",
                    grid.row_address(first)
                ),
            ));
            continue;
        }
        let sections = match parse_sections(&text("sections", problems)) {
            Ok(sections) => sections,
            Err(message) => {
                problems.push(SheetProblem::new(at("sections"), "sections", message));
                Vec::new()
            }
        };
        let references = match parse_references(&text("references", problems)) {
            Ok(references) => references,
            Err(message) => {
                problems.push(SheetProblem::new(at("references"), "references", message));
                Vec::new()
            }
        };
        let url = text("more_info_url", problems);
        let question = Question {
            topic: text("topic", problems),
            question: text("question", problems),
            summary: text("summary", problems),
            sections,
            urgent: parse_list(&text("urgent", problems)),
            ask_your_doctor: parse_list(&text("ask_your_doctor", problems)),
            references,
            reviewed: date_of(cell("reviewed"), &at("reviewed"), "reviewed", problems),
            keywords: parse_list(&text("keywords", problems)),
            more_info_url: (!url.is_empty()).then_some(url),
            id: id.clone(),
        };
        let cells = columns
            .iter()
            .map(|(name, c)| (name.to_string(), grid.address(r, *c)))
            .collect();
        places.questions.insert(
            id,
            QuestionPlaces {
                row: grid.row_address(r),
                cells,
            },
        );
        questions.push(question);
    }
    questions
}

/// An id that can name a file; the engine judges the rest of the id rule.
fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The `bundle` sheet: `key` and `value` columns, one row per manifest field.
pub(crate) fn read_bundle_sheet(grid: &Grid, places: &mut Places, problems: &mut Vec<SheetProblem>) -> ManifestDraft {
    places.manifest_sheet = grid.name.clone();
    let mut values: BTreeMap<&'static str, (Value, String)> = BTreeMap::new();
    let header_ok = grid.rows.first().is_some_and(|row| {
        let names: Vec<String> = row
            .iter()
            .take(2)
            .map(|v| match v {
                Value::Text(t) => t.trim().to_lowercase(),
                _ => String::new(),
            })
            .collect();
        names == ["key", "value"]
    });
    if !header_ok {
        problems.push(SheetProblem::new(
            grid.row_address(0),
            "",
            "the first row must name the two columns: key and value",
        ));
    }
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let key_cell = row.first().cloned().unwrap_or(Value::Empty);
        let value = row.get(1).cloned().unwrap_or(Value::Empty);
        let key = text_of(&key_cell, &grid.address(r, 0), "", problems).to_lowercase();
        if key.is_empty() {
            if !value.is_empty() {
                problems.push(SheetProblem::new(
                    grid.address(r, 0),
                    "",
                    "this value has no key; write the field name in column A",
                ));
            }
            continue;
        }
        match BUNDLE_KEYS.iter().find(|k| **k == key) {
            Some(known) => {
                let place = grid.address(r, 1);
                places.manifest.insert(known.to_string(), place.clone());
                if values.insert(known, (value, place)).is_some() {
                    problems.push(SheetProblem::new(
                        grid.address(r, 0),
                        "",
                        format!("the key {known} appears twice; keep one row"),
                    ));
                }
            }
            None => problems.push(SheetProblem::new(
                grid.address(r, 0),
                "",
                format!(
                    "{key:?} is not a bundle field; the keys are: {} (format and files are worked out)",
                    BUNDLE_KEYS.join(", ")
                ),
            )),
        }
    }
    for key in BUNDLE_KEYS.iter().filter(|k| **k != "reviewed_by") {
        if !values.contains_key(key) {
            problems.push(SheetProblem::new(
                &grid.name,
                *key,
                format!("is missing; add a row with the key {key} and its value"),
            ));
        }
    }
    let get = |key: &str| values.get(key).cloned().unwrap_or((Value::Empty, grid.name.clone()));
    let text = |key: &str, problems: &mut Vec<SheetProblem>| {
        let (value, place) = get(key);
        text_of(&value, &place, key, problems)
    };
    let (version_value, version_place) = get("version");
    let version = if values.contains_key("version") {
        version_of(&version_value, &version_place, problems)
    } else {
        1
    };
    let (published_value, published_place) = get("published");
    let topics_text = text("topics", problems);
    let reviewed_by = text("reviewed_by", problems);
    ManifestDraft {
        id: text("id", problems),
        version,
        title: text("title", problems),
        publisher: text("publisher", problems),
        language: text("language", problems),
        published: date_of(&published_value, &published_place, "published", problems),
        disclaimer: text("disclaimer", problems),
        reviewed_by: (!reviewed_by.is_empty()).then_some(reviewed_by),
        topics: topics_of(&topics_text, &get("topics").1, problems),
    }
}

fn version_of(value: &Value, place: &str, problems: &mut Vec<SheetProblem>) -> u32 {
    let number = match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX) => Some(*n as u32),
        Value::Text(t) => t.trim().parse::<u32>().ok().filter(|v| *v >= 1),
        _ => None,
    };
    number.unwrap_or_else(|| {
        let shown = match value {
            Value::Text(t) => format!("{t:?}"),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => format!("the date {d}"),
            _ => "another value".into(),
        };
        problems.push(SheetProblem::new(
            place,
            "version",
            format!("must be a whole number from 1 to 4294967295, found {shown}"),
        ));
        1
    })
}

fn topics_of(text: &str, place: &str, problems: &mut Vec<SheetProblem>) -> Vec<kiosk_core::bundle::Topic> {
    parse_topics(text).unwrap_or_else(|message| {
        problems.push(SheetProblem::new(place, "topics", message));
        Vec::new()
    })
}

/// The manifest of a `.csv` file, from the command line's options.
pub(crate) fn manifest_from_options(
    options: &SheetOptions,
    places: &mut Places,
    problems: &mut Vec<SheetProblem>,
) -> ManifestDraft {
    places.manifest_sheet = "options".into();
    for (key, option) in [
        ("id", "--id"),
        ("version", "--version"),
        ("title", "--title"),
        ("publisher", "--publisher"),
        ("language", "--language"),
        ("published", "--published"),
        ("disclaimer", "--disclaimer"),
        ("reviewed_by", "--reviewed-by"),
        ("topics", "--topic"),
    ] {
        places.manifest.insert(key.into(), option.into());
    }
    let mut required = |value: &Option<String>, option: &str| {
        value.clone().unwrap_or_else(|| {
            problems.push(SheetProblem::new(
                option,
                "",
                "is required with a .csv file (a .csv holds only the questions; the bundle's fields are options)",
            ));
            String::new()
        })
    };
    let id = required(&options.id, "--id");
    let title = required(&options.title, "--title");
    let publisher = required(&options.publisher, "--publisher");
    let language = required(&options.language, "--language");
    let disclaimer = required(&options.disclaimer, "--disclaimer");
    if options.topics.is_empty() {
        problems.push(SheetProblem::new(
            "--topic",
            "",
            "is required with a .csv file: give each topic as --topic \"topic-id: Topic title\"",
        ));
    }
    ManifestDraft {
        id,
        version: options.version.unwrap_or(1),
        title,
        publisher,
        language,
        published: options.published.clone().unwrap_or_else(today),
        disclaimer,
        reviewed_by: options.reviewed_by.clone(),
        topics: topics_of(&options.topics.join("\n"), "--topic", problems),
    }
}
