-- Every import, rollback, refused update and database recovery, for staff and IT. Nothing about a
-- patient: the origin is a file path or URL of a bundle.
CREATE TABLE audit (
    rowid        INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('staff', 'cli', 'automatic', 'startup')),
    action       TEXT NOT NULL CHECK (action IN ('import', 'rollback', 'update', 'recover')),
    bundle       TEXT NOT NULL,
    origin       TEXT NOT NULL,
    from_version INTEGER,
    to_version   INTEGER,
    result       TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
    detail       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_time ON audit (at);

-- The last check of the shared update source, shown on the staff screen.
CREATE TABLE update_check (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    at      TEXT NOT NULL,
    source  TEXT NOT NULL,
    ok      INTEGER NOT NULL CHECK (ok IN (0, 1)),
    message TEXT NOT NULL
) STRICT;
