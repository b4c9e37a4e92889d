//! The content editor window (`clinic-kiosk author DIR`) as a nurse educator uses it: start a new
//! bundle, write a question with the reading grade and the citation check beside the fields and
//! the patient's answer view as preview, save, export a signed zip — which a kiosk then imports
//! and finds with `search` — with zero axe-core violations and the kiosk's data folder untouched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::accessibility::violations;
use crate::harness::{with_prepared_app, Kiosk};

/// Every file under `dir` (but WebKit's own storage, which the harness puts there) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable") {
            let path = entry.expect("entry").path();
            let name = path.strip_prefix(dir).expect("inside").to_path_buf();
            if name.starts_with("xdg-data") || name.starts_with("xdg-cache") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(name, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// Types `text` into the field `css`.
async fn type_into(kiosk: &Kiosk, css: &str, text: &str) {
    let field = kiosk.wait_for(css).await;
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("{css} takes typing: {e}"));
}

/// Waits until the text of `css` is exactly `expected`.
async fn wait_for_exact(kiosk: &Kiosk, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = kiosk.wait_for(css).await.text().await.unwrap_or_default();
        if text == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css} should say {expected:?}; it says {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_question_written_in_the_editor_is_exported_signed_and_found_by_a_kiosk() {
    let work = kiosk_tests::temp_dir();
    let bundle = work.path().join("riverside-en");
    let zip = work.path().join("riverside-en.zip");
    let (public, secret) = kiosk_tests::keygen(work.path(), "publisher");
    let args = vec!["author".to_string(), bundle.display().to_string()];
    let before = std::sync::Arc::new(std::sync::Mutex::new(BTreeMap::new()));
    let seen = before.clone();
    let prepare = move |data: &Path| {
        // An installed kiosk in the data folder the editor is started with.
        let run = kiosk_tests::kiosk(data, &["bundle", "list"]);
        assert_eq!(run.code, 0, "the kiosk's database is made: {run:?}");
        *seen.lock().expect("lock") = snapshot(data);
    };
    let (bundle_dir, zip_path, key) = (bundle.clone(), zip.clone(), secret.clone());
    with_prepared_app("the content editor", args, prepare, |kiosk| async move {
        // A folder with no bundle: the editor offers to start one.
        type_into(&kiosk, "#f-new-id", "riverside-en").await;
        type_into(&kiosk, "#f-new-title", "Your visit to Riverside").await;
        type_into(&kiosk, "#f-new-publisher", "Riverside Clinic").await;
        found_no_violations(&kiosk, "new bundle").await;
        kiosk.tap("#new-create").await;
        kiosk.wait_for(".nav-item[data-index='0']").await;

        kiosk.tap("#add-question").await;
        kiosk.wait_for(".nav-item[data-index='1'][aria-current='true']").await;
        type_into(&kiosk, "#f-question", "Where can I park my car?").await;
        type_into(
            &kiosk,
            "#f-summary",
            "Park in the lot behind the clinic. It is free for patients [1].",
        )
        .await;
        kiosk
            .wait_for_text("output[data-cites-for='summary']", "No reference for [1]")
            .await;
        let grade = kiosk.wait_for_text("output[data-grade-for='summary']", "Grade").await;
        kiosk.tap("button[data-add='references']").await;
        type_into(&kiosk, "#f-references-0-text", "Riverside Clinic. Parking guide. 2026.").await;
        wait_for_exact(&kiosk, "output[data-cites-for='summary']", "").await;
        type_into(
            &kiosk,
            "#f-ask-your-doctor-0",
            "Is there parking for people who use a wheelchair?",
        )
        .await;
        kiosk
            .wait_for_text(".preview-pane .answer-question", "Where can I park my car?")
            .await;
        kiosk
            .wait_for_text(".preview-pane .answer-summary", "free for patients")
            .await;
        kiosk.wait_for(".preview-pane .answer-summary .cite").await;
        kiosk.screenshot("editor-question").await;
        found_no_violations(&kiosk, "question form").await;
        for size in ["0", "2"] {
            kiosk.tap(&format!(".preview-size[data-size='{size}']")).await;
            kiosk
                .wait_for(&format!(".preview-pane[data-size='{size}'] .answer-question"))
                .await;
        }
        kiosk.screenshot("editor-preview-largest").await;
        kiosk.tap(".nav-item:not([data-index])").await;
        kiosk.wait_for("#f-manifest-title").await;
        found_no_violations(&kiosk, "bundle details").await;

        kiosk.tap("#author-save").await;
        kiosk.wait_for_text("#author-status", "Saved").await;
        let report = kiosk_tests::kiosk(
            bundle_dir.parent().expect("a parent"),
            &["bundle", "validate", "--json", bundle_dir.to_str().expect("utf-8")],
        );
        assert_eq!(report.code, 0, "the saved folder is a valid bundle: {report:?}");
        let report: serde_json::Value = serde_json::from_str(&report.stdout).expect("json");
        let scored = report["readability"]
            .as_array()
            .and_then(|list| list.iter().find(|q| q["id"] == "where-can-i-park-my-car"))
            .expect("the question is scored");
        let expected = format!("Grade {:.1}", scored["summary"]["grade"].as_f64().expect("a grade"));
        assert!(
            grade.starts_with(&expected),
            "the editor shows the validator's grade ({expected}); it showed {grade:?}"
        );

        kiosk.tap("#author-export").await;
        kiosk.wait_for("#export-dialog[open]").await;
        type_into(&kiosk, "#f-export-key", key.to_str().expect("utf-8")).await;
        let out = kiosk.wait_for("#f-export-out").await;
        out.clear().await.expect("clear");
        out.send_keys(zip_path.to_str().expect("utf-8")).await.expect("typing");
        found_no_violations(&kiosk, "export dialog").await;
        kiosk.tap("#export-go").await;
        kiosk.wait_for_text("#author-status", "Exported").await;
        kiosk.screenshot("editor-exported").await;
        let recorded = before.lock().expect("lock").clone();
        assert!(
            !recorded.is_empty(),
            "the kiosk's files were recorded before the editor started"
        );
        assert!(
            snapshot(kiosk.data_dir.path()) == recorded,
            "the editor never touches the kiosk's data folder (database, kept bundles, logs)"
        );
        kiosk
    });

    // A kiosk that trusts only this publisher's key.
    let kiosk_data = kiosk_tests::temp_dir();
    let config = kiosk_data.path().join("config.toml");
    let utf8 = |p: &Path| p.to_str().expect("utf-8").to_string();
    let trusted = kiosk_tests::kiosk(
        kiosk_data.path(),
        &["--config", &utf8(&config), "trust", "add", &utf8(&public)],
    );
    assert_eq!(trusted.code, 0, "the publisher key is trusted: {trusted:?}");
    let imported = kiosk_tests::kiosk(
        kiosk_data.path(),
        &["--config", &utf8(&config), "bundle", "import", &utf8(&zip)],
    );
    assert_eq!(
        imported.code, 0,
        "the exported zip imports on a kiosk that trusts the key: {imported:?}"
    );
    assert!(
        imported.stdout.contains("version 2") && imported.stdout.contains("signed by key"),
        "the export raised the version and signed it: {imported:?}"
    );
    let found = kiosk_tests::kiosk(kiosk_data.path(), &["search", "park my car", "--json"]);
    assert!(
        found.stdout.contains("where-can-i-park-my-car"),
        "the kiosk finds the question written in the editor: {found:?}"
    );
}

pub(crate) async fn found_no_violations(kiosk: &Kiosk, label: &str) {
    let found = violations(kiosk, &format!("editor {label}")).await;
    assert!(found.is_empty(), "axe-core found violations:\n{}", found.join("\n"));
}

/// The sample English library, copied into `dir` for editing.
pub(crate) fn copy_sample_library(dir: &Path) {
    let source = kiosk_tests::workspace_root().join("data/bundles/oncology-en");
    std::fs::create_dir_all(dir.join("questions")).expect("folder");
    std::fs::copy(source.join("manifest.json"), dir.join("manifest.json")).expect("manifest");
    for entry in std::fs::read_dir(source.join("questions")).expect("questions") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join("questions").join(path.file_name().expect("name"))).expect("copied");
    }
}

#[test]
fn the_editor_opens_a_library_and_shows_grades_urgent_signs_and_the_three_sizes() {
    let work = kiosk_tests::temp_dir();
    let bundle = work.path().join("oncology-en");
    copy_sample_library(&bundle);
    let args = vec!["author".to_string(), bundle.display().to_string()];
    with_prepared_app(
        "the editor on the sample library",
        args,
        |_| {},
        |kiosk| async move {
            let item = "//button[contains(@class, 'nav-item') and contains(., 'What side effects')]";
            let side_effects = kiosk
                .client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(fantoccini::Locator::XPath(item))
                .await
                .expect("the side-effects question is listed");
            side_effects.click().await.expect("it opens");
            kiosk.wait_for("#f-urgent-0").await;
            kiosk.wait_for(".preview-pane .urgent-box").await;
            kiosk.wait_for_text("output[data-grade-for='urgent[0]']", "Grade").await;
            kiosk.screenshot("editor-urgent").await;
            for size in ["0", "1", "2"] {
                kiosk.tap(&format!(".preview-size[data-size='{size}']")).await;
                kiosk
                    .wait_for(&format!(".preview-pane[data-size='{size}'] .urgent-box"))
                    .await;
                found_no_violations(&kiosk, &format!("question with urgent signs, preview size {size}")).await;
            }
            kiosk.tap(".preview-size[data-size='1']").await;

            // A long, hard sentence is flagged as typed, and an unknown marker too.
            let summary = kiosk.wait_for("#f-summary").await;
            summary
            .send_keys(" Notwithstanding considerable interindividual variability, immunologically mediated toxicities necessitate multidisciplinary evaluation [42].")
            .await
            .expect("typing");
            kiosk
                .wait_for_text("output[data-grade-for='summary']", "aim for 8 or below")
                .await;
            kiosk
                .wait_for_text("output[data-cites-for='summary']", "No reference for [42]")
                .await;
            kiosk.wait_for_text("#problem-list", "cites [42]").await;
            let _ = kiosk
                .client
                .execute(
                    "document.getElementById('f-summary').scrollIntoView({ block: 'center' }); return true;",
                    vec![],
                )
                .await;
            kiosk.screenshot("editor-checks").await;
            found_no_violations(&kiosk, "question with problems").await;

            kiosk.tap(".nav-item:not([data-index])").await;
            kiosk.wait_for("#f-manifest-title").await;
            kiosk
                .wait_for_text(".preview-pane .section-heading", "Choose a topic")
                .await;
            kiosk.screenshot("editor-bundle").await;
            // The preview speaks the bundle's language: a Spanish bundle gets the Spanish screens.
            let _ = kiosk
                .client
                .execute(
                    "const s = document.getElementById('f-manifest-language'); s.value = 'es';
                     s.dispatchEvent(new Event('change')); return true;",
                    vec![],
                )
                .await;
            kiosk
                .wait_for_text(".preview-pane .section-heading", "Elija un tema")
                .await;
            kiosk.wait_for_text(".preview-pane .tile-count", "preguntas").await;
            kiosk.tap("#author-export").await;
            kiosk.wait_for("#export-dialog[open]").await;
            kiosk.screenshot("editor-export").await;
            kiosk
        },
    );
}
