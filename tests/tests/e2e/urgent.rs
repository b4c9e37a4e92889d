//! Honest review status and urgent signs: the sample library says it is a draft, and an answer
//! about side effects puts its urgent signs first, in a box, before the summary. The printed sheet
//! carries those signs once each and still fits one page with the longest lists of the library.

use std::process::Command;

use crate::harness::{can_run, with_kiosk};

const SIDE_EFFECTS: &str = "checkpoint-inhibitor-side-effects";
const AFTER_TREATMENT: &str = "side-effects-after-treatment";

#[test]
fn a_side_effect_answer_shows_its_urgent_signs_before_the_summary() {
    with_kiosk("urgent signs first", |kiosk| async move {
        kiosk.tap(".tile[data-topic='side-effects']").await;
        kiosk
            .tap(&format!(".question-button[data-question='{SIDE_EFFECTS}']"))
            .await;
        kiosk.wait_for(".urgent-box").await;
        let layout = kiosk
            .client
            .execute(
                "const box = document.querySelector('.urgent-box');
                 const summary = document.querySelector('.answer-summary');
                 return [document.querySelectorAll('.urgent-sign').length,
                         Boolean(box.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING),
                         box.getBoundingClientRect().bottom <= summary.getBoundingClientRect().top,
                         document.querySelector('.reviewed').textContent];",
                vec![],
            )
            .await
            .expect("layout");
        assert_eq!(layout[0], 8, "all eight signs are listed: {layout:?}");
        assert_eq!(
            layout[1], true,
            "the box comes before the summary in the page: {layout:?}"
        );
        assert_eq!(layout[2], true, "and above it on the screen: {layout:?}");
        assert_eq!(
            layout[3], "Draft — not yet checked by a clinician",
            "the draft status is said in the patient's language: {layout:?}"
        );
        kiosk.screenshot("answer-urgent").await;

        kiosk.tap("#language-toggle").await;
        let heading = kiosk.wait_for_text(".urgent-heading", "inmediato").await;
        assert!(
            heading.contains("Pida ayuda"),
            "the box heading is in Spanish: {heading}"
        );
        let status = kiosk.wait_for_text(".reviewed", "Borrador").await;
        assert!(
            status.starts_with("Borrador"),
            "the draft status is in Spanish too: {status}"
        );
        kiosk.screenshot("answer-urgent-es").await;
        kiosk
    });
}

fn pdf_text(path: &std::path::Path) -> String {
    // `-raw`: in the order drawn, so the two columns of signs stay apart.
    let output = Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(path: &std::path::Path) -> String {
    let info = Command::new("pdfinfo").arg(path).output().expect("pdfinfo runs");
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").map(|n| n.trim().to_string()))
        .unwrap_or_default()
}

#[test]
fn the_sheet_with_the_longest_lists_fits_one_page_and_prints_each_urgent_sign_once() {
    let missing = std::env::var_os("DISPLAY")
        .is_none()
        .then(|| "the sheet command needs a display (scripts/test.sh starts Xvfb)".to_string());
    if !can_run("longest sheet", missing) {
        return;
    }
    let data = kiosk_tests::temp_dir();
    for (language, paper) in [("en", "letter"), ("es", "a4")] {
        let out = data.path().join(format!("sheet-{language}.pdf"));
        // The two side-effect answers: the library's longest urgent list (8 signs, shared by both)
        // and all their "ask your doctor" items (11).
        let run = kiosk_tests::kiosk(
            data.path(),
            &[
                "sheet",
                "--out",
                out.to_str().expect("utf-8"),
                "--question",
                SIDE_EFFECTS,
                "--question",
                AFTER_TREATMENT,
                "--language",
                language,
                "--paper",
                paper,
            ],
        );
        assert_eq!(run.code, 0, "the sheet command succeeds: {run:?}");
        let _ = std::fs::copy(
            &out,
            kiosk_tests::workspace_root().join(format!("tests/artifacts/sheet-urgent-{language}.pdf")),
        );
        assert_eq!(pages(&out), "1", "{language}: the sheet fits one {paper} page");
        let text = pdf_text(&out);
        let show = kiosk_tests::kiosk(data.path(), &["show", SIDE_EFFECTS, "--language", language, "--json"]);
        let answer: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
        for sign in answer["urgent"].as_array().expect("urgent signs") {
            let sign = sign.as_str().expect("text");
            assert_eq!(
                text.matches(sign).count(),
                1,
                "{language}: the sign {sign:?}, shared by both answers, is printed exactly once: {text}"
            );
        }
        let draft = if language == "en" {
            "Draft — not yet checked by a clinician"
        } else {
            "Borrador"
        };
        assert_eq!(
            text.matches(draft).count(),
            1,
            "{language}: the sheet says once that both source answers are drafts: {text}"
        );
    }
}
