//! The bundle folder the editor edits: read as raw JSON (so a draft with mistakes still opens in
//! the form), and written back one whole file at a time. The manifest's `files` list is not
//! computed here: the authoring crate's `refresh_files` does that after a save.
//!
//! Questions are read in the order the kiosk shows them, and the editor saves each topic's
//! `questions` list in the order of its own list; a list that only repeats the alphabetical
//! order is left out ([`list_to_write`]), so such a bundle keeps an older format.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::{fitting_format, topics_of};
use crate::bundle::{display_order, list_to_write, BundleFiles, Limits, Problem, MANIFEST};
use crate::{Error, Result};

/// The question files' folder inside a bundle.
const QUESTIONS: &str = "questions";

/// A bundle folder as the editor edits it: the manifest and each question as raw JSON.
#[derive(Debug, Clone, Serialize)]
pub struct DraftBundle {
    /// `manifest.json`.
    pub manifest: Value,
    /// Each `questions/*.json`, in the order the kiosk shows them: topic by topic (in the
    /// manifest's order; questions of an unknown topic last), each topic in its own order.
    pub questions: Vec<Value>,
}

/// Reads a bundle folder for editing, under the same limits and link rules as an import; `None`
/// when the folder has no `manifest.json` yet (the editor then starts a new bundle there). A file
/// that is not JSON is refused with its name, since the editor cannot show it in a form.
pub fn open_folder(dir: &Path) -> Result<Option<DraftBundle>> {
    match std::fs::symlink_metadata(dir.join(MANIFEST)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let files = BundleFiles::read_path(dir, Limits::default())?;
    let parse = |name: &str, bytes: &[u8]| {
        serde_json::from_slice::<Value>(bytes).map_err(|e| {
            Error::InvalidBundle(vec![Problem::new(
                name,
                "",
                format!("is not valid JSON ({e}); fix it in a text editor, then open the folder again"),
            )])
        })
    };
    let manifest = parse(MANIFEST, files.get(MANIFEST).unwrap_or_default())?;
    let mut questions = Vec::new();
    for (name, bytes) in files.iter() {
        if name.starts_with("questions/") && name.ends_with(".json") && !name["questions/".len()..].contains('/') {
            questions.push(parse(name, bytes)?);
        }
    }
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    let mut keyed: Vec<((String, String, String), Value)> = questions
        .into_iter()
        .map(|q| ((text(&q["id"]), text(&q["topic"]), text(&q["question"])), q))
        .collect();
    display_order(&mut keyed, &topics_of(&manifest), |((id, topic, question), _)| {
        (id, topic, question)
    });
    let questions = keyed.into_iter().map(|(_, q)| q).collect();
    Ok(Some(DraftBundle { manifest, questions }))
}

/// Writes the editor's bundle into `dir`: each question as `questions/<id>.json`, the manifest
/// with the format its fields need ([`fitting_format`]), and removes the question files of
/// questions no longer in the bundle. Each file is replaced whole (written beside, then renamed),
/// never through a link. Nothing is written when a question has no usable id or two share one,
/// since the id is the file name.
pub fn write_folder(dir: &Path, manifest: &Value, questions: &[Value]) -> Result<()> {
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for (i, question) in questions.iter().enumerate() {
        let id = question["id"].as_str().unwrap_or_default();
        let label = question["question"].as_str().filter(|q| !q.is_empty()).unwrap_or(id);
        if !is_file_id(id) {
            problems.push(Problem::new(
                format!("questions[{i}]"),
                "id",
                format!("{label:?} needs an id of lowercase letters, digits and dashes (at most 80) before it can be saved; it names the question's file"),
            ));
        } else if !ids.insert(id.to_string()) {
            problems.push(Problem::new(format!("questions[{i}]"), "id", id_taken(id)));
        }
    }
    if !manifest.is_object() {
        problems.push(Problem::new(MANIFEST, "", "must be a JSON object"));
    }
    if !problems.is_empty() {
        return Err(Error::InvalidBundle(problems));
    }
    let folder = dir.join(QUESTIONS);
    std::fs::create_dir_all(&folder)?;
    for question in questions {
        let id = question["id"].as_str().unwrap_or_default();
        replace_file(&folder.join(format!("{id}.json")), &pretty(question)?)?;
    }
    for entry in std::fs::read_dir(&folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = name
            .strip_suffix(".json")
            .is_some_and(|id| is_file_id(id) && !ids.contains(id));
        if stale && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    let mut manifest = manifest.clone();
    leave_out_alphabetical_lists(&mut manifest, questions);
    manifest["format"] = Value::from(fitting_format(&manifest, questions));
    if manifest["reviewed_by"]
        .as_str()
        .is_some_and(|who| who.trim().is_empty())
    {
        if let Some(map) = manifest.as_object_mut() {
            map.remove("reviewed_by");
        }
    }
    replace_file(&dir.join(MANIFEST), &pretty(&manifest)?)
}

/// Removes each topic's `questions` list that the kiosk's alphabetical order gives anyway (and
/// an empty one), so that only a chosen order makes the bundle format 3.
fn leave_out_alphabetical_lists(manifest: &mut Value, questions: &[Value]) {
    let texts: std::collections::HashMap<&str, &str> = questions
        .iter()
        .map(|q| {
            (
                q["id"].as_str().unwrap_or_default(),
                q["question"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let Some(topics) = manifest.get_mut("topics").and_then(Value::as_array_mut) else {
        return;
    };
    for topic in topics.iter_mut().filter_map(Value::as_object_mut) {
        let Some(list) = topic.get("questions").and_then(Value::as_array) else {
            continue;
        };
        let wanted: Vec<(&str, &str)> = list
            .iter()
            .map(|id| {
                let id = id.as_str().unwrap_or_default();
                (id, texts.get(id).copied().unwrap_or_default())
            })
            .collect();
        if list_to_write(&wanted).is_none() {
            topic.remove("questions");
        }
    }
}

/// Why a question cannot have the id of another question of the bundle, and what to do.
pub(super) fn id_taken(id: &str) -> String {
    format!("{id:?} is the id of another question too; give each question its own id")
}

/// Whether `id` can be a question's file name (the format's id rule).
fn is_file_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    (1..=80).contains(&bytes.len())
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// JSON with two-space indents and a final line break, as the format's examples are written.
fn pretty<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Replaces `path` with `bytes` whole: written to a new file beside it, flushed, then renamed
/// over it (a link at `path` is replaced, not followed).
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let mut staged = tempfile::NamedTempFile::new_in(parent)?;
    staged.write_all(bytes)?;
    staged.as_file().sync_all()?;
    staged.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_folder_without_a_manifest_is_a_new_bundle_and_a_saved_one_opens_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(
            open_folder(dir.path()).expect("readable").is_none(),
            "nothing there yet"
        );
        let manifest = json!({ "id": "clinic-en", "reviewed_by": "", "topics": [] });
        let questions = [json!({ "id": "parking", "question": "Where can I park?", "urgent": ["Chest pain"] })];
        write_folder(dir.path(), &manifest, &questions).expect("saved");
        let opened = open_folder(dir.path()).expect("readable").expect("a bundle");
        assert_eq!(
            opened.questions,
            questions.to_vec(),
            "the question comes back as written"
        );
        assert_eq!(opened.manifest["format"], 2, "urgent signs make it format 2");
        assert!(
            opened.manifest.get("reviewed_by").is_none(),
            "an empty reviewer is left out"
        );
        let text = std::fs::read_to_string(dir.path().join("questions/parking.json")).expect("file");
        assert!(
            text.starts_with("{\n  \"") && text.ends_with("}\n"),
            "two-space JSON with a final line break: {text}"
        );
    }

    #[test]
    fn removed_questions_lose_their_file_and_bad_ids_write_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let manifest = json!({ "id": "clinic-en", "topics": [] });
        write_folder(dir.path(), &manifest, &[json!({ "id": "a" }), json!({ "id": "b" })]).expect("saved");
        write_folder(dir.path(), &manifest, &[json!({ "id": "b" })]).expect("saved");
        assert!(
            !dir.path().join("questions/a.json").exists(),
            "a removed question's file goes"
        );
        assert!(dir.path().join("questions/b.json").exists());

        for bad in [
            json!([{ "id": "" }]),
            json!([{ "id": "../x" }]),
            json!([{ "id": "b" }, { "id": "b" }]),
        ] {
            let before = std::fs::read(dir.path().join("questions/b.json")).expect("file");
            let refused = write_folder(dir.path(), &json!({ "id": "changed" }), bad.as_array().expect("list"));
            assert!(
                matches!(refused, Err(Error::InvalidBundle(_))),
                "{bad} is refused: {refused:?}"
            );
            assert_eq!(
                std::fs::read(dir.path().join("questions/b.json")).expect("file"),
                before,
                "a refused save changes nothing"
            );
            let manifest = std::fs::read_to_string(dir.path().join(MANIFEST)).expect("manifest");
            assert!(!manifest.contains("changed"), "not even the manifest");
        }
    }

    #[test]
    fn a_chosen_order_is_saved_and_opened_again_and_an_alphabetical_one_is_left_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let questions = [
            json!({ "id": "a", "topic": "care", "question": "Apple?" }),
            json!({ "id": "b", "topic": "care", "question": "banana?" }),
            json!({ "id": "m", "topic": "money", "question": "Bills?" }),
        ];
        let manifest = |order: &[&str]| {
            json!({ "id": "clinic-en", "topics": [
                { "id": "money", "title": "Money", "questions": ["m"] },
                { "id": "care", "title": "Care", "questions": order },
            ] })
        };
        write_folder(dir.path(), &manifest(&["b", "a"]), &questions).expect("saved");
        let opened = open_folder(dir.path()).expect("readable").expect("a bundle");
        assert_eq!(
            opened.manifest["topics"][1]["questions"],
            json!(["b", "a"]),
            "a chosen order is written"
        );
        assert!(
            opened.manifest["topics"][0].get("questions").is_none(),
            "a one-question list is the alphabetical order: left out"
        );
        assert_eq!(opened.manifest["format"], 3, "an order makes the bundle format 3");
        let ids: Vec<&str> = opened.questions.iter().filter_map(|q| q["id"].as_str()).collect();
        assert_eq!(ids, ["m", "b", "a"], "questions open topic by topic, each in its order");

        write_folder(dir.path(), &manifest(&["a", "b"]), &questions).expect("saved");
        let opened = open_folder(dir.path()).expect("readable").expect("a bundle");
        assert!(
            opened.manifest["topics"][1].get("questions").is_none(),
            "the alphabetical order needs no list"
        );
        assert_eq!(opened.manifest["format"], 1, "so the bundle stays format 1");
    }

    #[test]
    fn a_file_that_is_not_json_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(MANIFEST), "{}").expect("manifest");
        std::fs::create_dir(dir.path().join(QUESTIONS)).expect("folder");
        std::fs::write(dir.path().join("questions/x.json"), "{ oops").expect("question");
        let error = open_folder(dir.path()).expect_err("refused");
        assert!(error.to_string().contains("questions/x.json"), "{error}");
    }
}
