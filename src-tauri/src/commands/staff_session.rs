//! The staff session's commands: whether a PIN is set, unlocking with it (or choosing the first
//! one), keeping the session alive, ending it, and leaving kiosk mode.

use kiosk_core::store::{AuditAction, AuditEntry, AuditResult, AuditSource, PinCheck, StaffPin};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::{CommandError, ErrorCode};
use crate::staff_session::STAFF_IDLE;
use crate::state::AppState;

/// What the PIN screen needs to know before it asks.
#[derive(Debug, Serialize)]
pub struct StaffStatus {
    /// False on first use: the PIN screen then asks for a new PIN twice, or, in kiosk mode, says
    /// "Ask IT to set the staff PIN" (a kiosk never lets the first person to tap choose it).
    pub pin_set: bool,
    /// Whether "Leave kiosk mode" applies.
    pub kiosk: bool,
    /// Seconds without a staff command before the staff session ends; the staff screen closes
    /// itself after the same time.
    pub idle_seconds: u64,
    /// What is wrong with the settings file (its line and key), when it is bad: imports and
    /// updates are then off, and the staff screen says so.
    pub settings_problem: Option<String>,
}

#[tauri::command(async)]
pub(crate) fn staff_status(state: State<'_, AppState>) -> Result<StaffStatus, CommandError> {
    Ok(StaffStatus {
        pin_set: state.with(|store| store.staff_pin_is_set())?,
        kiosk: state.settings().kiosk,
        idle_seconds: STAFF_IDLE.as_secs(),
        settings_problem: state.settings().problem.map(|p| p.to_string()),
    })
}

/// Checks the PIN; a right one opens a staff session.
#[tauri::command(async)]
pub(crate) fn staff_unlock(state: State<'_, AppState>, pin: String) -> Result<PinCheck, CommandError> {
    let check = state.with_mut(|store| store.check_staff_pin(&pin, std::time::Instant::now()))?;
    match check {
        PinCheck::Accepted => state.staff.open(),
        PinCheck::Wrong { wait_seconds } => {
            tracing::warn!(?check, "a wrong staff PIN was entered");
            audit(
                &state,
                AuditAction::WrongPin,
                AuditResult::Refused,
                format!("a wrong staff PIN was entered; the next try is possible in {wait_seconds} s"),
            );
        }
        PinCheck::TooSoon { .. } => tracing::warn!(?check, "a staff PIN was entered during the wait"),
        PinCheck::NotSet => {}
    }
    Ok(check)
}

/// Sets the first staff PIN (only when none is set, and never in kiosk mode) and opens a staff
/// session.
#[tauri::command(async)]
pub(crate) fn staff_set_first_pin(state: State<'_, AppState>, pin: String) -> Result<(), CommandError> {
    if state.settings().kiosk {
        return Err(CommandError::new(
            ErrorCode::PinSetupLocked,
            "In kiosk mode the staff PIN is not chosen on the screen. Ask IT to set it with `clinic-kiosk staff set-pin`.",
        ));
    }
    let pin = StaffPin::parse_new(&pin).map_err(|e| CommandError::new(ErrorCode::BadPin, e.to_string()))?;
    if !state.with_mut(|store| store.set_first_staff_pin(&pin))? {
        return Err(CommandError::new(
            ErrorCode::PinAlreadySet,
            "A staff PIN is already set. Enter it, or ask IT to change it with `clinic-kiosk staff set-pin`.",
        ));
    }
    tracing::info!("the first staff PIN was set on the kiosk screen");
    audit(
        &state,
        AuditAction::StaffPin,
        AuditResult::Ok,
        "the first staff PIN was chosen on the staff screen",
    );
    state.staff.open();
    Ok(())
}

/// Ends the staff session (the staff screen was closed or timed out).
#[tauri::command]
pub(crate) fn staff_lock(state: State<'_, AppState>) {
    state.staff.close();
}

/// Keeps the staff session open while staff are active on the staff screen.
#[tauri::command]
pub(crate) fn staff_touch(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.staff.require()
}

/// Closes the app (staff only). Under the kiosk's systemd session the service stops with exit
/// status 0, which the unit treats as "do not restart".
#[tauri::command]
pub(crate) fn leave_kiosk<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<(), CommandError> {
    state.staff.require()?;
    tracing::info!("staff left the kiosk");
    audit(
        &state,
        AuditAction::LeaveKiosk,
        AuditResult::Ok,
        "staff left kiosk mode",
    );
    app.exit(0);
    Ok(())
}

/// Writes a staff-access line to the audit log; a failure to write it is logged, not shown.
fn audit(state: &AppState, action: AuditAction, result: AuditResult, detail: impl Into<String>) {
    let entry = AuditEntry::new(AuditSource::Staff, action, "", "staff screen").ended(result, detail);
    if let Err(error) = state.with(|store| store.record_audit(&entry)) {
        tracing::warn!(?error, "a staff-access line could not be written to the audit log");
    }
}
