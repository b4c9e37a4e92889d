//! Reading what is installed: bundles, topics, pages of questions and whole answers, shaped for
//! the screens and the command line.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{primary_language, Store};
use crate::bundle::{parse_segments, Question, Reference, Segment};
use crate::{Error, Result};

/// What names a bundle to a person: the same for an installed bundle and one offered for import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleSummary {
    /// Bundle id.
    pub id: String,
    /// Version (installed, or offered).
    pub version: u32,
    /// BCP 47 language tag.
    pub language: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Publication date.
    pub published: String,
    /// Number of questions.
    pub questions: u32,
    /// The clinician who reviewed it; `None` for a draft, which patients and staff are told.
    pub reviewed_by: Option<String>,
}

impl BundleSummary {
    /// Whether a clinician reviewed it, as the manifest says.
    pub fn review_status(&self) -> ReviewStatus {
        ReviewStatus::of(self.reviewed_by.as_deref())
    }
}

/// An installed bundle, as `bundle list` shows it: its summary (flattened into the same JSON
/// object, and readable as `installed.id` through `Deref`) and how it was installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledBundle {
    /// Id, version, language, title, publisher, date and question count.
    #[serde(flatten)]
    pub summary: BundleSummary,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// The minisign key id that signed it, when a trusted key verified it at import.
    pub signer_key_id: Option<String>,
    /// The signature's trusted comment, when verified.
    pub signer_comment: Option<String>,
}

/// Whether a clinician reviewed an answer's bundle: a draft says so to every patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// No `reviewed_by` in the manifest: not yet checked by a clinician.
    Draft,
    /// The manifest names the reviewing clinician.
    Reviewed,
}

impl ReviewStatus {
    /// `Reviewed` when someone is named.
    pub fn of(reviewed_by: Option<&str>) -> Self {
        if reviewed_by.is_some_and(|who| !who.trim().is_empty()) {
            ReviewStatus::Reviewed
        } else {
            ReviewStatus::Draft
        }
    }
}

impl std::ops::Deref for InstalledBundle {
    type Target = BundleSummary;

    fn deref(&self) -> &BundleSummary {
        &self.summary
    }
}

/// A topic tile on Home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicEntry {
    /// The bundle it belongs to.
    pub bundle_id: String,
    /// Topic id.
    pub id: String,
    /// Title in the bundle's language.
    pub title: String,
    /// How many questions it holds.
    pub questions: u32,
}

/// A question in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionEntry {
    /// Question id.
    pub id: String,
    /// The question text.
    pub question: String,
    /// Its topic id.
    pub topic: String,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items there are in all.
    pub total: u32,
    /// The offset of the first item.
    pub offset: u32,
}

/// The bundle an answer comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleInfo {
    /// Bundle id.
    pub id: String,
    /// Bundle title.
    pub title: String,
    /// Installed version.
    pub version: u32,
    /// Shown under every answer and on the sheet.
    pub disclaimer: String,
}

/// A section with its paragraphs split into text and citation markers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerSection {
    /// Heading.
    pub heading: String,
    /// Paragraphs as segments.
    pub paragraphs: Vec<Vec<Segment>>,
}

/// A whole answer, ready for the Answer screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// Question id.
    pub id: String,
    /// The language of the bundle it came from.
    pub language: String,
    /// Topic id.
    pub topic: String,
    /// Topic title.
    pub topic_title: String,
    /// The question.
    pub question: String,
    /// Signs that need a call right away, shown before the summary; empty when none.
    pub urgent: Vec<String>,
    /// The summary as segments.
    pub summary: Vec<Segment>,
    /// Sections.
    pub sections: Vec<AnswerSection>,
    /// Questions to ask the doctor.
    pub ask_your_doctor: Vec<String>,
    /// References, by number.
    pub references: Vec<Reference>,
    /// Review date, `YYYY-MM-DD`.
    pub reviewed: String,
    /// `draft` unless the bundle names the clinician who reviewed it.
    pub review_status: ReviewStatus,
    /// The reviewing clinician (name, credentials, clinic), from the bundle's manifest.
    pub reviewed_by: Option<String>,
    /// Where to read more; shown as text or a QR code only.
    pub more_info_url: Option<String>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The bundle.
    pub bundle: BundleInfo,
}

impl Store {
    /// Every installed bundle, by id.
    pub fn bundles(&self) -> Result<Vec<InstalledBundle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.version, b.language, b.title, b.publisher, b.published, b.imported_at,
                    (SELECT count(*) FROM question q WHERE q.bundle_id = b.id), b.signer_key_id, b.signer_comment,
                    b.reviewed_by
             FROM bundle b ORDER BY b.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(InstalledBundle {
                summary: BundleSummary {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    language: r.get(2)?,
                    title: r.get(3)?,
                    publisher: r.get(4)?,
                    published: r.get(5)?,
                    questions: r.get(7)?,
                    reviewed_by: r.get(10)?,
                },
                imported_at: r.get(6)?,
                signer_key_id: r.get(8)?,
                signer_comment: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The installed questions of a bundle: id to (question text, validated JSON body), for showing
    /// what an import would change.
    pub fn question_bodies(&self, bundle_id: &str) -> Result<std::collections::BTreeMap<String, (String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, question, body FROM question WHERE bundle_id = ?1")?;
        let rows = stmt.query_map([bundle_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The installed version of a bundle, if any.
    pub fn installed_version(&self, bundle_id: &str) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row("SELECT version FROM bundle WHERE id = ?1", [bundle_id], |r| r.get(0))
            .optional()?)
    }

    /// Topics that hold questions in `language`, in the publisher's order.
    pub fn topics(&self, language: &str) -> Result<Vec<TopicEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.bundle_id, t.id, t.title, count(q.rowid)
             FROM topic t
             JOIN bundle b ON b.id = t.bundle_id
             JOIN question q ON q.bundle_id = t.bundle_id AND q.topic_id = t.id
             WHERE b.language_primary = ?1
             GROUP BY t.bundle_id, t.id
             ORDER BY b.title, t.bundle_id, t.position",
        )?;
        let rows = stmt.query_map([primary_language(language)], |r| {
            Ok(TopicEntry {
                bundle_id: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                questions: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of a topic's questions in `language`, in the bundle's order: the questions its
    /// topic lists first, in that order, then the rest alphabetically (see `bundle/order.rs`).
    pub fn questions(
        &self,
        language: &str,
        bundle_id: &str,
        topic: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Page<QuestionEntry>> {
        let language = primary_language(language);
        let total: u32 = self.conn.query_row(
            "SELECT count(*) FROM question WHERE bundle_id = ?1 AND topic_id = ?2 AND language_primary = ?3",
            params![bundle_id, topic, language],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, question, topic_id FROM question
             WHERE bundle_id = ?1 AND topic_id = ?2 AND language_primary = ?3
             ORDER BY position IS NULL, position, question COLLATE NOCASE, id
             LIMIT ?4 OFFSET ?5",
        )?;
        let rows = stmt.query_map(params![bundle_id, topic, language, limit, offset], |r| {
            Ok(QuestionEntry {
                id: r.get(0)?,
                question: r.get(1)?,
                topic: r.get(2)?,
            })
        })?;
        Ok(Page {
            items: rows.collect::<rusqlite::Result<_>>()?,
            total,
            offset,
        })
    }

    /// One question in full, in `language`.
    pub fn answer(&self, id: &str, language: &str) -> Result<Answer> {
        let row = self
            .conn
            .query_row(
                "SELECT q.body, b.id, b.title, b.version, b.disclaimer, b.language, t.title, b.reviewed_by
                 FROM question q
                 JOIN bundle b ON b.id = q.bundle_id
                 JOIN topic t ON t.bundle_id = q.bundle_id AND t.id = q.topic_id
                 WHERE q.language_primary = ?1 AND q.id = ?2
                 ORDER BY b.imported_at DESC LIMIT 1",
                params![primary_language(language), id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        BundleInfo {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            version: r.get(3)?,
                            disclaimer: r.get(4)?,
                        },
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((body, bundle, bundle_language, topic_title, reviewed_by)) = row else {
            return Err(Error::QuestionNotFound {
                id: id.to_string(),
                language: language.to_string(),
            });
        };
        let question: Question = serde_json::from_str(&body).map_err(std::io::Error::other)?;
        Ok(Answer {
            urgent: question.urgent,
            summary: parse_segments(&question.summary),
            sections: question
                .sections
                .iter()
                .map(|s| AnswerSection {
                    heading: s.heading.clone(),
                    paragraphs: s.paragraphs.iter().map(|p| parse_segments(p)).collect(),
                })
                .collect(),
            id: question.id,
            language: bundle_language,
            topic: question.topic,
            topic_title,
            question: question.question,
            ask_your_doctor: question.ask_your_doctor,
            references: question.references,
            reviewed: question.reviewed,
            review_status: ReviewStatus::of(reviewed_by.as_deref()),
            reviewed_by,
            more_info_url: question.more_info_url,
            keywords: question.keywords,
            bundle,
        })
    }
}
