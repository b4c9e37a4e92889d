//! The copy of the staff PIN hash beside the database, `staff-pin.phc`: a damaged database is
//! moved aside and rebuilt (`library::recovery`), and the PIN must not go with it, or whoever taps
//! the top bar first could choose a new one. Written atomically, readable by the kiosk's user only.

use std::path::{Path, PathBuf};

use argon2::password_hash::PasswordHash;

use crate::Result;

/// The file beside the database that keeps a copy of the PIN hash (see [`staff_pin_file`]).
pub const STAFF_PIN_FILE: &str = "staff-pin.phc";

/// Where the copy of the PIN hash for the database at `database` lives: beside it, in the data
/// folder. A damaged database is moved aside and rebuilt (`library::recovery`); the PIN must not go
/// with it, or whoever taps the top bar first could choose a new one.
pub fn staff_pin_file(database: &Path) -> PathBuf {
    database.with_file_name(STAFF_PIN_FILE)
}

/// Reads a PIN hash file; `None` when it is missing, unreadable or not an Argon2id PHC string.
pub(crate) fn read_pin_file(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let phc = text.trim().to_string();
            let valid = phc.starts_with("$argon2id$") && PasswordHash::new(&phc).is_ok();
            if !valid {
                tracing::warn!(file = %path.display(), "the staff PIN file does not hold a PIN hash; it is ignored");
            }
            valid.then_some(phc)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            tracing::warn!(%error, file = %path.display(), "the staff PIN file cannot be read");
            None
        }
    }
}

/// Writes `phc` to `path` atomically (a reader sees the old file or the new one), readable by the
/// kiosk's user only (0600).
pub(super) fn write_pin_file(path: &Path, phc: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    std::io::Write::write_all(temp.as_file_mut(), format!("{phc}\n").as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
