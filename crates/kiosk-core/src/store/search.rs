//! Full-text search over installed questions: FTS5, prefix matching as the patient types,
//! accent-insensitive, filtered by language inside the index.
//!
//! Ranking in two tiers keeps every search fast even when a word appears in every answer:
//! questions whose text or keywords hold every word come first, ranked by bm25; then questions
//! that hold the words anywhere in their answer, in library order, which needs no ranking pass
//! over every match.

use rusqlite::{params, OptionalExtension};
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
    /// The best matches for what the patient typed, best first, at most `limit`. Every word must
    /// match (as a prefix when it has two letters or more).
    pub fn search(&self, query: &str, language: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(terms) = to_fts_terms(query) else {
            return Ok(Vec::new());
        };
        let lang: String = primary_language(language)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let in_titles = format!("lang : \"{lang}\" AND {{question keywords}} : ({terms})");
        let anywhere = format!("lang : \"{lang}\" AND {{question keywords summary body}} : ({terms})");

        let mut rowids: Vec<i64> = {
            let mut ranked = self.conn.prepare_cached(
                "SELECT rowid FROM question_title_fts WHERE question_title_fts MATCH ?1
                 ORDER BY bm25(question_title_fts, 0.0, 2.0, 1.0) LIMIT ?2",
            )?;
            let rows = ranked.query_map(params![in_titles, limit], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if rowids.len() < limit as usize {
            let mut more = self
                .conn
                .prepare_cached("SELECT rowid FROM question_text_fts WHERE question_text_fts MATCH ?1 LIMIT ?2")?;
            let wanted = limit as usize + rowids.len();
            let rows: Vec<i64> = more
                .query_map(params![anywhere, wanted as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for rowid in rows {
                if rowids.len() >= limit as usize {
                    break;
                }
                if !rowids.contains(&rowid) {
                    rowids.push(rowid);
                }
            }
        }

        let mut details = self.conn.prepare_cached(
            "SELECT q.id, q.question, q.topic_id, t.title, b.language
             FROM question q
             JOIN bundle b ON b.id = q.bundle_id
             JOIN topic t ON t.bundle_id = q.bundle_id AND t.id = q.topic_id
             WHERE q.rowid = ?1",
        )?;
        let mut hits = Vec::with_capacity(rowids.len());
        for rowid in rowids {
            let hit = details
                .query_row([rowid], |r| {
                    Ok(SearchHit {
                        id: r.get(0)?,
                        question: r.get(1)?,
                        topic: r.get(2)?,
                        topic_title: r.get(3)?,
                        language: r.get(4)?,
                    })
                })
                .optional()?;
            hits.extend(hit);
        }
        Ok(hits)
    }
}

/// Turns free text into FTS5 terms: each word quoted (so nothing the patient types is ever read
/// as FTS syntax), words of two letters or more matched as prefixes. `None` when there is no word.
fn to_fts_terms(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| {
            if w.chars().count() >= 2 {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::to_fts_terms;

    #[test]
    fn user_text_never_reaches_fts_as_syntax() {
        assert_eq!(
            to_fts_terms("liver OR \"x\" NEAR("),
            Some("\"liver\"* \"OR\"* \"x\" \"NEAR\"*".into()),
            "operators and quotes become plain quoted words"
        );
        assert_eq!(to_fts_terms("  ¿¡ "), None, "punctuation alone searches for nothing");
        assert_eq!(
            to_fts_terms("médico"),
            Some("\"médico\"*".into()),
            "accents are left to the tokenizer"
        );
    }
}
