//! The publisher's commands: `bundle keygen`, `bundle sign` and `publish`.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, MANIFEST, SIGNATURE};
use kiosk_core::trust::{generate_keypair, sign_manifest, KeyProtection};

use super::Failure;

/// The environment variable holding the secret key's password, for signing in automation.
pub(super) const PASSWORD_ENV: &str = "CLINIC_KIOSK_KEY_PASSWORD";

/// Writes `<out>.pub` and `<out>.key` (refusing to overwrite either).
pub(super) fn keygen(out: &Path, unencrypted: bool) -> Result<(), Failure> {
    let public = out.with_extension("pub");
    let secret = out.with_extension("key");
    for path in [&public, &secret] {
        if path.exists() {
            return Err(Failure {
                code: 2,
                message: format!("{} already exists; choose another name or move it away", path.display()),
            });
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
    let fail = |e: std::io::Error| Failure {
        code: 2,
        message: format!("cannot write {}: {e}", path.display()),
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}

/// Signs a valid bundle's manifest: a folder gets `manifest.json.minisig`, a zip is rewritten with it.
pub(super) fn sign(path: &Path, key: &Path) -> Result<(), Failure> {
    let secret = std::fs::read_to_string(key).map_err(|e| Failure {
        code: 2,
        message: format!("cannot read the secret key {}: {e}", key.display()),
    })?;
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

pub(super) fn publish(dir: &Path, out: &Path) -> Result<(), Failure> {
    let published = kiosk_core::update::publish(dir, out)?;
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
    Ok(())
}

/// The default key file name prefix for `bundle keygen`.
pub(super) fn default_key_prefix() -> PathBuf {
    PathBuf::from("clinic-kiosk-publisher")
}
