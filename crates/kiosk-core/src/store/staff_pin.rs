//! The staff PIN: the only way out of kiosk mode and into the staff screen.
//!
//! The PIN itself is never stored, only its Argon2id hash as a PHC string. Guessing is slowed
//! down: after [`FREE_ATTEMPTS`] wrong PINs each further one doubles the wait, up to
//! [`MAX_WAIT_SECONDS`]. The count and the seconds still to wait are kept in the database, so
//! turning the kiosk off and on again does not reset them, and the wait is counted down on the
//! monotonic clock, so changing the date does not shorten it either.
//!
//! A copy of the hash lives in its own file beside the database ([`STAFF_PIN_FILE`], mode 0600,
//! replaced atomically), so a database rebuilt after damage keeps the PIN.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, OptionalExtension};
use std::time::{Duration, Instant};

use super::staff_pin_file::{read_pin_file, write_pin_file};
use super::Store;
use crate::Result;

/// Wrong PINs allowed before waits start.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between attempts, however many have failed.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;
/// The fewest digits a PIN may have.
pub const MIN_PIN_DIGITS: usize = 6;
/// The most digits a PIN may have.
pub const MAX_PIN_DIGITS: usize = 12;

/// A PIN that has the right shape: 6 to 12 digits. Only [`StaffPin::parse`] makes one.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffPin(String);

impl std::fmt::Debug for StaffPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffPin(******)")
    }
}

/// Why a PIN was not accepted as a new PIN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffPinError {
    /// Not 6 to 12 digits.
    #[error("a staff PIN must be {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits (0-9), nothing else")]
    BadShape,
    /// Every digit the same, or a plain run such as 123456.
    #[error("this PIN is too easy to guess (all one digit, or counting up or down); choose another")]
    TooSimple,
}

impl StaffPin {
    /// Checks the shape of `text` (surrounding white space is ignored).
    pub fn parse(text: &str) -> std::result::Result<StaffPin, StaffPinError> {
        let digits = text.trim();
        if !(MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StaffPinError::BadShape);
        }
        Ok(StaffPin(digits.to_string()))
    }

    /// Like [`StaffPin::parse`], and also refuses PINs anyone would try first. For new PINs only:
    /// an existing PIN is checked as it was set.
    pub fn parse_new(text: &str) -> std::result::Result<StaffPin, StaffPinError> {
        let pin = StaffPin::parse(text)?;
        let bytes = pin.0.as_bytes();
        let steps: Vec<i16> = bytes.windows(2).map(|w| i16::from(w[1]) - i16::from(w[0])).collect();
        let run = |step: i16| steps.iter().all(|s| *s == step);
        if run(0) || run(1) || run(-1) {
            return Err(StaffPinError::TooSimple);
        }
        Ok(pin)
    }
}

/// The answer to a PIN attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum PinCheck {
    /// The PIN is right; the failure count is cleared.
    Accepted,
    /// The PIN is wrong. The next attempt is possible after `wait_seconds`.
    Wrong {
        /// Seconds until the next attempt is accepted (0 = at once).
        wait_seconds: i64,
    },
    /// Too soon after wrong PINs; this attempt was not checked at all.
    TooSoon {
        /// Seconds left to wait.
        wait_seconds: i64,
    },
    /// No PIN has been set yet.
    NotSet,
}

impl Store {
    /// Whether a staff PIN has been set.
    pub fn staff_pin_is_set(&self) -> Result<bool> {
        Ok(self.stored_phc()?.is_some())
    }

    fn stored_phc(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT phc FROM staff_pin WHERE id = 1", [], |r| r.get::<_, String>(0))
            .optional()?)
    }

    /// Brings the database and the PIN file beside it into agreement when the store opens: a
    /// database without a PIN (a new or rebuilt one) takes the file's; a PIN set before the file
    /// existed is copied into it. When both hold one, the database's wins (it is written last).
    pub(super) fn sync_staff_pin_file(&mut self) -> Result<()> {
        let Some(file) = self.pin_file.clone() else {
            return Ok(());
        };
        let in_file = read_pin_file(&file);
        match (self.stored_phc()?, in_file) {
            (None, Some(phc)) => {
                self.conn.execute(
                    "INSERT INTO staff_pin (id, phc, set_at) VALUES (1, ?1, ?2)",
                    params![phc, super::now_rfc3339()],
                )?;
                tracing::info!(file = %file.display(), "the staff PIN was taken over from its file");
            }
            (Some(phc), in_file) if in_file.as_deref() != Some(phc.as_str()) => {
                if let Err(error) = write_pin_file(&file, &phc) {
                    tracing::warn!(%error, file = %file.display(), "the staff PIN file could not be written; a rebuilt database would lose the PIN");
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Sets (or replaces) the staff PIN and clears the failure count. The hash is written to the
    /// PIN file first; if that fails, nothing changes.
    pub fn set_staff_pin(&mut self, pin: &StaffPin) -> Result<()> {
        let salt = SaltString::generate(&mut OsRng);
        let phc = Argon2::default()
            .hash_password(pin.0.as_bytes(), &salt)
            .map_err(|e| crate::Error::Io(std::io::Error::other(format!("the PIN could not be hashed: {e}"))))?
            .to_string();
        if let Some(file) = &self.pin_file {
            write_pin_file(file, &phc)?;
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO staff_pin (id, phc, set_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET phc = excluded.phc, set_at = excluded.set_at",
            params![phc, super::now_rfc3339()],
        )?;
        tx.execute("DELETE FROM staff_pin_attempts", [])?;
        tx.commit()?;
        self.pin_wait_mark = None;
        Ok(())
    }

    /// Sets the first staff PIN; refuses (returns `false`) when one is already set, so the
    /// "set a PIN on first use" screen cannot replace an existing PIN.
    pub fn set_first_staff_pin(&mut self, pin: &StaffPin) -> Result<bool> {
        if self.staff_pin_is_set()? {
            return Ok(false);
        }
        self.set_staff_pin(pin)?;
        Ok(true)
    }

    /// Checks `pin`, counting a failure and its wait in the database.
    ///
    /// `now` is a monotonic reading (`Instant::now()` in the kiosk). The wait is stored as the
    /// seconds still to wait and counted down only by monotonic time this process has seen, so
    /// setting the clock forward does not shorten it, and after a restart the stored remainder is
    /// waited again in full.
    pub fn check_staff_pin(&mut self, pin: &str, now: Instant) -> Result<PinCheck> {
        let Some(phc) = self.stored_phc()? else {
            return Ok(PinCheck::NotSet);
        };
        let (failures, stored_left) = self
            .conn
            .query_row(
                "SELECT failures, wait_left FROM staff_pin_attempts WHERE id = 1",
                [],
                |r| Ok((r.get::<_, u32>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()?
            .unwrap_or((0, 0));
        if stored_left > 0 {
            let mark = *self.pin_wait_mark.get_or_insert(now);
            let passed = now.saturating_duration_since(mark).as_secs();
            let left = stored_left - i64::try_from(passed).unwrap_or(i64::MAX).min(stored_left);
            // Only whole seconds are used up, so frequent taps cannot round the wait away.
            self.pin_wait_mark = Some(mark + Duration::from_secs(passed));
            self.conn.execute(
                "UPDATE staff_pin_attempts SET wait_left = ?1 WHERE id = 1",
                params![left],
            )?;
            if left > 0 {
                return Ok(PinCheck::TooSoon { wait_seconds: left });
            }
        }
        let right = PasswordHash::new(&phc)
            .map(|hash| Argon2::default().verify_password(pin.trim().as_bytes(), &hash).is_ok())
            .unwrap_or(false);
        if right {
            self.conn.execute("DELETE FROM staff_pin_attempts", [])?;
            self.pin_wait_mark = None;
            return Ok(PinCheck::Accepted);
        }
        let failures = failures.saturating_add(1);
        let wait_seconds = wait_after(failures);
        self.conn.execute(
            "INSERT INTO staff_pin_attempts (id, failures, next_try_after, wait_left) VALUES (1, ?1, 0, ?2)
             ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, wait_left = excluded.wait_left",
            params![failures, wait_seconds],
        )?;
        self.pin_wait_mark = Some(now);
        Ok(PinCheck::Wrong { wait_seconds })
    }
}

/// The wait after `failures` wrong PINs in a row: none for the first few, then 2, 4, 8 ... seconds.
fn wait_after(failures: u32) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(20);
    (1i64 << (doublings + 1)).min(MAX_WAIT_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::staff_pin_file;

    fn pin(text: &str) -> StaffPin {
        StaffPin::parse_new(text).expect("a good PIN")
    }

    #[test]
    fn pins_must_be_six_to_twelve_digits_and_not_obvious() {
        assert_eq!(StaffPin::parse("12345"), Err(StaffPinError::BadShape), "too short");
        assert_eq!(StaffPin::parse("12345a"), Err(StaffPinError::BadShape), "digits only");
        assert_eq!(
            StaffPin::parse("1234567890123"),
            Err(StaffPinError::BadShape),
            "too long"
        );
        assert_eq!(StaffPin::parse_new("111111"), Err(StaffPinError::TooSimple));
        assert_eq!(StaffPin::parse_new("123456"), Err(StaffPinError::TooSimple));
        assert_eq!(StaffPin::parse_new("987654"), Err(StaffPinError::TooSimple));
        assert!(StaffPin::parse_new(" 402917 ").is_ok(), "white space around is ignored");
        assert!(
            !format!("{:?}", pin("402917")).contains("402917"),
            "debug output hides the PIN"
        );
    }

    #[test]
    fn the_pin_is_stored_as_an_argon2id_hash_only() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let now = Instant::now();
        assert_eq!(store.check_staff_pin("402917", now)?, PinCheck::NotSet);
        assert!(store.set_first_staff_pin(&pin("402917"))?);
        assert!(
            !store.set_first_staff_pin(&pin("555123"))?,
            "first use cannot replace a PIN"
        );
        let phc: String = store.conn.query_row("SELECT phc FROM staff_pin", [], |r| r.get(0))?;
        assert!(phc.starts_with("$argon2id$"), "a PHC string of Argon2id: {phc}");
        assert!(!phc.contains("402917"), "never the PIN itself");
        assert_eq!(store.check_staff_pin("402917", now)?, PinCheck::Accepted);
        assert_eq!(
            store.check_staff_pin("555123", now)?,
            PinCheck::Wrong { wait_seconds: 0 },
            "the replaced-by-first-use PIN was refused"
        );
        Ok(())
    }

    #[test]
    fn wrong_pins_slow_down_exponentially_and_the_count_survives_a_restart() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        {
            let mut store = Store::open(&path)?;
            store.set_staff_pin(&pin("402917"))?;
            for _ in 0..FREE_ATTEMPTS - 1 {
                assert_eq!(
                    store.check_staff_pin("000001", at(0))?,
                    PinCheck::Wrong { wait_seconds: 0 }
                );
            }
            assert_eq!(
                store.check_staff_pin("000001", at(0))?,
                PinCheck::Wrong { wait_seconds: 2 }
            );
        }
        let mut store = Store::open(&path)?;
        assert_eq!(
            store.check_staff_pin("402917", at(1))?,
            PinCheck::TooSoon { wait_seconds: 2 },
            "a restart does not shorten the wait, and even the right PIN waits"
        );
        assert_eq!(
            store.check_staff_pin("402917", at(2))?,
            PinCheck::TooSoon { wait_seconds: 1 },
            "the wait counts down while the kiosk runs"
        );
        assert_eq!(
            store.check_staff_pin("000001", at(3))?,
            PinCheck::Wrong { wait_seconds: 4 }
        );
        assert_eq!(
            store.check_staff_pin("000001", at(7))?,
            PinCheck::Wrong { wait_seconds: 8 }
        );
        assert_eq!(store.check_staff_pin("402917", at(15))?, PinCheck::Accepted);
        assert_eq!(
            store.check_staff_pin("000001", at(15))?,
            PinCheck::Wrong { wait_seconds: 0 },
            "the right PIN clears the count"
        );
        assert_eq!(wait_after(100), MAX_WAIT_SECONDS, "the wait has a ceiling");
        Ok(())
    }

    #[test]
    fn neither_a_date_change_nor_a_reboot_shortens_the_wait() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        let mut store = Store::open(&path)?;
        store.set_staff_pin(&pin("402917"))?;
        let mut now = Instant::now();
        for _ in 0..FREE_ATTEMPTS + 5 {
            let PinCheck::Wrong { wait_seconds } = store.check_staff_pin("000001", now)? else {
                panic!("each attempt comes after the wait, so each is checked");
            };
            now += Duration::from_secs(wait_seconds.unsigned_abs());
        }
        let wait = wait_after(FREE_ATTEMPTS + 5);
        let stored: i64 = store
            .conn
            .query_row("SELECT wait_left FROM staff_pin_attempts", [], |r| r.get(0))?;
        assert_eq!(stored, wait, "the database keeps the seconds still to wait, not a date");
        drop(store);
        // A reboot restarts the monotonic clock, and the wall clock may say anything: only the
        // stored remainder counts.
        let mut store = Store::open(&path)?;
        let after_reboot = Instant::now();
        assert_eq!(
            store.check_staff_pin("402917", after_reboot)?,
            PinCheck::TooSoon { wait_seconds: wait },
            "after a reboot the whole remaining wait is still ahead"
        );
        for tap in 0..5u64 {
            let check = store.check_staff_pin("402917", after_reboot + Duration::from_millis(900 * tap))?;
            assert!(
                matches!(check, PinCheck::TooSoon { wait_seconds } if wait_seconds > wait - 5),
                "taps in quick succession neither shorten nor freeze the wait: {check:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn the_pin_survives_losing_the_database() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        Store::open(&path)?.set_staff_pin(&pin("402917"))?;
        let file = staff_pin_file(&path);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file)?.permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only the kiosk's user may read the PIN hash");
        }
        for name in ["kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm"] {
            let _ = std::fs::remove_file(dir.path().join(name));
        }
        let mut store = Store::open(&path)?;
        assert!(store.staff_pin_is_set()?, "a new database takes the PIN from its file");
        assert_eq!(store.check_staff_pin("402917", Instant::now())?, PinCheck::Accepted);
        assert!(
            !store.set_first_staff_pin(&pin("555123"))?,
            "nobody can choose a new PIN after a rebuild"
        );

        // A PIN set before the file existed (an upgraded kiosk) is copied into it on open.
        std::fs::remove_file(&file)?;
        drop(Store::open(&path)?);
        assert!(read_pin_file(&file).is_some(), "the file is written from the database");
        Ok(())
    }
}
