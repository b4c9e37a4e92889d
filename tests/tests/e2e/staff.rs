//! The staff screen end to end: the staff gesture and PIN, a bundle imported from a folder standing
//! in for a USB stick after its preview, the new question on Home, the history, and a rollback.

use std::path::Path;

use kiosk_tests::{kiosk_with_input, BundleBuilder};

use crate::harness::{with_prepared_kiosk, Kiosk, SETTINGS_FILE};

const PIN: &str = "402917";

async fn open_staff_screen(kiosk: &Kiosk) {
    let title = kiosk.wait_for("#app-title").await;
    for _ in 0..5 {
        title.click().await.expect("the title can be tapped");
    }
    kiosk.wait_for(".pin-dialog[open]").await;
    for digit in PIN.chars() {
        kiosk.tap(&format!(".pin-key[aria-label='{digit}']")).await;
    }
    kiosk.tap(".pin-ok").await;
    kiosk.wait_for(".screen-staff #staff-import").await;
}

#[test]
fn staff_import_a_bundle_from_a_stick_and_patients_see_it_on_home() {
    let prepare = |data: &Path| {
        let stick = data.join("stick");
        let mut bundle = BundleBuilder::new("stick-news", 1, "en", 2);
        bundle.manifest["topics"][0]["title"] = "News from the clinic".into();
        bundle.questions[0] = kiosk_tests::question("stick-q1", "basics", "Can I bring someone to my infusion visit?");
        bundle.write(&stick.join("stick-news"));
        std::fs::write(
            data.join(SETTINGS_FILE),
            format!("import_folder = \"{}\"\n", stick.display()),
        )
        .expect("settings");
        let run = kiosk_with_input(data, &["staff", "set-pin"], &format!("{PIN}\n"));
        assert_eq!(run.code, 0, "the staff PIN is set: {run:?}");
    };
    with_prepared_kiosk("staff import", prepare, |kiosk| async move {
        let home = kiosk.screen_text().await;
        assert!(
            !home.contains("News from the clinic"),
            "the stick's topic is not there before the import"
        );

        open_staff_screen(&kiosk).await;
        let found = kiosk.wait_for_text("#staff-import", "stick-news").await;
        assert!(
            found.contains("stick-news"),
            "the bundle in the import folder is listed: {found}"
        );
        kiosk.tap(".staff-check").await;
        let preview = kiosk.wait_for_text("#staff-preview", "2 questions added").await;
        assert!(
            preview.contains("Not signed"),
            "the preview shows the signature status: {preview}"
        );
        assert!(
            preview.contains("not installed yet"),
            "and that this bundle is new: {preview}"
        );
        kiosk.tap(".staff-import").await;
        kiosk
            .wait_for_text("#staff-import-outcome", "Imported stick-news version 1")
            .await;
        kiosk.wait_for_text("#staff-content", "stick-news").await;
        kiosk.wait_for_text("#staff-audit", "stick-news").await;

        // A setting changed here is kept by the kiosk and can be handed back to the settings file.
        let name = kiosk.wait_for("#setting-clinic-name").await;
        name.clear().await.expect("clear");
        name.send_keys("Lakeside Cancer Care").await.expect("typing");
        kiosk.tap(".staff-save-settings").await;
        kiosk.wait_for_text("#staff-settings-outcome", "Saved").await;
        kiosk.wait_for_text("#staff-settings", "Changed by staff").await;
        let clinic = kiosk
            .client
            .execute_async(
                "const done = arguments[0];
                 window.__TAURI_INTERNALS__.invoke('app_info', { language: 'en' }).then((i) => done(i.clinic_name));",
                vec![],
            )
            .await
            .expect("app info");
        assert_eq!(
            clinic, "Lakeside Cancer Care",
            "the sheet uses the new clinic name at once"
        );
        kiosk.tap(".staff-use-file").await;
        kiosk.wait_for_text("#staff-settings-outcome", "Saved").await;
        let settings = kiosk.wait_for("#staff-settings").await.text().await.expect("text");
        assert!(
            !settings.contains("Changed by staff"),
            "the staff change was dropped again: {settings}"
        );

        kiosk.tap(".staff-back").await;
        kiosk.wait_for(".screen-home").await;
        kiosk.wait_for_text("#view", "News from the clinic").await;
        kiosk.tap(".tile[data-topic='basics']").await;
        kiosk
            .wait_for_text("#view", "Can I bring someone to my infusion visit?")
            .await;

        // The staff session ended when staff left the screen: staff commands are refused now.
        let refused = kiosk
            .client
            .execute_async(
                "const done = arguments[0];
                 window.__TAURI_INTERNALS__.invoke('staff_bundles', {}).then(() => done('allowed'), (e) => done(e.code));",
                vec![],
            )
            .await
            .expect("invoke");
        assert_eq!(
            refused, "staff_only",
            "leaving the staff screen locks the staff commands again"
        );
        kiosk
    });
}
