//! A sheet the command line asked for (`clinic-kiosk sheet`): the page lays it out in a hidden
//! window, the `write_sheet_job` command prints it to a PDF file, and the app exits
//! with the code [`report`] gives.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::exit_code::ExitCode;
use crate::print::Paper;

/// A sheet the command line asked for: rendered by the page, printed to a PDF file, then the app
/// exits.
#[derive(Debug, Clone, Serialize)]
pub struct SheetJob {
    /// The answers whose "ask your doctor" items go on the sheet.
    pub questions: Vec<String>,
    /// The sheet's language.
    pub language: String,
    /// The PDF file to write.
    #[serde(skip)]
    pub out: PathBuf,
    /// The paper size.
    #[serde(skip)]
    pub paper: Paper,
}

/// Prints the outcome of a sheet job for the person at the terminal; returns how to exit.
pub(crate) fn report(out: &Path, result: Result<(), String>) -> ExitCode {
    use std::io::Write as _;
    match result {
        Ok(()) => {
            let _ = writeln!(std::io::stdout(), "wrote {}", out.display());
            ExitCode::Success
        }
        Err(message) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: the sheet could not be written to {}: {message}",
                out.display()
            );
            ExitCode::Refused
        }
    }
}
