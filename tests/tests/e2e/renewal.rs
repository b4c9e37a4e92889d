//! The page renewal at the idle reset, through WebDriver: the next patient gets a page in a new
//! WebKit web process that knows nothing of the last one (docs/performance.md, "Memory over time").
//! WebKit ends a WebDriver session with its web process, so the harness starts the app itself and
//! attaches again afterwards ([`super::harness::with_attached_kiosk`]).

use std::time::{Duration, Instant};

use super::harness::with_attached_kiosk;

/// The app's WebKit web processes (children named `WebKitWebProcess`), by process id.
fn web_processes(app_pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            // "PID (COMM) STATE PPID …": the name may hold spaces, so split after its ")".
            let Some((name, rest)) = stat.split_once(") ") else {
                return false;
            };
            let parent = rest.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok());
            name.ends_with("(WebKitWebProces") && parent == Some(app_pid)
        })
        .collect()
}

#[test]
fn the_idle_reset_gives_the_next_patient_a_fresh_web_process() {
    with_attached_kiosk("page renewal", |mut kiosk| async move {
        let app = kiosk.app_pid().expect("the harness started the app");
        let before = web_processes(app);
        assert!(!before.is_empty(), "the app has a web process before the reset");

        // A patient picks a question and switches to Spanish.
        kiosk.pick_a_question_then_switch_to_spanish().await;
        let _ = kiosk
            .client
            .execute("window.lastPatientPage = true; return true;", vec![])
            .await;

        // The reset the idle countdown ends with, renewing the page as a kiosk does. The answer
        // may be lost with the old page: the new page below is the proof the reset ran.
        let _ = tokio::time::timeout(
            Duration::from_secs(20),
            kiosk.client.execute_async(
                "const done = arguments[arguments.length - 1];
                 window.kioskIdleNow({ renewUnderWebDriver: true }).then(() => done(true), (e) => done(String(e)));",
                vec![],
            ),
        )
        .await;

        let deadline = Instant::now() + Duration::from_secs(60);
        let state = loop {
            let read = kiosk
                .client
                .execute(
                    "return document.body.dataset.ready === 'true' && !document.body.dataset.renewing
                        && document.querySelector('#attract') !== null
                        ? [location.search, window.lastPatientPage === true, document.documentElement.lang,
                           document.getElementById('my-questions-button').textContent,
                           document.getElementById('search-input')?.value ?? '']
                        : null;",
                    vec![],
                )
                .await;
            match read {
                Ok(serde_json::Value::Array(state)) if state[0] == "?after=reset" => break state,
                Ok(_) => {}
                // The session may have ended with the old page's web process: attach to the app again
                // (the old session is kept if it still lives).
                Err(_) => kiosk.attach_again().await,
            }
            assert!(
                Instant::now() < deadline,
                "the attract screen of a fresh page came within 60 s of the reset"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(state[1], false, "the page after the reset is a new page: {state:?}");
        assert_eq!(
            state[2], "en",
            "the new page speaks the default language again: {state:?}"
        );
        assert_eq!(state[3], "My questions (0)", "no question stays picked: {state:?}");
        assert_eq!(state[4], "", "the search box is empty: {state:?}");

        let after = web_processes(app);
        assert!(
            before.iter().all(|pid| !after.contains(pid)),
            "the last patient's web process has ended (before {before:?}, after {after:?})"
        );
        assert!(!after.is_empty(), "a new web process shows the page (after {after:?})");
        kiosk
    });
}
