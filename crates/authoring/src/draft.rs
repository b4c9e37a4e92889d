//! A bundle being written: the manifest's fields and the questions, before they are files. The
//! starter bundle, the spreadsheet reader and an editor all produce a [`BundleDraft`]; turning it
//! into files fills in what no person should type: the format, the `files` list and its SHA-256
//! fingerprints. Whether the content is valid is decided by the engine's own check
//! ([`BundleDraft::validate`]), never by rules repeated here.

use std::collections::BTreeMap;

use kiosk_core::bundle::{
    display_order, list_to_write, validate, Bundle, BundleFiles, Limits, Question, Topic, Validation, MANIFEST,
};
use serde::Serialize;

use crate::Result;

/// The manifest fields a person chooses. `format` and `files` are worked out when written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestDraft {
    /// Bundle id, e.g. `riverside-en`.
    pub id: String,
    /// Release number; only goes up.
    pub version: u32,
    /// The bundle's title.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// BCP 47 language tag, e.g. `en`, `es`.
    pub language: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Shown under every answer and on the printed sheet.
    pub disclaimer: String,
    /// The clinician who reviewed the content; `None` makes a draft.
    pub reviewed_by: Option<String>,
    /// Topics in display order.
    pub topics: Vec<Topic>,
}

/// A whole bundle before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleDraft {
    /// The manifest's fields.
    pub manifest: ManifestDraft,
    /// The questions (files are named by id). [`BundleDraft::from_bundle`] gives them in the order
    /// the kiosk shows them, and [`BundleDraft::keep_question_order`] makes that order the
    /// bundle's.
    pub questions: Vec<Question>,
}

/// `manifest.json` in the order the format documents it.
#[derive(Serialize)]
struct ManifestFile<'a> {
    format: u32,
    id: &'a str,
    version: u32,
    title: &'a str,
    publisher: &'a str,
    language: &'a str,
    published: &'a str,
    disclaimer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed_by: Option<&'a str>,
    topics: &'a [Topic],
    files: &'a BTreeMap<String, String>,
}

impl BundleDraft {
    /// The draft of a valid bundle, e.g. to write it to a spreadsheet, with its questions in the
    /// order the kiosk shows them: topic by topic, each in its topic's order.
    pub fn from_bundle(bundle: &Bundle) -> Self {
        let m = bundle.manifest();
        let mut questions = bundle.questions().to_vec();
        display_order(&mut questions, &m.topics, |q| (&q.id, &q.topic, &q.question));
        BundleDraft {
            manifest: ManifestDraft {
                id: m.id.clone(),
                version: m.version,
                title: m.title.clone(),
                publisher: m.publisher.clone(),
                language: m.language.clone(),
                published: m.published.clone(),
                disclaimer: m.disclaimer.clone(),
                reviewed_by: m.reviewed_by.clone(),
                topics: m.topics.clone(),
            },
            questions,
        }
    }

    /// Sets each topic's `questions` list so that the kiosk shows a topic's questions in the
    /// order they have in [`BundleDraft::questions`] (a spreadsheet's row order). A topic whose
    /// questions are in alphabetical order anyway gets no list, so the bundle keeps the oldest
    /// format that can hold it.
    pub fn keep_question_order(&mut self) {
        for topic in &mut self.manifest.topics {
            let mut seen = std::collections::BTreeSet::new();
            let wanted: Vec<(&str, &str)> = self
                .questions
                .iter()
                .filter(|q| q.topic == topic.id && seen.insert(q.id.as_str()))
                .map(|q| (q.id.as_str(), q.question.as_str()))
                .collect();
            topic.questions = list_to_write(&wanted).unwrap_or_default();
        }
    }

    /// The format the content needs: 3 when a topic lists the order of its questions, 2 when it
    /// uses `reviewed_by` or `urgent`, else 1, so that every kiosk that can read it does.
    pub fn format(&self) -> u32 {
        let uses_format_2 = self.manifest.reviewed_by.is_some() || self.questions.iter().any(|q| !q.urgent.is_empty());
        if self.manifest.topics.iter().any(|t| !t.questions.is_empty()) {
            3
        } else if uses_format_2 {
            2
        } else {
            1
        }
    }

    /// The bundle's files: `questions/<id>.json` for each question and `manifest.json` listing
    /// them with their SHA-256. JSON is written with two-space indents and a final line break.
    pub fn to_files(&self) -> Result<BTreeMap<String, Vec<u8>>> {
        let mut files = BTreeMap::new();
        let mut hashes = BTreeMap::new();
        for question in &self.questions {
            let name = format!("questions/{}.json", question.id);
            let bytes = pretty_json(question)?;
            hashes.insert(name.clone(), sha256_hex(&bytes));
            files.insert(name, bytes);
        }
        let m = &self.manifest;
        let manifest = ManifestFile {
            format: self.format(),
            id: &m.id,
            version: m.version,
            title: &m.title,
            publisher: &m.publisher,
            language: &m.language,
            published: &m.published,
            disclaimer: &m.disclaimer,
            reviewed_by: m.reviewed_by.as_deref(),
            topics: &m.topics,
            files: &hashes,
        };
        files.insert(MANIFEST.to_string(), pretty_json(&manifest)?);
        Ok(files)
    }

    /// The engine's check of the files [`BundleDraft::to_files`] would write.
    pub fn validate(&self) -> Result<Validation> {
        let files = BundleFiles::from_entries(self.to_files()?, Limits::default())?;
        Ok(validate(&files))
    }
}

/// JSON as the bundle format's examples write it: two-space indents, ending with a line break.
pub(crate) fn pretty_json(value: &impl Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// SHA-256 as lowercase hex, as `files` lists it.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    kiosk_core::bundle::sha256_bytes(bytes)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}
