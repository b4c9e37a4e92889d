-- A question's place in its topic's `questions` list (bundle format 3), 0 first, written at
-- import. NULL for a question its topic does not list: those follow the listed ones,
-- alphabetically, as every topic page was ordered before. Rows of bundles imported before this
-- migration stay NULL, so their pages look as they did.
ALTER TABLE question ADD COLUMN position INTEGER;
