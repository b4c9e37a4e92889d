//! The index's seal: `index.json.minisig`, a minisign signature over the raw bytes of `index.json`
//! by the key the settings name as `index_key`, whose trusted comment carries an expiry
//! (`timestamp:… file:index.json expires:…`, Unix seconds).
//!
//! Why: an unsigned index lets whoever controls the server or the network freeze a kiosk on old
//! content while it reports "up to date", or offer another publisher's bundle ids. The expiry
//! sits in the trusted comment, not in `index.json`, so kiosks of earlier versions — whose index
//! parser refuses unknown fields — keep updating from a sealed index. Past the expiry the kiosk
//! still imports what the index lists (the bundles are signed on their own), but warns on the
//! staff screen and in `doctor`, because nobody has re-published the source since.

use time::OffsetDateTime;

use super::INDEX_FILE;
use crate::trust::{self, TrustedKey};
use crate::{Error, Result};

/// The signature file beside `index.json`.
pub const INDEX_SIGNATURE_FILE: &str = "index.json.minisig";
/// How long a published index is valid when the publisher does not say.
pub const DEFAULT_VALID_DAYS: u32 = 30;
/// The largest signature file read.
pub const MAX_SIGNATURE_BYTES: u64 = 4096;

/// What a valid seal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The key that signed the index.
    pub key_id: String,
    /// When the index stops being current (Unix seconds).
    pub expires: i64,
}

impl Seal {
    /// The warning past the expiry at `now` (Unix seconds), for the staff screen and `doctor`.
    pub fn expiry_warning(&self, now: i64) -> Option<String> {
        (now > self.expires).then(|| {
            format!(
                "{INDEX_FILE} expired on {}: the update source has not been published again since, so this kiosk may be held on old content. Ask the publisher to run `clinic-kiosk publish` again",
                rfc3339(self.expires)
            )
        })
    }
}

/// The trusted comment of a new seal: signed now, valid for `valid_days`.
pub fn trusted_comment(now: i64, valid_days: u32) -> String {
    let expires = now.saturating_add(i64::from(valid_days) * 86_400);
    format!("timestamp:{now}\tfile:{INDEX_FILE}\texpires:{expires}")
}

/// Checks `signature` (the text of `index.json.minisig`, if the source has one) over `index`
/// with `key`; refuses a missing, foreign or broken seal, or one without an expiry.
pub fn check(index: &[u8], signature: Option<&[u8]>, key: &TrustedKey, source: &str) -> Result<Seal> {
    let refuse = |reason: String| Error::Update {
        source_name: source.to_string(),
        reason,
        refused: true,
    };
    let Some(signature) = signature else {
        return Err(refuse(format!(
            "{INDEX_SIGNATURE_FILE} is missing or cannot be read, and this kiosk takes only an index signed by key {} (index_key); nothing was imported. Publish with `clinic-kiosk publish --key`",
            key.key_id()
        )));
    };
    let text = std::str::from_utf8(signature)
        .map_err(|_| refuse(format!("{INDEX_SIGNATURE_FILE} is not a minisign signature")))?;
    let comment = trust::verify_detached(index, text, key).map_err(|error| {
        refuse(match error {
            trust::SignatureError::UntrustedKey { key_id } => format!(
                "{INDEX_FILE} is signed by key {key_id}, but only key {} (index_key) may sign it; nothing was imported",
                key.key_id()
            ),
            trust::SignatureError::Mismatch { .. } => format!(
                "{INDEX_SIGNATURE_FILE} does not match {INDEX_FILE}: the index was changed after it was signed; nothing was imported"
            ),
            _ => format!("{INDEX_SIGNATURE_FILE} is not a readable minisign signature; nothing was imported"),
        })
    })?;
    let expires = comment
        .split('\t')
        .find_map(|field| field.strip_prefix("expires:"))
        .and_then(|value| value.trim().parse::<i64>().ok())
        .ok_or_else(|| {
            refuse(format!(
                "the signature of {INDEX_FILE} carries no expiry; nothing was imported. Publish with `clinic-kiosk publish --key`"
            ))
        })?;
    Ok(Seal {
        key_id: key.key_id().to_string(),
        expires,
    })
}

fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| unix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::{generate_keypair, sign_bytes, KeyProtection};

    #[test]
    fn only_the_index_key_seals_the_index_and_the_expiry_is_signed() {
        let publisher = generate_keypair(KeyProtection::Unencrypted).expect("keys");
        let other = generate_keypair(KeyProtection::Unencrypted).expect("keys");
        let key = TrustedKey::parse(&publisher.public_file).expect("key");
        let index = br#"{"format":1,"bundles":[]}"#;
        let comment = trusted_comment(1_000, 30);
        let good = sign_bytes(index, &publisher.secret_file, None, &comment).expect("signs");
        let seal = check(index, Some(good.as_bytes()), &key, "src").expect("a good seal");
        assert_eq!(
            seal.expires,
            1_000 + 30 * 86_400,
            "the expiry comes from the signed comment"
        );
        assert_eq!(seal.expiry_warning(1_000), None, "fresh");
        let warning = seal.expiry_warning(seal.expires + 1).expect("expired");
        assert!(warning.contains("expired on"), "{warning}");

        assert!(check(index, None, &key, "src").is_err(), "an unsigned index is refused");
        let foreign = sign_bytes(index, &other.secret_file, None, &comment).expect("signs");
        let error = check(index, Some(foreign.as_bytes()), &key, "src").expect_err("another key");
        assert!(error.to_string().contains("only key"), "{error}");
        let frozen = br#"{"format":1,"bundles":[{"id":"x"}]}"#;
        assert!(
            check(frozen, Some(good.as_bytes()), &key, "src").is_err(),
            "an index changed after signing is refused"
        );
        let no_expiry = sign_bytes(index, &publisher.secret_file, None, "timestamp:1\tfile:index.json").expect("signs");
        assert!(
            check(index, Some(no_expiry.as_bytes()), &key, "src").is_err(),
            "a seal without an expiry is refused"
        );
    }
}
