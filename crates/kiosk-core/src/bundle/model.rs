//! The validated bundle model. A [`Bundle`] can only be made by [`crate::bundle::validate`], so the
//! store never sees content that broke a rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A topic of a bundle, shown as a tile on Home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Topic id, unique in its bundle.
    pub id: String,
    /// Title in the bundle's language.
    pub title: String,
    /// The display order of the topic's questions, by id (format 3): listed questions come first
    /// in this order, the rest follow alphabetically. Empty when the topic has no list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
}

/// The checked `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// Bundle format: 1; 2 when the bundle uses `reviewed_by` or `urgent`; 3 when a topic lists
    /// the order of its questions.
    pub format: u32,
    /// Bundle id, e.g. `oncology-en`.
    pub id: String,
    /// Version; only goes up.
    pub version: u32,
    /// Human title.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Shown under every answer and on the printed sheet.
    pub disclaimer: String,
    /// The clinician who reviewed the content (name, credentials, clinic); `None` makes the bundle
    /// a draft, and every answer and sheet says so (format 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    /// Topics in display order.
    pub topics: Vec<Topic>,
    /// Relative path to lowercase hex SHA-256.
    pub files: BTreeMap<String, String>,
}

/// A section of an answer, e.g. "What the research says".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Section heading.
    pub heading: String,
    /// Paragraphs of plain text with citation markers.
    pub paragraphs: Vec<String>,
}

/// A numbered reference of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The number citation markers use.
    pub n: u32,
    /// The citation as text.
    pub text: String,
    /// PubMed id, digits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    /// DOI, starting with `10.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// An `https://` address, shown as text only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One patient question with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Question id; the same id in another language's bundle is its translation.
    pub id: String,
    /// Topic id of the bundle.
    pub topic: String,
    /// The question as patients ask it.
    pub question: String,
    /// The short plain answer.
    pub summary: String,
    /// Longer sections.
    pub sections: Vec<Section>,
    /// Signs that need a call to the care team or the emergency number right away, shown before
    /// the summary (format 2; empty when the question has none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urgent: Vec<String>,
    /// Questions the patient may ask their doctor.
    pub ask_your_doctor: Vec<String>,
    /// Numbered references.
    pub references: Vec<Reference>,
    /// Date a clinician last reviewed it, `YYYY-MM-DD`.
    pub reviewed: String,
    /// Extra words for search.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Where to read more (shown as a QR code on the sheet, never opened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info_url: Option<String>,
}

/// A bundle that passed validation. Only [`crate::bundle::validate`] makes one.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub(crate) manifest: Manifest,
    pub(crate) questions: Vec<Question>,
    pub(crate) manifest_sha256: String,
}

impl Bundle {
    /// The checked manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The questions, sorted by id.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// SHA-256 of `manifest.json`, which pins every other file.
    pub fn manifest_sha256(&self) -> &str {
        &self.manifest_sha256
    }
}
