//! Reordering in the content editor: a question moved up within its topic (by keyboard) and a
//! topic moved up, shown at once in the list, saved into `manifest.json` (the topic's `questions`
//! list, format 3), and shown in that order by a kiosk that imports the folder; and an id that
//! another question has, named as it is typed.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use kiosk_core::store::{Store, DATABASE_FILE};

use crate::author::{copy_sample_library, found_no_violations};
use crate::harness::{with_prepared_app, Kiosk};

/// The list on the left as (topic heading, question texts), top to bottom.
async fn nav_groups(kiosk: &Kiosk) -> Vec<(String, Vec<String>)> {
    let value = kiosk
        .client
        .execute(
            "return [...document.querySelectorAll('#author-nav .nav-topic')].map(h => [h.textContent,
               [...h.nextElementSibling.querySelectorAll('.nav-item')].map(b => b.textContent)]);",
            vec![],
        )
        .await
        .expect("the list can be read");
    serde_json::from_value(value).expect("pairs of heading and questions")
}

/// Waits until `check` holds for the list on the left.
async fn wait_for_nav(kiosk: &Kiosk, what: &str, check: impl Fn(&[(String, Vec<String>)]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let groups = nav_groups(kiosk).await;
        if check(&groups) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}; the list shows {groups:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn attribute(kiosk: &Kiosk, css: &str, name: &str) -> String {
    let element = kiosk.wait_for(css).await;
    element.attr(name).await.expect("attribute").unwrap_or_default()
}

/// The id of a question of the bundle at `dir` other than `own`.
fn other_id(dir: &Path, own: &str) -> String {
    std::fs::read_dir(dir.join("questions"))
        .expect("questions")
        .filter_map(|entry| {
            entry
                .ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .find(|id| id != own)
        .expect("another question")
}

/// Waits until the text of `css` no longer contains `needle`.
async fn wait_until_gone(kiosk: &Kiosk, css: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = kiosk.wait_for(css).await.text().await.unwrap_or_default();
        if !text.contains(needle) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css} should stop saying {needle:?}: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn focused_id(kiosk: &Kiosk) -> String {
    let value = kiosk
        .client
        .execute(
            "return document.activeElement ? document.activeElement.id : '';",
            vec![],
        )
        .await
        .expect("focus");
    value.as_str().unwrap_or_default().to_string()
}

#[test]
fn a_question_and_a_topic_moved_up_in_the_editor_are_saved_and_shown_in_that_order_by_a_kiosk() {
    let work = kiosk_tests::temp_dir();
    let bundle = work.path().join("oncology-en");
    copy_sample_library(&bundle);
    let args = vec!["author".to_string(), bundle.display().to_string()];
    let folder = bundle.clone();
    let moved = std::sync::Arc::new(std::sync::Mutex::new((String::new(), String::new(), String::new())));
    let seen = moved.clone();
    with_prepared_app(
        "reordering in the editor",
        args,
        |_| {},
        |kiosk| async move {
            kiosk.wait_for(".nav-item[data-index='0']").await;
            let groups = nav_groups(&kiosk).await;
            let (first_topic, questions) = groups.first().cloned().expect("a topic in the list");
            assert!(
                questions.len() >= 2,
                "the first topic has two questions to reorder: {groups:?}"
            );
            let second = questions[1].clone();
            let second_topic = groups[1].0.clone();

            kiosk
                .tap("#author-nav ul.nav-list:first-of-type li:nth-child(2) .nav-item")
                .await;
            kiosk.wait_for_text("#question-place", "Question 2 of").await;
            assert_eq!(
                attribute(&kiosk, "#move-question-up", "aria-label").await,
                format!("Move up: “{second}”"),
                "the button names the question it moves (after its visible text, as WCAG 2.5.3 asks)"
            );
            let up = kiosk.wait_for("#move-question-up").await;
            up.send_keys(&Key::Enter).await.expect("the button takes Enter");
            wait_for_nav(&kiosk, "the moved question is first in its topic at once", |groups| {
                groups[0].1.first() == Some(&second)
            })
            .await;
            kiosk.wait_for_text("#question-place", "Question 1 of").await;
            kiosk
                .wait_for_text("#author-nav .nav-item[aria-current='true']", &second)
                .await;
            assert!(
                kiosk.wait_for("#author-save").await.is_enabled().await.expect("state"),
                "a move is an unsaved change: Save is offered"
            );
            assert_eq!(
                focused_id(&kiosk).await,
                "move-question-up",
                "the focus stays on the button, so it can be pressed again"
            );
            kiosk.screenshot("editor-order").await;
            found_no_violations(&kiosk, "question form with its place").await;

            // An id another question has is named while it is typed, not only at Save.
            let id_field = kiosk.wait_for("#f-id").await;
            let own = id_field.prop("value").await.expect("value").unwrap_or_default();
            let other = other_id(&folder, &own);
            id_field.clear().await.expect("clear");
            id_field.send_keys(&other).await.expect("typing");
            kiosk
                .wait_for_text(
                    "#problem-list",
                    &format!("\"{other}\" is the id of another question too"),
                )
                .await;
            id_field.clear().await.expect("clear");
            id_field.send_keys(&own).await.expect("typing");
            wait_until_gone(&kiosk, "#problem-list", "is the id of another question too").await;

            kiosk.tap(".nav-item:not([data-index])").await;
            assert_eq!(
                attribute(&kiosk, "#f-manifest-topics-1-up", "aria-label").await,
                format!("Move up: topic “{second_topic}”")
            );
            kiosk.tap("#f-manifest-topics-1-up").await;
            wait_for_nav(&kiosk, "the moved topic is first in the list at once", |groups| {
                groups[0].0 == second_topic && groups[1].0 == first_topic
            })
            .await;
            assert_eq!(
                focused_id(&kiosk).await,
                "f-manifest-topics-0-up",
                "the focus follows the moved topic"
            );
            found_no_violations(&kiosk, "bundle form after a topic move").await;

            kiosk.tap("#author-save").await;
            kiosk.wait_for_text("#author-status", "Saved").await;
            *seen.lock().expect("lock") = (second, first_topic, second_topic);
            kiosk
        },
    );
    let (question, first_topic, second_topic) = moved.lock().expect("lock").clone();

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("manifest.json")).expect("manifest")).expect("json");
    assert_eq!(manifest["format"], 3, "a chosen order makes the bundle format 3");
    assert_eq!(
        manifest["topics"][0]["title"],
        second_topic.as_str(),
        "the moved topic is first"
    );
    let list = manifest["topics"][1]["questions"]
        .as_array()
        .expect("the reordered topic lists its questions");
    let first_id = list[0].as_str().expect("an id");
    let file: serde_json::Value = serde_json::from_slice(
        &std::fs::read(bundle.join("questions").join(format!("{first_id}.json"))).expect("question file"),
    )
    .expect("json");
    assert_eq!(file["question"], question.as_str(), "the moved question heads the list");
    assert!(
        manifest["topics"][0].get("questions").is_none(),
        "an untouched topic keeps the alphabetical order, with no list"
    );

    let data = kiosk_tests::temp_dir();
    let utf8 = |p: &Path| p.to_str().expect("utf-8").to_string();
    let import = kiosk_tests::kiosk(data.path(), &["bundle", "import", &utf8(&bundle), "--allow-downgrade"]);
    assert_eq!(import.code, 0, "the saved folder imports: {import:?}");
    let store = Store::open(&data.path().join(DATABASE_FILE)).expect("the kiosk's database");
    let topics = store.topics("en").expect("topics");
    let titles: Vec<&str> = topics.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        &titles[..2],
        [second_topic.as_str(), first_topic.as_str()],
        "Home shows the topics in the new order"
    );
    let page = store
        .questions("en", &topics[1].bundle_id, &topics[1].id, 0, 50)
        .expect("the topic's page");
    assert_eq!(
        page.items[0].question, question,
        "the topic's page starts with the question moved up"
    );
}
