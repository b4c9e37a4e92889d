-- Settings staff changed on the staff screen. Each row overrides one key of the settings file; no
-- row means the file's value applies. Only the four keys the staff screen offers may be stored.
CREATE TABLE setting_override (
    key        TEXT PRIMARY KEY CHECK (key IN ('clinic_name', 'idle_seconds', 'default_language', 'printer')),
    value      TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT;

-- The audit log also records staff settings changes (action 'settings'). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with its rows kept.
CREATE TABLE audit_new (
    rowid        INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('staff', 'cli', 'automatic', 'startup')),
    action       TEXT NOT NULL CHECK (action IN ('import', 'rollback', 'update', 'recover', 'settings')),
    bundle       TEXT NOT NULL,
    origin       TEXT NOT NULL,
    from_version INTEGER,
    to_version   INTEGER,
    result       TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
    detail       TEXT NOT NULL
) STRICT;
INSERT INTO audit_new (rowid, at, source, action, bundle, origin, from_version, to_version, result, detail)
    SELECT rowid, at, source, action, bundle, origin, from_version, to_version, result, detail FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE INDEX audit_by_time ON audit (at);
