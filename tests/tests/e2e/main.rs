//! End-to-end tests in the real webview: the app as a patient uses it.

mod accessibility;
mod author;
mod author_order;
mod harness;
mod idle;
mod kiosk_mode;
mod misspelling;
mod printing;
mod reading;
mod renewal;
mod staff;
mod urgent;

use std::time::Duration;

use harness::{with_kiosk, with_prepared_kiosk};

#[test]
fn a_patient_opens_a_topic_and_reads_a_cited_answer() {
    with_kiosk("read a cited answer", |kiosk| async move {
        kiosk.wait_for(".tile[data-topic='immunotherapy']").await;
        kiosk.tap(".tile[data-topic='immunotherapy']").await;
        kiosk
            .tap(".question-button[data-question='ici-liver-metastases']")
            .await;
        let heading = kiosk.wait_for(".answer-question").await.text().await.expect("heading");
        assert_eq!(
            heading, "How do immune checkpoint inhibitors work for patients with liver metastases?",
            "the answer screen shows the question as its heading"
        );
        let text = kiosk.screen_text().await;
        assert!(
            text.contains("What to ask your doctor"),
            "the answer lists questions for the doctor"
        );
        assert!(
            text.contains("Draft — not yet checked by a clinician") && !text.contains("Reviewed"),
            "the sample library names no reviewer, so the answer says honestly that it is a draft: {text}"
        );
        assert!(
            text.contains("not medical advice") || text.contains("general information"),
            "the disclaimer is shown: {text}"
        );
        kiosk.screenshot("answer").await;
        let _ = kiosk
            .client
            .execute(
                "document.querySelector('.ask-box').scrollIntoView(); return true;",
                vec![],
            )
            .await;
        kiosk.screenshot("answer-ask").await;
        let _ = kiosk
            .client
            .execute("window.scrollTo(0, document.body.scrollHeight); return true;", vec![])
            .await;
        kiosk.screenshot("answer-end").await;
        let _ = kiosk
            .client
            .execute("window.scrollTo(0, 0); return true;", vec![])
            .await;

        kiosk.tap(".answer-summary .cite").await;
        let dialog = kiosk.wait_for("#reference-dialog[open]").await;
        let reference = dialog.text().await.expect("dialog text");
        assert!(
            reference.contains("Reference"),
            "tapping a citation shows its reference: {reference}"
        );
        assert!(
            reference.contains("DOI") || reference.contains("PubMed") || reference.contains("Web page"),
            "the reference shows an identifier as text: {reference}"
        );
        kiosk.screenshot("reference").await;
        kiosk.tap("#reference-dialog-close").await;

        kiosk.tap("#nav-back").await;
        kiosk
            .wait_for(".question-button[data-question='ici-liver-metastases']")
            .await;
        kiosk.tap("#nav-home").await;
        kiosk.wait_for(".tile[data-topic='immunotherapy']").await;
        kiosk
    });
}

#[test]
fn search_shows_results_as_the_patient_types() {
    with_kiosk("search as you type", |kiosk| async move {
        let input = kiosk.wait_for("#search-input").await;
        input.send_keys("liver").await.expect("typing works");
        let result = kiosk.wait_for("#search-results .question-button").await;
        let text = kiosk.wait_for("#search-results").await.text().await.expect("results");
        assert!(
            text.to_lowercase().contains("liver"),
            "results match what was typed: {text}"
        );
        kiosk.screenshot("search").await;
        result.click().await.expect("a result can be opened");
        let heading = kiosk.wait_for(".answer-question").await.text().await.expect("heading");
        assert!(!heading.is_empty(), "opening a result shows its answer");
        kiosk.tap("#nav-back").await;
        let input = kiosk.wait_for("#search-input").await;
        assert_eq!(
            input.prop("value").await.expect("value").as_deref(),
            Some("liver"),
            "Back returns to the results the patient had"
        );
        kiosk
    });
}

#[test]
fn the_on_screen_keyboard_types_a_search() {
    with_kiosk("search with the on-screen keyboard", |kiosk| async move {
        kiosk.tap(".keyboard-button").await;
        kiosk.wait_for(".keyboard-dialog[open]").await;
        for key in ["l", "i", "v"] {
            kiosk.tap(&format!(".key[data-key='{key}']")).await;
        }
        kiosk.tap(".keyboard-done").await;
        let input = kiosk.wait_for("#search-input").await;
        assert_eq!(
            input.prop("value").await.expect("value").as_deref(),
            Some("liv"),
            "the keys typed the search"
        );
        let text = kiosk.wait_for("#search-results").await.text().await.expect("results");
        assert!(
            text.to_lowercase().contains("liver"),
            "a patient with no physical keyboard can search: {text}"
        );
        kiosk
    });
}

#[test]
fn the_window_never_navigates_off_the_app() {
    with_kiosk("navigation lock", |kiosk| async move {
        kiosk.wait_for(".tile").await;
        let _ = kiosk
            .client
            .execute("location.href = 'https://example.com/'; return true;", vec![])
            .await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let _ = kiosk
            .client
            .execute(
                "const a = document.createElement('a'); a.href = 'https://example.com/'; a.target = '_blank';
                 document.body.append(a); a.click(); return true;",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let url = kiosk.client.current_url().await.expect("url");
        assert_eq!(
            url.host_str(),
            Some("localhost"),
            "the kiosk stays on its own page: {url}"
        );
        kiosk.wait_for(".tile").await;
        let windows = kiosk.client.windows().await.expect("windows");
        assert_eq!(windows.len(), 1, "no second window opens");
        kiosk
    });
}

/// The page's `formatNumber` against `Intl.NumberFormat` in the page's current language, in the
/// app's own engine: small whole numbers skip `Intl` (docs/performance.md, "Launch time") and must
/// read the same.
async fn numbers_read_as_intl_writes_them(kiosk: &harness::Kiosk) -> serde_json::Value {
    kiosk
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             import('./js/i18n.js').then((i18n) => {
               const intl = new Intl.NumberFormat(i18n.language());
               const differ = [0, 1, 7, 42, 100, 999, 1000, 2000, 12345, 2.5]
                 .filter((n) => i18n.formatNumber(n) !== intl.format(n))
                 .map((n) => [n, i18n.formatNumber(n), intl.format(n)]);
               done({ language: i18n.language(), differ });
             }, (error) => done({ error: String(error) }));",
            vec![],
        )
        .await
        .expect("the page's i18n module answers")
}

#[test]
fn the_language_button_switches_interface_and_content_to_spanish() {
    with_kiosk("Spanish", |kiosk| async move {
        let english = numbers_read_as_intl_writes_them(&kiosk).await;
        assert_eq!(
            english,
            serde_json::json!({ "language": "en", "differ": [] }),
            "numbers are written as Intl writes them in English"
        );
        kiosk.tap(".tile[data-topic='immunotherapy']").await;
        kiosk
            .tap(".question-button[data-question='ici-liver-metastases']")
            .await;
        kiosk.wait_for(".answer-question").await;
        kiosk.tap(".pick-toggle[data-index='0']").await;
        kiosk.tap("#language-toggle").await;
        kiosk
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(fantoccini::Locator::XPath(
                "//h2[contains(., 'Qué preguntarle a su médico')]",
            ))
            .await
            .expect("the answer is shown again in Spanish");
        let heading = kiosk.wait_for(".answer-question").await.text().await.expect("heading");
        assert!(
            heading.starts_with('¿'),
            "the question itself comes from the Spanish bundle: {heading}"
        );
        let home = kiosk.wait_for("#nav-home").await.text().await.expect("home");
        assert_eq!(home, "Inicio", "the interface text is Spanish too");
        kiosk.screenshot("answer-es").await;
        let spanish_item = kiosk
            .wait_for(".ask-item:nth-child(1) .ask-text")
            .await
            .text()
            .await
            .expect("item");
        let toggle = kiosk.wait_for(".pick-toggle[data-index='0']").await;
        assert_eq!(
            toggle.attr("aria-pressed").await.expect("attr").as_deref(),
            Some("true"),
            "a question picked in English stays picked in Spanish"
        );
        kiosk.tap("#my-questions-button").await;
        let listed = kiosk.wait_for(".picked-text").await.text().await.expect("picked");
        assert_eq!(listed, spanish_item, "the picked question is shown in the new language");
        kiosk.tap("#nav-home").await;
        let title = kiosk.wait_for(".tile .tile-title").await.text().await.expect("tile");
        assert_ne!(title, "Immunotherapy", "topic tiles come from the Spanish bundle");
        let spanish = numbers_read_as_intl_writes_them(&kiosk).await;
        assert_eq!(
            spanish,
            serde_json::json!({ "language": "es", "differ": [] }),
            "numbers are written as Intl writes them in Spanish"
        );
        kiosk.screenshot("home-es").await;
        kiosk
    });
}

#[test]
fn a_topic_of_two_thousand_questions_shows_a_page_at_a_time() {
    let prepare = |data: &std::path::Path| {
        let src = kiosk_tests::temp_dir();
        let mut builder = kiosk_tests::BundleBuilder::new("big-en", 1, "en", 0);
        builder.questions = (0..2000)
            .map(|i| kiosk_tests::question(&format!("big-{i:04}"), "basics", &format!("Big topic question {i:04}?")))
            .collect();
        let path = builder.write(&src.path().join("big"));
        let run = kiosk_tests::kiosk(data, &["bundle", "import", path.to_str().expect("utf-8")]);
        assert_eq!(run.code, 0, "the big bundle imports: {run:?}");
    };
    with_prepared_kiosk("2,000 questions", prepare, |kiosk| async move {
        kiosk.tap(".tile[data-topic='basics']").await;
        kiosk.wait_for(".question-button[data-question]").await;
        let shown = kiosk
            .client
            .find_all(fantoccini::Locator::Css(".question-button"))
            .await
            .expect("list");
        assert_eq!(
            shown.len(),
            50,
            "a long topic shows its first 50 questions, not all 2,000 at once"
        );
        let progress = kiosk.wait_for(".list-progress").await.text().await.expect("progress");
        assert!(
            progress.contains("2,000"),
            "the screen says how many there are: {progress}"
        );
        kiosk.tap(".more-button").await;
        kiosk.wait_for(".question-list li:nth-child(100)").await;
        let _ = kiosk
            .client
            .execute("window.scrollTo(0, document.body.scrollHeight); return true;", vec![])
            .await;
        kiosk.screenshot("long-topic").await;
        kiosk
    });
}
