//! Readable by everyone: text size and contrast, "Read aloud", and an answer with no translation.

use std::path::Path;

use fantoccini::Locator;
use kiosk_tests::{kiosk, BundleBuilder};

use crate::harness::{with_kiosk, with_prepared_kiosk};

#[test]
fn text_size_and_contrast_switch_on_every_screen() {
    with_kiosk("text size and contrast", |kiosk| async move {
        let state = |kiosk: &crate::harness::Kiosk| {
            let client = kiosk.client.clone();
            async move {
                client
                    .execute(
                        "return [getComputedStyle(document.documentElement).getPropertyValue('--scale').trim(),
                                 document.documentElement.dataset.theme || '',
                                 getComputedStyle(document.querySelector('.topbar')).backgroundColor,
                                 parseFloat(getComputedStyle(document.querySelector('#view h1')).fontSize)];",
                        vec![],
                    )
                    .await
                    .expect("state")
            }
        };
        let before = state(&kiosk).await;
        assert_eq!(before[0], "1.2", "large text is the default");
        kiosk.tap(".size-button[data-size='2']").await;
        let largest = state(&kiosk).await;
        assert_eq!(largest[0], "1.45", "the largest step applies at once");
        assert!(
            largest[3].as_f64() > before[3].as_f64(),
            "headings grow with the text size: {before:?} -> {largest:?}"
        );
        kiosk.tap(".size-button[data-size='0']").await;
        assert_eq!(state(&kiosk).await[0], "1", "and the smallest step too");
        kiosk.tap("#contrast-toggle").await;
        let contrast = state(&kiosk).await;
        assert_eq!(contrast[1], "contrast", "high contrast switches on");
        assert_ne!(contrast[2], before[2], "and changes the colours");
        // The choice holds on the next screen.
        kiosk.tap(".tile[data-topic='immunotherapy']").await;
        kiosk.wait_for(".screen-topic").await;
        let on_topic = state(&kiosk).await;
        assert_eq!(
            (on_topic[0].clone(), on_topic[1].clone()),
            ("1".into(), "contrast".into()),
            "size and contrast stay on every screen"
        );
        kiosk.tap("#contrast-toggle").await;
        assert_eq!(state(&kiosk).await[1], "", "and high contrast switches off again");
        kiosk
    });
}

#[test]
fn read_aloud_shows_only_when_a_voice_exists_and_toggles() {
    with_kiosk("read aloud", |kiosk| async move {
        kiosk.tap(".tile[data-topic='immunotherapy']").await;
        kiosk
            .tap(".question-button[data-question='ici-liver-metastases']")
            .await;
        kiosk.wait_for(".answer-question").await;
        let voices = kiosk
            .client
            .execute_async(
                "const done = arguments[0];
                 const check = () => done((window.speechSynthesis ? speechSynthesis.getVoices() : []).some(v => v.lang.toLowerCase().startsWith('en')));
                 setTimeout(check, 2000);",
                vec![],
            )
            .await
            .expect("voices");
        let has_voice = voices.as_bool().unwrap_or(false);
        let button = kiosk.wait_for(".read-aloud").await;
        let shown = button.is_displayed().await.expect("displayed");
        assert_eq!(
            shown, has_voice,
            "\"Read aloud\" shows exactly when an English voice exists"
        );
        if has_voice {
            // Record what would be spoken (the test machine has no sound card to speak through). The
            // spy goes on the prototype as well as on the instance: with the instance alone, about
            // one run in three recorded nothing although the button had started reading.
            let spy = kiosk
                .client
                .execute(
                    "window.__spoken = [];
                     const record = (u) => { window.__spoken.push(u.text); };
                     Object.defineProperty(SpeechSynthesis.prototype, 'speak', { value: record });
                     Object.defineProperty(speechSynthesis, 'speak', { value: record });
                     speechSynthesis.speak(new SpeechSynthesisUtterance('probe'));
                     return window.__spoken.length;",
                    vec![],
                )
                .await
                .expect("spy");
            assert_eq!(spy, 1, "the speech spy is in place");
            kiosk.tap(".read-aloud").await;
            assert_eq!(
                button.attr("aria-pressed").await.expect("attr").as_deref(),
                Some("true"),
                "reading starts"
            );
            let spoken = kiosk
                .client
                .execute("return window.__spoken.slice(1).join('\\n');", vec![])
                .await
                .expect("spoken");
            let spoken = spoken.as_str().unwrap_or_default();
            assert!(
                spoken.starts_with("How do immune checkpoint inhibitors work"),
                "the question is read first: {spoken}"
            );
            assert!(
                spoken.contains("What to ask your doctor"),
                "the questions for the doctor are read too"
            );
            assert!(!spoken.contains("[1]"), "citation markers are not read out");
            kiosk.tap(".read-aloud").await;
            assert_eq!(
                button.attr("aria-pressed").await.expect("attr").as_deref(),
                Some("false"),
                "and stops"
            );
        }
        kiosk
    });
}

#[test]
fn an_answer_without_a_translation_says_so_and_offers_the_english_text() {
    let prepare = |data: &Path| {
        let mut bundle = BundleBuilder::new("english-only", 1, "en", 1);
        bundle.questions[0] = kiosk_tests::question("english-only-q", "basics", "What is a port for chemotherapy?");
        let folder = bundle.write(&data.join("english-only"));
        let run = kiosk(data, &["bundle", "import", folder.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "the English-only bundle imports: {run:?}");
    };
    with_prepared_kiosk("untranslated answer", prepare, |kiosk| async move {
        kiosk.tap(".tile[data-topic='basics']").await;
        kiosk.tap(".question-button[data-question='english-only-q']").await;
        kiosk.wait_for(".answer-question").await;
        kiosk.tap("#language-toggle").await;
        let notice = kiosk.wait_for_text(".untranslated", "traducida").await;
        assert!(
            notice.contains("inglés"),
            "the patient is told, in Spanish, that only English exists: {notice}"
        );
        kiosk.tap(".show-english").await;
        let heading = kiosk.wait_for(".answer-question").await.text().await.expect("heading");
        assert_eq!(
            heading, "What is a port for chemotherapy?",
            "the English text is shown on request"
        );
        let lang = kiosk
            .client
            .find(Locator::Css("article.answer"))
            .await
            .expect("article")
            .attr("lang")
            .await
            .expect("lang");
        assert_eq!(
            lang.as_deref(),
            Some("en"),
            "marked as English, so a screen reader reads it right"
        );
        kiosk.wait_for_text(".untranslated", "inglés").await;
        kiosk
    });
}
