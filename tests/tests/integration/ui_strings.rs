//! Interface text: English and Spanish hold the same keys, and every key the UI asks for exists.

use std::collections::BTreeSet;

use kiosk_tests::workspace_root;

fn keys(language: &str) -> BTreeSet<String> {
    let path = workspace_root().join(format!("ui/i18n/{language}.json"));
    let text = std::fs::read_to_string(&path).expect("strings file is readable");
    let strings: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("strings file is JSON");
    for (key, value) in &strings {
        assert!(
            value.as_str().is_some_and(|v| !v.trim().is_empty()),
            "{language}.json: {key} must be non-empty text"
        );
    }
    strings.keys().cloned().collect()
}

#[test]
fn english_and_spanish_have_the_same_keys() {
    let en = keys("en");
    let es = keys("es");
    let only_en: Vec<_> = en.difference(&es).collect();
    let only_es: Vec<_> = es.difference(&en).collect();
    assert!(
        only_en.is_empty(),
        "keys missing from es.json (a Spanish patient would see the key): {only_en:?}"
    );
    assert!(only_es.is_empty(), "keys missing from en.json: {only_es:?}");
}

#[test]
fn every_key_the_ui_uses_exists() {
    let en = keys("en");
    let mut stack = vec![workspace_root().join("ui")];
    let mut used = BTreeSet::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let is_source = path.extension().is_some_and(|x| x == "js" || x == "html");
            if !is_source {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            for marker in ["t(\"", "data-i18n=\"", "data-i18n-label=\""] {
                for (at, _) in text.match_indices(marker) {
                    // `t(` must be the call itself, not the end of another name such as `split(`.
                    let before = text[..at].chars().next_back();
                    if marker.starts_with('t') && before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    if let Some(key) = text[at + marker.len()..].split('"').next() {
                        used.insert(key.to_string());
                    }
                }
            }
        }
    }
    assert!(used.len() > 20, "the scan finds the keys the UI uses: {used:?}");
    let missing: Vec<_> = used.difference(&en).collect();
    assert!(
        missing.is_empty(),
        "the UI asks for keys the strings files lack: {missing:?}"
    );
}
