//! The editor's commands through Tauri's mock runtime and the real capabilities: the editor window
//! may call them and nothing else, and the kiosk window cannot call them.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

use crate::author_window::{configure_author, AuthorState, AUTHOR_WINDOW};
use crate::state::AppState;

type MockWindow = tauri::WebviewWindow<MockRuntime>;

fn invoke(window: &MockWindow, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a JSON response"))
}

fn window(app: &tauri::App<MockRuntime>, label: &str, page: &str) -> MockWindow {
    WebviewWindowBuilder::new(app, label, WebviewUrl::App(page.into()))
        .build()
        .expect("the window opens")
}

/// The sample English bundle, copied into a fresh folder for editing.
fn sample_bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/bundles/oncology-en");
    std::fs::create_dir_all(dir.path().join("questions")).expect("folder");
    std::fs::copy(source.join("manifest.json"), dir.path().join("manifest.json")).expect("manifest");
    for entry in std::fs::read_dir(source.join("questions")).expect("questions") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            dir.path().join("questions").join(path.file_name().expect("name")),
        )
        .expect("copied");
    }
    dir
}

#[test]
fn only_the_editor_window_may_call_the_authoring_commands() {
    // Both states are managed, so a refusal can only come from the capabilities.
    let data = tempfile::tempdir().expect("temp dir");
    let settings = kiosk_core::settings::Settings::default();
    let store = crate::content::open_store(data.path(), &settings).expect("store");
    let bundle = sample_bundle();
    let app = crate::configure(mock_builder(), AppState::new(store, settings, data.path()))
        .manage(AuthorState::new(bundle.path()))
        .build(tauri::generate_context!())
        .expect("the app builds");
    let kiosk = window(&app, "main", "index.html");
    let editor = window(&app, AUTHOR_WINDOW, "author.html");

    for (command, args) in [
        ("author_open", json!({})),
        ("author_info", json!({ "language": "en" })),
        ("author_check", json!({ "manifest": {}, "question": {} })),
    ] {
        let refused = invoke(&kiosk, command, args.clone());
        assert!(
            refused.is_err(),
            "capabilities/main.json must not grant {command} to the kiosk window: {refused:?}"
        );
        invoke(&editor, command, args).unwrap_or_else(|e| panic!("the editor window may call {command}: {e}"));
    }
    for (command, args) in [
        (
            "author_new",
            json!({ "id": "x-en", "language": "en", "title": "X", "publisher": "X" }),
        ),
        ("author_save", json!({ "manifest": {}, "questions": [] })),
        (
            "author_export",
            json!({ "out": "", "key": "", "password": "", "bump": false }),
        ),
        ("author_close", json!({})),
    ] {
        let refused = invoke(&kiosk, command, args);
        assert!(
            refused.is_err(),
            "capabilities/main.json must not grant {command} to the kiosk window: {refused:?}"
        );
    }
    let refused = invoke(&editor, "list_topics", json!({ "language": "en" }));
    assert!(
        refused.is_err(),
        "the editor window may call only the authoring commands: {refused:?}"
    );
    invoke(&kiosk, "list_topics", json!({ "language": "en" })).expect("the kiosk window keeps its own commands");
}

/// The editor on its own, as `clinic-kiosk author DIR` starts it: no kiosk state at all.
fn editor_on(dir: &std::path::Path) -> (tauri::App<MockRuntime>, MockWindow) {
    let app = configure_author(mock_builder(), AuthorState::new(dir))
        .build(tauri::generate_context!())
        .expect("the editor builds");
    let editor = window(&app, AUTHOR_WINDOW, "author.html");
    (app, editor)
}

#[test]
fn the_editor_opens_a_bundle_folder_and_checks_a_question_as_it_is_typed() {
    let bundle = sample_bundle();
    let (_app, editor) = editor_on(bundle.path());
    let opened = invoke(&editor, "author_open", json!({})).expect("opened");
    assert_eq!(
        opened["manifest"]["id"], "oncology-en",
        "the manifest comes as JSON: {opened}"
    );
    let questions = opened["questions"].as_array().expect("questions");
    assert!(questions.len() > 3, "every question file is read");

    let mut question = questions[0].clone();
    question["summary"] = json!("Short words help [99].");
    let check = invoke(
        &editor,
        "author_check",
        json!({ "manifest": opened["manifest"], "question": question }),
    )
    .expect("checked");
    assert!(
        check["grades"]["summary"]["grade"].is_number(),
        "the summary is graded: {check}"
    );
    assert_eq!(
        check["unknown_citations"][0]["n"], 99,
        "a marker without a reference is named: {check}"
    );
    assert_eq!(
        check["preview"]["summary"][1]["cite"],
        json!([99]),
        "the preview carries the answer screen's segments: {check}"
    );
    let info = invoke(&editor, "author_info", json!({ "language": "es" })).expect("info");
    assert_eq!(info["strings"]["answer.ask"], "Qué preguntarle a su médico", "{info}");
    assert_eq!(info["dir"], bundle.path().display().to_string());
}

#[test]
fn a_folder_without_a_manifest_opens_as_a_new_bundle() {
    let empty = tempfile::tempdir().expect("temp dir");
    let (_app, editor) = editor_on(&empty.path().join("not-yet"));
    let opened = invoke(&editor, "author_open", json!({})).expect("opened");
    assert!(
        opened.is_null(),
        "no bundle yet: the editor offers to start one: {opened}"
    );
    assert!(!empty.path().join("not-yet").exists(), "opening creates nothing");
}

#[test]
fn a_new_bundle_is_started_saved_with_its_file_list_and_exported() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path().join("clinic-en");
    let (_app, editor) = editor_on(&dir);
    let opened = invoke(
        &editor,
        "author_new",
        json!({ "id": "clinic-en", "language": "en", "title": "Our clinic", "publisher": "Riverside Clinic" }),
    )
    .expect("started");
    assert_eq!(opened["manifest"]["id"], "clinic-en", "{opened}");
    let mut questions = opened["questions"].as_array().expect("the starter question").clone();
    let mut parking = questions[0].clone();
    parking["id"] = json!("parking");
    parking["question"] = json!("Where can I park?");
    questions.push(parking);

    let saved = invoke(
        &editor,
        "author_save",
        json!({ "manifest": opened["manifest"], "questions": questions }),
    )
    .expect("saved");
    assert!(
        saved["validation"]["errors"].as_array().is_some_and(Vec::is_empty),
        "the saved folder is valid: {saved}"
    );
    assert!(
        saved["manifest"]["files"]["questions/parking.json"].is_string(),
        "Save lists the new file with its fingerprint: {saved}"
    );

    let out = work.path().join("clinic-en.zip");
    let exported = invoke(
        &editor,
        "author_export",
        json!({ "out": out.display().to_string(), "key": "", "password": "", "bump": true }),
    )
    .expect("exported");
    assert_eq!(exported["packed"]["version"], 2, "the version was raised: {exported}");
    assert!(out.is_file(), "the zip is written");

    let refused = invoke(
        &editor,
        "author_save",
        json!({ "manifest": saved["manifest"], "questions": [{ "id": "" }] }),
    )
    .expect_err("a question without an id cannot be saved");
    assert_eq!(refused["code"], "invalid_bundle", "{refused}");
    assert!(
        dir.join("questions/parking.json").exists(),
        "a refused save changes nothing"
    );
}

#[test]
fn the_window_closes_only_when_the_page_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, editor) = editor_on(dir.path());
    let state = tauri::Manager::state::<AuthorState>(&app);
    assert!(
        !state.may_close(),
        "a close request first asks the page about unsaved work"
    );
    invoke(&editor, "author_close", json!({})).expect("the page lets it close");
    assert!(state.may_close(), "after the page's answer the window may close");
}

#[test]
fn a_draft_with_problems_is_saved_but_not_exported() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path().join("clinic-en");
    let (_app, editor) = editor_on(&dir);
    let opened = invoke(
        &editor,
        "author_new",
        json!({ "id": "clinic-en", "language": "en", "title": "Our clinic", "publisher": "Riverside Clinic" }),
    )
    .expect("started");
    let mut question = opened["questions"][0].clone();
    question["summary"] = json!("Ask at the front desk [9].");
    let saved = invoke(
        &editor,
        "author_save",
        json!({ "manifest": opened["manifest"], "questions": [question] }),
    )
    .expect("a draft with problems is still saved, to finish later");
    let errors = saved["validation"]["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e["message"].as_str().is_some_and(|m| m.contains("[9]"))),
        "the save reports what export would refuse: {saved}"
    );
    let out = work.path().join("clinic-en.zip");
    let refused = invoke(
        &editor,
        "author_export",
        json!({ "out": out.display().to_string(), "key": "", "password": "", "bump": true }),
    )
    .expect("answered with a report");
    assert!(refused["packed"].is_null(), "nothing is packed: {refused}");
    assert!(!out.exists(), "no zip is written");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest")).expect("json");
    assert_eq!(manifest["version"], 1, "the version is not raised by a refused export");
}
