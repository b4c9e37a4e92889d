//! The commands are named in four places: `build.rs` (which generates their permissions),
//! `generate_handler!` in `commands/mod.rs`, the capabilities that grant them to a window, and
//! `ui/js/api.js`, the only file of the page that calls them. These tests keep the lists equal,
//! so a command cannot be registered but not granted, granted but not callable, or called but
//! missing — and keep the kiosk's and the editor's apart: `capabilities/main.json` grants the kiosk
//! window exactly `COMMANDS`, `capabilities/author.json` the editor window exactly `AUTHOR_COMMANDS`.

use std::collections::BTreeSet;

const BUILD_RS: &str = include_str!("../build.rs");
const COMMANDS_RS: &str = include_str!("commands/mod.rs");
const CAPABILITY: &str = include_str!("../capabilities/main.json");
const AUTHOR_CAPABILITY: &str = include_str!("../capabilities/author.json");
const API_JS: &str = include_str!("../../ui/js/api.js");

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} is in the file")) + start.len();
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or_else(|| panic!("{end:?} follows {start:?}"))]
}

fn from_build_rs() -> BTreeSet<String> {
    list_in_build_rs("const COMMANDS: &[&str] = &[")
}

fn author_commands_in_build_rs() -> BTreeSet<String> {
    list_in_build_rs("const AUTHOR_COMMANDS: &[&str] = &[")
}

fn list_in_build_rs(start: &str) -> BTreeSet<String> {
    between(BUILD_RS, start, "];")
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn from_generate_handler() -> BTreeSet<String> {
    between(COMMANDS_RS, "tauri::generate_handler![", "]")
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_string())
        .collect()
}

fn from_capability() -> BTreeSet<String> {
    granted_by(CAPABILITY)
}

fn granted_by(capability: &str) -> BTreeSet<String> {
    let capability: serde_json::Value = serde_json::from_str(capability).expect("the capability is JSON");
    capability["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .map(|p| {
            let p = p.as_str().expect("permissions are plain identifiers");
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("the window is granted only allow-<command> permissions, not {p}"))
                .replace('-', "_")
        })
        .collect()
}

fn from_api_js() -> BTreeSet<String> {
    API_JS
        .split("call(\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("a closing quote")].to_string())
        .collect()
}

/// Asserts that `names` (found in `place`) are exactly `expected` (named by `what`).
fn assert_same(place: &str, names: &BTreeSet<String>, what: &str, expected: &BTreeSet<String>) {
    let missing: Vec<_> = expected.difference(names).collect();
    let extra: Vec<_> = names.difference(expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{place} must name exactly {what}; missing there: {missing:?}, not in that list: {extra:?}"
    );
}

#[test]
fn build_rs_generate_handler_the_capabilities_and_api_js_name_the_same_commands() {
    let kiosk = from_build_rs();
    let author = author_commands_in_build_rs();
    assert!(kiosk.len() > 20, "build.rs lists the kiosk's commands: {kiosk:?}");
    assert!(!author.is_empty(), "build.rs lists the editor's commands: {author:?}");
    assert!(
        kiosk.is_disjoint(&author),
        "a command is the kiosk's or the editor's, never both: {:?}",
        kiosk.intersection(&author).collect::<Vec<_>>()
    );
    let all: BTreeSet<String> = kiosk.union(&author).cloned().collect();
    let every = "COMMANDS and AUTHOR_COMMANDS of src-tauri/build.rs";
    assert_same(
        "generate_handler! in src-tauri/src/commands/mod.rs",
        &from_generate_handler(),
        every,
        &all,
    );
    assert_same("ui/js/api.js", &from_api_js(), every, &all);
    assert_same(
        "src-tauri/capabilities/main.json (the kiosk window)",
        &from_capability(),
        "COMMANDS of src-tauri/build.rs",
        &kiosk,
    );
    assert_same(
        "src-tauri/capabilities/author.json (the editor window)",
        &granted_by(AUTHOR_CAPABILITY),
        "AUTHOR_COMMANDS of src-tauri/build.rs",
        &author,
    );
}

#[test]
fn each_capability_names_only_its_own_window() {
    for (file, text, window) in [
        ("main.json", CAPABILITY, "main"),
        ("author.json", AUTHOR_CAPABILITY, crate::AUTHOR_WINDOW),
    ] {
        let capability: serde_json::Value = serde_json::from_str(text).expect("the capability is JSON");
        assert_eq!(
            capability["windows"],
            serde_json::json!([window]),
            "capabilities/{file} is granted to the {window} window alone"
        );
    }
}
