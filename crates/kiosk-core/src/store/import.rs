//! Writing a validated bundle: one transaction that replaces the bundle's previous version.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::audit::{insert_audit, AuditEntry};
use super::question_order::write_positions;
use super::vocabulary::WordCounter;
use super::{primary_language, Store};
use crate::bundle::{strip_markers, Bundle, Question};
use crate::trust::Signer;
use crate::{Error, Result};

/// Where an import came from: who signed it, and the audit record written in the same transaction
/// as the content, so a committed import is never missing from the log.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The verified signer, recorded on the bundle row.
    pub signer: Option<Signer>,
    /// The audit record; its versions and result are filled in by the import.
    pub audit: Option<AuditEntry>,
}

/// How an import treats an installed bundle of the same id.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Install even when the bundle's version is not newer than the installed one.
    pub allow_downgrade: bool,
}

/// What an import changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// The bundle id.
    pub id: String,
    /// The version that was installed before, if any.
    pub previous_version: Option<u32>,
    /// The version now installed.
    pub version: u32,
    /// How many questions the bundle holds.
    pub questions: usize,
}

impl Store {
    /// Installs a validated bundle, replacing its previous version in one transaction.
    /// A bundle that is not newer is refused unless `options.allow_downgrade`.
    pub fn import(&mut self, bundle: &Bundle, options: ImportOptions) -> Result<ImportOutcome> {
        self.import_with(bundle, options, &Provenance::default())
    }

    /// [`Store::import`], recording the signer and an audit entry in the same transaction.
    pub fn import_with(
        &mut self,
        bundle: &Bundle,
        options: ImportOptions,
        provenance: &Provenance,
    ) -> Result<ImportOutcome> {
        let manifest = bundle.manifest();
        let language = primary_language(&manifest.language);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;

        let installed: Option<u32> = tx
            .query_row("SELECT version FROM bundle WHERE id = ?1", [&manifest.id], |r| r.get(0))
            .optional()?;
        if let Some(installed) = installed {
            if manifest.version <= installed && !options.allow_downgrade {
                return Err(Error::NotNewer {
                    id: manifest.id.clone(),
                    installed,
                    offered: manifest.version,
                });
            }
        }
        {
            let mut taken = tx.prepare_cached(
                "SELECT bundle_id FROM question WHERE language_primary = ?1 AND id = ?2 AND bundle_id <> ?3",
            )?;
            for question in bundle.questions() {
                let other: Option<String> = taken
                    .query_row(params![language, question.id, manifest.id], |r| r.get(0))
                    .optional()?;
                if let Some(other_bundle) = other {
                    return Err(Error::QuestionIdTaken {
                        question: question.id.clone(),
                        other_bundle,
                    });
                }
            }
        }

        tx.execute("DELETE FROM bundle WHERE id = ?1", [&manifest.id])?;
        let now = super::now_rfc3339();
        let signer = provenance.signer.as_ref();
        tx.execute(
            "INSERT INTO bundle (id, version, language, language_primary, title, publisher, published,
                                 disclaimer, manifest_sha256, imported_at, signer_key_id, signer_comment,
                                 reviewed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                manifest.id,
                manifest.version,
                manifest.language,
                language,
                manifest.title,
                manifest.publisher,
                manifest.published,
                manifest.disclaimer,
                bundle.manifest_sha256(),
                now,
                signer.map(|s| &s.key_id),
                signer.map(|s| &s.trusted_comment),
                manifest.reviewed_by
            ],
        )?;
        {
            let mut insert_topic =
                tx.prepare_cached("INSERT INTO topic (bundle_id, id, title, position) VALUES (?1, ?2, ?3, ?4)")?;
            for (position, topic) in manifest.topics.iter().enumerate() {
                insert_topic.execute(params![manifest.id, topic.id, topic.title, position as i64])?;
            }
            let words = write_questions(&tx, bundle, &language)?;
            words.write(&tx, &manifest.id, &language)?;
            write_positions(&tx, manifest)?;
        }
        if let Some(audit) = &provenance.audit {
            let mut entry = audit.clone();
            entry.bundle = manifest.id.clone();
            entry.from_version = installed;
            entry.to_version = Some(manifest.version);
            insert_audit(&tx, &entry)?;
        }
        tx.commit()?;
        self.vocabularies.get_mut().clear();
        tracing::info!(bundle = %manifest.id, version = manifest.version, "bundle imported");
        Ok(ImportOutcome {
            id: manifest.id.clone(),
            previous_version: installed,
            version: manifest.version,
            questions: bundle.questions().len(),
        })
    }
}

/// Writes every question of `bundle` (its row and both search indexes) and returns their words
/// counted for corrections. The rows are prepared (and their words counted) on another core while
/// this one writes: SQLite writes on one thread, and a kiosk has at least two cores.
fn write_questions(tx: &rusqlite::Transaction<'_>, bundle: &Bundle, language: &str) -> Result<WordCounter> {
    let bundle_id = &bundle.manifest().id;
    let mut insert_question = tx.prepare_cached(
        "INSERT INTO question (bundle_id, id, topic_id, language_primary, question, reviewed, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_title =
        tx.prepare_cached("INSERT INTO question_title_fts (rowid, lang, question, keywords) VALUES (?1, ?2, ?3, ?4)")?;
    let mut insert_text = tx.prepare_cached(
        "INSERT INTO question_text_fts (rowid, lang, question, keywords, summary, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    std::thread::scope(|scope| {
        let (send, prepared) = std::sync::mpsc::sync_channel::<std::io::Result<Rows<'_>>>(64);
        let preparer = scope.spawn(move || {
            let mut words = WordCounter::default();
            for question in bundle.questions() {
                let rows = Rows::of(question);
                if let Ok(rows) = &rows {
                    words.add_question(question, &rows.text, &rows.summary);
                }
                if send.send(rows).is_err() {
                    break; // the writer stopped on an error, which it reports
                }
            }
            words
        });
        for rows in prepared {
            let rows = rows?;
            let question = rows.question;
            insert_question.execute(params![
                bundle_id,
                question.id,
                question.topic,
                language,
                question.question,
                question.reviewed,
                rows.body
            ])?;
            let rowid = tx.last_insert_rowid();
            insert_title.execute(params![rowid, language, question.question, rows.keywords])?;
            insert_text.execute(params![
                rowid,
                language,
                question.question,
                rows.keywords,
                rows.summary,
                rows.text
            ])?;
        }
        preparer
            .join()
            .map_err(|_| Error::from(std::io::Error::other("preparing the rows of an import failed")))
    })
}

/// What one question writes besides its own fields.
struct Rows<'a> {
    question: &'a Question,
    /// The question as JSON, what the answer view reads.
    body: String,
    summary: String,
    text: String,
    keywords: String,
}

impl<'a> Rows<'a> {
    fn of(question: &'a Question) -> std::io::Result<Rows<'a>> {
        let (summary, text) = searchable_text(question);
        Ok(Rows {
            question,
            body: serde_json::to_string(question).map_err(std::io::Error::other)?,
            summary,
            text,
            keywords: question.keywords.join(" "),
        })
    }
}

/// The summary and the rest of the answer as plain searchable text, without citation markers.
pub(super) fn searchable_text(question: &Question) -> (String, String) {
    let mut body = Vec::new();
    for section in &question.sections {
        body.push(section.heading.clone());
        body.extend(section.paragraphs.iter().map(|p| strip_markers(p)));
    }
    body.extend(question.urgent.iter().cloned());
    body.extend(question.ask_your_doctor.iter().cloned());
    (strip_markers(&question.summary), body.join("\n"))
}

impl Store {
    /// Installs a bundle only when it is missing or newer than the installed version: how the
    /// defaults carried by the binary reach a data folder without undoing a newer import.
    pub fn import_if_newer(&mut self, bundle: &Bundle) -> Result<Option<ImportOutcome>> {
        match self.installed_version(&bundle.manifest().id)? {
            Some(installed) if installed >= bundle.manifest().version => Ok(None),
            _ => self.import(bundle, ImportOptions::default()).map(Some),
        }
    }
}
