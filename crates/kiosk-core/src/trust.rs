//! Publisher signatures (minisign format, Ed25519) over a bundle's `manifest.json`.
//!
//! The manifest pins every other file by SHA-256, so a signature over its raw bytes covers the whole
//! bundle. The check runs on those raw bytes *before* any content is parsed: the readers read the
//! manifest and its signature first, and when the kiosk trusts at least one key, an unsigned or
//! badly signed bundle is refused before any other file is read or decompressed.
//! Verification uses `minisign-verify`; key generation and signing (the publisher side) use the
//! `minisign` crate, whose files are the ones the `minisign` command-line tool reads and writes.

use serde::Serialize;

use crate::bundle::{BundleFiles, MANIFEST};
use crate::settings::TrustedKeyEntry;

/// Who signed a bundle, as recorded on the installed bundle and shown to staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signer {
    /// The key id, 16 uppercase hex digits as the `minisign` tool prints it.
    pub key_id: String,
    /// The signature's trusted comment (e.g. `timestamp:… file:manifest.json`), covered by the
    /// signature.
    pub trusted_comment: String,
}

/// What the signature check found on a bundle that may be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// Signed by a trusted key.
    Verified(Signer),
    /// Not signed; only possible when no key is trusted. Staff see an "unsigned" warning.
    Unsigned,
    /// Signed, but no key is trusted, so the signature could not be checked.
    Unchecked {
        /// The key id the signature names.
        key_id: String,
    },
}

impl SignatureStatus {
    /// The warning staff see for content that was not verified, if any.
    pub fn warning(&self) -> Option<String> {
        match self {
            SignatureStatus::Verified(_) => None,
            SignatureStatus::Unsigned => Some(
                "unsigned: this bundle carries no publisher signature, and no publisher key is trusted on this kiosk"
                    .into(),
            ),
            SignatureStatus::Unchecked { key_id } => Some(format!(
                "unchecked: signed by key {key_id}, but no publisher key is trusted on this kiosk; add it with `clinic-kiosk trust add`"
            )),
        }
    }
}

/// Why a bundle's signature refuses it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Keys are trusted but the bundle carries no `manifest.json.minisig`.
    #[error("the bundle is not signed, and this kiosk only accepts bundles signed by a trusted publisher; nothing was changed. Ask the publisher for a signed bundle (manifest.json.minisig)")]
    Unsigned,
    /// The signature file cannot be read as a minisign signature.
    #[error("manifest.json.minisig is not a readable minisign signature; nothing was changed. Ask the publisher to sign the bundle again")]
    Malformed,
    /// Signed by a key this kiosk does not trust.
    #[error("the bundle is signed by key {key_id}, which this kiosk does not trust; nothing was changed. If the publisher is genuine, IT can add its public key with `clinic-kiosk trust add`")]
    UntrustedKey {
        /// The key id the signature names.
        key_id: String,
    },
    /// The signature does not match the manifest: it was changed after signing, or the signature
    /// was forged.
    #[error("the signature of key {key_id} does not match manifest.json: the bundle was changed after it was signed; nothing was changed. Get a fresh copy from the publisher")]
    Mismatch {
        /// The key id the signature names.
        key_id: String,
    },
    /// A trusted key in the settings cannot be read.
    #[error("trusted key {key:?} in the settings is not a minisign public key; fix or remove it (`clinic-kiosk trust list`)")]
    BadTrustedKey {
        /// The key as written in the settings.
        key: String,
    },
    /// Signed by a trusted key that is limited to other bundle ids (`trusted_keys` entry with
    /// `bundles = [...]`), so one publisher cannot replace another's bundles.
    #[error("the bundle {bundle_id} is signed by key {key_id}, which this kiosk trusts only for bundles {allowed}; nothing was changed. Ask the bundle's own publisher for it, or IT can widen the key's `bundles` in the settings file")]
    NotForThisBundle {
        /// The key id.
        key_id: String,
        /// The bundle's id.
        bundle_id: String,
        /// The key's patterns, for the message.
        allowed: String,
    },
    /// A key or signature could not be made or read (publisher side).
    #[error("{0}")]
    Key(String),
}

/// A public key the kiosk trusts, parsed from its base64 line.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    base64: String,
    key_id: String,
    key: minisign_verify::PublicKey,
    /// The bundle id patterns the key may sign; `None` for any bundle.
    bundles: Option<Vec<String>>,
}

impl TrustedKey {
    /// Parses a minisign public key: the base64 line (`RW…`) alone, or a whole `minisign.pub` file.
    pub fn parse(text: &str) -> Result<Self, SignatureError> {
        let line = text
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .unwrap_or_default();
        let bad = || SignatureError::BadTrustedKey { key: line.to_string() };
        let key = minisign_verify::PublicKey::from_base64(line).map_err(|_| bad())?;
        let boxed = minisign::PublicKey::from_base64(line).map_err(|_| bad())?;
        Ok(TrustedKey {
            base64: line.to_string(),
            key_id: key_id_hex(boxed.keynum()),
            key,
            bundles: None,
        })
    }

    /// Parses a settings entry: a plain key, or a key limited to bundle ids.
    pub fn from_entry(entry: &TrustedKeyEntry) -> Result<Self, SignatureError> {
        let mut key = TrustedKey::parse(entry.key())?;
        key.bundles = entry.bundles().map(<[String]>::to_vec);
        Ok(key)
    }

    /// Whether this key may sign the bundle `bundle_id`: any bundle for a plain key, else one
    /// whose id equals a pattern or starts with a pattern's text before its final `*`.
    pub fn allows(&self, bundle_id: &str) -> bool {
        self.bundles.as_ref().is_none_or(|patterns| {
            patterns.iter().any(|pattern| match pattern.strip_suffix('*') {
                Some(prefix) => bundle_id.starts_with(prefix),
                None => bundle_id == pattern,
            })
        })
    }

    /// The bundle id patterns the key is limited to; `None` for any bundle.
    pub fn bundles(&self) -> Option<&[String]> {
        self.bundles.as_deref()
    }

    /// The key id, as the `minisign` tool prints it.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The base64 line, as stored in the settings.
    pub fn base64(&self) -> &str {
        &self.base64
    }
}

/// Parses the settings' `trusted_keys`; one bad entry refuses every import until it is fixed, so a
/// typo never silently turns the check off.
pub fn trusted_keys(entries: &[TrustedKeyEntry]) -> Result<Vec<TrustedKey>, SignatureError> {
    entries.iter().map(TrustedKey::from_entry).collect()
}

/// Refuses a verified bundle whose key is limited to other bundle ids. Runs after validation,
/// once the bundle's id is known; unverified statuses pass (they only occur with no keys).
pub fn check_scope(status: &SignatureStatus, keys: &[TrustedKey], bundle_id: &str) -> Result<(), SignatureError> {
    let SignatureStatus::Verified(signer) = status else {
        return Ok(());
    };
    match keys.iter().find(|k| k.key_id == signer.key_id) {
        Some(key) if key.allows(bundle_id) => Ok(()),
        found => Err(SignatureError::NotForThisBundle {
            key_id: signer.key_id.clone(),
            bundle_id: bundle_id.to_string(),
            allowed: found
                .and_then(TrustedKey::bundles)
                .map(|b| b.join(", "))
                .unwrap_or_else(|| "none".into()),
        }),
    }
}

/// Checks the bundle's signature over the raw bytes of `manifest.json` against `keys`.
/// With no keys, unsigned and signed bundles pass with a status that staff see as a warning.
pub fn check_signature(files: &BundleFiles, keys: &[TrustedKey]) -> Result<SignatureStatus, SignatureError> {
    check_raw(files.get(MANIFEST).unwrap_or_default(), files.signature(), keys)
}

/// The check of [`check_signature`] over the raw manifest and signature bytes, as the bundle
/// readers hand them over before any other file is decompressed.
pub fn check_raw(
    manifest: &[u8],
    raw_signature: Option<&[u8]>,
    keys: &[TrustedKey],
) -> Result<SignatureStatus, SignatureError> {
    let Some(raw_signature) = raw_signature else {
        return if keys.is_empty() {
            Ok(SignatureStatus::Unsigned)
        } else {
            Err(SignatureError::Unsigned)
        };
    };
    let text = std::str::from_utf8(raw_signature).map_err(|_| SignatureError::Malformed)?;
    let signature = minisign_verify::Signature::decode(text).map_err(|_| SignatureError::Malformed)?;
    let key_id = minisign::SignatureBox::from_string(text)
        .map(|b| key_id_hex(b.keynum()))
        .map_err(|_| SignatureError::Malformed)?;
    if keys.is_empty() {
        return Ok(SignatureStatus::Unchecked { key_id });
    }
    let Some(key) = keys.iter().find(|k| k.key_id == key_id) else {
        return Err(SignatureError::UntrustedKey { key_id });
    };
    key.key
        .verify(manifest, &signature, false)
        .map_err(|_| SignatureError::Mismatch { key_id: key_id.clone() })?;
    Ok(SignatureStatus::Verified(Signer {
        key_id,
        trusted_comment: signature
            .trusted_comment()
            .trim_start_matches("trusted comment: ")
            .to_string(),
    }))
}

/// Checks a detached minisign signature (`signature_text`, a `.minisig` file) over `bytes` with
/// `key`; returns the signature's trusted comment (covered by the signature).
pub fn verify_detached(bytes: &[u8], signature_text: &str, key: &TrustedKey) -> Result<String, SignatureError> {
    let signature = minisign_verify::Signature::decode(signature_text).map_err(|_| SignatureError::Malformed)?;
    let key_id = minisign::SignatureBox::from_string(signature_text)
        .map(|b| key_id_hex(b.keynum()))
        .map_err(|_| SignatureError::Malformed)?;
    if key_id != key.key_id {
        return Err(SignatureError::UntrustedKey { key_id });
    }
    key.key
        .verify(bytes, &signature, false)
        .map_err(|_| SignatureError::Mismatch { key_id })?;
    Ok(signature
        .trusted_comment()
        .trim_start_matches("trusted comment: ")
        .to_string())
}

/// A new key pair, as the text of `minisign.pub` and `minisign.key` files.
#[derive(Debug)]
pub struct NewKeyPair {
    /// The key id.
    pub key_id: String,
    /// The public key file's text (give it to kiosks: `clinic-kiosk trust add`).
    pub public_file: String,
    /// The secret key file's text (keep it safe; signs bundles).
    pub secret_file: String,
}

/// How a new secret key is protected.
#[derive(Debug, Clone)]
pub enum KeyProtection {
    /// No password, as `minisign -G -W` makes it: for signing in automation, where the key file's
    /// own permissions protect it.
    Unencrypted,
    /// Encrypted with this password (scrypt), as `minisign -G` makes it.
    Password(String),
    /// Encrypted with a password asked for on the terminal.
    Prompt,
}

/// Generates a key pair.
pub fn generate_keypair(protection: KeyProtection) -> Result<NewKeyPair, SignatureError> {
    let pair = match protection {
        KeyProtection::Password(password) => minisign::KeyPair::generate_encrypted_keypair(Some(password)),
        KeyProtection::Prompt => minisign::KeyPair::generate_encrypted_keypair(None),
        KeyProtection::Unencrypted => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(key_error)?;
    let key_id = key_id_hex(pair.pk.keynum());
    let public_file = pair.pk.to_box().map_err(key_error)?.into_string();
    let secret_file = pair.sk.to_box(None).map_err(key_error)?.into_string();
    Ok(NewKeyPair {
        key_id,
        public_file,
        secret_file,
    })
}

/// The raw bytes of a secret key file's key line.
fn secret_key_bytes(secret_file: &str) -> Result<Vec<u8>, SignatureError> {
    use base64::Engine as _;
    let line = secret_file
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .unwrap_or_default();
    base64::engine::general_purpose::STANDARD
        .decode(line)
        .map_err(|_| SignatureError::Key("the file is not a minisign secret key".into()))
}

/// Whether a secret key file is password-protected (its KDF algorithm is not "none").
pub fn secret_key_is_encrypted(secret_file: &str) -> Result<bool, SignatureError> {
    let bytes = secret_key_bytes(secret_file)?;
    Ok(bytes.get(2..4) != Some(&[0u8, 0][..]))
}

/// Signs `manifest` bytes with a secret key file's text; returns the text of
/// `manifest.json.minisig`. An encrypted key uses `password`, or asks for it on the terminal.
/// Unencrypted keys are read directly: `minisign -G -W` (0.11) writes them without the checksum
/// the `minisign` crate insists on, and a wrong key is caught anyway, because the signature is
/// checked against the key's public half before it is returned.
pub fn sign_manifest(manifest: &[u8], secret_file: &str, password: Option<String>) -> Result<String, SignatureError> {
    let trusted = format!(
        "timestamp:{}\tfile:{MANIFEST}",
        time::OffsetDateTime::now_utc().unix_timestamp()
    );
    sign_bytes(manifest, secret_file, password, &trusted)
}

/// Signs `bytes` with a secret key file's text (as [`sign_manifest`] does), carrying
/// `trusted_comment`, which the signature covers; returns the text of the `.minisig` file.
pub fn sign_bytes(
    bytes: &[u8],
    secret_file: &str,
    password: Option<String>,
    trusted_comment: &str,
) -> Result<String, SignatureError> {
    let secret = if secret_key_is_encrypted(secret_file)? {
        let boxed = minisign::SecretKeyBox::from_string(secret_file).map_err(key_error)?;
        minisign::SecretKey::from_box(boxed, password)
    } else {
        minisign::SecretKey::from_bytes(&secret_key_bytes(secret_file)?)
    }
    .map_err(key_error)?;
    let public = minisign::PublicKey::from_secret_key(&secret).map_err(key_error)?;
    let signature = minisign::sign(Some(&public), &secret, bytes, Some(trusted_comment), None).map_err(key_error)?;
    Ok(signature.into_string())
}

/// Key ids are printed as minisign does: the 8 key-number bytes read little-endian, in hex.
fn key_id_hex(keynum: &[u8]) -> String {
    keynum.iter().rev().map(|b| format!("{b:02X}")).collect()
}

fn key_error(error: minisign::PError) -> SignatureError {
    SignatureError::Key(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(manifest: &[u8], signature: Option<String>) -> BundleFiles {
        let mut entries = vec![(MANIFEST.to_string(), manifest.to_vec())];
        if let Some(signature) = signature {
            entries.push((crate::bundle::SIGNATURE.to_string(), signature.into_bytes()));
        }
        BundleFiles::from_entries(entries, Default::default()).expect("small files")
    }

    #[test]
    fn signature_cases() {
        let pair = generate_keypair(KeyProtection::Unencrypted).expect("keygen");
        let other = generate_keypair(KeyProtection::Unencrypted).expect("keygen");
        let key = TrustedKey::parse(&pair.public_file).expect("the .pub file parses");
        let stranger = TrustedKey::parse(&other.public_file).expect("parses");
        assert_eq!(key.key_id(), pair.key_id, "the key id is the same seen from both sides");
        let sig = sign_manifest(b"{\"a\":1}", &pair.secret_file, None).expect("signs");

        let good = signed(b"{\"a\":1}", Some(sig.clone()));
        let status = check_signature(&good, std::slice::from_ref(&key)).expect("a good signature verifies");
        assert!(
            matches!(status, SignatureStatus::Verified(ref s) if s.key_id == pair.key_id && s.trusted_comment.contains("manifest.json")),
            "{status:?}"
        );

        let cases: Vec<(&str, BundleFiles, Vec<TrustedKey>, SignatureError)> = vec![
            (
                "unsigned",
                signed(b"{}", None),
                vec![key.clone()],
                SignatureError::Unsigned,
            ),
            (
                "tampered manifest",
                signed(b"{\"a\":2}", Some(sig.clone())),
                vec![key.clone()],
                SignatureError::Mismatch {
                    key_id: pair.key_id.clone(),
                },
            ),
            (
                "wrong key",
                good.clone(),
                vec![stranger.clone()],
                SignatureError::UntrustedKey {
                    key_id: pair.key_id.clone(),
                },
            ),
            (
                "garbage",
                signed(b"{}", Some("nonsense".into())),
                vec![key.clone()],
                SignatureError::Malformed,
            ),
        ];
        for (name, files, keys, expected) in cases {
            assert_eq!(
                check_signature(&files, &keys),
                Err(expected),
                "case {name} must be refused with the right reason"
            );
        }
        assert_eq!(
            check_signature(&signed(b"{}", None), &[]),
            Ok(SignatureStatus::Unsigned),
            "with no keys an unsigned bundle passes with a warning"
        );
        assert!(matches!(
            check_signature(&good, &[]),
            Ok(SignatureStatus::Unchecked { .. })
        ));
    }

    #[test]
    fn a_bad_trusted_key_is_an_error_not_a_silent_pass() {
        assert!(matches!(
            trusted_keys(&["RWQnot-a-key".into()]),
            Err(SignatureError::BadTrustedKey { .. })
        ));
    }

    #[test]
    fn a_limited_key_signs_only_its_bundle_ids() {
        let pair = generate_keypair(KeyProtection::Unencrypted).expect("keys");
        let entry = TrustedKeyEntry::Limited(crate::settings::LimitedKey {
            key: pair.public_file.clone(),
            bundles: vec!["oncology-*".into(), "diabetes-en".into()],
        });
        let keys = trusted_keys(&[entry]).expect("parses");
        assert!(keys[0].allows("oncology-en") && keys[0].allows("oncology-es"));
        assert!(keys[0].allows("diabetes-en"));
        assert!(!keys[0].allows("diabetes-es"), "an exact id is not a prefix");
        assert!(!keys[0].allows("cardiology-en"));
        let status = SignatureStatus::Verified(Signer {
            key_id: pair.key_id.clone(),
            trusted_comment: String::new(),
        });
        assert!(check_scope(&status, &keys, "oncology-en").is_ok());
        assert!(matches!(
            check_scope(&status, &keys, "cardiology-en"),
            Err(SignatureError::NotForThisBundle { .. })
        ));
        let plain = trusted_keys(&[TrustedKeyEntry::from(pair.public_file.as_str())]).expect("parses");
        assert!(
            check_scope(&status, &plain, "cardiology-en").is_ok(),
            "a plain key signs any bundle"
        );
    }
}
