//! `clinic-kiosk staff set-pin`: IT sets the staff PIN at the terminal. The PIN is read without
//! echo from the terminal (or as one line from standard input, for scripts), never from the
//! command line, where it would stay in the shell history and the process list.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use kiosk_core::settings::Settings;
use kiosk_core::store::StaffPin;

use super::Failure;

/// Asks for the new PIN twice and stores its hash.
pub(super) fn set_pin(data_dir: &Path, settings: &Settings) -> Result<(), Failure> {
    let first = read_secret("New staff PIN (6 to 12 digits): ")?;
    let pin = StaffPin::parse_new(&first).map_err(|e| failure(1, format!("{e}; the PIN was not changed")))?;
    if std::io::stdin().is_terminal() {
        let again = read_secret("Type it again: ")?;
        if again.trim() != first.trim() {
            return Err(failure(1, "the two PINs differ; the PIN was not changed. Try again"));
        }
    }
    let mut store = crate::content::open_store(data_dir, settings).map_err(Failure::from)?;
    store.set_staff_pin(&pin).map_err(Failure::from)?;
    say!("The staff PIN is set. Wrong-PIN waits are cleared.");
    Ok(())
}

fn read_secret(prompt: &str) -> Result<String, Failure> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt)
            .map_err(|e| failure(2, format!("cannot read the PIN from the terminal: {e}")));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| failure(2, format!("cannot read the PIN from standard input: {e}")))?;
    if line.trim().is_empty() {
        return Err(failure(2, "no PIN was given on standard input; nothing was changed"));
    }
    Ok(line)
}

fn failure(code: i32, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}
