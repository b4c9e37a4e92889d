//! The content engine end to end without a window: the default library validates cleanly, imports
//! replace whole bundles atomically, and search finds what patients type.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, Segment};
use kiosk_core::store::{ImportOptions, Store};
use kiosk_core::Error;

fn default_bundle(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/bundles")
        .join(name)
}

fn load(path: &Path) -> kiosk_core::bundle::Bundle {
    let files = BundleFiles::read_path(path, Limits::default()).expect("the bundle folder is readable");
    validate(&files).into_bundle().expect("the bundle is valid")
}

#[test]
fn default_bundles_validate_with_no_errors_and_no_warnings() {
    for name in ["oncology-en", "oncology-es"] {
        let files = BundleFiles::read_path(&default_bundle(name), Limits::default()).expect("readable");
        let report = validate(&files).report;
        assert!(
            report.errors.is_empty(),
            "{name} must have no errors: {:#?}",
            report.errors
        );
        assert!(
            report.warnings.is_empty(),
            "{name} must have no warnings (uncited references, readability above grade 8): {:#?}",
            report.warnings
        );
        assert!(report.readability.len() >= 8, "{name} ships at least 8 questions");
    }
}

#[test]
fn the_sample_library_is_a_draft_and_its_side_effect_answers_put_urgent_signs_first() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    for name in ["oncology-en", "oncology-es"] {
        let bundle = load(&default_bundle(name));
        assert_eq!(
            bundle.manifest().reviewed_by,
            None,
            "{name}: no clinician has reviewed the sample library, so it must not name one"
        );
        assert_eq!(
            bundle.manifest().format,
            2,
            "{name} uses urgent signs, so it declares format 2"
        );
        store.import(&bundle, ImportOptions::default())?;
    }
    for language in ["en", "es"] {
        for id in ["checkpoint-inhibitor-side-effects", "side-effects-after-treatment"] {
            let answer = store.answer(id, language)?;
            assert!(
                (1..=8).contains(&answer.urgent.len()),
                "{id} ({language}): an answer about side effects carries urgent signs"
            );
            assert_eq!(
                answer.review_status,
                kiosk_core::store::ReviewStatus::Draft,
                "{id} ({language}): the answer says it is a draft"
            );
            assert_eq!(answer.reviewed_by, None, "{id} ({language}): no reviewer is named");
        }
    }
    let installed = store.bundles()?;
    assert!(
        installed.iter().all(|b| b.reviewed_by.is_none()),
        "the installed sample bundles are listed as drafts: {installed:?}"
    );
    Ok(())
}

#[test]
fn every_english_question_has_a_spanish_translation_with_the_same_references() {
    let en = load(&default_bundle("oncology-en"));
    let es = load(&default_bundle("oncology-es"));
    for question in en.questions() {
        let translation = es
            .questions()
            .iter()
            .find(|q| q.id == question.id)
            .unwrap_or_else(|| panic!("{} has no Spanish translation under the same id", question.id));
        let numbers = |q: &kiosk_core::bundle::Question| q.references.iter().map(|r| r.n).collect::<Vec<_>>();
        assert_eq!(
            numbers(question),
            numbers(translation),
            "{}: both languages cite the same reference numbers",
            question.id
        );
        assert_eq!(
            question.topic, translation.topic,
            "{}: both languages file it under the same topic",
            question.id
        );
    }
}

#[test]
fn the_example_article_question_is_answered_with_citations() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&load(&default_bundle("oncology-en")), ImportOptions::default())?;
    let answer = store.answer("ici-liver-metastases", "en")?;
    assert_eq!(
        answer.question, "How do immune checkpoint inhibitors work for patients with liver metastases?",
        "the example article's question is in the default library"
    );
    assert!(
        answer.summary.iter().any(|s| matches!(s, Segment::Cite(_))),
        "the summary carries citation markers"
    );
    assert!(!answer.references.is_empty(), "the answer lists its references");
    Ok(())
}

#[test]
fn an_import_replaces_the_whole_previous_version() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    let en = load(&default_bundle("oncology-en"));
    store.import(&en, ImportOptions::default())?;
    let before = store.topics("en")?;
    assert!(!before.is_empty(), "topics are listed after import");

    let again = store.import(&en, ImportOptions::default());
    assert!(
        matches!(again, Err(Error::NotNewer { .. })),
        "the same version again is refused"
    );
    assert_eq!(store.topics("en")?, before, "a refused import changes nothing");

    let outcome = store.import(&en, ImportOptions { allow_downgrade: true })?;
    assert_eq!(
        outcome.previous_version,
        Some(en.manifest().version),
        "the outcome names the replaced version"
    );
    assert_eq!(
        store.topics("en")?,
        before,
        "re-importing the same content gives the same topics"
    );
    let total: u32 = before.iter().map(|t| t.questions).sum();
    assert_eq!(
        total as usize,
        en.questions().len(),
        "no question is duplicated by a replacement"
    );
    Ok(())
}

#[test]
fn search_finds_plain_words_by_prefix_and_ignores_accents() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&load(&default_bundle("oncology-en")), ImportOptions::default())?;
    store.import(&load(&default_bundle("oncology-es")), ImportOptions::default())?;

    let hits = store.search("liv", "en", 20)?;
    assert!(
        hits.iter().any(|h| h.id == "ici-liver-metastases"),
        "typing 'liv' finds the liver question: {hits:?}"
    );
    assert!(
        hits.iter().all(|h| h.language == "en"),
        "English search shows English questions only"
    );

    let hits = store.search("higado", "es", 20)?;
    assert!(!hits.is_empty(), "'higado' without its accent finds 'hígado'");
    assert!(
        hits.iter().all(|h| h.language == "es"),
        "Spanish search shows Spanish questions only"
    );

    assert!(
        store.search("\"NEAR(", "en", 20).is_ok(),
        "FTS syntax typed by a patient is never an error"
    );
    assert!(store.search("   ", "en", 20)?.is_empty(), "blank search finds nothing");
    Ok(())
}

#[test]
fn misspelled_words_are_corrected_to_words_of_the_library_and_prefixes_never_are() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&load(&default_bundle("oncology-en")), ImportOptions::default())?;
    store.import(&load(&default_bundle("oncology-es")), ImportOptions::default())?;

    let found = store.search_corrected("imunotherapy", "en", 20)?;
    assert_eq!(
        found.showing_results_for.as_deref(),
        Some("immunotherapy"),
        "a word one letter off is corrected: {found:?}"
    );
    assert!(!found.hits.is_empty(), "and the corrected search finds answers");

    let found = store.search_corrected("igado", "es", 20)?;
    assert_eq!(
        found.showing_results_for.as_deref(),
        Some("hígado"),
        "the correction is written as the content writes it, accent included: {found:?}"
    );
    assert!(found.hits.iter().all(|h| h.language == "es"), "in the same language");

    let found = store.search_corrected("side efects", "en", 20)?;
    assert_eq!(
        found.showing_results_for.as_deref(),
        Some("side effects"),
        "only the misspelled word of a query changes: {found:?}"
    );

    for typing in ["immu", "immuno", "immunoth", "hígad"] {
        let language = if typing.starts_with('h') { "es" } else { "en" };
        let found = store.search_corrected(typing, language, 20)?;
        assert_eq!(
            found.showing_results_for, None,
            "{typing:?} starts a word of the library, so it is never corrected while typed"
        );
        assert!(!found.hits.is_empty(), "{typing:?} finds answers as typed");
    }

    let found = store.search_corrected("paliatve", "en", 20)?;
    assert_eq!(
        found.showing_results_for.as_deref(),
        Some("palliative"),
        "a misspelling kept in keywords on purpose is never offered as a correction: {found:?}"
    );
    let found = store.search_corrected("nausia", "en", 20)?;
    assert_eq!(
        (found.showing_results_for, found.hits.is_empty()),
        (None, false),
        "a keyword's misspelling matches as typed"
    );
    let found = store.search_corrected("xqzvbnm", "en", 20)?;
    assert!(
        found.showing_results_for.is_none() && found.hits.is_empty(),
        "a word near nothing is left alone: {found:?}"
    );
    assert_eq!(
        store.search_corrected("imu", "en", 20)?.showing_results_for,
        None,
        "words of three letters or fewer are never corrected"
    );
    Ok(())
}

#[test]
fn topics_page_their_questions() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&load(&default_bundle("oncology-en")), ImportOptions::default())?;
    let topic = store.topics("en")?.into_iter().next().expect("a topic");
    let first = store.questions("en", &topic.bundle_id, &topic.id, 0, 1)?;
    assert_eq!(first.items.len(), 1, "a page holds at most the asked number");
    assert_eq!(
        first.total, topic.questions,
        "the page knows the total for the 'show more' button"
    );
    let rest = store.questions("en", &topic.bundle_id, &topic.id, 1, 100)?;
    assert_eq!(
        rest.items.len() as u32,
        topic.questions - 1,
        "the next page holds the rest"
    );
    assert!(
        !rest.items.iter().any(|q| q.id == first.items[0].id),
        "pages do not overlap"
    );
    Ok(())
}

#[test]
fn a_question_id_cannot_be_claimed_by_two_bundles_of_one_language() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&load(&default_bundle("oncology-en")), ImportOptions::default())?;
    let files = BundleFiles::read_path(&default_bundle("oncology-en"), Limits::default())?;
    let renamed: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| {
            let bytes = if name == "manifest.json" {
                String::from_utf8_lossy(bytes)
                    .replace("\"oncology-en\"", "\"copy-en\"")
                    .into_bytes()
            } else {
                bytes.to_vec()
            };
            (name.to_string(), bytes)
        })
        .collect();
    let copy = validate(&BundleFiles::from_entries(renamed, Limits::default())?).into_bundle()?;
    let result = store.import(&copy, ImportOptions::default());
    assert!(
        matches!(result, Err(Error::QuestionIdTaken { .. })),
        "two bundles answering the same id in one language would make answers ambiguous"
    );
    Ok(())
}

/// The sample library re-packed as a clinic's reviewed copy: its manifest names the reviewer.
fn reviewed_copy(name: &str, reviewer: &str) -> kiosk_core::bundle::Bundle {
    let root = default_bundle(name);
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(root.join("questions")).expect("questions folder") {
        let path = entry.expect("entry").path();
        let file = format!("questions/{}", path.file_name().expect("name").to_string_lossy());
        entries.push((file, std::fs::read(&path).expect("readable")));
    }
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("manifest.json")).expect("manifest")).expect("json");
    manifest["id"] = "riverside-oncology-en".into();
    manifest["reviewed_by"] = reviewer.into();
    entries.push((
        "manifest.json".to_string(),
        serde_json::to_vec(&manifest).expect("json"),
    ));
    let files = BundleFiles::from_entries(entries, Limits::default()).expect("within limits");
    validate(&files).into_bundle().expect("a reviewed copy is valid")
}

#[test]
fn a_reviewed_copy_names_its_reviewer_on_every_answer() -> Result<(), Error> {
    let reviewer = "Dr. Ana Ruiz, MD, Riverside Cancer Center";
    let mut store = Store::open_in_memory()?;
    store.import(&reviewed_copy("oncology-en", reviewer), ImportOptions::default())?;
    let answer = store.answer("what-is-a-clinical-trial", "en")?;
    assert_eq!(
        answer.review_status,
        kiosk_core::store::ReviewStatus::Reviewed,
        "a bundle that names its reviewer is reviewed"
    );
    assert_eq!(
        answer.reviewed_by.as_deref(),
        Some(reviewer),
        "the answer carries who reviewed it"
    );
    let json = serde_json::to_value(&answer).map_err(std::io::Error::other)?;
    assert_eq!(
        json["review_status"], "reviewed",
        "show --json spells the status in lowercase"
    );
    assert_eq!(
        store.bundles()?[0].reviewed_by.as_deref(),
        Some(reviewer),
        "the installed bundle lists its reviewer"
    );
    Ok(())
}
