//! The words of the installed questions, per language, as the content writes them: what a
//! misspelled word is corrected to ("imunotherapy" finds "immunotherapy", "igado" finds "hígado").
//!
//! The FTS5 index keeps its terms folded (lowercase, accents removed) and without their language,
//! so it cannot say that "higado" is written "hígado", nor whether a term is Spanish. Import
//! therefore records each bundle's words in `search_word` (folded form, the spelling most used in
//! the content, and how often), in the same transaction as the questions; removing a bundle
//! removes its words. Search keeps one language's words in memory, sorted, and reloads them when
//! the database changed.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{params, Connection, Transaction};

use super::Store;
use crate::bundle::Question;
use crate::Result;

/// Words shorter than this are never offered as corrections (nor recorded).
const MIN_WORD_CHARS: usize = 3;

/// Lowercase with the accents of Latin letters removed, as FTS5's `unicode61 remove_diacritics 2`
/// tokenizer folds them ("Hígado" is "higado"). A unit test checks this against FTS5 itself.
pub(crate) fn fold(word: &str) -> String {
    fold_chars(word).collect()
}

/// [`fold`], one character at a time.
pub(crate) fn fold_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase).map(fold_char)
}

fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The words of `text` as the tokenizer cuts them: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Counts the words of a bundle's questions while they are imported.
#[derive(Default)]
pub(crate) struct WordCounter {
    /// Each spelling (lowercase as written) with how often it occurs and whether it occurs outside
    /// keywords (in a question, summary or answer). Spellings are folded together only in
    /// [`WordCounter::write`]: a bundle has millions of words but some thousands of spellings.
    spellings: foldhash::HashMap<String, Spelling>,
    /// The word being lowercased, reused so counting a word allocates nothing.
    lowercase: String,
}

#[derive(Default)]
struct Spelling {
    occurrences: u32,
    in_text: bool,
}

impl WordCounter {
    /// Adds every word of `text`.
    fn add(&mut self, text: &str, in_text: bool) {
        for word in words(text) {
            if word.chars().nth(MIN_WORD_CHARS - 1).is_none() || word.chars().all(|c| c.is_numeric()) {
                continue;
            }
            self.lowercase.clear();
            if word.is_ascii() {
                self.lowercase.push_str(word);
                self.lowercase.make_ascii_lowercase();
            } else {
                self.lowercase.extend(word.chars().flat_map(char::to_lowercase));
            }
            let spelling = match self.spellings.get_mut(self.lowercase.as_str()) {
                Some(spelling) => spelling,
                None => self.spellings.entry(self.lowercase.clone()).or_default(),
            };
            spelling.occurrences += 1;
            spelling.in_text |= in_text;
        }
    }

    /// Adds every text of a question a search looks in.
    pub(crate) fn add_question(&mut self, question: &Question, body: &str, summary: &str) {
        self.add(&question.question, true);
        for keyword in &question.keywords {
            self.add(keyword, false);
        }
        self.add(summary, true);
        self.add(body, true);
    }

    /// Writes the counted words of bundle `bundle_id` in language `lang`: per folded word, how
    /// often it occurs, its most used spelling, and whether only keywords hold it.
    pub(crate) fn write(self, tx: &Transaction<'_>, bundle_id: &str, lang: &str) -> Result<()> {
        #[derive(Default)]
        struct Term {
            occurrences: u32,
            written: String,
            written_occurrences: u32,
            in_text: bool,
        }
        let mut terms: HashMap<String, Term> = HashMap::new();
        for (written, spelling) in self.spellings {
            let term = terms.entry(fold(&written)).or_default();
            term.occurrences += spelling.occurrences;
            term.in_text |= spelling.in_text;
            // The most used spelling; on a tie the one that sorts first, whatever the map's order.
            if (spelling.occurrences, std::cmp::Reverse(&written))
                > (term.written_occurrences, std::cmp::Reverse(&term.written))
            {
                term.written = written;
                term.written_occurrences = spelling.occurrences;
            }
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO search_word (bundle_id, lang, term, written, occurrences, keyword_only)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (folded, term) in terms {
            insert.execute(params![
                bundle_id,
                lang,
                folded,
                term.written,
                term.occurrences,
                !term.in_text
            ])?;
        }
        Ok(())
    }
}

/// One word of a language's vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Folded, as characters (edit distances are counted in characters).
    term: Vec<char>,
    /// The folded form as a string, for prefix checks.
    folded: String,
    /// As the content writes it.
    written: String,
    /// How often it occurs in the language's questions.
    occurrences: u64,
    /// Only in keywords, which may hold misspellings on purpose ("nausia"): it matches as typed
    /// but is never offered as a correction.
    keyword_only: bool,
}

/// A language's words, sorted by folded form.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    words: Vec<Word>,
}

impl Vocabulary {
    /// Reads language `lang`'s words from the database.
    pub(crate) fn load(conn: &rusqlite::Connection, lang: &str) -> Result<Vocabulary> {
        let mut query = conn.prepare_cached(
            "SELECT term, written, SUM(occurrences), MIN(keyword_only) FROM search_word WHERE lang = ?1
             GROUP BY term ORDER BY term",
        )?;
        let words = query
            .query_map([lang], |r| {
                let folded: String = r.get(0)?;
                Ok(Word {
                    term: folded.chars().collect(),
                    folded,
                    written: r.get(1)?,
                    occurrences: r.get::<_, i64>(2)?.max(0) as u64,
                    keyword_only: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Vocabulary { words })
    }

    /// Whether some word starts with `prefix` (folded).
    pub(crate) fn has_prefix(&self, prefix: &str) -> bool {
        let at = self.words.partition_point(|w| w.folded.as_str() < prefix);
        self.words.get(at).is_some_and(|w| w.folded.starts_with(prefix))
    }

    /// The word nearest to `typed` (folded): at most one edit away for words of up to five
    /// letters, two for longer ones; ties go to the more common word. `None` when none is near.
    pub(crate) fn nearest(&self, typed: &str) -> Option<&str> {
        let typed: Vec<char> = typed.chars().collect();
        let max = if typed.len() <= 5 { 1 } else { 2 };
        let mut best: Option<(usize, &Word)> = None;
        for word in &self.words {
            if word.keyword_only || word.term.len().abs_diff(typed.len()) > max {
                continue;
            }
            let Some(distance) = edit_distance(&typed, &word.term, max) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((d, w)) => distance < d || (distance == d && word.occurrences > w.occurrences),
            };
            if better {
                best = Some((distance, word));
            }
        }
        best.map(|(_, w)| w.written.as_str())
    }
}

/// The vocabularies read so far, valid while the database's `data_version` stays the same (it
/// changes when another connection commits; this connection's own imports clear the cache).
#[derive(Debug, Default)]
pub(crate) struct VocabularyCache {
    data_version: Option<i64>,
    languages: HashMap<String, Arc<Vocabulary>>,
}

impl VocabularyCache {
    /// Forgets every vocabulary (after this connection changed the installed bundles).
    pub(crate) fn clear(&mut self) {
        self.data_version = None;
        self.languages.clear();
    }
}

impl Store {
    /// Language `lang`'s words, from the cache when the database has not changed since.
    pub(crate) fn vocabulary(&self, lang: &str) -> Result<Arc<Vocabulary>> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let mut cache = self.vocabularies.borrow_mut();
        if cache.data_version != Some(version) {
            cache.clear();
            cache.data_version = Some(version);
        }
        if let Some(vocabulary) = cache.languages.get(lang) {
            return Ok(Arc::clone(vocabulary));
        }
        let vocabulary = Arc::new(Vocabulary::load(&self.conn, lang)?);
        cache.languages.insert(lang.to_string(), Arc::clone(&vocabulary));
        Ok(vocabulary)
    }
}

/// Records the words of bundles installed before the vocabulary existed (migration 0010), read
/// back from their stored questions, in one transaction. Bundles that have words are skipped, so
/// this costs one query once every bundle has them.
pub(crate) fn record_missing_words(conn: &mut Connection) -> Result<()> {
    let missing: Vec<(String, String)> = conn
        .prepare(
            "SELECT id, language_primary FROM bundle
             WHERE NOT EXISTS (SELECT 1 FROM search_word w WHERE w.bundle_id = bundle.id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if missing.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (bundle_id, lang) in missing {
        let mut counter = WordCounter::default();
        {
            let mut bodies = tx.prepare("SELECT body FROM question WHERE bundle_id = ?1")?;
            let mut rows = bodies.query([&bundle_id])?;
            while let Some(row) = rows.next()? {
                let body: String = row.get(0)?;
                if let Ok(question) = serde_json::from_str::<Question>(&body) {
                    let (summary, text) = super::import::searchable_text(&question);
                    counter.add_question(&question, &text, &summary);
                }
            }
        }
        counter.write(&tx, &bundle_id, &lang)?;
    }
    tx.commit()?;
    Ok(())
}

/// Edit distance with adjacent transpositions counted as one edit (optimal string alignment),
/// or `None` when it exceeds `max`.
pub(crate) fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; width * (a.len() + 1)];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let distance = rows[a.len() * width + b.len()];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn folding_lowercases_and_drops_accents() {
        assert_eq!(fold("Hígado"), "higado");
        assert_eq!(fold("CAÍDA niño Über"), "caida nino uber");
    }

    #[test]
    fn folding_agrees_with_the_search_index() -> Result<()> {
        let text = "Hígado MÉDICO corazón niño pingüino àéîõü ÇÃO Ñandú señal tratamiento über crème";
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab (t, 'row');",
        )?;
        conn.execute("INSERT INTO t (x) VALUES (?1)", [text])?;
        let mut indexed: Vec<String> = conn
            .prepare("SELECT term FROM v")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut ours: Vec<String> = words(text).map(fold).collect();
        indexed.sort();
        ours.sort();
        ours.dedup();
        assert_eq!(
            ours, indexed,
            "a word folds as FTS5 folds it, or a correction would not match"
        );
        Ok(())
    }

    #[test]
    fn bundles_installed_before_the_vocabulary_get_their_words_when_the_store_opens() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(super::super::DATABASE_FILE);
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/bundles/oncology-es");
        let files = crate::bundle::BundleFiles::read_path(&sample, crate::bundle::Limits::default())?;
        let bundle = crate::bundle::validate(&files).into_bundle()?;
        {
            let mut store = Store::open(&path)?;
            store.import(&bundle, super::super::ImportOptions::default())?;
            store.conn.execute("DELETE FROM search_word", [])?;
            assert_eq!(store.search_corrected("igado", "es", 5)?.showing_results_for, None);
        }
        let store = Store::open(&path)?;
        assert_eq!(
            store.search_corrected("igado", "es", 5)?.showing_results_for.as_deref(),
            Some("hígado"),
            "opening the store records the words of a bundle that has none"
        );
        Ok(())
    }

    #[test]
    fn edit_distance_counts_insertions_substitutions_and_swaps() {
        assert_eq!(
            edit_distance(&chars("imunotherapy"), &chars("immunotherapy"), 2),
            Some(1)
        );
        assert_eq!(edit_distance(&chars("nausia"), &chars("nausea"), 2), Some(1));
        assert_eq!(
            edit_distance(&chars("fveer"), &chars("fever"), 2),
            Some(1),
            "a swap is one edit"
        );
        assert_eq!(edit_distance(&chars("clinicle"), &chars("clinical"), 2), Some(2));
        assert_eq!(
            edit_distance(&chars("liver"), &chars("cancer"), 2),
            None,
            "too far is None"
        );
    }
}
