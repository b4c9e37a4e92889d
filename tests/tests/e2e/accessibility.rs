//! axe-core (an npm test tool, never shipped) run inside the real webview on every patient screen,
//! in English and Spanish, at the default and the largest text size. Any violation fails the test
//! with the rule, the impact and the elements, so it can be fixed.

use std::path::Path;
use std::time::Duration;

use crate::harness::{with_kiosk, with_prepared_kiosk, Kiosk, SETTINGS_FILE};

/// axe.min.js from `tests/node_modules` (`npm ci --prefix tests`; scripts/test.sh runs it).
fn axe_source() -> String {
    let path = kiosk_tests::workspace_root().join("tests/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is needed: run `npm ci --prefix tests` ({e})", path.display()))
}

/// Runs axe on the page as it is now; returns one line per violation.
pub(crate) async fn violations(kiosk: &Kiosk, label: &str) -> Vec<String> {
    let present = kiosk
        .client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("axe check");
    if present != serde_json::Value::Bool(true) {
        kiosk
            .client
            .execute(&format!("{}\nreturn true;", axe_source()), vec![])
            .await
            .expect("axe-core can be injected");
    }
    // Let transitions settle so colours are measured as the patient sees them.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let result = kiosk
        .client
        .execute_async(
            "const done = arguments[0];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`)))
               .catch(e => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("axe runs");
    result
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| format!("{label}: {}", v.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

async fn set_size_and_language(kiosk: &Kiosk, size: u8, spanish: bool) {
    kiosk.tap(&format!(".size-button[data-size='{size}']")).await;
    let lang = kiosk
        .client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .expect("lang");
    if (lang == "es") != spanish {
        kiosk.tap("#language-toggle").await;
        kiosk
            .wait_for(&format!(
                "html[lang='{}'] .screen-home",
                if spanish { "es" } else { "en" }
            ))
            .await;
    }
}

#[test]
fn every_patient_screen_has_no_axe_violations_in_both_languages_and_sizes() {
    with_kiosk("axe on patient screens", |kiosk| async move {
        let mut found = Vec::new();
        for spanish in [false, true] {
            for size in [1u8, 2] {
                let tag = format!("{} size {size}", if spanish { "es" } else { "en" });
                kiosk.tap("#nav-home").await;
                set_size_and_language(&kiosk, size, spanish).await;
                kiosk.wait_for(".screen-home .tile").await;
                found.extend(violations(&kiosk, &format!("Home {tag}")).await);

                kiosk.tap(".tile[data-topic='immunotherapy']").await;
                kiosk.wait_for(".screen-topic .question-button").await;
                found.extend(violations(&kiosk, &format!("Topic {tag}")).await);

                kiosk
                    .tap(".question-button[data-question='ici-liver-metastases']")
                    .await;
                kiosk.wait_for(".answer-question").await;
                kiosk.tap(".pick-toggle[data-index='0']").await;
                found.extend(violations(&kiosk, &format!("Answer {tag}")).await);

                // An answer with urgent signs: the red (high contrast: yellow) box before the summary.
                kiosk.tap("#nav-home").await;
                kiosk.tap(".tile[data-topic='side-effects']").await;
                kiosk
                    .tap(".question-button[data-question='checkpoint-inhibitor-side-effects']")
                    .await;
                kiosk.wait_for(".urgent-box").await;
                found.extend(violations(&kiosk, &format!("Answer with urgent signs {tag}")).await);

                kiosk.tap("#my-questions-button").await;
                kiosk.wait_for(".screen-my-questions .picked-item").await;
                found.extend(violations(&kiosk, &format!("My questions {tag}")).await);
                kiosk.tap(".remove-button").await;

                kiosk.tap("#nav-home").await;
                let input = kiosk.wait_for("#search-input").await;
                input
                    .send_keys(if spanish { "hígado" } else { "liver" })
                    .await
                    .expect("typing");
                kiosk.wait_for("#search-results .question-button").await;
                found.extend(violations(&kiosk, &format!("Search {tag}")).await);
                input.clear().await.expect("clear");
            }
        }
        assert!(
            found.is_empty(),
            "axe-core found accessibility violations:\n{}",
            found.join("\n")
        );
        kiosk
    });
}

fn settings(language: &'static str) -> impl FnOnce(&Path) {
    move |data: &Path| {
        std::fs::write(
            data.join(SETTINGS_FILE),
            format!("idle_seconds = 5\nidle_warning_seconds = 20\ndefault_language = \"{language}\"\n"),
        )
        .expect("settings");
    }
}

/// The idle dialog at both sizes, then the attract screen after the reset; in `language`.
fn idle_and_attract_are_accessible(language: &'static str) {
    with_prepared_kiosk(
        &format!("axe on idle and attract ({language})"),
        settings(language),
        |kiosk| async move {
            let mut found = Vec::new();
            for size in [1u8, 2] {
                kiosk.tap(&format!(".size-button[data-size='{size}']")).await;
                kiosk
                    .wait_for_within(".idle-dialog[open]", Duration::from_secs(30))
                    .await;
                found.extend(violations(&kiosk, &format!("Idle dialog {language} size {size}")).await);
                kiosk.tap(".idle-stay").await;
            }
            kiosk
                .wait_for_within(".idle-dialog[open]", Duration::from_secs(30))
                .await;
            kiosk.wait_for_within("#attract", Duration::from_secs(40)).await;
            found.extend(violations(&kiosk, &format!("Attract {language} default size")).await);
            // The reset put the default size back; the size buttons sit under the attract screen, so
            // the largest size is set the way its button sets it.
            kiosk
                .client
                .execute(
                    "document.documentElement.style.setProperty('--scale', '1.45'); return true;",
                    vec![],
                )
                .await
                .expect("size");
            found.extend(violations(&kiosk, &format!("Attract {language} largest size")).await);
            assert!(
                found.is_empty(),
                "axe-core found accessibility violations:\n{}",
                found.join("\n")
            );
            kiosk
        },
    );
}

#[test]
fn the_idle_dialog_and_attract_screen_have_no_axe_violations_in_english() {
    idle_and_attract_are_accessible("en");
}

#[test]
fn the_idle_dialog_and_attract_screen_have_no_axe_violations_in_spanish() {
    idle_and_attract_are_accessible("es");
}
