//! The commands are named in four places: `build.rs` (which generates their permissions),
//! `generate_handler!` in `commands/mod.rs`, the capability that grants them to the window, and
//! `ui/js/api.js`, the only file of the page that calls them. These tests keep the four lists equal,
//! so a command cannot be registered but not granted, granted but not callable, or called but
//! missing.

use std::collections::BTreeSet;

const BUILD_RS: &str = include_str!("../build.rs");
const COMMANDS_RS: &str = include_str!("commands/mod.rs");
const CAPABILITY: &str = include_str!("../capabilities/main.json");
const API_JS: &str = include_str!("../../ui/js/api.js");

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} is in the file")) + start.len();
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or_else(|| panic!("{end:?} follows {start:?}"))]
}

fn from_build_rs() -> BTreeSet<String> {
    between(BUILD_RS, "const COMMANDS: &[&str] = &[", "];")
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
    let capability: serde_json::Value = serde_json::from_str(CAPABILITY).expect("the capability is JSON");
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

#[test]
fn build_rs_generate_handler_the_capability_and_api_js_name_the_same_commands() {
    let build = from_build_rs();
    assert!(build.len() > 20, "build.rs lists the commands: {build:?}");
    for (place, names) in [
        (
            "generate_handler! in src-tauri/src/commands/mod.rs",
            from_generate_handler(),
        ),
        ("src-tauri/capabilities/main.json", from_capability()),
        ("ui/js/api.js", from_api_js()),
    ] {
        let missing: Vec<_> = build.difference(&names).collect();
        let extra: Vec<_> = names.difference(&build).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{place} must name exactly the commands of src-tauri/build.rs; missing there: {missing:?}, not in build.rs: {extra:?}"
        );
    }
}
