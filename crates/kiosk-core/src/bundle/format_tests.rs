//! Format 2 (`reviewed_by`, `urgent`) and the readability of whole answers, checked on bundles built
//! in memory: what a kiosk of each format accepts, and the message when it cannot read a bundle.

use serde_json::{json, Value};

use super::validate::{sha256_hex, validate_up_to};
use super::{validate, BundleFiles, Limits, Validation};

fn question(language: &str) -> Value {
    let (summary, paragraph) = if language == "es" {
        (
            "Llame a su equipo si tiene fiebre [1].",
            "La fiebre puede ser un signo de infección [1].",
        )
    } else {
        (
            "Call your care team if you have a fever [1].",
            "A fever can be a sign of infection [1].",
        )
    };
    json!({
        "id": "q1",
        "topic": "basics",
        "question": "When should I call?",
        "summary": summary,
        "sections": [{ "heading": "Why", "paragraphs": [paragraph] }],
        "ask_your_doctor": ["Who do I call at night?"],
        "references": [{ "n": 1, "text": "Example. A page.", "url": "https://www.cancer.gov/" }],
        "reviewed": "2026-01-15"
    })
}

fn manifest(format: u32, language: &str) -> Value {
    json!({
        "format": format,
        "id": "test-bundle",
        "version": 1,
        "title": "Test",
        "publisher": "Test publisher",
        "language": language,
        "published": "2026-01-15",
        "disclaimer": "General information only.",
        "topics": [{ "id": "basics", "title": "Basics" }]
    })
}

fn files(mut manifest: Value, question: &Value) -> BundleFiles {
    let bytes = serde_json::to_vec_pretty(question).expect("json");
    manifest["files"] = json!({ "questions/q1.json": sha256_hex(&bytes) });
    let entries = vec![
        (
            "manifest.json".to_string(),
            serde_json::to_vec(&manifest).expect("json"),
        ),
        ("questions/q1.json".to_string(), bytes),
    ];
    BundleFiles::from_entries(entries, Limits::default()).expect("within limits")
}

fn messages(validation: &Validation) -> (Vec<String>, Vec<String>) {
    let lines = |problems: &[super::Problem]| problems.iter().map(ToString::to_string).collect();
    (lines(&validation.report.errors), lines(&validation.report.warnings))
}

fn reviewed_format_2() -> BundleFiles {
    let mut m = manifest(2, "en");
    m["reviewed_by"] = json!("Dr. Ana Ruiz, MD, Riverside Cancer Center");
    let mut q = question("en");
    q["urgent"] = json!(["A fever of 100.4 °F (38 °C) or higher", "Chest pain"]);
    files(m, &q)
}

#[test]
fn a_format_1_bundle_stays_valid_and_is_a_draft() {
    let validation = validate(&files(manifest(1, "en"), &question("en")));
    let (errors, warnings) = messages(&validation);
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "a plain format-1 bundle passes: {errors:?} {warnings:?}"
    );
    let bundle = validation.bundle().expect("valid");
    assert_eq!(bundle.manifest().format, 1, "the format is kept");
    assert_eq!(bundle.manifest().reviewed_by, None, "no reviewer: a draft");
    assert!(bundle.questions()[0].urgent.is_empty(), "no urgent signs");
}

#[test]
fn a_format_2_bundle_carries_its_reviewer_and_urgent_signs() {
    let validation = validate(&reviewed_format_2());
    let (errors, warnings) = messages(&validation);
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "format 2 with both fields passes: {errors:?} {warnings:?}"
    );
    let bundle = validation.bundle().expect("valid");
    assert_eq!(bundle.manifest().format, 2);
    assert_eq!(
        bundle.manifest().reviewed_by.as_deref(),
        Some("Dr. Ana Ruiz, MD, Riverside Cancer Center")
    );
    assert_eq!(bundle.questions()[0].urgent.len(), 2, "both signs are kept, in order");
}

#[test]
fn a_kiosk_that_reads_only_format_1_refuses_format_2_saying_it_needs_an_update() {
    let validation = validate_up_to(&reviewed_format_2(), 1);
    let (errors, _) = messages(&validation);
    assert!(validation.bundle().is_none(), "the bundle is refused");
    assert_eq!(
        errors.len(),
        1,
        "one clear message, not a list of unknown fields the kiosk cannot judge: {errors:?}"
    );
    assert!(
        errors[0].starts_with(
            "manifest.json: format: is 2, but this kiosk reads bundle formats 1 to 1: this kiosk needs an update"
        ),
        "the message says the kiosk needs an update: {errors:?}"
    );
}

#[test]
fn this_kiosk_refuses_a_future_format_the_same_way() {
    let validation = validate(&files(manifest(4, "en"), &question("en")));
    let (errors, _) = messages(&validation);
    assert!(
        errors.len() == 1 && errors[0].contains("this kiosk needs an update"),
        "format 4 needs a newer kiosk: {errors:?}"
    );
}

#[test]
fn a_kiosk_that_reads_only_formats_1_and_2_refuses_a_question_order_saying_it_needs_an_update() {
    let mut m = manifest(3, "en");
    m["topics"][0]["questions"] = json!(["q1"]);
    let ordered = files(m, &question("en"));
    let validation = validate(&ordered);
    assert!(
        validation.bundle().is_some(),
        "this kiosk reads the order: {:?}",
        messages(&validation)
    );
    let older = validate_up_to(&ordered, 2);
    let (errors, _) = messages(&older);
    assert!(
        errors.len() == 1
            && errors[0].starts_with(
                "manifest.json: format: is 3, but this kiosk reads bundle formats 1 to 2: this kiosk needs an update"
            ),
        "a format-2 kiosk gives one clear message, not an unknown field: {errors:?}"
    );
}

#[test]
fn format_2_fields_in_a_format_1_bundle_are_refused_with_what_to_do() {
    let mut m = manifest(1, "en");
    m["reviewed_by"] = json!("Dr. Ana Ruiz");
    let mut q = question("en");
    q["urgent"] = json!(["Chest pain"]);
    let (errors, _) = messages(&validate(&files(m, &q)));
    for field in ["manifest.json: reviewed_by:", "questions/q1.json: urgent:"] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(field) && e.contains("needs \"format\": 2")),
            "{field} names the format it needs: {errors:?}"
        );
    }
}

#[test]
fn format_2_without_its_fields_is_valid_with_a_warning_to_stay_format_1() {
    let validation = validate(&files(manifest(2, "en"), &question("en")));
    let (errors, warnings) = messages(&validation);
    assert!(errors.is_empty(), "still valid: {errors:?}");
    assert!(
        warnings.iter().any(|w| w.contains("declare \"format\": 1")),
        "the publisher is told to keep format 1 for older kiosks: {warnings:?}"
    );
}

#[test]
fn every_paragraph_and_section_is_scored_and_a_hard_one_warned_about() {
    let mut q = question("en");
    q["sections"] = json!([{
        "heading": "Why",
        "paragraphs": [
            "A fever can be a sign of infection [1].",
            "Immunosuppressive pharmacological interventions necessitate comprehensive individualized multidisciplinary consideration [1]."
        ]
    }]);
    let validation = validate(&files(manifest(1, "en"), &q));
    let (_, warnings) = messages(&validation);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("questions/q1.json: sections[0].paragraphs[1]: reads at grade")),
        "the hard paragraph is named: {warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("sections[0].paragraphs[0]")),
        "the easy paragraph is not: {warnings:?}"
    );
    let scores = &validation.report.readability[0];
    assert_eq!(scores.sections.len(), 1, "one section scored");
    assert_eq!(scores.sections[0].paragraphs.len(), 2, "each paragraph scored");
    assert!(scores.sections[0].whole.is_some(), "the section as a whole scored");
}

#[test]
fn a_spanish_sentence_over_25_words_is_warned_about() {
    let long = "Si usted tiene fiebre o se siente mal o nota algo nuevo en su cuerpo durante el tratamiento o después de él llame a su equipo de atención médica hoy mismo [1].";
    let mut q = question("es");
    q["sections"][0]["paragraphs"] = json!([long, "La fiebre es un signo [1]."]);
    let (_, warnings) = messages(&validate(&files(manifest(1, "es"), &q)));
    let long_ones: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("split Spanish sentences"))
        .collect();
    assert_eq!(long_ones.len(), 1, "exactly the long sentence is flagged: {warnings:?}");
    assert!(
        long_ones[0].starts_with("questions/q1.json: sections[0].paragraphs[0]: has a sentence of 31 words"),
        "with its place and length: {long_ones:?}"
    );
}

#[test]
fn english_sentences_are_not_held_to_the_spanish_length_rule() {
    let long = "If you have a fever or feel unwell or notice something new in your body during or after your treatment then call your care team on the same day please [1].";
    let mut q = question("en");
    q["sections"][0]["paragraphs"] = json!([long]);
    let (_, warnings) = messages(&validate(&files(manifest(1, "en"), &q)));
    assert!(
        !warnings.iter().any(|w| w.contains("split Spanish sentences")),
        "the 25-word rule is for Spanish: {warnings:?}"
    );
}
