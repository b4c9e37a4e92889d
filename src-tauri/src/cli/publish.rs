//! `clinic-kiosk publish`: the zips and `index.json` of a folder of bundles, for a web server or a
//! share that kiosks update from; with `--key`, also `index.json.minisig`, the index's signature
//! with its expiry.

use std::path::Path;

use kiosk_core::update::IndexSigning;

use super::bundle::PASSWORD_ENV;
use super::failure::Failure;

pub(super) fn run(dir: &Path, out: &Path, key: Option<&Path>, valid_days: u32) -> Result<(), Failure> {
    if valid_days == 0 {
        return Err(Failure::usage("--valid-days must be at least 1"));
    }
    let signing = match key {
        Some(key) => Some(IndexSigning {
            secret_file: std::fs::read_to_string(key)
                .map_err(|e| Failure::usage(format!("cannot read the secret key {}: {e}", key.display())))?,
            password: std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()),
            valid_days,
        }),
        None => None,
    };
    let published = kiosk_core::update::publish(dir, out, signing.as_ref())?;
    for entry in &published.index.bundles {
        let format = published.formats.get(&entry.id).copied().unwrap_or(1);
        let readers = if format <= 1 {
            "every kiosk can read it".to_string()
        } else {
            format!("only kiosks that read format {format} can read it; kiosks that read only an older format refuse it and keep their content until they are updated")
        };
        say!(
            "{} version {} (bundle format {format}: {readers}) -> {}",
            entry.id,
            entry.version,
            out.join(&entry.url).display()
        );
    }
    for id in &published.unsigned {
        warn_line!(
            "warning: {id} is not signed; kiosks that trust a publisher key will refuse it (clinic-kiosk bundle sign)"
        );
    }
    say!("wrote {}", published.index_path.display());
    match &published.signature_path {
        Some(path) => say!(
            "wrote {} (valid for {valid_days} days: publish again before then, or kiosks warn that the index expired)",
            path.display()
        ),
        None => {
            warn_line!("warning: index.json is not signed; kiosks with index_key set refuse it (publish --key SECRET)")
        }
    }
    Ok(())
}
