//! `clinic-kiosk trust add|list|remove`: the publisher keys a kiosk trusts, kept in the settings
//! file's `trusted_keys` (the file is edited in place, keeping every other key, and replaced
//! atomically).

use kiosk_core::settings::edit_trusted_keys;
use kiosk_core::trust::TrustedKey;

use super::args::TrustCommand;
use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, command: TrustCommand) -> Result<(), Failure> {
    let (settings_path, settings) = (&context.settings_path, &context.settings);
    match command {
        TrustCommand::Add { keyfile } => {
            let text = std::fs::read_to_string(&keyfile)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", keyfile.display())))?;
            let key = TrustedKey::parse(&text).map_err(|e| {
                Failure::usage(format!(
                    "{} does not hold a minisign public key ({e})",
                    keyfile.display()
                ))
            })?;
            let mut added = false;
            edit_trusted_keys(settings_path, |keys| {
                let known = keys
                    .iter()
                    .any(|k| TrustedKey::parse(k.key()).is_ok_and(|k| k.key_id() == key.key_id()));
                if !known {
                    keys.push(key.base64().into());
                    added = true;
                }
            })?;
            if added {
                say!("trusted key {} (in {})", key.key_id(), settings_path.display());
            } else {
                say!("key {} was already trusted", key.key_id());
            }
            Ok(())
        }
        TrustCommand::List => {
            if settings.trusted_keys.is_empty() {
                say!("no trusted keys: unsigned bundles are imported with an \"unsigned\" warning");
            }
            for entry in &settings.trusted_keys {
                let only = entry
                    .bundles()
                    .map(|b| format!(" (only bundles {})", b.join(", ")))
                    .unwrap_or_default();
                match TrustedKey::parse(entry.key()) {
                    Ok(key) => say!("{} {}{only}", key.key_id(), key.base64()),
                    Err(error) => say!("INVALID {} ({error})", entry.key()),
                }
            }
            Ok(())
        }
        TrustCommand::Remove { key_id } => {
            let wanted = key_id.to_ascii_uppercase();
            let mut removed = false;
            edit_trusted_keys(settings_path, |keys| {
                let before = keys.len();
                keys.retain(|k| !TrustedKey::parse(k.key()).is_ok_and(|k| k.key_id() == wanted) && k.key() != key_id);
                removed = keys.len() != before;
            })?;
            if removed {
                say!("key {wanted} is no longer trusted");
                let signed = signed_by(context, &wanted);
                if !signed.is_empty() {
                    say!(
                        "these installed bundles were signed by it and keep serving until replaced: {}. Import them again signed by a trusted key (or install their publisher's newer version); `clinic-kiosk doctor` lists them until then",
                        signed.join(", ")
                    );
                }
                Ok(())
            } else {
                Err(Failure::refused(format!(
                    "no trusted key has id {wanted}; `clinic-kiosk trust list` shows them"
                )))
            }
        }
    }
}

/// The installed bundles (`id version`) whose signature was verified with key `key_id`, read
/// without writing; none when the database cannot be read.
fn signed_by(context: &Context, key_id: &str) -> Vec<String> {
    let database = context.data_dir.join(kiosk_core::store::DATABASE_FILE);
    kiosk_core::store::health::signed_bundles(&database)
        .into_iter()
        .filter(|b| b.key_id == key_id)
        .map(|b| format!("{} {}", b.bundle_id, b.version))
        .collect()
}
