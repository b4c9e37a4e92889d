//! The commands through Tauri's mock runtime and the real capability: what the UI sends, what it
//! gets back, and the `{code, message}` shape of errors.

use kiosk_core::store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

use crate::commands::AppState;
use crate::configure;

type MockWindow = tauri::WebviewWindow<tauri::test::MockRuntime>;

/// The app on the mock runtime with the default content, its window, and its data folder (kept
/// alive for the test's length).
fn app_with_defaults() -> (tauri::App<tauri::test::MockRuntime>, MockWindow, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store: Store =
        crate::content::open_store(dir.path(), &Default::default()).expect("store opens with the defaults");
    let state = AppState::new(store, Default::default(), dir.path()).with_scan_roots(vec![dir.path().join("media")]);
    let app = configure(mock_builder(), state)
        .build(tauri::generate_context!())
        .expect("the app builds");
    let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::App("index.html".into()))
        .build()
        .expect("the main window opens");
    (app, window, dir)
}

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

#[test]
fn the_screens_get_topics_questions_answers_and_search_results() {
    let (_app, window, _data) = app_with_defaults();
    let topics = invoke(&window, "list_topics", json!({ "language": "en" })).expect("topics");
    let first = &topics[0];
    assert!(first["title"].is_string(), "a topic has a title for its tile: {topics}");

    let page = invoke(
        &window,
        "list_questions",
        json!({ "language": "en", "bundleId": first["bundle_id"], "topic": first["id"], "offset": 0, "limit": 50 }),
    )
    .expect("questions");
    assert_eq!(page["total"], first["questions"], "the page knows its total");

    let answer = invoke(
        &window,
        "get_question",
        json!({ "language": "es", "id": "ici-liver-metastases" }),
    )
    .expect("answer");
    assert_eq!(answer["language"], "es", "asking in Spanish gives the Spanish answer");
    assert!(
        answer["summary"].as_array().is_some_and(|s| !s.is_empty()),
        "the summary comes as segments"
    );

    let hits = invoke(&window, "search", json!({ "language": "en", "query": "liver" })).expect("hits");
    assert!(
        hits.as_array().is_some_and(|h| !h.is_empty()),
        "search finds liver questions"
    );

    let info = invoke(&window, "app_info", json!({ "language": "es" })).expect("info");
    assert_eq!(
        info["strings"]["nav.home"], "Inicio",
        "the interface text comes in the asked language"
    );
}

#[test]
fn errors_reach_the_ui_as_code_and_message() {
    let (_app, window, _data) = app_with_defaults();
    let error = invoke(&window, "get_question", json!({ "language": "en", "id": "no-such-id" })).expect_err("an error");
    assert_eq!(error["code"], "not_found", "the UI branches on a stable code: {error}");
    assert!(
        error["message"].as_str().is_some_and(|m| m.contains("no-such-id")),
        "the message names the problem"
    );
}

#[test]
fn commands_outside_the_capability_are_refused() {
    let (_app, window, _data) = app_with_defaults();
    let result = invoke(&window, "plugin:fs|read_file", json!({ "path": "/etc/passwd" }));
    assert!(result.is_err(), "the window may call only our own commands");
}
