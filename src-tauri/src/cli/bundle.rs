//! `clinic-kiosk bundle`: check a bundle (`validate`), install it through the shared import
//! pipeline (`import`: signature, validation, one transaction, kept copy, audit), list what is
//! installed, roll back to a kept version, and the publisher's `keygen` and `sign`.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, MANIFEST, SIGNATURE};
use kiosk_core::store::{AuditAction, AuditSource, ImportOptions};
use kiosk_core::trust::{generate_keypair, sign_manifest, KeyProtection};
use kiosk_core::Error;

use super::args::BundleCommand;
use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, command: BundleCommand) -> Result<(), Failure> {
    match command {
        BundleCommand::Validate { path, json } => validate_bundle(&path, json),
        BundleCommand::Import { path, allow_downgrade } => import_bundle(context, &path, allow_downgrade),
        BundleCommand::List { json } => list_bundles(context, json),
        BundleCommand::Rollback { id } => rollback(context, &id),
        BundleCommand::Keygen { out, unencrypted } => keygen(&out.unwrap_or_else(default_key_prefix), unencrypted),
        BundleCommand::Sign { path, key } => sign(&path, &key),
        BundleCommand::New {
            dir,
            id,
            language,
            title,
            publisher,
        } => super::bundle_authoring::new(
            &dir,
            authoring::NewBundle {
                id,
                language,
                title,
                publisher,
            },
        ),
        BundleCommand::Pack { dir, out, key, bump } => super::bundle_authoring::pack(&dir, out, key.as_deref(), bump),
        BundleCommand::FromSheet {
            file,
            out,
            id,
            bundle_version,
            title,
            publisher,
            language,
            published,
            disclaimer,
            reviewed_by,
            topics,
        } => super::bundle_authoring::from_sheet(
            &file,
            &out,
            &authoring::sheet::SheetOptions {
                id,
                version: bundle_version,
                title,
                publisher,
                language,
                published,
                disclaimer,
                reviewed_by,
                topics,
            },
        ),
        BundleCommand::ToSheet { path, out } => super::bundle_authoring::to_sheet(&path, &out),
    }
}

fn validate_bundle(path: &Path, json: bool) -> Result<(), Failure> {
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
            return Err(Failure::refused(format!("{} is not a valid bundle", path.display())));
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
        None => Err(Failure::refused(format!("{} is not a valid bundle", path.display()))),
    }
}

fn import_bundle(context: &Context, path: &Path, allow_downgrade: bool) -> Result<(), Failure> {
    let library = context.library()?;
    let mut store = context.open_store()?;
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

fn list_bundles(context: &Context, json: bool) -> Result<(), Failure> {
    let store = context.open_store()?;
    let bundles = store.bundles()?;
    if json {
        say!("{}", serde_json::to_string_pretty(&bundles).unwrap_or_default());
        return Ok(());
    }
    say!(
        "{:<24} {:>7} {:<8} {:>9} {:<10} {:<20} TITLE / PUBLISHER",
        "ID",
        "VERSION",
        "LANGUAGE",
        "QUESTIONS",
        "PUBLISHED",
        "IMPORTED"
    );
    for b in bundles {
        say!(
            "{:<24} {:>7} {:<8} {:>9} {:<10} {:<20} {} / {}",
            b.id,
            b.version,
            b.language,
            b.questions,
            b.published,
            b.imported_at,
            b.title,
            b.publisher
        );
    }
    Ok(())
}

fn rollback(context: &Context, id: &str) -> Result<(), Failure> {
    let library = context.library()?;
    let mut store = context.open_store()?;
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

/// The environment variable holding the secret key's password, for signing in automation.
pub(super) const PASSWORD_ENV: &str = "CLINIC_KIOSK_KEY_PASSWORD";

/// Writes `<out>.pub` and `<out>.key` (refusing to overwrite either).
fn keygen(out: &Path, unencrypted: bool) -> Result<(), Failure> {
    let public = out.with_extension("pub");
    let secret = out.with_extension("key");
    for path in [&public, &secret] {
        if path.exists() {
            return Err(Failure::usage(format!(
                "{} already exists; choose another name or move it away",
                path.display()
            )));
        }
    }
    let protection = match (unencrypted, std::env::var(PASSWORD_ENV)) {
        (true, _) => KeyProtection::Unencrypted,
        (false, Ok(password)) if !password.is_empty() => KeyProtection::Password(password),
        _ => KeyProtection::Prompt,
    };
    let pair = generate_keypair(protection).map_err(kiosk_core::Error::from)?;
    write_new(&secret, &pair.secret_file, 0o600)?;
    write_new(&public, &pair.public_file, 0o644)?;
    say!(
        "key {}: public key {} (give it to kiosks: clinic-kiosk trust add), secret key {} (keep it safe)",
        pair.key_id,
        public.display(),
        secret.display()
    );
    Ok(())
}

fn write_new(path: &Path, text: &str, mode: u32) -> Result<(), Failure> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let fail = |e: std::io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}

/// Signs a valid bundle's manifest: a folder gets `manifest.json.minisig`, a zip is rewritten with it.
fn sign(path: &Path, key: &Path) -> Result<(), Failure> {
    let secret = std::fs::read_to_string(key)
        .map_err(|e| Failure::usage(format!("cannot read the secret key {}: {e}", key.display())))?;
    let files = BundleFiles::read_path(path, Limits::default())?;
    let bundle = validate(&files).into_bundle()?;
    let manifest = files.get(MANIFEST).unwrap_or_default();
    let password = std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty());
    let signature = sign_manifest(manifest, &secret, password).map_err(kiosk_core::Error::from)?;
    if path.is_dir() {
        std::fs::write(path.join(SIGNATURE), &signature).map_err(kiosk_core::Error::from)?;
    } else {
        kiosk_core::kept::write_zip(&files.with_signature(signature.into_bytes()), path)?;
    }
    say!(
        "signed {} version {} ({})",
        bundle.manifest().id,
        bundle.manifest().version,
        path.display()
    );
    Ok(())
}

/// The default key file name prefix for `bundle keygen`.
fn default_key_prefix() -> PathBuf {
    PathBuf::from("clinic-kiosk-publisher")
}
