//! Checks one question file: its fields and its citation markers against its references
//! (readability is scored in `scores.rs`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::check::{join, needs_format_2, parse_json, Checker, BUNDLE_ID_LEN, REVIEW_FORMAT};
use super::citations::cited_numbers;
use super::model::{Question, Reference, Section, Topic};
use super::problem::Problem;

const QUESTION_ID_LEN: usize = 80;
/// At most this many urgent signs: a box a patient reads at a glance.
const MAX_URGENT: usize = 8;
/// Each urgent sign is short enough to read in one look.
const MAX_URGENT_CHARS: usize = 120;

/// What a question's checks need from the manifest.
pub(crate) struct QuestionContext<'m> {
    /// The manifest's topics; `None` when they are broken (and reported there).
    pub(crate) topics: Option<&'m [Topic]>,
    /// The bundle's declared format.
    pub(crate) format: u32,
}

/// A question's fields, in the order the format documents them; no others are allowed.
pub const QUESTION_FIELDS: &[&str] = &[
    "id",
    "topic",
    "question",
    "summary",
    "urgent",
    "sections",
    "ask_your_doctor",
    "references",
    "reviewed",
    "keywords",
    "more_info_url",
];

pub(crate) fn check_question(
    name: &str,
    bytes: &[u8],
    context: &QuestionContext<'_>,
    errors: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Option<Question> {
    let value = parse_json(name, bytes, errors)?;
    let before = errors.len();
    let mut c = Checker::new(name, errors);
    let map = c.object("", &value, QUESTION_FIELDS)?;
    let stem = name.trim_start_matches("questions/").trim_end_matches(".json");

    let id = c.required(map, "", "id").and_then(|v| c.id("id", v, QUESTION_ID_LEN));
    if let Some(id) = &id {
        if id != stem {
            c.report(
                "id",
                format!("is {id:?} but the file is named {stem}.json; they must be equal"),
            );
        }
    }
    let topic = c.required(map, "", "topic").and_then(|v| {
        let topic = c.string("topic", v, 1, BUNDLE_ID_LEN)?;
        let Some(topics) = context.topics else {
            return Some(topic); // the manifest's topics are broken, and reported there
        };
        if topics.iter().any(|t| t.id == topic) {
            Some(topic)
        } else {
            let known: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
            c.report(
                "topic",
                format!(
                    "{topic:?} is not a topic of manifest.json; known topics: {}",
                    known.join(", ")
                ),
            );
            None
        }
    });
    let question = c
        .required(map, "", "question")
        .and_then(|v| c.string("question", v, 1, 200));
    let summary = c
        .required(map, "", "summary")
        .and_then(|v| c.string("summary", v, 1, 1500));
    let urgent = match map.get("urgent") {
        None => Some(Vec::new()),
        Some(_) if context.format < REVIEW_FORMAT => {
            c.report("urgent", needs_format_2("urgent", context.format));
            None
        }
        Some(v) => check_urgent(&mut c, v),
    };
    let sections = match map.get("sections") {
        Some(v) => check_sections(&mut c, v),
        None => Some(Vec::new()),
    };
    let ask = c
        .required(map, "", "ask_your_doctor")
        .and_then(|v| c.string_list("ask_your_doctor", v, 1, 12, 300));
    let references = match map.get("references") {
        Some(v) => check_references(&mut c, v),
        None => Some(Vec::new()),
    };
    let reviewed = c.required(map, "", "reviewed").and_then(|v| c.date("reviewed", v));
    let keywords = match map.get("keywords") {
        Some(v) => c.string_list("keywords", v, 0, 50, 100),
        None => Some(Vec::new()),
    };
    let more_info_url = match map.get("more_info_url") {
        Some(v) => c.https_url("more_info_url", v).map(Some),
        None => Some(None),
    };

    if let (Some(summary), Some(sections), Some(references)) = (&summary, &sections, &references) {
        check_citations(&mut c, summary, sections, references, name, warnings);
    }
    let question = Question {
        id: id?,
        topic: topic?,
        question: question?,
        summary: summary?,
        urgent: urgent?,
        sections: sections?,
        ask_your_doctor: ask?,
        references: references?,
        reviewed: reviewed?,
        keywords: keywords?,
        more_info_url: more_info_url?,
    };
    (errors.len() == before).then_some(question)
}

/// 1 to [`MAX_URGENT`] distinct signs of plain text (no citation markers: they repeat, in a box,
/// signs that a cited section explains).
fn check_urgent(c: &mut Checker<'_>, value: &Value) -> Option<Vec<String>> {
    let signs = c.string_list("urgent", value, 1, MAX_URGENT, MAX_URGENT_CHARS)?;
    let mut ok = true;
    let mut seen = BTreeSet::new();
    for (i, sign) in signs.iter().enumerate() {
        if !cited_numbers(sign).is_empty() {
            c.report(
                &format!("urgent[{i}]"),
                "must be plain text without citation markers; cite the same sign in a section instead",
            );
            ok = false;
        }
        if !seen.insert(sign.trim().to_lowercase()) {
            c.report(&format!("urgent[{i}]"), "repeats an earlier sign; list each sign once");
            ok = false;
        }
    }
    ok.then_some(signs)
}

fn check_sections(c: &mut Checker<'_>, value: &Value) -> Option<Vec<Section>> {
    let items = c.array("sections", value, 0, 20)?;
    let mut sections = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let field = format!("sections[{i}]");
        let Some(map) = c.object(&field, item, &["heading", "paragraphs"]) else {
            ok = false;
            continue;
        };
        let heading = c
            .required(map, &field, "heading")
            .and_then(|v| c.string(&join(&field, "heading"), v, 1, 120));
        let paragraphs = c
            .required(map, &field, "paragraphs")
            .and_then(|v| c.string_list(&join(&field, "paragraphs"), v, 1, 30, 4000));
        match (heading, paragraphs) {
            (Some(heading), Some(paragraphs)) => sections.push(Section { heading, paragraphs }),
            _ => ok = false,
        }
    }
    ok.then_some(sections)
}

fn check_references(c: &mut Checker<'_>, value: &Value) -> Option<Vec<Reference>> {
    let items = c.array("references", value, 0, 50)?;
    let mut references = Vec::new();
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let field = format!("references[{i}]");
        let Some(map) = c.object(&field, item, &["n", "text", "pmid", "doi", "url"]) else {
            ok = false;
            continue;
        };
        let n = c
            .required(map, &field, "n")
            .and_then(|v| c.integer(&join(&field, "n"), v, 1, 999));
        if let Some(n) = n {
            if !seen.insert(n) {
                c.report(&join(&field, "n"), format!("reference number {n} appears twice"));
                ok = false;
            }
        }
        let text = c
            .required(map, &field, "text")
            .and_then(|v| c.string(&join(&field, "text"), v, 1, 1000));
        let pmid = optional(map.get("pmid"), |v| {
            let pmid = c.string(&join(&field, "pmid"), v, 1, 12)?;
            if pmid.bytes().all(|b| b.is_ascii_digit()) {
                Some(pmid)
            } else {
                c.report(&join(&field, "pmid"), "must be digits only, e.g. 28411193");
                None
            }
        });
        let doi = optional(map.get("doi"), |v| {
            let doi = c.string(&join(&field, "doi"), v, 4, 300)?;
            if doi.starts_with("10.") && !doi.chars().any(char::is_whitespace) {
                Some(doi)
            } else {
                c.report(
                    &join(&field, "doi"),
                    "must start with 10., e.g. 10.1038/s41591-020-1131-x",
                );
                None
            }
        });
        let url = optional(map.get("url"), |v| c.https_url(&join(&field, "url"), v));
        match (n, text, pmid, doi, url) {
            (Some(n), Some(text), Some(pmid), Some(doi), Some(url)) => references.push(Reference {
                n: u32::try_from(n).unwrap_or(u32::MAX),
                text,
                pmid,
                doi,
                url,
            }),
            _ => ok = false,
        }
    }
    references.sort_by_key(|r| r.n);
    ok.then_some(references)
}

/// `Some(None)` when absent, `Some(Some(v))` when valid, `None` when present but invalid.
fn optional<T>(value: Option<&Value>, check: impl FnOnce(&Value) -> Option<T>) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some(v) => check(v).map(Some),
    }
}

fn check_citations(
    c: &mut Checker<'_>,
    summary: &str,
    sections: &[Section],
    references: &[Reference],
    name: &str,
    warnings: &mut Vec<Problem>,
) {
    let known: BTreeSet<u32> = references.iter().map(|r| r.n).collect();
    let mut cited = BTreeSet::new();
    let mut texts = vec![("summary".to_string(), summary)];
    for (i, section) in sections.iter().enumerate() {
        for (j, paragraph) in section.paragraphs.iter().enumerate() {
            texts.push((format!("sections[{i}].paragraphs[{j}]"), paragraph));
        }
    }
    for (field, text) in texts {
        for n in cited_numbers(text) {
            if !known.contains(&n) {
                c.report(&field, format!("cites [{n}] but the question has no reference {n}"));
            }
            cited.insert(n);
        }
    }
    for n in known.difference(&cited) {
        warnings.push(Problem::new(
            name,
            "references",
            format!("reference {n} is never cited"),
        ));
    }
}
