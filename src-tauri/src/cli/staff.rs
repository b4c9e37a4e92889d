//! `clinic-kiosk staff set-pin`: IT sets the staff PIN at the terminal. The PIN is read without
//! echo from the terminal (or as one line from standard input, for scripts), never from the
//! command line, where it would stay in the shell history and the process list.

use std::io::{BufRead, IsTerminal};

use kiosk_core::store::{AuditAction, AuditEntry, AuditResult, AuditSource, StaffPin};

use super::context::Context;
use super::failure::Failure;

/// Asks for the new PIN twice and stores its hash.
pub(super) fn set_pin(context: &Context) -> Result<(), Failure> {
    let first = read_secret("New staff PIN (6 to 12 digits): ")?;
    let pin = StaffPin::parse_new(&first).map_err(|e| Failure::refused(format!("{e}; the PIN was not changed")))?;
    if std::io::stdin().is_terminal() {
        let again = read_secret("Type it again: ")?;
        if again.trim() != first.trim() {
            return Err(Failure::refused(
                "the two PINs differ; the PIN was not changed. Try again",
            ));
        }
    }
    let mut store = context.open_store()?;
    store.set_staff_pin(&pin).map_err(Failure::from)?;
    let entry = AuditEntry::new(
        AuditSource::Cli,
        AuditAction::StaffPin,
        "",
        "clinic-kiosk staff set-pin",
    )
    .ended(AuditResult::Ok, "the staff PIN was set at the terminal");
    if let Err(error) = store.record_audit(&entry) {
        tracing::warn!(%error, "the PIN change could not be written to the audit log");
    }
    say!("The staff PIN is set. Wrong-PIN waits are cleared.");
    Ok(())
}

fn read_secret(prompt: &str) -> Result<String, Failure> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt)
            .map_err(|e| Failure::usage(format!("cannot read the PIN from the terminal: {e}")));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("cannot read the PIN from standard input: {e}")))?;
    if line.trim().is_empty() {
        return Err(Failure::usage(
            "no PIN was given on standard input; nothing was changed",
        ));
    }
    Ok(line)
}
