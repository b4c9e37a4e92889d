//! A misspelled search still finds answers, and the screen says which word it searched for, as
//! the content writes it (accents included), in both languages.

use std::time::Duration;

use crate::harness::with_kiosk;

#[test]
fn a_misspelled_search_shows_results_for_the_word_of_the_library() {
    with_kiosk("misspelled search", |kiosk| async move {
        let input = kiosk.wait_for("#search-input").await;
        input.send_keys("imunotherapy").await.expect("typing works");
        let heading = kiosk
            .wait_for("#search-results h2[data-corrected]")
            .await
            .text()
            .await
            .expect("heading");
        assert_eq!(
            heading, "Showing results for “immunotherapy”",
            "the screen names the word it searched for"
        );
        kiosk.wait_for("#search-results .question-button").await;

        kiosk.tap("#language-toggle").await;
        kiosk
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(fantoccini::Locator::XPath("//label[contains(., 'Buscar preguntas')]"))
            .await
            .expect("Home is shown again in Spanish");
        let input = kiosk.wait_for("#search-input").await;
        input.send_keys("igado").await.expect("typing works");
        kiosk
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(fantoccini::Locator::XPath(
                "//h2[@data-corrected and contains(., 'Mostrando resultados de «hígado»')]",
            ))
            .await
            .expect("in Spanish, the word is shown with its accent, as the content writes it");
        kiosk.wait_for("#search-results .question-button").await;
        kiosk
    });
}
