//! Full-text search over installed questions: FTS5 with bm25 ranking, prefix matching as the
//! patient types, accent-insensitive, filtered by language.

use rusqlite::params;
use serde::Serialize;

use super::{primary_language, Store};
use crate::Result;

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// Question id.
    pub id: String,
    /// The question text.
    pub question: String,
    /// Topic id.
    pub topic: String,
    /// Topic title.
    pub topic_title: String,
    /// The bundle's language tag.
    pub language: String,
}

impl Store {
    /// The best matches for what the patient typed, best first. Every word must match (as a
    /// prefix); the question text weighs most, then keywords, summary and the rest.
    pub fn search(&self, query: &str, language: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(fts_query) = to_fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.id, q.question, q.topic_id, t.title, b.language
             FROM question_fts f
             JOIN question q ON q.rowid = f.rowid
             JOIN bundle b ON b.id = q.bundle_id
             JOIN topic t ON t.bundle_id = q.bundle_id AND t.id = q.topic_id
             WHERE question_fts MATCH ?1 AND q.language_primary = ?2
             ORDER BY bm25(question_fts, 10.0, 3.0, 1.0, 5.0), q.id
             LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![fts_query, primary_language(language), limit], |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                question: r.get(1)?,
                topic: r.get(2)?,
                topic_title: r.get(3)?,
                language: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Turns free text into an FTS5 query: each word quoted (so no FTS syntax from the user is ever
/// interpreted) and matched as a prefix. `None` when there is no word to search for.
fn to_fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::to_fts_query;

    #[test]
    fn user_text_never_reaches_fts_as_syntax() {
        assert_eq!(
            to_fts_query("liver OR \"x\" NEAR("),
            Some("\"liver\"* \"OR\"* \"x\"* \"NEAR\"*".into())
        );
        assert_eq!(to_fts_query("  ¿¡ "), None, "punctuation alone searches for nothing");
        assert_eq!(
            to_fts_query("médico"),
            Some("\"médico\"*".into()),
            "accents are left to the tokenizer"
        );
    }
}
