//! The crate's one error type. Variants exist where a caller acts differently on them; each message
//! is written for a person and says what to do next.

use std::path::PathBuf;

use crate::bundle::Problem;
use crate::trust::SignatureError;

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the content engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path given does not exist or cannot be read as a bundle at all.
    #[error("cannot read {}: {reason}", crate::bundle::printable(&.path.display().to_string()))]
    Unreadable {
        /// The path that was asked for.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// The bundle was read but breaks the format; every problem found is listed.
    #[error("the bundle is not valid; nothing was changed. Fix the bundle and try again:\n{}", Problem::lines(.0))]
    InvalidBundle(Vec<Problem>),
    /// The bundle is valid but not newer than the installed one.
    #[error("bundle {id} version {offered} is not newer than the installed version {installed}; nothing was changed. Publish a higher version, or use --allow-downgrade to install it anyway")]
    NotNewer {
        /// The bundle id.
        id: String,
        /// Version already installed.
        installed: u32,
        /// Version offered for import.
        offered: u32,
    },
    /// A question id of the bundle is already used by another installed bundle of the same language.
    #[error("question {question} is already provided by bundle {other_bundle} in the same language; nothing was changed. Give the question another id, or remove it from one of the bundles")]
    QuestionIdTaken {
        /// The clashing question id.
        question: String,
        /// The installed bundle that already has it.
        other_bundle: String,
    },
    /// No such question (or bundle) is installed.
    #[error("no question {id} in language {language} is installed. Check the id with `clinic-kiosk search`")]
    QuestionNotFound {
        /// The question id asked for.
        id: String,
        /// The language asked for.
        language: String,
    },
    /// The bundle's signature refuses it (checked before any content is parsed).
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// No earlier version of the bundle is kept to roll back to.
    #[error("there is no earlier version of bundle {id} to roll back to; the kiosk keeps the last three versions it imported. Import the wanted version with --allow-downgrade instead")]
    NothingToRollBack {
        /// The bundle id.
        id: String,
    },
    /// The shared update source could not be used.
    #[error("the update from {source_name} failed: {reason}. The kiosk keeps showing its current content")]
    Update {
        /// The folder or URL.
        source_name: String,
        /// What went wrong.
        reason: String,
        /// Whether the offered content was refused (wrong hash, too large, not what the index
        /// says) rather than the source failing (unreachable, unreadable).
        refused: bool,
    },
    /// The settings file could not be changed.
    #[error("the settings file {path} could not be changed: {reason}")]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The settings file is bad, so everything that brings in content is off until it is fixed.
    #[error("the settings file {} is not valid ({message}); imports and updates are off until it is fixed, and the installed content keeps serving. Correct that line, then restart the kiosk", path.display())]
    BadSettings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong, with its line.
        message: String,
    },
    /// A path staff chose is not under the folders the kiosk scans for bundles.
    #[error("{path} is not on a USB stick or in the import folder; choose a bundle from the list")]
    NotImportable {
        /// The path as given.
        path: String,
    },
    /// There is no USB stick (nor import folder) to save a file on.
    #[error("No USB stick was found. Put a USB stick in the kiosk, wait a few seconds, and try again.")]
    NoUsbStick,
    /// A file could not be written to the stick.
    #[error("The file could not be saved on {folder} ({reason}). Check that the USB stick is not full or locked.")]
    SaveFailed {
        /// The folder it was written to.
        folder: PathBuf,
        /// Why.
        reason: String,
    },
    /// The database could not be opened or used.
    #[error("the content database failed: {0}. If this repeats, restart the kiosk; its content is rebuilt from the installed bundles")]
    Database(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error("the content database could not be upgraded: {0}. Check that the data folder is writable and not full")]
    Migration(#[from] rusqlite_migration::Error),
    /// Reading or writing a file failed.
    #[error("a file operation failed: {0}. Check that the disk is not full and the data folder is writable")]
    Io(#[from] std::io::Error),
}

/// A stable, machine-readable code for each kind of error; the UI and scripts branch on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// See [`Error::Unreadable`].
    Unreadable,
    /// See [`Error::InvalidBundle`].
    InvalidBundle,
    /// See [`Error::NotNewer`].
    NotNewer,
    /// See [`Error::QuestionIdTaken`].
    QuestionIdTaken,
    /// See [`Error::QuestionNotFound`].
    NotFound,
    /// See [`Error::Signature`].
    SignatureRefused,
    /// See [`Error::Update`].
    UpdateFailed,
    /// See [`Error::Settings`].
    Settings,
    /// Database, migration or file errors.
    Storage,
    /// See [`Error::NotImportable`].
    NotImportable,
    /// See [`Error::NoUsbStick`].
    NoUsbStick,
    /// See [`Error::SaveFailed`].
    SaveFailed,
}

impl ErrorCode {
    /// The code as the string the UI sees.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unreadable => "unreadable",
            ErrorCode::InvalidBundle => "invalid_bundle",
            ErrorCode::NotNewer => "not_newer",
            ErrorCode::QuestionIdTaken => "question_id_taken",
            ErrorCode::NotFound => "not_found",
            ErrorCode::SignatureRefused => "signature_refused",
            ErrorCode::UpdateFailed => "update_failed",
            ErrorCode::Settings => "settings",
            ErrorCode::Storage => "storage",
            ErrorCode::NotImportable => "not_importable",
            ErrorCode::NoUsbStick => "no_usb_stick",
            ErrorCode::SaveFailed => "save_failed",
        }
    }
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Unreadable { .. } => ErrorCode::Unreadable,
            Error::InvalidBundle(_) => ErrorCode::InvalidBundle,
            Error::NotNewer { .. } => ErrorCode::NotNewer,
            Error::QuestionIdTaken { .. } => ErrorCode::QuestionIdTaken,
            Error::QuestionNotFound { .. } | Error::NothingToRollBack { .. } => ErrorCode::NotFound,
            Error::Signature(_) => ErrorCode::SignatureRefused,
            Error::Update { .. } => ErrorCode::UpdateFailed,
            Error::Settings { .. } | Error::BadSettings { .. } => ErrorCode::Settings,
            Error::NotImportable { .. } => ErrorCode::NotImportable,
            Error::NoUsbStick => ErrorCode::NoUsbStick,
            Error::SaveFailed { .. } => ErrorCode::SaveFailed,
            Error::Database(_) | Error::Migration(_) | Error::Io(_) => ErrorCode::Storage,
        }
    }

    pub(crate) fn unreadable(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Unreadable {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_strings() {
        // The app maps these onto its IPC error codes; its own test pins those against api.js.
        for code in [
            ErrorCode::Unreadable,
            ErrorCode::InvalidBundle,
            ErrorCode::NotNewer,
            ErrorCode::QuestionIdTaken,
            ErrorCode::NotFound,
            ErrorCode::SignatureRefused,
            ErrorCode::UpdateFailed,
            ErrorCode::Settings,
            ErrorCode::Storage,
            ErrorCode::NotImportable,
            ErrorCode::NoUsbStick,
            ErrorCode::SaveFailed,
        ] {
            let serialized = serde_json::to_value(code).expect("serialises");
            assert_eq!(serialized, code.as_str(), "the JSON form and as_str agree");
        }
        let refused = Error::from(crate::trust::SignatureError::Unsigned);
        assert_eq!(refused.code(), ErrorCode::SignatureRefused);
    }
}
