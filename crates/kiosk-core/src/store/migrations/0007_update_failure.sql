-- The last refused download of each bundle from the shared update source, by the SHA-256 of the
-- zip the index offered. The automatic check does not try the same zip again (and so does not
-- write another audit row for it) until the index offers different bytes; the staff screen shows
-- that it failed, when, and why.
CREATE TABLE update_failure (
    bundle TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    at     TEXT NOT NULL,
    reason TEXT NOT NULL
) STRICT;
