//! Whether systemd runs the app as a service (the kiosk package's unit). Asked in one place: the
//! log destination depends on it, and the staff screen says that leaving kiosk mode restarts the
//! kiosk when it is true.

/// Whether systemd started this process as (part of) a service: systemd sets `INVOCATION_ID` for
/// services and `JOURNAL_STREAM` when stderr is the journal.
pub fn under_systemd() -> bool {
    ["INVOCATION_ID", "JOURNAL_STREAM"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}
