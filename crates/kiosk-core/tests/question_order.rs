//! A topic's `questions` list (bundle format 3) sets the order of its page on the kiosk: listed
//! questions first, in that order, the rest alphabetically as before; bad lists are refused with
//! the topic and id named; a newer version's list replaces the old order.

use kiosk_core::bundle::{sha256_bytes, validate, Bundle, BundleFiles, Limits, Validation};
use kiosk_core::store::{ImportOptions, Store};
use kiosk_core::Error;
use serde_json::{json, Value};

/// Questions of topic `care` (and one of `money`), written so that their alphabetical order
/// (letters without case) is: apple, Banana, cherry, Date.
const QUESTIONS: &[(&str, &str, &str)] = &[
    ("q-date", "care", "Date"),
    ("q-banana", "care", "Banana"),
    ("q-apple", "care", "apple"),
    ("q-cherry", "care", "cherry"),
    ("q-bills", "money", "Bills"),
];

fn question(id: &str, topic: &str, text: &str) -> Value {
    json!({
        "id": id,
        "topic": topic,
        "question": format!("{text}?"),
        "summary": "Ask your care team [1].",
        "sections": [{ "heading": "Why", "paragraphs": ["They know you [1]."] }],
        "ask_your_doctor": ["Who do I call?"],
        "references": [{ "n": 1, "text": "Example. A page.", "url": "https://www.cancer.gov/" }],
        "reviewed": "2026-01-15"
    })
}

/// The files of a bundle whose topics are `topics` (each `{id, title, questions?}`).
fn files(format: u32, version: u32, topics: Value) -> BundleFiles {
    let mut entries = Vec::new();
    let mut hashes = serde_json::Map::new();
    for (id, topic, text) in QUESTIONS {
        let bytes = serde_json::to_vec_pretty(&question(id, topic, text)).expect("json");
        let name = format!("questions/{id}.json");
        hashes.insert(name.clone(), Value::from(sha256_bytes(&bytes)));
        entries.push((name, bytes));
    }
    let manifest = json!({
        "format": format,
        "id": "order-test",
        "version": version,
        "title": "Order test",
        "publisher": "Test publisher",
        "language": "en",
        "published": "2026-01-15",
        "disclaimer": "General information only.",
        "topics": topics,
        "files": hashes
    });
    entries.push(("manifest.json".into(), serde_json::to_vec(&manifest).expect("json")));
    BundleFiles::from_entries(entries, Limits::default()).expect("within limits")
}

fn topics(care_order: Option<&[&str]>) -> Value {
    let mut care = json!({ "id": "care", "title": "Care" });
    if let Some(order) = care_order {
        care["questions"] = json!(order);
    }
    json!([care, { "id": "money", "title": "Money" }])
}

fn valid(format: u32, version: u32, care_order: Option<&[&str]>) -> Bundle {
    let validation = validate(&files(format, version, topics(care_order)));
    let errors: Vec<String> = validation.report.errors.iter().map(ToString::to_string).collect();
    validation
        .into_bundle()
        .unwrap_or_else(|_| panic!("the bundle is valid: {errors:?}"))
}

/// The ids of the care topic's page, read `page` at a time as the kiosk's "Show more" does.
fn care_page(store: &Store, page: u32) -> Result<Vec<String>, Error> {
    let mut ids = Vec::new();
    loop {
        let got = store.questions("en", "order-test", "care", ids.len() as u32, page)?;
        assert_eq!(got.total, 4, "the care topic holds four questions");
        if got.items.is_empty() {
            return Ok(ids);
        }
        ids.extend(got.items.into_iter().map(|q| q.id));
    }
}

fn errors(validation: &Validation) -> Vec<String> {
    validation.report.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_bundle_without_lists_shows_its_topics_alphabetically_as_before() -> Result<(), Error> {
    let bundle = valid(1, 1, None);
    let mut store = Store::open_in_memory()?;
    store.import(&bundle, ImportOptions::default())?;
    assert_eq!(
        care_page(&store, 50)?,
        ["q-apple", "q-banana", "q-cherry", "q-date"],
        "no list: alphabetical, capital letters sorted as small ones"
    );
    Ok(())
}

#[test]
fn a_listed_order_is_the_page_order_across_pages_and_unlisted_questions_follow() -> Result<(), Error> {
    let bundle = valid(3, 1, Some(&["q-date", "q-apple"]));
    assert_eq!(bundle.manifest().format, 3);
    assert_eq!(
        bundle.manifest().topics[0].questions,
        ["q-date", "q-apple"],
        "the list is part of the checked manifest"
    );
    let mut store = Store::open_in_memory()?;
    store.import(&bundle, ImportOptions::default())?;
    let expected = ["q-date", "q-apple", "q-banana", "q-cherry"];
    assert_eq!(
        care_page(&store, 50)?,
        expected,
        "listed first in the list's order, then the rest alphabetically"
    );
    assert_eq!(care_page(&store, 1)?, expected, "'Show more' pages keep the same order");
    let hits: Vec<String> = store.search("banana", "en", 10)?.into_iter().map(|h| h.id).collect();
    assert_eq!(hits, ["q-banana"], "search is unchanged");
    Ok(())
}

#[test]
fn a_new_version_with_another_order_replaces_the_old_order() -> Result<(), Error> {
    let mut store = Store::open_in_memory()?;
    store.import(&valid(3, 1, Some(&["q-date", "q-apple"])), ImportOptions::default())?;
    store.import(
        &valid(3, 2, Some(&["q-cherry", "q-banana", "q-apple", "q-date"])),
        ImportOptions::default(),
    )?;
    assert_eq!(
        care_page(&store, 50)?,
        ["q-cherry", "q-banana", "q-apple", "q-date"],
        "version 2's order"
    );
    store.import(&valid(1, 3, None), ImportOptions::default())?;
    assert_eq!(
        care_page(&store, 50)?,
        ["q-apple", "q-banana", "q-cherry", "q-date"],
        "version 3 has no list: back to alphabetical, nothing left of the old order"
    );
    Ok(())
}

#[test]
fn bad_lists_are_refused_naming_the_topic_and_the_id() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["q-apple", "q-nothing"],
            "manifest.json: topics[0].questions[1]: topic \"care\" lists \"q-nothing\", but the bundle has no question with that id",
        ),
        (
            &["q-bills"],
            "manifest.json: topics[0].questions[0]: topic \"care\" lists \"q-bills\", which is a question of topic \"money\"",
        ),
        (
            &["q-apple", "q-date", "q-apple"],
            "manifest.json: topics[0].questions[2]: topic \"care\" lists \"q-apple\" twice",
        ),
    ];
    for (list, expected) in cases {
        let validation = validate(&files(3, 1, topics(Some(list))));
        let found = errors(&validation);
        assert!(validation.bundle().is_none(), "{list:?} is refused");
        assert!(
            found.len() == 1 && found[0].starts_with(expected),
            "{list:?}: one problem naming the topic and the id, {expected:?}; found {found:?}"
        );
    }
}

#[test]
fn a_list_needs_format_3_and_format_3_without_one_is_warned_about() {
    let validation = validate(&files(2, 1, topics(Some(&["q-date"]))));
    let found = errors(&validation);
    assert!(
        found.len() == 1
            && found[0].starts_with("manifest.json: topics[0].questions: needs \"format\": 3 in manifest.json (this bundle declares format 2)"),
        "a list in a format-2 bundle says which format it needs: {found:?}"
    );
    let validation = validate(&files(3, 1, topics(None)));
    let warnings: Vec<String> = validation.report.warnings.iter().map(ToString::to_string).collect();
    assert!(validation.bundle().is_some(), "valid, but a format higher than needed");
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "manifest.json: format: is 3 but the bundle uses no format-3 field (a topic's questions); declare \"format\": 1"
        )),
        "format 3 without a list is told to declare format 1: {warnings:?}"
    );
}
