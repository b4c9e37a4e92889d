//! `clinic-kiosk update`: checks the update source once (`--once`) or every
//! `update_interval_minutes`, through the same loop the kiosk's background updater runs.

use std::sync::Mutex;

use kiosk_core::store::AuditSource;
use kiosk_core::update::{check_once, keep_checking, UpdateOptions, UpdateReport};

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, source: Option<String>, once: bool, max_download_mib: u64) -> Result<(), Failure> {
    let settings = &context.settings;
    let Some(source) = source.or_else(|| settings.update_source.clone()) else {
        return Err(Failure::usage(
            "no update source: set update_source in the settings file, or pass --source",
        ));
    };
    let library = context.library()?;
    let store = Mutex::new(context.open_store()?);
    let options = UpdateOptions {
        max_bytes: max_download_mib.saturating_mul(1024 * 1024),
        source: AuditSource::Cli,
        // A one-off check by IT tries everything again; the periodic loop skips refused zips.
        retry_refused: once,
    };
    if !once {
        keep_checking(
            &library,
            &store,
            &source,
            options,
            settings.update_interval(),
            |result| match result {
                Ok(report) => print_report(report),
                Err(error) => warn_line!("error: {error}"),
            },
        );
    }
    let report = check_once(&library, &store, &source, options)?;
    print_report(&report);
    if report.ok() {
        Ok(())
    } else if report.failures.is_empty() {
        Err(Failure::refused(report.warnings.join("; ")))
    } else {
        Err(Failure::refused(format!(
            "{} bundle(s) could not be updated; the kiosk keeps its current content",
            report.failures.len()
        )))
    }
}

fn print_report(report: &UpdateReport) {
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
}
