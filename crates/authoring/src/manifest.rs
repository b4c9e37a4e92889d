//! Recomputing `manifest.json`'s `files` from what is in the bundle folder, and raising its
//! version: the two chores that made publishers paste 64-digit hashes by hand. The manifest is
//! rewritten in the documented field order with every field kept as it was (even a wrong one, so
//! that the check can name it), only `files` (and with a bump `version`) replaced.

use std::collections::BTreeMap;
use std::path::Path;

use kiosk_core::bundle::{BundleFiles, Limits, Problem, MANIFEST, SIGNATURE};
use serde::ser::SerializeMap as _;
use serde::Serialize;
use serde_json::Value;

use crate::atomic::Staged;
use crate::draft::{pretty_json, sha256_hex};
use crate::{Error, Result};

/// The manifest's fields in the order the format documents them; any other field follows.
use kiosk_core::bundle::MANIFEST_FIELDS as FIELD_ORDER;

/// The `files` a bundle's manifest must list: every file read from the bundle but the manifest
/// (hidden files, `__MACOSX/` and the signature are not part of a bundle), with its SHA-256.
pub fn file_list(files: &BundleFiles) -> BTreeMap<String, String> {
    files
        .iter()
        .filter(|(name, _)| *name != MANIFEST)
        .map(|(name, bytes)| (name.to_string(), sha256_hex(bytes)))
        .collect()
}

/// `manifest` (the raw bytes of `manifest.json`) with `files` replaced by the list of `files`, and
/// with `bump` its version raised by one. A manifest that is not a JSON object cannot be
/// rewritten: the problem is returned as `bundle validate` would print it.
pub fn manifest_with_files(manifest: &[u8], files: &BundleFiles, bump: bool) -> Result<Vec<u8>, Problem> {
    let value: Value = serde_json::from_slice(manifest).map_err(|e| {
        Problem::new(
            MANIFEST,
            "",
            format!("is not valid JSON ({e}); fix it in a text editor, then try again"),
        )
    })?;
    let Value::Object(mut map) = value else {
        return Err(Problem::new(MANIFEST, "", "must be a JSON object { … }"));
    };
    map.insert(
        "files".into(),
        Value::Object(
            file_list(files)
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
        ),
    );
    if bump {
        // A version that is not a whole number is left for the check to name.
        if let Some(version) = map.get("version").and_then(Value::as_u64) {
            map.insert("version".into(), Value::from(version + 1));
        }
    }
    let mut ordered: Vec<(&str, &Value)> = FIELD_ORDER
        .iter()
        .filter_map(|key| map.get(*key).map(|value| (*key, value)))
        .collect();
    ordered.extend(
        map.iter()
            .filter(|(key, _)| !FIELD_ORDER.contains(&key.as_str()))
            .map(|(key, value)| (key.as_str(), value)),
    );
    pretty_json(&Ordered(ordered)).map_err(|e| Problem::new(MANIFEST, "", e.to_string()))
}

/// A JSON object written in a chosen key order (serde_json's map sorts its keys).
struct Ordered<'a>(Vec<(&'a str, &'a Value)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// What [`refresh_files`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refreshed {
    /// Whether `manifest.json` was rewritten (it is left alone when already up to date).
    pub manifest_changed: bool,
    /// How many files the manifest lists.
    pub files: usize,
    /// Whether a signature that no longer matched the manifest was removed (sign again).
    pub removed_stale_signature: bool,
}

/// Rewrites the `files` of the bundle folder `dir` from what is in it: what an editor's Save
/// calls after writing question files. The content need not be valid yet (a draft is saved as it
/// is); only the manifest must be a JSON object. A signature the new manifest would break is
/// removed, since it could only make kiosks refuse the bundle.
pub fn refresh_files(dir: &Path) -> Result<Refreshed> {
    let files = BundleFiles::read_path(dir, Limits::default())?;
    let Some(manifest) = files.get(MANIFEST) else {
        return Err(invalid(Problem::new(
            MANIFEST,
            "",
            "is missing; a bundle needs manifest.json at its root",
        )));
    };
    let rewritten = manifest_with_files(manifest, &files, false).map_err(invalid)?;
    let changed = rewritten != manifest;
    let stale = changed && files.signature().is_some();
    if changed {
        Staged::new(&dir.join(MANIFEST), &rewritten)?.commit()?;
    }
    if stale {
        std::fs::remove_file(dir.join(SIGNATURE))?;
    }
    Ok(Refreshed {
        manifest_changed: changed,
        files: file_list(&files).len(),
        removed_stale_signature: stale,
    })
}

fn invalid(problem: Problem) -> Error {
    Error::Core(kiosk_core::Error::InvalidBundle(vec![problem]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BundleFiles {
        BundleFiles::from_entries(
            entries.iter().map(|(n, b)| (n.to_string(), b.as_bytes().to_vec())),
            Limits::default(),
        )
        .expect("small files")
    }

    #[test]
    fn files_are_recomputed_in_the_documented_order_and_other_fields_kept() {
        let manifest = r#"{"topics":[],"version":4,"id":"x","format":1,"files":{"old.json":"00"},"typo":true}"#;
        let bundle = files(&[("manifest.json", manifest), ("questions/a.json", "{}\n")]);
        let out = manifest_with_files(manifest.as_bytes(), &bundle, true).expect("rewritten");
        let text = String::from_utf8(out).expect("utf-8");
        let value: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(value["version"], 5, "--bump raises the version by one");
        assert_eq!(
            value["files"],
            serde_json::json!({ "questions/a.json": sha256_hex(b"{}\n") }),
            "files lists what is there, not what was listed"
        );
        assert_eq!(value["typo"], true, "an unknown field is kept for the check to name");
        let positions: Vec<usize> = [
            "\"format\"",
            "\"id\"",
            "\"version\"",
            "\"topics\"",
            "\"files\"",
            "\"typo\"",
        ]
        .iter()
        .map(|k| text.find(k).expect("present"))
        .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "fields in the documented order: {text}"
        );
        assert!(text.ends_with("}\n"), "ends with a line break");
    }

    #[test]
    fn a_manifest_that_is_not_json_is_named() {
        let bundle = files(&[("manifest.json", "{ nope")]);
        let problem = manifest_with_files(b"{ nope", &bundle, false).expect_err("not JSON");
        assert!(
            problem.to_string().starts_with("manifest.json: is not valid JSON"),
            "{problem}"
        );
    }
}
