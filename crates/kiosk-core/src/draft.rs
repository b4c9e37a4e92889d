//! Live checks for the editor window (`clinic-kiosk author`): one question as it is being written,
//! checked by the code `validate` runs — the same field rules, the same citation rule, the same
//! readability scores — so the editor never shows a grade or a problem the validator would not.
//!
//! A draft is raw JSON (`serde_json::Value`): while someone types, fields are empty, half-typed
//! or missing, and the check must still say something useful about every other field. The preview
//! is built leniently from whatever is there, in the shape the answer screen draws
//! ([`crate::store::Answer`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::bundle::{
    check_question, cited_numbers, measure, parse_segments, score_section, score_text, Checker, Problem, Question,
    QuestionContext, ReadabilityScore, Reference, Section, Topic, ORDER_FORMAT, REVIEW_FORMAT,
};
use crate::store::{Answer, AnswerSection, BundleInfo, ReviewStatus};

mod folder;
pub use folder::{open_folder, write_folder, DraftBundle};

/// What the editor shows beside a question while it is written.
#[derive(Debug, Clone, Serialize)]
pub struct DraftCheck {
    /// Problems that would refuse the bundle, as `bundle validate` words them.
    pub errors: Vec<Problem>,
    /// Problems worth fixing that would not refuse it (readability, unused references).
    pub warnings: Vec<Problem>,
    /// The reading grade of each text validation scores, by its field path (`summary`,
    /// `urgent[0]`, `sections[1]` for a section as a whole, `sections[1].paragraphs[0]`,
    /// `ask_your_doctor[2]`).
    pub grades: BTreeMap<String, ReadabilityScore>,
    /// Citation markers naming a reference the question does not have.
    pub unknown_citations: Vec<UnknownCitation>,
    /// Reference numbers no marker cites.
    pub unused_references: Vec<u32>,
    /// The answer as the patient screen would draw it.
    pub preview: Answer,
}

/// A marker `[n]` in a text whose number is not a reference of the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownCitation {
    /// The field path of the text, e.g. `sections[0].paragraphs[2]`.
    pub field: String,
    /// The number cited.
    pub n: u32,
}

/// [`check_draft`], and that the question's id is not also the id of one of the bundle's other
/// questions (`other_ids`): two questions with one id could not be saved (the id is the file
/// name), so the editor says so while the id is typed, with the words Save would use.
pub fn check_draft_among(manifest: &Value, question: &Value, other_ids: &[String]) -> DraftCheck {
    let mut check = check_draft(manifest, question);
    let id = text(&question["id"]);
    if !id.is_empty() && other_ids.contains(&id) {
        check.errors.insert(
            0,
            Problem::new(format!("questions/{id}.json"), "id", folder::id_taken(&id)),
        );
    }
    check
}

/// Checks one question draft against the bundle's manifest draft (its language, topics, title,
/// disclaimer and reviewer).
pub fn check_draft(manifest: &Value, question: &Value) -> DraftCheck {
    let language = text(&manifest["language"]);
    let topics = topics_of(manifest);
    let id = text(&question["id"]);
    let name = format!("questions/{id}.json");
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    // The editor chooses the format when it saves (see [`fitting_format`]), so a draft is checked
    // as format 2 and never told to change a number the writer does not see.
    let context = QuestionContext {
        topics: Some(&topics),
        format: REVIEW_FORMAT,
    };
    let bytes = serde_json::to_vec(question).unwrap_or_default();
    check_question(&name, &bytes, &context, &mut errors, &mut warnings);
    // Readability warnings come from validation's own scorer, run on whatever text is there, so
    // they show up even while another field still has an error.
    measure(&name, &lenient_question(question), &language, &mut warnings);
    let (unknown_citations, unused_references) = citations(question);
    DraftCheck {
        errors,
        warnings,
        grades: grades(question, &language),
        unknown_citations,
        unused_references,
        preview: preview(manifest, question, &topics),
    }
}

/// The bundle format a manifest needs: 3 when a topic lists the order of its questions, 2 when it
/// names a reviewer or a question has urgent signs, else 1, so every kiosk that can read the
/// bundle does. The editor sets it when saving; the writer never sees the number.
pub fn fitting_format(manifest: &Value, questions: &[Value]) -> u32 {
    let reviewed = !text(&manifest["reviewed_by"]).trim().is_empty();
    let urgent = questions
        .iter()
        .any(|q| q["urgent"].as_array().is_some_and(|signs| !signs.is_empty()));
    let ordered = manifest["topics"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|topic| topic.get("questions").is_some());
    if ordered {
        ORDER_FORMAT
    } else if reviewed || urgent {
        REVIEW_FORMAT
    } else {
        1
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn texts(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn topics_of(manifest: &Value) -> Vec<Topic> {
    manifest["topics"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|t| serde_json::from_value::<Topic>(t.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The texts of a draft as a [`Question`] for the readability scorer; what is missing is empty.
fn lenient_question(question: &Value) -> Question {
    Question {
        id: text(&question["id"]),
        topic: text(&question["topic"]),
        question: text(&question["question"]),
        summary: text(&question["summary"]),
        sections: question["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| Section {
                heading: text(&s["heading"]),
                paragraphs: texts(&s["paragraphs"]),
            })
            .collect(),
        urgent: texts(&question["urgent"]),
        ask_your_doctor: texts(&question["ask_your_doctor"]),
        references: Vec::new(),
        reviewed: text(&question["reviewed"]),
        keywords: Vec::new(),
        more_info_url: None,
    }
}

/// Every text's grade, scored exactly as validation scores it.
fn grades(question: &Value, language: &str) -> BTreeMap<String, ReadabilityScore> {
    let mut grades = BTreeMap::new();
    let mut add = |field: String, score: Option<ReadabilityScore>| {
        if let Some(score) = score {
            grades.insert(field, score);
        }
    };
    add("summary".into(), score_text(&text(&question["summary"]), language));
    for (i, sign) in texts(&question["urgent"]).iter().enumerate() {
        add(format!("urgent[{i}]"), score_text(sign, language));
    }
    for (i, section) in question["sections"].as_array().into_iter().flatten().enumerate() {
        let paragraphs = texts(&section["paragraphs"]);
        for (j, paragraph) in paragraphs.iter().enumerate() {
            add(
                format!("sections[{i}].paragraphs[{j}]"),
                score_text(paragraph, language),
            );
        }
        add(
            format!("sections[{i}]"),
            score_section(&text(&section["heading"]), &paragraphs, language),
        );
    }
    for (i, item) in texts(&question["ask_your_doctor"]).iter().enumerate() {
        add(format!("ask_your_doctor[{i}]"), score_text(item, language));
    }
    grades
}

/// The texts that may cite, by field path.
fn citing_texts(question: &Value) -> Vec<(String, String)> {
    let mut list = vec![("summary".to_string(), text(&question["summary"]))];
    for (i, section) in question["sections"].as_array().into_iter().flatten().enumerate() {
        for (j, paragraph) in texts(&section["paragraphs"]).into_iter().enumerate() {
            list.push((format!("sections[{i}].paragraphs[{j}]"), paragraph));
        }
    }
    list
}

/// Markers without a reference, and references without a marker (the rule of `validate`).
fn citations(question: &Value) -> (Vec<UnknownCitation>, Vec<u32>) {
    let known: BTreeSet<u32> = question["references"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["n"].as_u64().and_then(|n| u32::try_from(n).ok()))
        .collect();
    let mut cited = BTreeSet::new();
    let mut unknown = Vec::new();
    for (field, body) in citing_texts(question) {
        for n in cited_numbers(&body) {
            if !known.contains(&n) {
                unknown.push(UnknownCitation {
                    field: field.clone(),
                    n,
                });
            }
            cited.insert(n);
        }
    }
    (unknown, known.difference(&cited).copied().collect())
}

/// The answer as the patient screen draws it, from whatever the draft holds.
fn preview(manifest: &Value, question: &Value, topics: &[Topic]) -> Answer {
    let topic = text(&question["topic"]);
    let reviewed_by = Some(text(&manifest["reviewed_by"])).filter(|who| !who.trim().is_empty());
    let mut scratch = Vec::new();
    let reviewed = Checker::new("", &mut scratch)
        .date("reviewed", &question["reviewed"])
        .unwrap_or_default();
    // A reviewer with no valid date yet is shown as a draft rather than as "reviewed on ?".
    let review_status = if reviewed.is_empty() {
        ReviewStatus::Draft
    } else {
        ReviewStatus::of(reviewed_by.as_deref())
    };
    let mut references: Vec<Reference> = question["references"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let n = u32::try_from(r["n"].as_u64()?).ok()?;
            let optional = |key: &str| Some(text(&r[key])).filter(|v| !v.is_empty());
            Some(Reference {
                n,
                text: text(&r["text"]),
                pmid: optional("pmid"),
                doi: optional("doi"),
                url: optional("url"),
            })
        })
        .collect();
    references.sort_by_key(|r| r.n);
    Answer {
        id: text(&question["id"]),
        language: text(&manifest["language"]),
        topic_title: topics
            .iter()
            .find(|t| t.id == topic)
            .map(|t| t.title.clone())
            .unwrap_or_default(),
        topic,
        question: text(&question["question"]),
        urgent: texts(&question["urgent"]),
        summary: parse_segments(&text(&question["summary"])),
        sections: question["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| AnswerSection {
                heading: text(&s["heading"]),
                paragraphs: texts(&s["paragraphs"]).iter().map(|p| parse_segments(p)).collect(),
            })
            .collect(),
        ask_your_doctor: texts(&question["ask_your_doctor"]),
        references,
        reviewed,
        review_status,
        reviewed_by,
        more_info_url: Some(text(&question["more_info_url"])).filter(|u| !u.is_empty()),
        keywords: texts(&question["keywords"]),
        bundle: BundleInfo {
            id: text(&manifest["id"]),
            title: text(&manifest["title"]),
            version: manifest["version"]
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0),
            disclaimer: text(&manifest["disclaimer"]),
        },
    }
}

#[cfg(test)]
mod tests;
