//! The order a topic's questions are shown in (format 3). A topic may list its question ids in
//! `questions`: the listed ones come first, in that order; the rest follow alphabetically by the
//! question (letters A to Z compared without case, then the id), which is how every topic was
//! shown before lists existed. So a bundle without lists looks as it always did, and a writer
//! needs a list only when the alphabetical order is not the one wanted ([`list_to_write`]), which
//! keeps such bundles readable by kiosks that know only formats 1 and 2.
//!
//! The kiosk sorts in SQL (`store/read.rs`); [`display_order`] is the same order for the
//! authoring tools, which show and write questions as a kiosk will show them.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::check::{join, needs_format, Checker, ORDER_FORMAT};
use super::files::MANIFEST;
use super::model::{Question, Topic};
use super::problem::Problem;

/// The most ids a topic can list: every question of the largest bundle.
const MAX_LISTED: usize = 10_000;

/// A topic's `questions` list as written (`topics[i]` is `field`), or an empty list when the
/// topic has none; `None` after reporting a problem with it.
pub(super) fn read_list(
    c: &mut Checker<'_>,
    field: &str,
    topic: &Map<String, Value>,
    format: u32,
) -> Option<Vec<String>> {
    let Some(value) = topic.get("questions") else {
        return Some(Vec::new());
    };
    let field = join(field, "questions");
    if format < ORDER_FORMAT {
        c.report(&field, needs_format(&field, ORDER_FORMAT, format));
        return None;
    }
    c.string_list(&field, value, 1, MAX_LISTED, 80)
}

/// Every id a topic lists is a question of that topic, listed once. `question_ids` are the ids of
/// every question file (also those with problems of their own, so that a broken question is not
/// reported a second time as unknown); `questions` are those that passed their checks.
pub(super) fn check_lists(
    topics: &[Topic],
    question_ids: &BTreeSet<&str>,
    questions: &[Question],
    errors: &mut Vec<Problem>,
) {
    let topic_of: HashMap<&str, &str> = questions.iter().map(|q| (q.id.as_str(), q.topic.as_str())).collect();
    let mut listed_by: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, topic) in topics.iter().enumerate() {
        for (j, id) in topic.questions.iter().enumerate() {
            let field = format!("topics[{i}].questions[{j}]");
            let problem = |message: String| Problem::new(MANIFEST, &field, message);
            let name = &topic.id;
            if let Some(first) = listed_by.insert(id, name) {
                errors.push(problem(if first == name {
                    format!("topic {name:?} lists {id:?} twice; list each question once")
                } else {
                    format!("topic {name:?} lists {id:?}, which topic {first:?} lists too; list each question once, under its own topic")
                }));
            } else if !question_ids.contains(id.as_str()) {
                errors.push(problem(format!(
                    "topic {name:?} lists {id:?}, but the bundle has no question with that id (no questions/{id}.json); correct the id or take it off the list"
                )));
            } else if let Some(other) = topic_of.get(id.as_str()).filter(|other| **other != name) {
                errors.push(problem(format!(
                    "topic {name:?} lists {id:?}, which is a question of topic {other:?}; list it under {other:?}, or change the question's topic"
                )));
            }
        }
    }
}

/// Each listed question's place in its topic's list (0 first), by question id: what the store
/// keeps so topic pages come out in the bundle's order. Unlisted questions are absent.
pub fn listed_positions(topics: &[Topic]) -> HashMap<&str, u32> {
    topics
        .iter()
        .flat_map(|topic| topic.questions.iter().zip(0..).map(|(id, place)| (id.as_str(), place)))
        .collect()
}

/// How two unlisted questions of a topic are ordered: by the question, letters A to Z without
/// case (SQLite's `NOCASE`, as the kiosk sorts), then by id.
pub fn alphabetical(a: (&str, &str), b: (&str, &str)) -> Ordering {
    let ((a_id, a_text), (b_id, b_text)) = (a, b);
    let folded = |text: &str| text.bytes().map(|b| b.to_ascii_lowercase()).collect::<Vec<u8>>();
    folded(a_text).cmp(&folded(b_text)).then_with(|| a_id.cmp(b_id))
}

/// Sorts `items` as the kiosk shows them: by topic in the manifest's order (unknown topics
/// last), then listed questions in their list's order, then the rest [`alphabetical`]ly.
/// `fields` gives an item's id, topic and question text.
pub fn display_order<T>(items: &mut [T], topics: &[Topic], fields: impl Fn(&T) -> (&str, &str, &str)) {
    let topic_place: HashMap<&str, usize> = topics.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let listed = listed_positions(topics);
    items.sort_by(|a, b| {
        let ((a_id, a_topic, a_text), (b_id, b_topic, b_text)) = (fields(a), fields(b));
        let place = |topic: &str| topic_place.get(topic).copied().unwrap_or(usize::MAX);
        let list = |id: &str| listed.get(id).copied().unwrap_or(u32::MAX);
        place(a_topic)
            .cmp(&place(b_topic))
            .then_with(|| a_topic.cmp(b_topic))
            .then_with(|| list(a_id).cmp(&list(b_id)))
            .then_with(|| alphabetical((a_id, a_text), (b_id, b_text)))
    });
}

/// The `questions` list a topic needs so that its questions, given as (id, question text) in the
/// wanted order, are shown in that order: `None` when the alphabetical order already is that
/// order (then the topic needs no list, and the bundle no newer format), else every id in order.
pub fn list_to_write(wanted: &[(&str, &str)]) -> Option<Vec<String>> {
    let in_order = wanted
        .windows(2)
        .all(|pair| alphabetical(pair[0], pair[1]) != Ordering::Greater);
    (!in_order).then(|| wanted.iter().map(|(id, _)| (*id).to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(id: &str, questions: &[&str]) -> Topic {
        Topic {
            id: id.into(),
            title: id.into(),
            questions: questions.iter().map(|q| (*q).to_string()).collect(),
        }
    }

    #[test]
    fn listed_questions_come_first_then_the_rest_alphabetically_without_case() {
        let topics = [topic("care", &["c", "a"]), topic("money", &[])];
        let mut items = vec![
            ("m", "money", "Bills"),
            ("b", "care", "apple"),
            ("a", "care", "Zebra"),
            ("d", "care", "Banana"),
            ("c", "care", "Yak"),
            ("x", "gone", "Aardvark"),
        ];
        display_order(&mut items, &topics, |item| *item);
        let ids: Vec<&str> = items.iter().map(|(id, _, _)| *id).collect();
        assert_eq!(
            ids,
            ["c", "a", "b", "d", "m", "x"],
            "listed c, a first; then apple before Banana (case ignored); then the next topic; unknown topics last"
        );
    }

    #[test]
    fn a_list_is_written_only_when_alphabetical_order_is_not_the_one_wanted() {
        assert_eq!(
            list_to_write(&[("b", "apple"), ("a", "Banana")]),
            None,
            "already alphabetical: no list, so the bundle keeps its older format"
        );
        assert_eq!(
            list_to_write(&[("a", "Banana"), ("b", "apple")]),
            Some(vec!["a".to_string(), "b".to_string()]),
            "another order is written in full"
        );
        assert_eq!(list_to_write(&[]), None, "an empty topic needs no list");
    }
}
