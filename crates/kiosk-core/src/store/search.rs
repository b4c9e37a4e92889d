//! Full-text search over installed questions: FTS5, prefix matching as the patient types,
//! accent-insensitive, filtered by language inside the index, and forgiving of misspellings.
//!
//! Ranking in two tiers keeps every search fast even when a word appears in every answer:
//! questions whose text or keywords hold every word come first, ranked by bm25; then questions
//! that hold the words anywhere in their answer, in library order, which needs no ranking pass
//! over every match. The title tier ranks at most [`RANKED_CANDIDATES`] matches (the first in
//! library order), with bm25's formula computed here ([`title_score`]) rather than by FTS5,
//! whose bm25 reads every match of every word to weigh the words: below that many matches,
//! which is every query on a library of ordinary size, every match is ranked; above it (a
//! two-letter prefix on 100,000 questions) a search stays within a few milliseconds instead of
//! tens (docs/performance.md).
//!
//! Misspellings: a word of four letters or more that starts no word of the language's questions
//! (so the query as typed would find nothing) is replaced by the nearest word of that language
//! (`vocabulary.rs`), and the results say which words they were searched for.

use rusqlite::params;
use serde::Serialize;

use super::vocabulary::{fold, fold_chars, words};
use super::{primary_language, Store};
use crate::Result;

/// The most title matches bm25 ranks (see the module docs).
const RANKED_CANDIDATES: u32 = 250;

/// Words shorter than this are never corrected: too many words are one edit from them.
const MIN_CORRECTED_CHARS: usize = 4;

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

/// What a search found and, when it corrected a misspelled word, what it searched for instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResults {
    /// The best matches, best first.
    pub hits: Vec<SearchHit>,
    /// The query with its misspelled words replaced by words of the content, as the content
    /// writes them ("immunotherapy", "hígado"), when the hits are for it ("Showing results for
    /// …"); `None` when the query was searched as typed.
    pub showing_results_for: Option<String>,
}

impl Store {
    /// The best matches for what the patient typed, best first, at most `limit`. Every word must
    /// match (as a prefix when it has two letters or more); misspelled words are corrected as
    /// [`Store::search_corrected`] says.
    pub fn search(&self, query: &str, language: &str, limit: u32) -> Result<Vec<SearchHit>> {
        Ok(self.search_corrected(query, language, limit)?.hits)
    }

    /// [`Store::search`], saying which words the results are for when a misspelled word was
    /// corrected: only words of four letters or more that start no word of the language's
    /// questions are (so the query as typed would find nothing, and a word still being typed is
    /// never "corrected" while it can still become a word of the library).
    pub fn search_corrected(&self, query: &str, language: &str, limit: u32) -> Result<SearchResults> {
        let lang: String = primary_language(language)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let typed: Vec<&str> = words(query).take(12).collect();
        // A word that starts no word of the language's questions matches nothing, so neither
        // does the query as typed: search for the corrected words instead.
        if let Some(corrected) = self.corrected_words(&typed, &lang)? {
            let words: Vec<&str> = corrected.iter().map(String::as_str).collect();
            let hits = self.matching(&words, &lang, limit)?;
            let showing_results_for = (!hits.is_empty()).then(|| corrected.join(" "));
            return Ok(SearchResults {
                hits,
                showing_results_for,
            });
        }
        Ok(SearchResults {
            hits: self.matching(&typed, &lang, limit)?,
            showing_results_for: None,
        })
    }

    /// `typed` with each word that starts no word of the language replaced by the nearest word,
    /// or `None` when no word was replaced.
    fn corrected_words(&self, typed: &[&str], lang: &str) -> Result<Option<Vec<String>>> {
        let candidates: Vec<bool> = typed
            .iter()
            .map(|w| w.chars().count() >= MIN_CORRECTED_CHARS && !w.chars().any(char::is_numeric))
            .collect();
        if !candidates.contains(&true) {
            return Ok(None);
        }
        let vocabulary = self.vocabulary(lang)?;
        let mut changed = false;
        let mut corrected = Vec::with_capacity(typed.len());
        for (word, candidate) in typed.iter().zip(candidates) {
            let folded = fold(word);
            let replacement = if candidate && !vocabulary.has_prefix(&folded) {
                vocabulary.nearest(&folded)
            } else {
                None
            };
            match replacement {
                Some(nearest) => {
                    changed = true;
                    corrected.push(nearest.to_string());
                }
                None => corrected.push((*word).to_string()),
            }
        }
        Ok(changed.then_some(corrected))
    }

    /// The questions in language `lang` that hold every word, best first, at most `limit`.
    fn matching(&self, words: &[&str], lang: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let (Some(terms), Some(text_terms)) = (to_fts_terms(words, 2), to_fts_terms(words, 3)) else {
            return Ok(Vec::new());
        };
        let in_titles = format!("lang : \"{lang}\" AND {{question keywords}} : ({terms})");
        let anywhere = format!("lang : \"{lang}\" AND {{question keywords summary body}} : ({text_terms})");

        let mut rowids = self.ranked_title_matches(&in_titles, words, limit)?;
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
        self.hits(&rowids)
    }

    /// Questions whose title or keywords hold every word, best first: the first
    /// [`RANKED_CANDIDATES`] in library order, ranked by [`title_score`].
    fn ranked_title_matches(&self, in_titles: &str, typed: &[&str], limit: u32) -> Result<Vec<i64>> {
        let mut candidates = self.conn.prepare_cached(
            "SELECT rowid, question, keywords FROM question_title_fts WHERE question_title_fts MATCH ?1 LIMIT ?2",
        )?;
        let rows: Vec<(i64, String, String)> = candidates
            .query_map(params![in_titles, RANKED_CANDIDATES.max(limit)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let query: Vec<QueryWord> = typed.iter().map(|w| QueryWord::new(w)).collect();
        let fields: Vec<[&str; 2]> = rows
            .iter()
            .map(|(_, question, keywords)| [question.as_str(), keywords.as_str()])
            .collect();
        let average = |i: usize| {
            let total: usize = fields.iter().map(|f| words(f[i]).count()).sum();
            (total as f64 / fields.len().max(1) as f64).max(1.0)
        };
        let averages = [average(0), average(1)];
        let mut scored: Vec<(f64, i64)> = rows
            .iter()
            .zip(&fields)
            .map(|((rowid, _, _), field)| (title_score(&query, field, averages), *rowid))
            .collect();
        // Stable: equal scores keep library order.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(scored
            .into_iter()
            .take(limit as usize)
            .map(|(_, rowid)| rowid)
            .collect())
    }

    /// The questions of `rowids`, in that order, read in one statement.
    fn hits(&self, rowids: &[i64]) -> Result<Vec<SearchHit>> {
        if rowids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(rowids).map_err(std::io::Error::other)?;
        let mut details = self.conn.prepare_cached(
            "SELECT q.id, q.question, q.topic_id, t.title, b.language
             FROM json_each(?1) AS wanted
             JOIN question q ON q.rowid = wanted.value
             JOIN bundle b ON b.id = q.bundle_id
             JOIN topic t ON t.bundle_id = q.bundle_id AND t.id = q.topic_id
             ORDER BY wanted.key",
        )?;
        let hits = details
            .query_map([list], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    question: r.get(1)?,
                    topic: r.get(2)?,
                    topic_title: r.get(3)?,
                    language: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hits)
    }
}

/// A word of the query as the index matches it: folded, and a prefix when it has two letters or
/// more.
struct QueryWord {
    folded: String,
    prefix: bool,
}

impl QueryWord {
    fn new(word: &str) -> Self {
        QueryWord {
            folded: fold(word),
            prefix: word.chars().count() >= 2,
        }
    }

    /// Whether `token`, folded as the index folds it, matches this word (folding on the fly:
    /// ranking looks at thousands of tokens per keystroke).
    fn matches(&self, token: &str) -> bool {
        let mut folded = fold_chars(token);
        for want in self.folded.chars() {
            if folded.next() != Some(want) {
                return false;
            }
        }
        self.prefix || folded.next().is_none()
    }
}

/// FTS5's bm25 over the question (weight 2) and its keywords (weight 1), without the inverse
/// document frequency: every candidate holds every word already, and the frequencies cost FTS5 a
/// pass over every match of every word (tens of milliseconds on 100,000 questions). What is left
/// ranks a short title that holds the words above a long one, and a title above keywords.
fn title_score(query: &[QueryWord], fields: &[&str; 2], averages: [f64; 2]) -> f64 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    const WEIGHTS: [f64; 2] = [2.0, 1.0];
    let mut score = 0.0;
    for (i, text) in fields.iter().enumerate() {
        let length = words(text).count() as f64;
        for word in query {
            let tf = words(text).filter(|t| word.matches(t)).count() as f64;
            if tf > 0.0 {
                let norm = K1 * (1.0 - B + B * length / averages[i]);
                score += WEIGHTS[i] * tf * (K1 + 1.0) / (tf + norm);
            }
        }
    }
    score
}

/// Turns words into FTS5 terms: each word quoted (so nothing the patient types is ever read as
/// FTS syntax), words of `prefix_from` letters or more matched as prefixes (2 for titles, 3 for
/// the answer text, whose index has no shorter prefix index). `None` when there is no word.
fn to_fts_terms(words: &[&str], prefix_from: usize) -> Option<String> {
    let terms: Vec<String> = words
        .iter()
        .map(|w| {
            if w.chars().count() >= prefix_from {
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
    use super::{to_fts_terms, words};

    fn terms(text: &str) -> Option<String> {
        let typed: Vec<&str> = words(text).take(12).collect();
        to_fts_terms(&typed, 2)
    }

    #[test]
    fn user_text_never_reaches_fts_as_syntax() {
        assert_eq!(
            terms("liver OR \"x\" NEAR("),
            Some("\"liver\"* \"OR\"* \"x\" \"NEAR\"*".into()),
            "operators and quotes become plain quoted words"
        );
        assert_eq!(terms("  ¿¡ "), None, "punctuation alone searches for nothing");
        assert_eq!(
            terms("médico"),
            Some("\"médico\"*".into()),
            "accents are left to the tokenizer"
        );
    }
}
