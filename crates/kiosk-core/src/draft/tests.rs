//! The live check against `validate` itself: same grades, same warnings, same citation rule.

use serde_json::json;

use super::*;
use crate::bundle::{validate, BundleFiles, Limits};

fn manifest() -> Value {
    json!({
        "format": 1, "id": "clinic-en", "version": 1, "title": "Our clinic", "publisher": "Clinic",
        "language": "en", "published": "2026-11-30", "disclaimer": "Not medical advice.",
        "topics": [{ "id": "visits", "title": "Your visit" }], "files": {}
    })
}

fn question() -> Value {
    json!({
        "id": "parking", "topic": "visits", "question": "Where can I park?",
        "summary": "Park in the lot behind the clinic. It is free for patients [1].",
        "sections": [{ "heading": "If the lot is full", "paragraphs": ["Use the street. Read the signs with care, since some spots have time limits that are strictly enforced by the municipal authorities [2]."] }],
        "ask_your_doctor": ["Can someone help me walk in?"],
        "references": [{ "n": 1, "text": "Clinic parking guide." }, { "n": 2, "text": "City rules." }, { "n": 3, "text": "Unused." }],
        "reviewed": "2026-11-30"
    })
}

#[test]
fn the_grades_are_the_numbers_validation_reports() {
    let (manifest, question) = (manifest(), question());
    let check = check_draft(&manifest, &question);
    let bytes = serde_json::to_vec(&question).expect("json");
    let mut manifest = manifest;
    manifest["files"] =
        json!({ "questions/parking.json": hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)) });
    let files = BundleFiles::from_entries(
        [
            (
                "manifest.json".to_string(),
                serde_json::to_vec(&manifest).expect("json"),
            ),
            ("questions/parking.json".to_string(), bytes),
        ],
        Limits::default(),
    )
    .expect("in memory");
    let report = validate(&files).report;
    assert!(report.errors.is_empty(), "the fixture is valid: {:?}", report.errors);
    let scored = &report.readability[0];
    assert_eq!(check.grades.get("summary"), scored.summary.as_ref(), "summary grade");
    assert_eq!(
        check.grades.get("sections[0]"),
        scored.sections[0].whole.as_ref(),
        "a section as a whole"
    );
    assert_eq!(
        check.grades.get("sections[0].paragraphs[0]"),
        scored.sections[0].paragraphs[0].as_ref(),
        "a paragraph"
    );
    assert_eq!(
        check.grades.get("ask_your_doctor[0]"),
        scored.hardest_ask_your_doctor.as_ref(),
        "the only ask item is the hardest"
    );
    let warned: Vec<String> = report.warnings.iter().map(|w| w.field.clone()).collect();
    let live: Vec<String> = check.warnings.iter().map(|w| w.field.clone()).collect();
    assert_eq!(live, warned, "the editor warns about the same fields as validation");
}

#[test]
fn a_hard_text_is_warned_about_as_validation_warns_even_beside_an_error() {
    let mut question = question();
    question["summary"] =
        json!("Notwithstanding considerable interindividual variability, immunologically mediated toxicities necessitate multidisciplinary evaluation.");
    question["reviewed"] = json!("not a date");
    let check = check_draft(&manifest(), &question);
    assert!(
        check.errors.iter().any(|e| e.field == "reviewed"),
        "the bad date is an error: {:?}",
        check.errors
    );
    assert!(
        check
            .warnings
            .iter()
            .any(|w| w.field == "summary" && w.message.starts_with("reads at grade")),
        "the hard summary is warned about with validation's words: {:?}",
        check.warnings
    );
}

#[test]
fn unknown_markers_and_unused_references_are_named_as_typed() {
    let mut question = question();
    question["summary"] = json!("Park behind the clinic [1, 7].");
    let check = check_draft(&manifest(), &question);
    assert_eq!(
        check.unknown_citations,
        vec![UnknownCitation {
            field: "summary".into(),
            n: 7
        }],
        "a marker naming no reference is shown with its field"
    );
    assert_eq!(check.unused_references, vec![3], "reference 3 is cited nowhere");
    assert!(
        check
            .errors
            .iter()
            .any(|e| e.field == "summary" && e.message.contains("[7]")),
        "validation's own error is listed too: {:?}",
        check.errors
    );
}

#[test]
fn a_half_written_draft_still_gets_grades_problems_and_a_preview() {
    let question = json!({ "id": "", "summary": "Short words help. [2", "references": [{ "n": "x" }] });
    let check = check_draft(&manifest(), &question);
    assert!(
        check.grades.contains_key("summary"),
        "the summary is graded while other fields are missing"
    );
    assert!(
        check.errors.iter().any(|e| e.field == "question"),
        "missing fields are named: {:?}",
        check.errors
    );
    assert_eq!(check.preview.summary.len(), 1, "the unfinished marker is plain text");
    assert_eq!(check.preview.review_status, ReviewStatus::Draft);
    assert!(
        check.preview.references.is_empty(),
        "a reference without a number is left out"
    );
}

#[test]
fn the_format_is_two_only_when_a_format_two_field_is_used() {
    let mut manifest = manifest();
    assert_eq!(fitting_format(&manifest, &[question()]), 1, "nothing needs format 2");
    let mut urgent = question();
    urgent["urgent"] = json!(["Fever over 38 °C"]);
    assert_eq!(
        fitting_format(&manifest, &[question(), urgent]),
        2,
        "urgent signs need format 2"
    );
    manifest["reviewed_by"] = json!("Dr. Ana Ruiz, MD");
    assert_eq!(fitting_format(&manifest, &[question()]), 2, "a reviewer needs format 2");
}

#[test]
fn an_id_another_question_has_is_an_error_while_it_is_typed() {
    let (manifest, question) = (manifest(), question());
    let others = ["fees".to_string(), "parking".to_string()];
    let check = check_draft_among(&manifest, &question, &others);
    let taken: Vec<String> = check
        .errors
        .iter()
        .filter(|p| p.field == "id")
        .map(|p| p.message.clone())
        .collect();
    assert_eq!(
        taken,
        ["\"parking\" is the id of another question too; give each question its own id"],
        "the id of another question is named, in the words Save uses"
    );
    let alone = check_draft_among(&manifest, &question, &others[..1]);
    assert!(
        !alone.errors.iter().any(|p| p.field == "id"),
        "an id of its own is fine: {:?}",
        alone.errors
    );
}
