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
        })
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
pub fn trusted_keys(lines: &[String]) -> Result<Vec<TrustedKey>, SignatureError> {
    lines.iter().map(|line| TrustedKey::parse(line)).collect()
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
    let secret = if secret_key_is_encrypted(secret_file)? {
        let boxed = minisign::SecretKeyBox::from_string(secret_file).map_err(key_error)?;
        minisign::SecretKey::from_box(boxed, password)
    } else {
        minisign::SecretKey::from_bytes(&secret_key_bytes(secret_file)?)
    }
    .map_err(key_error)?;
    let public = minisign::PublicKey::from_secret_key(&secret).map_err(key_error)?;
    let trusted = format!(
        "timestamp:{}\tfile:{MANIFEST}",
        time::OffsetDateTime::now_utc().unix_timestamp()
    );
    let signature = minisign::sign(Some(&public), &secret, manifest, Some(&trusted), None).map_err(key_error)?;
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
}
