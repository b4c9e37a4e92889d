//! The publisher's authoring commands: `bundle new` (a starter bundle), `bundle pack` (file
//! list, version, check, signature and zip in one step), and the spreadsheet path
//! (`bundle from-sheet`, `bundle to-sheet`). The work is the `authoring` crate's; this file only
//! turns arguments into its calls and its reports into lines.

use std::path::{Path, PathBuf};

use authoring::{NewBundle, PackOptions, SigningKey};

use super::bundle::PASSWORD_ENV;
use super::failure::Failure;

impl From<authoring::Error> for Failure {
    fn from(error: authoring::Error) -> Self {
        match error {
            authoring::Error::Core(error) => error.into(),
            authoring::Error::Io(_) | authoring::Error::Sheet(_) | authoring::Error::CannotHold(_) => {
                Failure::refused(error.to_string())
            }
            other => Failure::usage(other.to_string()),
        }
    }
}

pub(super) fn new(dir: &Path, choices: NewBundle) -> Result<(), Failure> {
    let id = choices.id.clone();
    authoring::new_bundle(dir, choices)?;
    say!(
        "wrote the starter bundle {id} in {dir}: edit its files (docs/authoring.md), check them with `clinic-kiosk bundle validate {dir}`, then `clinic-kiosk bundle pack {dir}`",
        dir = dir.display()
    );
    Ok(())
}

pub(super) fn pack(dir: &Path, out: Option<PathBuf>, key: Option<&Path>, bump: bool) -> Result<(), Failure> {
    let key = key
        .map(|path| SigningKey::read(path, std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty())))
        .transpose()?;
    let signing = key.is_some();
    let report = authoring::pack(dir, PackOptions { out, key, bump })?;
    for problem in &report.validation.errors {
        say!("{problem}");
    }
    for warning in &report.validation.warnings {
        warn_line!("warning: {warning}");
    }
    let Some(packed) = report.packed else {
        return Err(Failure::refused(format!(
            "{} was not packed; nothing was written ({} problem(s)). Fix them and pack again",
            dir.display(),
            report.validation.errors.len()
        )));
    };
    if packed.removed_stale_signature {
        warn_line!(
            "warning: the folder's signature no longer matched its changed manifest and was removed; pack with --key to sign it again"
        );
    } else if !signing && packed.signed_by.is_none() {
        warn_line!(
            "warning: the zip is not signed; kiosks that trust publisher keys refuse it. Pack with --key to sign it"
        );
    }
    let raised = packed
        .bumped_from
        .map(|v| format!(" (raised from {v})"))
        .unwrap_or_default();
    let signed = packed
        .signed_by
        .map(|k| format!(", signed by key {k}"))
        .unwrap_or_default();
    say!(
        "packed {} version {}{raised}: {} questions{signed}, {} warning(s) -> {}",
        packed.id,
        packed.version,
        packed.questions,
        report.validation.warnings.len(),
        packed.zip.display()
    );
    Ok(())
}

pub(super) fn from_sheet(file: &Path, out: &Path, options: &authoring::sheet::SheetOptions) -> Result<(), Failure> {
    let made = match authoring::sheet::from_sheet(file, out, options) {
        Ok(made) => made,
        Err(authoring::Error::Sheet(problems)) => {
            for problem in &problems {
                say!("{problem}");
            }
            return Err(Failure::refused(format!(
                "{} was not turned into a bundle; nothing was written ({} problem(s)). Fix them in the spreadsheet and try again",
                file.display(),
                problems.len()
            )));
        }
        Err(error) => return Err(error.into()),
    };
    for warning in &made.warnings {
        warn_line!("warning: {warning}");
    }
    say!(
        "wrote bundle {} version {} ({} questions, {} warning(s)) in {}; next: clinic-kiosk bundle pack {} --key YOUR.key",
        made.id,
        made.version,
        made.questions,
        made.warnings.len(),
        made.out.display(),
        made.out.display()
    );
    Ok(())
}

pub(super) fn to_sheet(path: &Path, out: &Path) -> Result<(), Failure> {
    let written = match authoring::sheet::to_sheet(path, out) {
        Ok(written) => written,
        Err(authoring::Error::CannotHold(reasons)) => {
            for reason in &reasons {
                say!("{reason}");
            }
            return Err(Failure::refused(format!(
                "{} cannot be written as a spreadsheet without changing it; nothing was written ({} problem(s))",
                path.display(),
                reasons.len()
            )));
        }
        Err(error) => return Err(error.into()),
    };
    say!(
        "wrote {} ({} questions, one a row) to {}",
        written.id,
        written.questions,
        written.out.display()
    );
    Ok(())
}
