//! Checks one question file: its fields, its citation markers against its references, and the
//! readability of what patients read first.

use std::collections::BTreeSet;

use serde_json::Value;

use super::check::{join, parse_json, Checker, BUNDLE_ID_LEN};
use super::citations::{cited_numbers, strip_markers};
use super::model::{Question, Reference, Section, Topic};
use super::problem::{Problem, QuestionReadability, ReadabilityScore};

const QUESTION_ID_LEN: usize = 80;

const QUESTION_FIELDS: &[&str] = &[
    "id",
    "topic",
    "question",
    "summary",
    "sections",
    "ask_your_doctor",
    "references",
    "reviewed",
    "keywords",
    "more_info_url",
];

pub(super) fn check_question(
    name: &str,
    bytes: &[u8],
    topics: Option<&[Topic]>,
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
        let Some(topics) = topics else {
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
        sections: sections?,
        ask_your_doctor: ask?,
        references: references?,
        reviewed: reviewed?,
        keywords: keywords?,
        more_info_url: more_info_url?,
    };
    (errors.len() == before).then_some(question)
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

pub(super) fn measure(
    name: &str,
    question: &Question,
    language: &str,
    warnings: &mut Vec<Problem>,
) -> QuestionReadability {
    let Some(lang) = readability::Language::from_tag(language) else {
        return QuestionReadability {
            id: question.id.clone(),
            summary: None,
            hardest_ask_your_doctor: None,
        };
    };
    let mut score = |field: String, text: &str| -> Option<ReadabilityScore> {
        let measured = readability::measure(&strip_markers(text), lang)?;
        if measured.exceeds(readability::TARGET_MAX_GRADE) {
            warnings.push(Problem::new(
                name,
                field,
                format!(
                    "reads at grade {:.1} ({} {:.1}); aim for grade {} or below: shorter sentences, shorter words",
                    measured.grade,
                    measured.formula.name(),
                    measured.score,
                    readability::TARGET_MAX_GRADE
                ),
            ));
        }
        Some(ReadabilityScore {
            formula: measured.formula.name(),
            score: round1(measured.score),
            grade: round1(measured.grade),
        })
    };
    let summary = score("summary".to_string(), &question.summary);
    let hardest = question
        .ask_your_doctor
        .iter()
        .enumerate()
        .filter_map(|(i, item)| score(format!("ask_your_doctor[{i}]"), item))
        .max_by(|a, b| a.grade.total_cmp(&b.grade));
    QuestionReadability {
        id: question.id.clone(),
        summary,
        hardest_ask_your_doctor: hardest,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
