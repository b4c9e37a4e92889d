//! The commands through Tauri's mock runtime and the real capability: what the UI sends, what it
//! gets back, and the `{code, message}` shape of errors.

use kiosk_core::store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

use crate::configure;
use crate::state::AppState;

type MockWindow = tauri::WebviewWindow<tauri::test::MockRuntime>;

/// The app on the mock runtime with the default content, its window, and its data folder (kept
/// alive for the test's length).
fn app_with_defaults() -> (tauri::App<tauri::test::MockRuntime>, MockWindow, tempfile::TempDir) {
    app_with_settings(Default::default())
}

/// Like [`app_with_defaults`], with `settings` in force.
fn app_with_settings(
    settings: kiosk_core::settings::Settings,
) -> (tauri::App<tauri::test::MockRuntime>, MockWindow, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store: Store = crate::content::open_store(dir.path(), &settings).expect("store opens with the defaults");
    let state = AppState::new(store, settings, dir.path()).with_scan_roots(vec![dir.path().join("media")]);
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

    let found = invoke(&window, "search", json!({ "language": "en", "query": "liver" })).expect("hits");
    assert!(
        found["hits"].as_array().is_some_and(|h| !h.is_empty()),
        "search finds liver questions: {found}"
    );
    assert!(
        found["showing_results_for"].is_null(),
        "a word spelled right is not corrected: {found}"
    );
    let found = invoke(&window, "search", json!({ "language": "en", "query": "imunotherapy" })).expect("hits");
    assert_eq!(
        found["showing_results_for"], "immunotherapy",
        "a misspelled word is corrected, and the screen is told: {found}"
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

/// The usage counts' question opens for `id`, read as staff.
fn opens_of(window: &MockWindow, id: &str) -> u64 {
    let usage = invoke(window, "staff_usage", json!({})).expect("usage");
    usage["question_opens"]
        .as_array()
        .expect("a list of opens")
        .iter()
        .filter(|row| row["question_id"] == id)
        .map(|row| row["count"].as_u64().expect("a count"))
        .sum()
}

#[test]
fn only_the_patient_opening_an_answer_counts_it() {
    let (_app, window, _data) = app_with_defaults();
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");
    let id = "ici-liver-metastases";
    let read = json!({ "language": "en", "id": id });
    invoke(&window, "open_answer", read.clone()).expect("the patient opens the answer");
    assert_eq!(opens_of(&window, id), 1, "opening the answer screen counts one open");
    // What the page does besides: My questions and the sheet preview read every picked answer
    // (again on each up/down/remove), printing and the idle "print my questions" build the sheet
    // from them, the English-fallback check reads the English text, the CLI sheet reads each id.
    for _ in 0..15 {
        invoke(&window, "get_question", read.clone()).expect("a plain read");
    }
    invoke(&window, "get_question", json!({ "language": "es", "id": id })).expect("a plain read");
    assert_eq!(
        opens_of(&window, id),
        1,
        "previews, reordering, printing and fallback checks read answers without counting them"
    );
}

#[test]
fn only_the_answer_screen_counts_an_open() {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
    let mut callers = Vec::new();
    let mut folders = vec![ui.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("ui/js is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "js")
                && std::fs::read_to_string(&path)
                    .expect("a JS file")
                    .contains("openAnswer(")
            {
                callers.push(path.strip_prefix(&ui).expect("inside ui/js").display().to_string());
            }
        }
    }
    callers.sort();
    assert_eq!(
        callers,
        ["views/answer.js"],
        "only the answer screen may count an open; every other reader uses getQuestion"
    );
}

#[test]
fn a_window_the_capability_does_not_name_cannot_call_our_commands() {
    let (app, main, _data) = app_with_defaults();
    let other = WebviewWindowBuilder::new(&app, "other", WebviewUrl::App("index.html".into()))
        .build()
        .expect("a second window opens");
    invoke(&main, "list_topics", json!({ "language": "en" })).expect("the main window may list topics");
    let refused = invoke(&other, "list_topics", json!({ "language": "en" }));
    assert!(
        refused.is_err(),
        "capabilities/main.json names only the main window, so no other window may call our commands: {refused:?}"
    );
}

#[test]
fn the_page_learns_the_staff_session_time_from_staff_status() {
    let (_app, window, _data) = app_with_defaults();
    let status = invoke(&window, "staff_status", json!({})).expect("status");
    assert_eq!(
        status["idle_seconds"],
        crate::staff_session::STAFF_IDLE.as_secs(),
        "the staff screen closes after the kiosk's own session time, not a copy of it: {status}"
    );
}

/// The version of the default English bundle shipped in `data/bundles/`.
fn default_version() -> u64 {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/bundles/oncology-en/manifest.json");
    let manifest: Value = serde_json::from_slice(&std::fs::read(manifest).expect("manifest")).expect("json");
    manifest["version"].as_u64().expect("a whole-number version")
}

/// Copies the default English bundle into `dir` as the next version (one above the shipped one).
fn newer_default_bundle(dir: &std::path::Path) {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/bundles/oncology-en");
    std::fs::create_dir_all(dir.join("questions")).expect("folder");
    for entry in std::fs::read_dir(source.join("questions")).expect("questions") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join("questions").join(path.file_name().expect("name"))).expect("copied");
    }
    let mut manifest: Value =
        serde_json::from_slice(&std::fs::read(source.join("manifest.json")).expect("manifest")).expect("json");
    manifest["version"] = json!(default_version() + 1);
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&manifest).expect("json")).expect("written");
}

#[test]
fn the_staff_screen_finds_previews_imports_and_rolls_back_bundles() {
    let (_app, window, data) = app_with_defaults();
    let stick = data.path().join("media/staff/STICK/oncology-en-2");
    newer_default_bundle(&stick);

    let locked = invoke(&window, "staff_find_bundles", json!({})).expect_err("no staff session yet");
    assert_eq!(
        locked["code"], "staff_only",
        "staff commands need the staff PIN first: {locked}"
    );
    let wrong = invoke(&window, "staff_unlock", json!({ "pin": "402917" })).expect("answered");
    assert_eq!(wrong["result"], "not_set", "no PIN is set yet: {wrong}");
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");

    let found = invoke(&window, "staff_find_bundles", json!({})).expect("scan");
    assert_eq!(
        found[0]["kind"], "folder",
        "the bundle folder on the stick is listed: {found}"
    );
    let path = found[0]["path"].clone();

    let preview = invoke(&window, "staff_preview_import", json!({ "path": path })).expect("preview");
    assert_eq!(
        preview["bundle"]["version"],
        default_version() + 1,
        "the preview names the offered version: {preview}"
    );
    assert_eq!(preview["installed_version"], default_version());
    assert!(
        preview["bundle"]["reviewed_by"].is_null(),
        "the preview tells the staff screen that the sample library is a draft: {preview}"
    );
    assert_eq!(
        preview["signature"]["status"], "unsigned",
        "the signature status is shown"
    );
    assert!(
        preview["refusal"].is_null(),
        "a newer valid bundle can be imported: {preview}"
    );

    let stale = invoke(
        &window,
        "staff_import_bundle",
        json!({ "path": path, "digest": "0".repeat(64) }),
    )
    .expect_err("content other than the previewed is refused");
    assert_eq!(stale["code"], "invalid_bundle", "{stale}");
    assert!(
        stale["message"]
            .as_str()
            .is_some_and(|m| m.contains("changed since it was checked")),
        "staff are told to check again: {stale}"
    );
    let imported = invoke(
        &window,
        "staff_import_bundle",
        json!({ "path": path, "digest": preview["digest"] }),
    )
    .expect("import");
    assert_eq!(imported["outcome"]["version"], default_version() + 1, "{imported}");
    let bundles = invoke(&window, "staff_bundles", json!({})).expect("bundles");
    assert!(
        bundles.as_array().is_some_and(|b| b
            .iter()
            .any(|b| b["id"] == "oncology-en" && b["version"] == default_version() + 1)),
        "the installed list shows the new version: {bundles}"
    );
    let rolled = invoke(&window, "staff_rollback_bundle", json!({ "id": "oncology-en" })).expect("rollback");
    assert_eq!(
        rolled["outcome"]["version"],
        default_version(),
        "rollback returns to the kept default: {rolled}"
    );

    let log = invoke(&window, "staff_audit_log", json!({})).expect("audit");
    assert_eq!(
        log[0]["action"], "rollback",
        "the audit log shows the rollback first: {log}"
    );
    assert_eq!(log[0]["source"], "staff");
    assert_eq!(log[1]["action"], "import");

    let outside = invoke(
        &window,
        "staff_import_bundle",
        json!({ "path": "/etc", "digest": preview["digest"] }),
    )
    .expect_err("refused");
    assert_eq!(
        outside["code"], "not_importable",
        "only bundles on sticks or in the import folder: {outside}"
    );

    invoke(
        &window,
        "open_answer",
        json!({ "language": "en", "id": "ici-liver-metastases" }),
    )
    .expect("answer");
    let opens = opens_of(&window, "ici-liver-metastases");
    invoke(&window, "staff_lock", json!({})).expect("lock");
    let relocked = invoke(&window, "staff_bundles", json!({})).expect_err("locked again");
    assert_eq!(
        relocked["code"], "staff_only",
        "closing the staff screen ends the session: {relocked}"
    );
    let check = invoke(&window, "staff_unlock", json!({ "pin": "402917" })).expect("answered");
    assert_eq!(
        check["result"], "accepted",
        "the PIN chosen on first use opens it again: {check}"
    );
    assert_eq!(opens, 1, "opening an answer is counted");
    let status = invoke(&window, "staff_update_status", json!({})).expect("status");
    assert!(
        status["source"].is_null() && status["last_check"].is_null(),
        "no update source set: {status}"
    );
}

#[test]
fn staff_settings_are_saved_apply_at_once_and_clear_back_to_the_file() {
    let (_app, window, _data) = app_with_defaults();
    for (command, args) in [
        ("staff_settings", json!({})),
        ("staff_save_settings", json!({ "changes": { "idle_seconds": 60 } })),
    ] {
        let locked = invoke(&window, command, args).expect_err("no staff session yet");
        assert_eq!(locked["code"], "staff_only", "{command} is for staff only: {locked}");
    }
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");

    let shown = invoke(&window, "staff_settings", json!({})).expect("settings");
    assert!(
        shown["overrides"]["clinic_name"].is_null() && shown["file"]["idle_seconds"].is_null(),
        "nothing is overridden on first start: {shown}"
    );
    assert_eq!(shown["effective"]["idle_seconds"], 90, "the default applies: {shown}");
    assert!(
        shown["printers"].is_array(),
        "the printer list is always a list: {shown}"
    );
    assert!(shown["settings_path"].is_string(), "{shown}");

    let saved = invoke(
        &window,
        "staff_save_settings",
        json!({ "changes": { "clinic_name": "Riverside Oncology", "idle_seconds": 300, "default_language": "es" } }),
    )
    .expect("saved");
    assert_eq!(saved["overrides"]["idle_seconds"], 300, "{saved}");
    assert_eq!(saved["effective"]["default_language"], "es", "{saved}");
    let info = invoke(&window, "app_info", json!({ "language": "en" })).expect("info");
    assert_eq!(
        (&info["clinic_name"], &info["idle_seconds"], &info["default_language"]),
        (&json!("Riverside Oncology"), &json!(300), &json!("es")),
        "a staff save applies at once, without a restart: {info}"
    );

    let refused = invoke(
        &window,
        "staff_save_settings",
        json!({ "changes": { "clinic_name": "Other", "idle_seconds": 5 } }),
    )
    .expect_err("refused");
    assert_eq!(refused["code"], "invalid_setting", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("idle_seconds: ")),
        "the message names the field: {refused}"
    );
    let info = invoke(&window, "app_info", json!({ "language": "en" })).expect("info");
    assert_eq!(
        info["clinic_name"], "Riverside Oncology",
        "a refused save changes nothing, not even its valid keys: {info}"
    );

    let cleared = invoke(
        &window,
        "staff_save_settings",
        json!({ "changes": { "idle_seconds": null } }),
    )
    .expect("cleared");
    assert!(cleared["overrides"]["idle_seconds"].is_null(), "{cleared}");
    let info = invoke(&window, "app_info", json!({ "language": "en" })).expect("info");
    assert_eq!(
        info["idle_seconds"], 90,
        "clearing a staff change brings back the file's value (here the default): {info}"
    );
    assert_eq!(info["clinic_name"], "Riverside Oncology", "other changes stay: {info}");

    let log = invoke(&window, "staff_audit_log", json!({})).expect("audit");
    assert_eq!(log[0]["action"], "settings", "settings changes are audited: {log}");
    assert_eq!(
        log[1]["action"], "settings",
        "one line per save, none for the refused one: {log}"
    );
    assert_eq!(log[2]["action"], "staff_pin", "before them, the first PIN: {log}");
    assert_eq!(log.as_array().map(Vec::len), Some(3), "{log}");
}

#[test]
fn in_kiosk_mode_nobody_chooses_the_first_pin_on_the_screen() {
    let settings = kiosk_core::settings::Settings {
        kiosk: true,
        ..Default::default()
    };
    let (_app, window, _data) = app_with_settings(settings);
    let status = invoke(&window, "staff_status", json!({})).expect("status");
    assert_eq!(status["pin_set"], false, "no PIN yet: {status}");
    assert_eq!(
        status["kiosk"], true,
        "the page learns it is a kiosk and says to ask IT: {status}"
    );
    let refused = invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect_err("refused");
    assert_eq!(refused["code"], "pin_setup_locked", "{refused}");
    assert!(
        refused["message"].as_str().is_some_and(|m| m.contains("staff set-pin")),
        "the message says how IT sets it: {refused}"
    );
    let status = invoke(&window, "staff_status", json!({})).expect("status");
    assert_eq!(status["pin_set"], false, "the refused PIN was not stored");
}

#[test]
fn wrong_pins_and_pin_changes_are_audited() {
    let (app, window, _data) = app_with_defaults();
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");
    invoke(&window, "staff_lock", json!({})).expect("locked");
    let wrong = invoke(&window, "staff_unlock", json!({ "pin": "000001" })).expect("checked");
    assert_eq!(wrong["result"], "wrong", "{wrong}");
    let state = tauri::Manager::state::<AppState>(&app);
    let log = state.with(|store| store.audit_log(10)).expect("audit log");
    let actions: Vec<&str> = log
        .iter()
        .map(|e| match e.action {
            kiosk_core::store::AuditAction::StaffPin => "staff_pin",
            kiosk_core::store::AuditAction::WrongPin => "wrong_pin",
            _ => "other",
        })
        .collect();
    assert_eq!(actions, ["wrong_pin", "staff_pin"], "newest first: {log:?}");
    assert!(
        log.iter()
            .all(|e| !e.detail.contains("000001") && !e.detail.contains("402917")),
        "no PIN ever reaches the log: {log:?}"
    );
}

#[test]
fn a_bad_settings_file_is_named_on_the_staff_screen_and_stops_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "trusted_keys = []\nidle_secondz = 60\n").expect("settings");
    let (settings, _) = kiosk_core::settings::Settings::load(&path);
    let (_app, window, data) = app_with_settings(settings);
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");
    let status = invoke(&window, "staff_status", json!({})).expect("status");
    let problem = status["settings_problem"].as_str().unwrap_or_default();
    assert!(
        problem.contains("line 2") && problem.contains("idle_secondz"),
        "the staff screen names the wrong line: {status}"
    );
    newer_default_bundle(&data.path().join("media"));
    let found = invoke(&window, "staff_find_bundles", json!({})).expect("found");
    let path = found[0]["path"].as_str().expect("a bundle on the stick").to_string();
    let refused = invoke(
        &window,
        "staff_import_bundle",
        json!({ "path": path, "digest": "0".repeat(64) }),
    )
    .expect_err("refused");
    assert_eq!(refused["code"], "settings", "{refused}");
    assert!(
        refused["message"].as_str().is_some_and(|m| m.contains("line 2")),
        "imports stop until the file is fixed, and the refusal says which line: {refused}"
    );
}

#[test]
fn the_usage_csv_is_a_new_file_and_never_written_through_a_link() {
    let (_app, window, data) = app_with_defaults();
    invoke(&window, "staff_set_first_pin", json!({ "pin": "402917" })).expect("first PIN set");
    let stick = data.path().join("media");
    std::fs::create_dir_all(&stick).expect("the stick folder");
    let victim = data.path().join("kiosk.sqlite3-victim");
    std::fs::write(&victim, "precious").expect("victim");
    let day = time::OffsetDateTime::now_utc().date();
    let planted = stick.join(format!("clinic-kiosk-usage-{day}.csv"));
    std::os::unix::fs::symlink(&victim, &planted).expect("a link planted on the stick");
    let saved = invoke(&window, "staff_save_usage_csv", json!({})).expect("the counts are saved");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious",
        "a link named like the CSV must not be written through"
    );
    let saved = std::path::PathBuf::from(saved.as_str().expect("the path saved"));
    assert_ne!(saved, planted, "the CSV goes to a new file beside the link");
    let meta = std::fs::symlink_metadata(&saved).expect("saved");
    assert!(meta.is_file(), "the saved CSV is a regular file");
}
