-- Anonymous usage: counts per day only, never anything about a person or a session.
CREATE TABLE usage_question_open (
    day         TEXT NOT NULL,
    language    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    count       INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, language, question_id)
) STRICT;

CREATE TABLE usage_sheet_print (
    day   TEXT PRIMARY KEY,
    count INTEGER NOT NULL CHECK (count >= 0)
) STRICT;
