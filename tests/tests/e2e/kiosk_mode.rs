//! Kiosk mode: the window covers the screen, browser shortcuts do nothing, and the only way out is
//! the hidden staff gesture and the staff PIN.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{with_prepared_kiosk, Kiosk, SETTINGS_FILE};

const PIN: &str = "402917";

fn kiosk_with_pin(data: &Path) {
    std::fs::write(data.join(SETTINGS_FILE), "kiosk = true\n").expect("settings");
    let run = kiosk_tests::kiosk_with_input(data, &["staff", "set-pin"], &format!("{PIN}\n"));
    assert_eq!(run.code, 0, "IT sets the staff PIN from the terminal: {run:?}");
}

async fn five_taps_on_the_title(kiosk: &Kiosk) {
    let title = kiosk.wait_for("#app-title").await;
    for _ in 0..5 {
        title.click().await.expect("the title can be tapped");
    }
}

async fn type_pin(kiosk: &Kiosk, pin: &str) {
    kiosk.wait_for(".pin-dialog[open]").await;
    for digit in pin.chars() {
        kiosk.tap(&format!(".pin-key[aria-label='{digit}']")).await;
    }
    kiosk.tap(".pin-ok").await;
}

#[test]
fn the_kiosk_covers_the_screen_ignores_shortcuts_and_lets_only_staff_out() {
    with_prepared_kiosk("kiosk mode", kiosk_with_pin, |kiosk| async move {
        let rect = kiosk.client.get_window_rect().await.expect("window rect");
        assert_eq!(
            (rect.0, rect.1, rect.2, rect.3),
            (0, 0, 1280, 800),
            "without a window manager the kiosk still covers the whole 1280x800 screen"
        );

        let search = kiosk.wait_for("#search-input").await;
        search.send_keys("liver").await.expect("typing");
        kiosk
            .client
            .execute("window.__stillHere = true; return true;", vec![])
            .await
            .expect("marker");
        // Ctrl+R, Ctrl+P, Ctrl+W, Ctrl+Q, Ctrl++, Ctrl+0, F5, F12 (WebDriver key codes).
        for keys in [
            "\u{E009}r\u{E000}",
            "\u{E009}p\u{E000}",
            "\u{E009}w\u{E000}",
            "\u{E009}q\u{E000}",
            "\u{E009}+\u{E000}",
            "\u{E009}0\u{E000}",
            "\u{E035}",
            "\u{E03C}",
        ] {
            search.send_keys(keys).await.expect("a shortcut can be pressed");
        }
        let after = kiosk
            .client
            .execute(
                "return [window.__stillHere === true, document.getElementById('search-input').value,
                         Number(document.body.dataset.blockedShortcuts || 0), window.devicePixelRatio];",
                vec![],
            )
            .await
            .expect("state");
        assert_eq!(after[0], true, "no shortcut reloaded or left the page");
        assert_eq!(after[1], "liver", "the patient's search text is still there");
        assert_eq!(after[2], 8, "every one of the eight shortcuts was swallowed");

        // A wrong PIN, then the right one.
        five_taps_on_the_title(&kiosk).await;
        type_pin(&kiosk, "000001").await;
        kiosk.wait_for_text("#pin-message", "not right").await;
        assert!(
            kiosk.client.find(Locator::Css(".screen-staff")).await.is_err(),
            "a wrong PIN does not open the staff screen"
        );
        type_pin(&kiosk, PIN).await;
        kiosk.wait_for(".screen-staff").await;

        let leave = kiosk.wait_for(".staff-leave").await;
        // The app ends while answering the click, so the click itself may report an error.
        let _ = leave.click().await;
        let mut closed = false;
        for _ in 0..50 {
            if kiosk.client.title().await.is_err() {
                closed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(closed, "\"Leave kiosk mode\" with a staff session closes the app");
        kiosk
    });
}

#[test]
fn staff_choose_a_pin_on_first_use_and_the_screen_locks_when_left() {
    let prepare = |_: &Path| {};
    with_prepared_kiosk("first staff PIN", prepare, |kiosk| async move {
        five_taps_on_the_title(&kiosk).await;
        let rect = kiosk.client.get_window_rect().await.expect("window rect");
        assert_eq!(
            (rect.2, rect.3),
            (1024, 768),
            "without kiosk mode the app opens in an ordinary window, not over the whole screen"
        );
        kiosk.wait_for_text("#pin-prompt", "Choose one").await;
        type_pin(&kiosk, PIN).await;
        type_pin(&kiosk, "402918").await;
        kiosk.wait_for_text("#pin-message", "different").await;
        type_pin(&kiosk, PIN).await;
        type_pin(&kiosk, PIN).await;
        kiosk.wait_for(".screen-staff").await;
        assert!(
            kiosk.client.find(Locator::Css(".staff-leave")).await.is_err(),
            "outside kiosk mode there is nothing to leave"
        );
        kiosk.tap(".staff-back").await;
        kiosk.wait_for(".screen-home").await;

        // Leaving the staff screen ended the staff session: the gesture asks for the PIN again.
        five_taps_on_the_title(&kiosk).await;
        kiosk.wait_for_text("#pin-prompt", "Enter the staff PIN").await;
        kiosk
    });
}

#[test]
fn in_kiosk_mode_without_a_pin_the_gesture_says_to_ask_it() {
    let prepare = |data: &Path| {
        std::fs::write(data.join(SETTINGS_FILE), "kiosk = true\n").expect("settings");
    };
    with_prepared_kiosk("no staff PIN in kiosk mode", prepare, |kiosk| async move {
        five_taps_on_the_title(&kiosk).await;
        kiosk.wait_for_text("#status", "Ask IT to set the staff PIN").await;
        assert!(
            kiosk.client.find(Locator::Css(".pin-dialog[open]")).await.is_err(),
            "nobody in the waiting room can choose the staff PIN"
        );
        kiosk
    });
}
