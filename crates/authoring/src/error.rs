//! The authoring crate's one error type. Every message is for a person: it says what is wrong,
//! that nothing was written, and what to do.

use std::path::PathBuf;

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop an authoring step. Problems *in the content* are not errors: they
/// come back in a report (see [`crate::PackReport`]) so an editor can show them all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The engine refused or could not read something (an unreadable path, a bundle that cannot be
    /// read at all, a signing failure).
    #[error(transparent)]
    Core(#[from] kiosk_core::Error),
    /// The folder to create already holds something.
    #[error("{} already exists and is not empty; nothing was written. Choose a new folder name, or move the old folder away first", .0.display())]
    TargetNotEmpty(PathBuf),
    /// The zip would be written inside the bundle folder, where it would become an unlisted file.
    #[error("the zip {} would be inside the bundle folder {}; nothing was written. Write it beside the folder (the default) or elsewhere with --out", .out.display(), .dir.display())]
    OutputInsideBundle {
        /// The zip asked for.
        out: PathBuf,
        /// The bundle folder.
        dir: PathBuf,
    },
    /// The secret key cannot be read or used.
    #[error("cannot sign with the secret key {}: {reason}; nothing was written", .path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The spreadsheet has problems, each named by its cell.
    #[error("the spreadsheet has {} problem(s); nothing was written. Fix them and try again:\n{}", .0.len(), crate::sheet::SheetProblem::lines(.0))]
    Sheet(Vec<crate::sheet::SheetProblem>),
    /// The bundle holds what the spreadsheet layout cannot carry unchanged.
    #[error("the bundle cannot be written as a spreadsheet without changing it; nothing was written. Change these in the bundle, or edit it as JSON:\n{}", .0.join("\n"))]
    CannotHold(Vec<String>),
    /// The file to create already exists.
    #[error("{} already exists; nothing was written. Choose another name, or move the old file away first", .0.display())]
    Exists(PathBuf),
    /// A request that cannot be carried out as asked (the message says what to do instead).
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error(
        "a file operation failed: {0}; nothing was changed. Check that the disk is not full and the folder is writable"
    )]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Whether the error is about a path that cannot be read at all (the command line exits 2),
    /// rather than content or a choice that was refused (exit 1).
    pub fn is_unreadable(&self) -> bool {
        matches!(self, Error::Core(e) if e.code() == kiosk_core::ErrorCode::Unreadable)
    }
}
