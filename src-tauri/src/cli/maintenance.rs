//! IT's commands for a running kiosk's content: `bundle rollback`, `update`, `audit` and `usage`.

use std::path::Path;
use std::sync::Mutex;

use kiosk_core::library::Library;
use kiosk_core::settings::Settings;
use kiosk_core::store::AuditSource;
use kiosk_core::update::{check_once, UpdateOptions};

use super::Failure;
use crate::content;

pub(super) fn rollback(data_dir: &Path, settings: &Settings, id: &str) -> Result<(), Failure> {
    let library = Library::new(data_dir, &settings.trusted_keys)?;
    let mut store = content::open_store(data_dir, settings)?;
    let imported = library.rollback(&mut store, id, AuditSource::Cli)?;
    say!(
        "rolled back {} from version {} to version {}: {} questions",
        imported.outcome.id,
        imported
            .outcome
            .previous_version
            .map(|v| v.to_string())
            .unwrap_or_else(|| "?".into()),
        imported.outcome.version,
        imported.outcome.questions
    );
    Ok(())
}

pub(super) fn update(
    data_dir: &Path,
    settings: &Settings,
    source: Option<String>,
    once: bool,
    max_download_mib: u64,
) -> Result<(), Failure> {
    let Some(source) = source.or_else(|| settings.update_source.clone()) else {
        return Err(Failure {
            code: 2,
            message: "no update source: set update_source in the settings file, or pass --source".into(),
        });
    };
    let library = Library::new(data_dir, &settings.trusted_keys)?;
    let store = Mutex::new(content::open_store(data_dir, settings)?);
    let options = UpdateOptions {
        max_bytes: max_download_mib.saturating_mul(1024 * 1024),
        source: AuditSource::Cli,
        // A one-off check by IT tries everything again; the periodic loop skips refused zips.
        retry_refused: once,
    };
    loop {
        let result = check_once(&library, &store, &source, options);
        let report = match result {
            Ok(report) => report,
            Err(error) if once => return Err(error.into()),
            Err(error) => {
                warn_line!("error: {error}");
                std::thread::sleep(std::time::Duration::from_secs(
                    u64::from(settings.update_interval_minutes()) * 60,
                ));
                continue;
            }
        };
        for outcome in &report.imported {
            say!(
                "imported {} version {}: {} questions",
                outcome.id,
                outcome.version,
                outcome.questions
            );
        }
        for id in &report.current {
            say!("{id} is up to date");
        }
        for failure in &report.failures {
            warn_line!("error: {failure}");
        }
        if once {
            return if report.ok() {
                Ok(())
            } else {
                Err(Failure {
                    code: 1,
                    message: format!(
                        "{} bundle(s) could not be updated; the kiosk keeps its current content",
                        report.failures.len()
                    ),
                })
            };
        }
        std::thread::sleep(std::time::Duration::from_secs(
            u64::from(settings.update_interval_minutes()) * 60,
        ));
    }
}

pub(super) fn audit(data_dir: &Path, settings: &Settings, json: bool, limit: u32) -> Result<(), Failure> {
    let store = content::open_store(data_dir, settings)?;
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

pub(super) fn usage(data_dir: &Path, settings: &Settings, csv: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir, settings)?;
    let usage = store.usage()?;
    if csv {
        say!("{}", usage.to_csv().trim_end());
    } else {
        say!("{}", serde_json::to_string_pretty(&usage).unwrap_or_default());
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
