-- Import writes a bundle's index entries through FTS5's in-memory buffer, which is written out as
-- a new segment each time it holds 1 MiB (the default), and the segments are then merged again.
-- A 16 MiB buffer writes a 10,000-question bundle in a few large segments: a third less time for
-- the answer-text index (issue 19, docs/performance.md), at most 32 MiB more memory while an
-- import runs, and no change to what search finds. The setting is kept in each index's own
-- configuration table, so it holds for every connection.
INSERT INTO question_text_fts (question_text_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO question_title_fts (question_title_fts, rank) VALUES ('hashsize', 16777216);
