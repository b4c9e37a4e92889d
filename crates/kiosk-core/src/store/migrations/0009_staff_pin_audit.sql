-- The wait after wrong PINs is kept as the seconds still to wait, not as a wall-clock deadline, so
-- that neither setting the date forward nor a reboot shortens it (see store/staff_pin.rs).
-- `next_try_after` stays for older binaries and is no longer read.

ALTER TABLE staff_pin_attempts ADD COLUMN wait_left INTEGER NOT NULL DEFAULT 0 CHECK (wait_left >= 0);

UPDATE staff_pin_attempts
SET wait_left = MIN(MAX(next_try_after - CAST(strftime('%s', 'now') AS INTEGER), 0), 900);

-- The audit log also records staff PIN changes ('staff_pin'), wrong PINs ('wrong_pin') and leaving
-- kiosk mode ('leave_kiosk'). The table is rebuilt with its rows kept, as in 0006.
CREATE TABLE audit_new (
    rowid        INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('staff', 'cli', 'automatic', 'startup')),
    action       TEXT NOT NULL CHECK (action IN ('import', 'rollback', 'update', 'recover', 'settings',
                                                 'staff_pin', 'wrong_pin', 'leave_kiosk')),
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
