-- The words of each installed bundle, for correcting misspelled searches (store/vocabulary.rs):
-- the folded form the search index uses (lowercase, no accents), the spelling the content uses
-- most (accents kept, so a correction reads "hígado", not "higado"), how often it occurs and
-- whether only keywords hold it.
-- Import writes them in the same transaction as the questions; deleting a bundle deletes them.
-- Bundles installed before this migration get theirs when the store is next opened.
CREATE TABLE search_word (
    bundle_id   TEXT NOT NULL REFERENCES bundle (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    term        TEXT NOT NULL,
    written     TEXT NOT NULL,
    occurrences INTEGER NOT NULL CHECK (occurrences >= 1),
    -- 1 when the word is only in keywords, which may hold misspellings on purpose: such a word
    -- matches as typed but is never offered as a correction.
    keyword_only INTEGER NOT NULL CHECK (keyword_only IN (0, 1)),
    PRIMARY KEY (bundle_id, term)
) STRICT, WITHOUT ROWID;

CREATE INDEX search_word_by_language ON search_word (lang, term);
