-- The staff PIN (an Argon2id PHC string, never the PIN itself) and the failed-attempt count that
-- slows down guessing. One row each; the count lives here so that a restart does not reset it.

CREATE TABLE staff_pin (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    phc    TEXT NOT NULL,
    set_at TEXT NOT NULL
) STRICT;

CREATE TABLE staff_pin_attempts (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    failures       INTEGER NOT NULL CHECK (failures >= 0),
    next_try_after INTEGER NOT NULL
) STRICT;
