//! The questions sheet on a real printer: CUPS with the cups-pdf virtual printer (`scripts/test.sh`
//! sets it up as `PDF`), read back with `pdftotext`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use crate::harness::{can_run, with_prepared_kiosk, Kiosk, SETTINGS_FILE};

const PRINTER: &str = "PDF";
const OWN_QUESTION: &str = "Can my daughter come to my visits with me?";
const CLINIC: &str = "Riverside Test Clinic";

/// Where cups-pdf writes jobs of this user.
fn pdf_dir() -> PathBuf {
    std::env::var_os("KIOSK_TEST_PDF_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join("PDF"))
}

fn cups_ready() -> bool {
    Command::new("lpstat")
        .args(["-p", PRINTER])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Re-enables the printer even when the test fails half-way.
struct EnablePrinterOnDrop;

impl Drop for EnablePrinterOnDrop {
    fn drop(&mut self) {
        let _ = Command::new("cupsenable").arg(PRINTER).status();
    }
}

fn newest_pdf_since(since: SystemTime) -> Option<PathBuf> {
    std::fs::read_dir(pdf_dir())
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(modified, _)| *modified >= since)
        .max()
        .map(|(_, path)| path)
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn pick(kiosk: &Kiosk, topic: &str, question: &str, items: &[usize]) {
    kiosk.tap("#nav-home").await;
    kiosk.tap(&format!(".tile[data-topic='{topic}']")).await;
    kiosk
        .tap(&format!(".question-button[data-question='{question}']"))
        .await;
    for index in items {
        kiosk.tap(&format!(".pick-toggle[data-index='{index}']")).await;
    }
}

async fn ask_text(kiosk: &Kiosk, index: usize) -> String {
    let item = kiosk
        .wait_for(&format!(".ask-item:nth-child({}) .ask-text", index + 1))
        .await;
    item.text().await.expect("item text")
}

async fn picked_texts(kiosk: &Kiosk) -> Vec<String> {
    kiosk.tap("#my-questions-button").await;
    kiosk.wait_for(".screen-my-questions").await;
    // Read in one go: the list redraws itself when picks change, which would leave stale elements.
    let texts = kiosk
        .client
        .execute(
            "return [...document.querySelectorAll('.screen-my-questions .picked-text')].map(n => n.textContent);",
            vec![],
        )
        .await
        .expect("items");
    serde_json::from_value(texts).expect("a list of texts")
}

fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle)) {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn a_patient_picks_questions_adds_one_and_prints_the_sheet() {
    let missing =
        (!cups_ready()).then(|| format!("the CUPS printer {PRINTER} is missing (scripts/test.sh sets it up)"));
    if !can_run("print the sheet", missing) {
        return;
    }
    let prepare = |data: &Path| {
        std::fs::write(
            data.join(SETTINGS_FILE),
            format!("clinic_name = \"{CLINIC}\"\nprinter = \"{PRINTER}\"\n"),
        )
        .expect("settings written");
    };
    with_prepared_kiosk("print the sheet", prepare, |kiosk| async move {
        let _enable = EnablePrinterOnDrop;
        pick(&kiosk, "immunotherapy", "ici-liver-metastases", &[0, 1]).await;
        let first = ask_text(&kiosk, 0).await;
        let second = ask_text(&kiosk, 1).await;
        assert_eq!(
            kiosk
                .wait_for(".pick-toggle[data-index='0']")
                .await
                .attr("aria-pressed")
                .await
                .expect("attr")
                .as_deref(),
            Some("true"),
            "a picked item shows as added"
        );
        pick(&kiosk, "clinical-trials", "what-is-a-clinical-trial", &[0, 1, 1]).await;
        let third = ask_text(&kiosk, 0).await;
        let dropped = ask_text(&kiosk, 1).await;
        let button = kiosk
            .wait_for("#my-questions-button")
            .await
            .text()
            .await
            .expect("button");
        assert!(
            button.contains('3'),
            "the button counts three picked questions: {button}"
        );

        assert_eq!(
            picked_texts(&kiosk).await,
            vec![first.clone(), second.clone(), third.clone()],
            "grouped in picking order"
        );
        kiosk.tap(".add-own-button").await;
        kiosk.wait_for(".keyboard-dialog[open]").await;
        kiosk.tap(".key[data-key='¿']").await;
        let field = kiosk.wait_for("#keyboard-field").await;
        field
            .send_keys("Can my daughter come to my visits with me?")
            .await
            .expect("typing");
        let typed = field.prop("value").await.expect("value").unwrap_or_default();
        assert!(typed.starts_with('¿'), "the on-screen keyboard types ¿: {typed}");
        // Keep the question as the test expects it: clear the ¿ with the on-screen backspace.
        let _ = kiosk
            .client
            .execute(
                "const f = document.getElementById('keyboard-field'); f.setSelectionRange(1, 1); return true;",
                vec![],
            )
            .await;
        kiosk.tap(".key-wide[aria-label='Delete the last letter']").await;
        kiosk.screenshot("keyboard").await;
        kiosk.tap(".keyboard-done").await;
        let texts = picked_texts(&kiosk).await;
        assert_eq!(texts.len(), 4, "three picked and one of the patient's own: {texts:?}");
        assert!(
            texts.contains(&OWN_QUESTION.to_string()),
            "the own question is listed: {texts:?}"
        );
        kiosk.screenshot("my-questions").await;

        kiosk.tap(".to-sheet-button").await;
        let sheet_date = kiosk
            .wait_for(".sheet-paper .sheet-date")
            .await
            .text()
            .await
            .expect("date");
        kiosk.screenshot("sheet-preview").await;
        let started = SystemTime::now() - Duration::from_secs(1);
        kiosk.tap(".print-button").await;
        let message = kiosk
            .wait_for(".print-message.print-ok")
            .await
            .text()
            .await
            .expect("message");
        assert!(
            message.contains("printing"),
            "the patient is told the sheet is printing: {message}"
        );

        let deadline = Instant::now() + Duration::from_secs(60);
        let pdf = loop {
            if let Some(pdf) = newest_pdf_since(started) {
                tokio::time::sleep(Duration::from_secs(1)).await; // let cups-pdf finish writing
                break pdf;
            }
            assert!(
                Instant::now() < deadline,
                "a PDF must arrive in {} from the printer",
                pdf_dir().display()
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        };
        let text = pdf_text(&pdf);
        let dir = kiosk_tests::workspace_root().join("tests/artifacts");
        let _ = std::fs::copy(&pdf, dir.join("printed-sheet.pdf"));
        for expected in [&first, &second, &third, &OWN_QUESTION.to_string()] {
            assert!(
                text.contains(expected.as_str()),
                "the printed sheet holds {expected:?}: {text}"
            );
        }
        assert!(
            !text.contains(dropped.as_str()),
            "a question picked and then removed is not printed: {text}"
        );
        assert!(
            text.contains(&sheet_date),
            "the sheet carries the date ({sheet_date}): {text}"
        );
        assert!(
            text.contains("not medical advice"),
            "the sheet carries the bundle's disclaimer: {text}"
        );
        assert!(
            text.contains(CLINIC),
            "the sheet carries the clinic's name from the settings: {text}"
        );
        assert!(
            text.contains("Questions for my doctor"),
            "the sheet has its title: {text}"
        );

        // Two answer screens were opened; My questions, the sheet preview and printing read those
        // answers again and must not count them again.
        let database = kiosk.data_dir.path().join(kiosk_core::store::DATABASE_FILE);
        let usage = kiosk_core::store::Store::open(&database)
            .and_then(|store| store.usage())
            .expect("the usage counts can be read");
        let mut opens: Vec<(String, i64)> = usage
            .question_opens
            .iter()
            .map(|row| (row.question_id.clone(), row.count))
            .collect();
        opens.sort();
        assert_eq!(
            opens,
            [
                ("ici-liver-metastases".to_string(), 1),
                ("what-is-a-clinical-trial".to_string(), 1)
            ],
            "each answer the patient opened counts once, and nothing else counts"
        );
        assert_eq!(
            usage.sheet_prints.iter().map(|row| row.count).sum::<i64>(),
            1,
            "one sheet was printed"
        );

        let stopped = Command::new("cupsdisable")
            .arg(PRINTER)
            .status()
            .expect("cupsdisable runs");
        assert!(stopped.success(), "the printer can be stopped for the test");
        kiosk.tap(".print-button").await;
        let failure = kiosk
            .wait_for(".print-message.print-failed")
            .await
            .text()
            .await
            .expect("message");
        assert_eq!(
            failure, "The printer is not working. Please ask at the front desk.",
            "a stopped printer is explained in plain words"
        );
        kiosk.screenshot("print-failed").await;
        assert_eq!(picked_texts(&kiosk).await.len(), 4, "a failed print keeps the list");
        let _ = Command::new("cupsenable").arg(PRINTER).status();

        let traces = files_containing(kiosk.data_dir.path(), OWN_QUESTION.as_bytes());
        assert!(
            traces.is_empty(),
            "no file in the data folder may hold what the patient wrote: {traces:?}"
        );
        let traces = files_containing(kiosk.data_dir.path(), b"daughter");
        assert!(traces.is_empty(), "not even a part of it: {traces:?}");
        kiosk
    });
}

#[test]
fn the_sheet_command_writes_the_same_sheet_to_a_pdf() {
    let missing = std::env::var_os("DISPLAY")
        .is_none()
        .then(|| "the sheet command needs a display (scripts/test.sh starts Xvfb)".to_string());
    if !can_run("sheet command", missing) {
        return;
    }
    let data = kiosk_tests::temp_dir();
    let out = data.path().join("sheet.pdf");
    let run = kiosk_tests::kiosk(
        data.path(),
        &[
            "sheet",
            "--out",
            out.to_str().expect("utf-8"),
            "--question",
            "what-is-a-clinical-trial",
            "--language",
            "es",
            "--paper",
            "a4",
        ],
    );
    assert_eq!(run.code, 0, "the sheet command succeeds: {run:?}");
    assert!(
        run.stdout.contains("wrote"),
        "it says where it wrote the sheet: {run:?}"
    );
    let text = pdf_text(&out);
    assert!(
        text.contains("Preguntas para mi médico"),
        "the sheet is in Spanish when asked: {text}"
    );
    let show = kiosk_tests::kiosk(
        data.path(),
        &["show", "what-is-a-clinical-trial", "--language", "es", "--json"],
    );
    let answer: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    for item in answer["ask_your_doctor"].as_array().expect("items") {
        let item = item.as_str().expect("text");
        assert!(
            text.contains(item),
            "every 'ask your doctor' item of the answer is on the sheet: {item:?} in {text}"
        );
    }
    let info = Command::new("pdfinfo").arg(&out).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("A4"), "--paper a4 gives an A4 page: {info}");

    let missing = kiosk_tests::kiosk(
        data.path(),
        &["sheet", "--out", out.to_str().expect("utf-8"), "--question", "nope"],
    );
    assert_eq!(
        missing.code, 1,
        "an unknown question is refused before any window opens: {missing:?}"
    );
}
