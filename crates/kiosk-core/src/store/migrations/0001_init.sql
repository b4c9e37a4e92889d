-- Installed bundles, their topics and questions, and the search index.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE bundle (
    id               TEXT PRIMARY KEY,
    version          INTEGER NOT NULL CHECK (version >= 1),
    language         TEXT NOT NULL,
    language_primary TEXT NOT NULL,
    title            TEXT NOT NULL,
    publisher        TEXT NOT NULL,
    published        TEXT NOT NULL,
    disclaimer       TEXT NOT NULL,
    manifest_sha256  TEXT NOT NULL,
    imported_at      TEXT NOT NULL
) STRICT;

CREATE TABLE topic (
    bundle_id TEXT NOT NULL REFERENCES bundle (id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    title     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (bundle_id, id)
) STRICT;

CREATE TABLE question (
    rowid            INTEGER PRIMARY KEY,
    bundle_id        TEXT NOT NULL REFERENCES bundle (id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    topic_id         TEXT NOT NULL,
    language_primary TEXT NOT NULL,
    question         TEXT NOT NULL,
    reviewed         TEXT NOT NULL,
    body             TEXT NOT NULL, -- the validated question as JSON
    UNIQUE (bundle_id, id),
    FOREIGN KEY (bundle_id, topic_id) REFERENCES topic (bundle_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX question_by_topic ON question (bundle_id, topic_id, question);
CREATE INDEX question_by_language ON question (language_primary, id);

-- Accent-insensitive (remove_diacritics 2) so "medico" finds "médico"; prefix indexes keep
-- search-as-you-type fast. `lang` holds the primary language subtag so a search is filtered inside
-- the index rather than after it. Titles (question and keywords) have an index of their own: its
-- short entries keep ranking fast even when a word appears in every question.
CREATE VIRTUAL TABLE question_title_fts USING fts5 (
    lang, question, keywords,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
CREATE VIRTUAL TABLE question_text_fts USING fts5 (
    lang, question, keywords, summary, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4',
    detail = 'column'
);

CREATE TRIGGER question_fts_delete AFTER DELETE ON question BEGIN
    DELETE FROM question_title_fts WHERE rowid = old.rowid;
    DELETE FROM question_text_fts WHERE rowid = old.rowid;
END;
