//! Bundles the shared update source offered and this kiosk refused, remembered by the SHA-256 of
//! the zip, so a hostile or broken bundle costs one download and one audit row, not one per check.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::Result;

/// A refused update: which zip (by hash), when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateFailure {
    /// The bundle id the index named.
    pub bundle: String,
    /// The SHA-256 of the refused zip, as the index listed it (lowercase).
    pub sha256: String,
    /// When it was refused (RFC 3339, UTC).
    pub at: String,
    /// Why, cut to the audit detail's size.
    pub reason: String,
}

impl Store {
    /// Remembers that the zip `sha256` of `bundle` was refused, replacing an earlier failure.
    pub fn record_update_failure(&self, failure: &UpdateFailure) -> Result<()> {
        self.conn.execute(
            "INSERT INTO update_failure (bundle, sha256, at, reason) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (bundle) DO UPDATE SET sha256 = excluded.sha256, at = excluded.at,
                                                reason = excluded.reason",
            params![
                failure.bundle,
                failure.sha256.to_ascii_lowercase(),
                failure.at,
                super::audit::capped(&failure.reason)
            ],
        )?;
        Ok(())
    }

    /// The remembered failure of `bundle`, if any.
    pub fn update_failure(&self, bundle: &str) -> Result<Option<UpdateFailure>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bundle, sha256, at, reason FROM update_failure WHERE bundle = ?1",
                [bundle],
                |r| {
                    Ok(UpdateFailure {
                        bundle: r.get(0)?,
                        sha256: r.get(1)?,
                        at: r.get(2)?,
                        reason: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Forgets the failure of `bundle` (after it imported, or when staff ask to try again).
    pub fn clear_update_failure(&self, bundle: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM update_failure WHERE bundle = ?1", [bundle])?;
        Ok(())
    }
}
