//! The staff session: the hidden gesture on the page asks for the staff PIN; a right PIN opens a
//! session that lets the page show the staff screen and leave kiosk mode. The session ends when
//! staff close it or after [`STAFF_IDLE`] without a staff command, so a screen left open does not
//! stay open for the next patient. Every staff command passes [`StaffSession::require`] first.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{CommandError, ErrorCode};

/// How long a staff session lasts without a staff command.
pub const STAFF_IDLE: Duration = Duration::from_secs(120);

/// When the current staff session (if any) ends.
#[derive(Debug, Default)]
pub struct StaffSession {
    ends_at: Mutex<Option<Instant>>,
}

impl StaffSession {
    pub(crate) fn open(&self) {
        if let Ok(mut ends_at) = self.ends_at.lock() {
            *ends_at = Some(Instant::now() + STAFF_IDLE);
        }
    }

    pub(crate) fn close(&self) {
        if let Ok(mut ends_at) = self.ends_at.lock() {
            *ends_at = None;
        }
    }

    /// Succeeds while a session is open, and keeps it open for another [`STAFF_IDLE`].
    pub fn require(&self) -> Result<(), CommandError> {
        let mut ends_at = self.ends_at.lock().map_err(|_| CommandError::internal())?;
        match *ends_at {
            Some(end) if Instant::now() < end => {
                *ends_at = Some(Instant::now() + STAFF_IDLE);
                Ok(())
            }
            _ => {
                *ends_at = None;
                Err(CommandError::new(
                    ErrorCode::StaffOnly,
                    "This is for clinic staff. Use the staff gesture and enter the staff PIN.",
                ))
            }
        }
    }
}
