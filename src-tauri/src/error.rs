//! The one error vocabulary at the IPC boundary: every command fails with a [`CommandError`], whose
//! `code` is one of [`ErrorCode`]'s variants. `ui/js/api.js` mirrors the list in `ERROR_CODES`
//! (a test below pins the two together), so the page can branch on a code the app really sends.
//!
//! The engine's own codes (`kiosk_core::ErrorCode`) map one to one onto the first variants; the
//! rest are the app's: the printer, the staff session, staff settings and QR addresses.

use serde::Serialize;

/// Declares [`ErrorCode`] with its wire names and [`ErrorCode::ALL`] from one list, so a new
/// variant cannot be left out of the list the test checks against `api.js`.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $wire:literal,)*) => {
        /// A stable, machine-readable code the page branches on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as the page receives it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                }
            }
        }
    };
}

error_codes! {
    /// The engine could not read a path as a bundle.
    Unreadable => "unreadable",
    /// The bundle breaks the format.
    InvalidBundle => "invalid_bundle",
    /// The bundle is not newer than the installed one.
    NotNewer => "not_newer",
    /// A question id is taken by another bundle.
    QuestionIdTaken => "question_id_taken",
    /// No such question or kept version.
    NotFound => "not_found",
    /// The signature refuses the bundle.
    SignatureRefused => "signature_refused",
    /// The shared update failed.
    UpdateFailed => "update_failed",
    /// The settings file could not be changed.
    Settings => "settings",
    /// Database or file trouble.
    Storage => "storage",
    /// The path is not under a scanned folder (USB sticks, the import folder).
    NotImportable => "not_importable",
    /// No USB stick (or import folder) to save a file on.
    NoUsbStick => "no_usb_stick",
    /// A file could not be saved on the stick.
    SaveFailed => "save_failed",
    /// The printer cannot print.
    PrinterUnavailable => "printer_unavailable",
    /// A staff command outside a staff session.
    StaffOnly => "staff_only",
    /// A new staff PIN breaks the PIN rules.
    BadPin => "bad_pin",
    /// The first PIN was already chosen.
    PinAlreadySet => "pin_already_set",
    /// No staff PIN is set and the kiosk runs in kiosk mode: IT must set one.
    PinSetupLocked => "pin_setup_locked",
    /// A staff setting is out of range.
    InvalidSetting => "invalid_setting",
    /// A "more information" address cannot become a QR code.
    InvalidAddress => "invalid_address",
    /// Anything else; the message asks to try again.
    Internal => "internal",
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl From<kiosk_core::ErrorCode> for ErrorCode {
    fn from(code: kiosk_core::ErrorCode) -> Self {
        use kiosk_core::ErrorCode as Core;
        match code {
            Core::Unreadable => ErrorCode::Unreadable,
            Core::InvalidBundle => ErrorCode::InvalidBundle,
            Core::NotNewer => ErrorCode::NotNewer,
            Core::QuestionIdTaken => ErrorCode::QuestionIdTaken,
            Core::NotFound => ErrorCode::NotFound,
            Core::SignatureRefused => ErrorCode::SignatureRefused,
            Core::UpdateFailed => ErrorCode::UpdateFailed,
            Core::Settings => ErrorCode::Settings,
            Core::Storage => ErrorCode::Storage,
            Core::NotImportable => ErrorCode::NotImportable,
            Core::NoUsbStick => ErrorCode::NoUsbStick,
            Core::SaveFailed => ErrorCode::SaveFailed,
        }
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    /// A stable code, e.g. `not_found`.
    pub code: ErrorCode,
    /// A sentence for a person.
    pub message: String,
}

impl CommandError {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn internal() -> Self {
        CommandError::new(
            ErrorCode::Internal,
            "The kiosk had a problem. Please try again, or ask at the front desk.",
        )
    }
}

impl From<kiosk_core::Error> for CommandError {
    fn from(error: kiosk_core::Error) -> Self {
        tracing::warn!(%error, "command failed");
        CommandError::new(error.code().into(), error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes `api.js` lists in `ERROR_CODES`, by their wire names.
    fn codes_in_api_js() -> Vec<String> {
        let js = include_str!("../../ui/js/api.js");
        let start = js
            .find("ERROR_CODES = Object.freeze({")
            .expect("api.js declares ERROR_CODES");
        let block = &js[start..];
        let block = &block[..block.find("});").expect("ERROR_CODES ends")];
        block
            .lines()
            .filter_map(|line| line.split('"').nth(1).map(str::to_string))
            .collect()
    }

    #[test]
    fn every_error_code_is_known_to_the_page_and_the_page_knows_no_other() {
        let js = codes_in_api_js();
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).expect("serialises"),
                code.as_str(),
                "the JSON form is the wire name"
            );
            assert!(
                js.iter().any(|c| c == code.as_str()),
                "ui/js/api.js ERROR_CODES must list {:?} ({}); the page cannot branch on a code it does not know",
                code,
                code.as_str()
            );
        }
        // `unavailable` is the page's own: the Tauri bridge itself is missing.
        for code in js.iter().filter(|c| *c != "unavailable") {
            assert!(
                ErrorCode::ALL.iter().any(|known| known.as_str() == code),
                "ui/js/api.js lists {code}, which the app never sends; remove it or add it to ErrorCode"
            );
        }
    }

    #[test]
    fn engine_errors_keep_their_code() {
        let error = kiosk_core::Error::from(kiosk_core::trust::SignatureError::Unsigned);
        assert_eq!(CommandError::from(error).code, ErrorCode::SignatureRefused);
    }
}
