-- The answer-text index, lighter to write (issue 19: import at most as slow as a plain script):
-- - contentless (content = ''): search reads only rowids from it, and the text is already in
--   `question.body`, so it is no longer stored twice; contentless_delete = 1 keeps deleting a
--   bundle's rows possible;
-- - one prefix index, of three letters, instead of three (2, 3 and 4): the answer tier of search
--   matches words of one or two letters whole (titles keep every prefix index, and match
--   those as prefixes), and a longer prefix expands to few words.
-- The rows are copied from the old index, which still holds its text.
CREATE VIRTUAL TABLE question_text_fts_new USING fts5 (
    lang, question, keywords, summary, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3',
    detail = 'column',
    content = '',
    contentless_delete = 1
);
INSERT INTO question_text_fts_new (rowid, lang, question, keywords, summary, body)
    SELECT rowid, lang, question, keywords, summary, body FROM question_text_fts;
DROP TRIGGER question_fts_delete;
DROP TABLE question_text_fts;
ALTER TABLE question_text_fts_new RENAME TO question_text_fts;

CREATE TRIGGER question_fts_delete AFTER DELETE ON question BEGIN
    DELETE FROM question_title_fts WHERE rowid = old.rowid;
    DELETE FROM question_text_fts WHERE rowid = old.rowid;
END;
