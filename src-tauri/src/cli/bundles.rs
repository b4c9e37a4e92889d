//! `clinic-kiosk bundle validate` and `bundle import`: check a bundle, or install it through the
//! shared import pipeline (signature, validation, one transaction, kept copy, audit).

use kiosk_core::bundle::{validate, BundleFiles, Limits};
use kiosk_core::library::Library;
use kiosk_core::settings::Settings;
use kiosk_core::store::{AuditAction, AuditSource, ImportOptions};
use kiosk_core::Error;

use super::Failure;
use crate::content;

pub(super) fn validate_bundle(path: &std::path::Path, json: bool) -> Result<(), Failure> {
    let validation = match BundleFiles::read_path(path, Limits::default()) {
        Ok(files) => validate(&files),
        Err(Error::InvalidBundle(problems)) => {
            if json {
                let out = serde_json::json!({ "valid": false, "bundle": null, "errors": problems, "warnings": [], "readability": [] });
                say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for problem in &problems {
                    say!("{problem}");
                }
            }
            return Err(Failure {
                code: 1,
                message: format!("{} is not a valid bundle", path.display()),
            });
        }
        Err(error) => return Err(error.into()),
    };
    let report = &validation.report;
    if json {
        let out = serde_json::json!({
            "valid": report.errors.is_empty(),
            "bundle": validation.bundle().map(|b| serde_json::json!({
                "id": b.manifest().id,
                "version": b.manifest().version,
                "language": b.manifest().language,
                "questions": b.questions().len(),
            })),
            "errors": report.errors,
            "warnings": report.warnings,
            "readability": report.readability,
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for problem in &report.errors {
            say!("{problem}");
        }
        for warning in &report.warnings {
            warn_line!("warning: {warning}");
        }
    }
    match validation.bundle() {
        Some(bundle) => {
            if !json {
                say!(
                    "valid: {} version {} ({}), {} questions, {} warning(s)",
                    bundle.manifest().id,
                    bundle.manifest().version,
                    bundle.manifest().language,
                    bundle.questions().len(),
                    report.warnings.len()
                );
            }
            Ok(())
        }
        None => Err(Failure {
            code: 1,
            message: format!("{} is not a valid bundle", path.display()),
        }),
    }
}

pub(super) fn import_bundle(
    data_dir: &std::path::Path,
    settings: &Settings,
    path: &std::path::Path,
    allow_downgrade: bool,
) -> Result<(), Failure> {
    let library = Library::new(data_dir, &settings.trusted_keys)?;
    let mut store = content::open_store(data_dir, settings)?;
    let imported = library.import_path(
        &mut store,
        path,
        AuditSource::Cli,
        AuditAction::Import,
        ImportOptions { allow_downgrade },
    )?;
    const SHOWN_WARNINGS: usize = 20;
    let warnings = &imported.warnings;
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        warn_line!("warning: {warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        warn_line!(
            "warning: … and {} more; `clinic-kiosk bundle validate {}` lists them all",
            warnings.len() - SHOWN_WARNINGS,
            path.display()
        );
    }
    let outcome = imported.outcome;
    let previous = outcome
        .previous_version
        .map(|v| format!(" (replacing version {v})"))
        .unwrap_or_default();
    let signed = match &imported.signature {
        kiosk_core::trust::SignatureStatus::Verified(signer) => format!(", signed by key {}", signer.key_id),
        _ => String::new(),
    };
    say!(
        "imported {} version {}{previous}: {} questions{signed}",
        outcome.id,
        outcome.version,
        outcome.questions
    );
    Ok(())
}
