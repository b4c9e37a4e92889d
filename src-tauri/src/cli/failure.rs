//! A command that did not succeed: the message for the person at the terminal and the exit code.

use kiosk_core::{Error, ErrorCode};

use crate::exit_code::ExitCode;

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: ExitCode,
    pub(crate) message: String,
}

impl Failure {
    /// Content refused or not found (exit 1).
    pub(crate) fn refused(message: impl Into<String>) -> Self {
        Failure {
            code: ExitCode::Refused,
            message: message.into(),
        }
    }

    /// A usage error or an unreadable path (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: ExitCode::Usage,
            message: message.into(),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let code = match error.code() {
            ErrorCode::Unreadable => ExitCode::Usage,
            _ => ExitCode::Refused,
        };
        Failure {
            code,
            message: error.to_string(),
        }
    }
}
