//! `clinic-kiosk audit`: imports, rollbacks, updates and recoveries, newest first.

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, json: bool, limit: u32) -> Result<(), Failure> {
    let store = context.open_store()?;
    let log = store.audit_log(limit)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&log).unwrap_or_default());
        return Ok(());
    }
    for e in log {
        let versions = match (e.from_version, e.to_version) {
            (Some(from), Some(to)) => format!("{from} -> {to}"),
            (None, Some(to)) => format!("new -> {to}"),
            (Some(from), None) => format!("{from}"),
            (None, None) => "-".into(),
        };
        say!(
            "{} {:<9} {:<8} {:<24} {:<12} {:<7} {} {}",
            e.at,
            name(&e.source),
            name(&e.action),
            e.bundle,
            versions,
            name(&e.result),
            e.origin,
            e.detail
        );
    }
    Ok(())
}

/// The snake_case name an enum serialises to, for plain-text listings.
fn name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
