-- How the two search indexes write (issue 19: import speed; docs/performance.md, "Import").
-- The settings are kept in each index's own configuration table, so they hold for every connection.
--
-- hashsize: FTS5 collects an import's index entries in memory and writes them out as a new
-- segment each time the buffer holds 1 MiB (the default); the segments are then merged again.
-- A 16 MiB buffer writes a 10,000-question bundle in a few large segments: a third less time for
-- the answer-text index, and at most 32 MiB more memory while an import runs.
--
-- automerge: FTS5 merges segments of the same size once there are this many (default 4). Each
-- merge rewrites the entries of every bundle in it, so with 4 a library that grows bundle by
-- bundle rewrites its oldest entries again and again: the 4th, 5th, 8th and 9th bundle of ten took
-- a third longer than the first. With 16 they all take as long as the first. Search reads a
-- word's entries from each segment, so it reads a few more of them; the search benchmark
-- measured its targets with this setting.
INSERT INTO question_text_fts (question_text_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO question_title_fts (question_title_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO question_text_fts (question_text_fts, rank) VALUES ('automerge', 16);
INSERT INTO question_title_fts (question_title_fts, rank) VALUES ('automerge', 16);
