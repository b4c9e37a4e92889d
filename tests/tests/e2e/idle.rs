//! Between patients: the "Are you still there?" question, and the reset that forgets everything.

use std::path::Path;
use std::time::Duration;

use crate::harness::{with_kiosk, with_prepared_kiosk, SETTINGS_FILE};

#[test]
fn an_idle_kiosk_asks_then_forgets_the_patient() {
    let prepare = |data: &Path| {
        std::fs::write(
            data.join(SETTINGS_FILE),
            "idle_seconds = 5\nidle_warning_seconds = 20\n",
        )
        .expect("settings");
    };
    with_prepared_kiosk("idle reset", prepare, |kiosk| async move {
        kiosk
            .wait_for_within(".idle-dialog[open]", Duration::from_secs(30))
            .await;
        let count = kiosk.wait_for("#idle-count").await.text().await.expect("count");
        let seconds: u32 = count
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .expect("a number of seconds");
        assert!(
            seconds >= 19,
            "the countdown gives the patient at least 20 seconds: {count}"
        );
        kiosk.tap(".idle-stay").await;
        assert!(
            kiosk
                .client
                .find(fantoccini::Locator::Css(".idle-dialog"))
                .await
                .is_err(),
            "\"I'm still here\" closes the question"
        );

        // A patient's session: largest text, high contrast, a picked question, Spanish, a search.
        kiosk.tap(".size-button[data-size='2']").await;
        kiosk.tap("#contrast-toggle").await;
        kiosk.tap(".tile[data-topic='immunotherapy']").await;
        kiosk
            .tap(".question-button[data-question='ici-liver-metastases']")
            .await;
        kiosk.tap(".pick-toggle[data-index='0']").await;
        kiosk.tap("#language-toggle").await;
        kiosk.tap("#nav-home").await;
        kiosk
            .wait_for("#search-input")
            .await
            .send_keys("higado")
            .await
            .expect("typing");
        kiosk.wait_for("#search-results .question-button").await;

        kiosk
            .wait_for_within(".idle-dialog[open]", Duration::from_secs(30))
            .await;
        kiosk.wait_for(".idle-print").await;
        kiosk.screenshot("idle-es-largest").await;
        kiosk.wait_for_within("#attract", Duration::from_secs(40)).await;
        kiosk.screenshot("attract").await;

        let state = kiosk
            .client
            .execute(
                "return [document.documentElement.lang,
                         getComputedStyle(document.documentElement).getPropertyValue('--scale').trim(),
                         document.documentElement.dataset.theme || '',
                         document.getElementById('my-questions-button').textContent,
                         document.querySelectorAll('dialog[open]:not(#attract)').length];",
                vec![],
            )
            .await
            .expect("state");
        assert_eq!(state[0], "en", "the language returns to the default");
        assert_eq!(state[1], "1.2", "the text size returns to the default");
        assert_eq!(state[2], "", "high contrast is switched off");
        assert_eq!(state[3], "My questions (0)", "the picked questions are forgotten");
        assert_eq!(state[4], 0, "no dialog or keyboard stays open");

        kiosk.tap("#attract").await;
        let input = kiosk.wait_for("#search-input").await;
        assert_eq!(
            input.prop("value").await.expect("value").as_deref(),
            Some(""),
            "the search text is gone"
        );
        assert!(
            kiosk.client.find(fantoccini::Locator::Css("#attract")).await.is_err(),
            "a touch on the attract screen opens Home"
        );
        kiosk
    });
}

/// The memory soak (scripts/soak.sh) ends each patient with `window.kioskIdleNow()`, which the page
/// offers only under WebDriver: it must forget the patient exactly as the countdown does. The
/// launch benchmark reads when Home's tiles were first drawn.
#[test]
fn the_test_only_idle_hook_resets_at_once_and_home_marks_its_first_tiles() {
    with_kiosk("idle hook", |kiosk| async move {
        // Two animation frames after Home is ready, so wait for it rather than read it at once.
        let painted = kiosk
            .wait_for("body[data-tiles-painted-at]")
            .await
            .attr("data-tiles-painted-at")
            .await
            .expect("mark")
            .unwrap_or_default();
        let painted: f64 = painted.parse().unwrap_or(0.0);
        assert!(
            painted > 1.6e12,
            "Home marks the wall-clock time its tiles were first drawn (ms since 1970): {painted}"
        );
        kiosk.pick_a_question_then_switch_to_spanish().await;
        let outcome = kiosk
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.kioskIdleNow().then(() => done(true), (e) => done(String(e)));",
                vec![],
            )
            .await
            .expect("the hook runs");
        assert_eq!(outcome, true, "the hook finishes without an error: {outcome}");
        kiosk.wait_for("#attract").await;
        let state = kiosk
            .client
            .execute(
                "return [document.documentElement.lang,
                         document.getElementById('my-questions-button').textContent,
                         document.querySelectorAll('.idle-dialog').length];",
                vec![],
            )
            .await
            .expect("state");
        assert_eq!(state[0], "en", "the language returns to the default: {state}");
        assert_eq!(
            state[1], "My questions (0)",
            "the picked question is forgotten: {state}"
        );
        assert_eq!(state[2], 0, "the idle question is gone: {state}");
        kiosk
    });
}
