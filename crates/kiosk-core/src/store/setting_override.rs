//! Staff overrides of the settings file (see [`crate::staff_settings`]): read them, and apply a
//! checked set of changes together with its audit line in one transaction.

use rusqlite::{params, TransactionBehavior};

use super::audit::insert_audit;
use super::{AuditAction, AuditEntry, AuditSource, Store};
use crate::staff_settings::{SettingKey, SettingsChanges, StaffSettings};
use crate::Result;

/// Where staff settings changes come from, as the audit log names it.
const STAFF_SCREEN: &str = "staff screen";

impl Store {
    /// The staff overrides; a key not overridden is `None`.
    pub fn setting_overrides(&self) -> Result<StaffSettings> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM setting_override")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut overrides = StaffSettings::default();
        for row in rows {
            let (key, value) = row?;
            if let Some(key) = SettingKey::parse(&key) {
                overrides.set_stored(key, &value);
            }
        }
        Ok(overrides)
    }

    /// Sets or clears each override in `changes`, with one audit line, in one transaction; returns
    /// the overrides now in force. Nothing is written when `changes` is empty.
    pub fn save_setting_overrides(&mut self, changes: &SettingsChanges, source: AuditSource) -> Result<StaffSettings> {
        if changes.is_empty() {
            return self.setting_overrides();
        }
        let now = super::now_rfc3339();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (key, value) in changes.iter() {
            match value {
                Some(value) => tx.execute(
                    "INSERT INTO setting_override (key, value, changed_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at",
                    params![key.as_str(), value, now],
                )?,
                None => tx.execute("DELETE FROM setting_override WHERE key = ?1", [key.as_str()])?,
            };
        }
        let mut entry = AuditEntry::new(source, AuditAction::Settings, "", STAFF_SCREEN);
        entry.detail = changes.describe();
        insert_audit(&tx, &entry)?;
        tx.commit()?;
        self.setting_overrides()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn changes(value: serde_json::Value) -> SettingsChanges {
        SettingsChanges::parse(value.as_object().expect("object")).expect("valid changes")
    }

    #[test]
    fn overrides_are_set_and_cleared_with_an_audit_line() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        assert_eq!(
            store.setting_overrides()?,
            StaffSettings::default(),
            "a new kiosk has no overrides, so the file applies"
        );
        let saved = store.save_setting_overrides(
            &changes(
                json!({ "clinic_name": "Riverside", "idle_seconds": 120, "default_language": "es", "printer": "" }),
            ),
            AuditSource::Staff,
        )?;
        assert_eq!(
            saved,
            StaffSettings {
                clinic_name: Some("Riverside".into()),
                idle_seconds: Some(120),
                default_language: Some("es".into()),
                printer: Some(String::new()),
            },
            "every saved key reads back typed"
        );
        let after = store.save_setting_overrides(&changes(json!({ "idle_seconds": null })), AuditSource::Staff)?;
        assert_eq!(after.idle_seconds, None, "null clears the override");
        assert_eq!(after.clinic_name.as_deref(), Some("Riverside"), "other keys stay");
        let log = store.audit_log(10)?;
        assert_eq!(log.len(), 2, "one audit line per save: {log:?}");
        assert_eq!(log[0].action, AuditAction::Settings);
        assert_eq!(log[0].source, AuditSource::Staff);
        assert_eq!(
            log[0].detail,
            "settings changed by staff: back to the settings file: idle_seconds"
        );
        Ok(())
    }

    #[test]
    fn the_table_refuses_keys_staff_may_not_change() -> Result<()> {
        let store = Store::open_in_memory()?;
        let refused = store.conn.execute(
            "INSERT INTO setting_override (key, value, changed_at) VALUES ('trusted_keys', 'x', 'now')",
            [],
        );
        assert!(refused.is_err(), "only the four staff settings can be overridden");
        Ok(())
    }

    #[test]
    fn the_upgrade_keeps_the_audit_log() -> Result<()> {
        let mut conn = rusqlite::Connection::open_in_memory()?;
        super::super::MIGRATIONS.to_version(&mut conn, 5)?;
        let store = Store::from_connection(conn);
        store.record_audit(&AuditEntry::new(AuditSource::Cli, AuditAction::Import, "a", "/x/a.zip"))?;
        let Store { mut conn, .. } = store;
        super::super::MIGRATIONS.to_latest(&mut conn)?;
        let store = Store::from_connection(conn);
        let log = store.audit_log(10)?;
        assert_eq!(
            log.len(),
            1,
            "rebuilding the audit table for settings keeps its rows: {log:?}"
        );
        assert_eq!(log[0].bundle, "a");
        Ok(())
    }

    #[test]
    fn an_invalid_stored_value_is_skipped() -> Result<()> {
        let store = Store::open_in_memory()?;
        store.conn.execute(
            "INSERT INTO setting_override (key, value, changed_at) VALUES ('idle_seconds', '3', 'now')",
            [],
        )?;
        assert_eq!(
            store.setting_overrides()?.idle_seconds,
            None,
            "a value that does not pass the checks never reaches the kiosk"
        );
        Ok(())
    }
}
