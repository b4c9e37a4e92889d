//! A bundle's raw files as bytes, gathered under the size limits by the readers in
//! [`super::reader`] (folders and zips) or from memory. Declared sizes in a zip are written by
//! whoever made it, so they are never trusted: every limit is enforced on the bytes actually read.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path};

use super::reader;
use crate::bundle::Problem;
use crate::{Error, Result};

/// The manifest's file name at the bundle's root.
pub const MANIFEST: &str = "manifest.json";
/// The manifest's detached minisign signature, kept aside for the signature check.
pub const SIGNATURE: &str = "manifest.json.minisig";

/// Size limits a bundle must stay within. They are rules of the format (`docs/bundle-format.md`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most files a bundle may hold (question files plus the manifest and listed extras).
    pub max_files: usize,
    /// Most entries a zip (or a folder tree) may hold, counting folders and ignored files.
    pub max_entries: usize,
    /// Largest single file, in bytes.
    pub max_file_bytes: u64,
    /// Largest total of all files, in bytes, uncompressed.
    pub max_total_bytes: u64,
    /// A zip entry may expand to at most this many times its compressed size …
    pub max_ratio: u64,
    /// … plus this many bytes (small files compress badly or not at all).
    pub ratio_slack_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 10_000 + 100,
            max_entries: 12_000,
            max_file_bytes: 1024 * 1024,
            max_total_bytes: 64 * 1024 * 1024,
            max_ratio: 100,
            ratio_slack_bytes: 64 * 1024,
        }
    }
}

/// Called with the raw manifest (if any) and its signature (if any) after they are read and before
/// any other file is: returning an error stops the reading. The signature check is such a gate.
pub type Gate<'a> = &'a dyn Fn(Option<&[u8]>, Option<&[u8]>) -> Result<()>;

/// A bundle's files as bytes, keyed by their `/`-separated path relative to the bundle root.
/// Hidden files, `__MACOSX/` and the signature are set aside while reading.
#[derive(Debug, Clone, Default)]
pub struct BundleFiles {
    files: BTreeMap<String, Vec<u8>>,
    signature: Option<Vec<u8>>,
}

impl BundleFiles {
    /// Reads a bundle from a folder or a `.zip` file.
    pub fn read_path(path: &Path, limits: Limits) -> Result<Self> {
        Self::read_path_gated(path, limits, &|_, _| Ok(()))
    }

    /// Reads a bundle from a folder or a `.zip` file, reading the manifest and its signature first
    /// and passing them to `gate` before anything else is read or decompressed.
    pub fn read_path_gated(path: &Path, limits: Limits, gate: Gate<'_>) -> Result<Self> {
        let meta = fs::symlink_metadata(path).map_err(|e| Error::unreadable(path, describe_io(&e)))?;
        if meta.is_dir() {
            reader::read_folder(path, limits, gate)
        } else if meta.is_file() {
            reader::read_zip(path, limits, gate)
        } else {
            Err(Error::unreadable(
                path,
                "it is neither a folder nor a .zip file (links are not followed)",
            ))
        }
    }

    /// Reads a bundle from a zip held in memory (e.g. the defaults embedded in the binary), with
    /// every check [`BundleFiles::read_path`] makes of a zip file; `source` names it in messages.
    pub fn read_zip_bytes(bytes: &[u8], source: &Path, limits: Limits) -> Result<Self> {
        reader::read_zip_from(std::io::Cursor::new(bytes), source, limits, &|_, _| Ok(()))
    }

    /// Reads a bundle from files already in memory, e.g. a bundle being written.
    pub fn from_entries<I>(entries: I, limits: Limits) -> Result<Self>
    where
        I: IntoIterator<Item = (String, Vec<u8>)>,
    {
        let mut collector = Collector::new(limits);
        for (name, bytes) in entries {
            if let Some(name) = collector.admit(&name)? {
                if bytes.len() as u64 > limits.max_file_bytes {
                    return Err(too_large(&name, limits));
                }
                collector.insert(name, bytes)?;
            }
        }
        Ok(collector.finish())
    }

    /// The bytes of a file, if the bundle has it.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    /// All file names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// All files with their bytes, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The same files carrying `signature` as their manifest's signature.
    pub fn with_signature(mut self, signature: Vec<u8>) -> Self {
        self.signature = Some(signature);
        self
    }

    /// A SHA-256 over every file's name and bytes and the signature, as lowercase hex: two reads
    /// of a bundle have the same digest only when they hold the same content. A preview hands it
    /// out and the import checks it, so what is installed is exactly what staff saw.
    pub fn digest(&self) -> String {
        use sha2::{Digest as _, Sha256};
        let mut hasher = Sha256::new();
        let signature = self.signature.as_deref().map(|s| (SIGNATURE, s));
        for (name, bytes) in self.iter().chain(signature) {
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        hex::encode(hasher.finalize())
    }

    /// The detached signature of the manifest, when the bundle carries one.
    pub fn signature(&self) -> Option<&[u8]> {
        self.signature.as_deref()
    }
}

/// Gathers files under the limits, refusing duplicates.
pub(super) struct Collector {
    limits: Limits,
    total: u64,
    files: BTreeMap<String, Vec<u8>>,
    signature: Option<Vec<u8>>,
}

impl Collector {
    pub(super) fn new(limits: Limits) -> Self {
        Collector {
            limits,
            total: 0,
            files: BTreeMap::new(),
            signature: None,
        }
    }

    /// Decides whether a name is kept: `None` for names set aside, an error for names that refuse
    /// the bundle, else the normalised name.
    pub(super) fn admit(&mut self, name: &str) -> Result<Option<String>> {
        let name = name.trim_start_matches("./").to_string();
        if is_ignored(&name) {
            return Ok(None);
        }
        if name.is_empty() || name.starts_with('/') || name.split('/').any(|p| p == ".." || p.is_empty()) {
            return Err(refuse(&name, "is not a plain relative path inside the bundle"));
        }
        if self.files.contains_key(&name) || (name == SIGNATURE && self.signature.is_some()) {
            return Err(refuse(&name, "appears twice in the bundle"));
        }
        if self.files.len() >= self.limits.max_files {
            return Err(refuse(
                "",
                format!("the bundle holds more than {} files", self.limits.max_files),
            ));
        }
        Ok(Some(name))
    }

    /// The most bytes the next file may have: the file limit, or what is left of the total.
    pub(super) fn allowance(&self) -> u64 {
        self.limits
            .max_file_bytes
            .min(self.limits.max_total_bytes.saturating_sub(self.total))
    }

    /// Adds a file read through a cap of [`Collector::allowance`] (one byte more shows it was cut).
    pub(super) fn insert(&mut self, name: String, bytes: Vec<u8>) -> Result<()> {
        if bytes.len() as u64 > self.limits.max_file_bytes {
            return Err(too_large(&name, self.limits));
        }
        self.total += bytes.len() as u64;
        if self.total > self.limits.max_total_bytes {
            return Err(refuse(
                "",
                format!(
                    "the bundle is larger than {} MiB uncompressed",
                    self.limits.max_total_bytes / (1024 * 1024)
                ),
            ));
        }
        if name == SIGNATURE {
            self.signature = Some(bytes);
        } else {
            self.files.insert(name, bytes);
        }
        Ok(())
    }

    /// Runs the gate over the manifest and signature read so far.
    pub(super) fn pass_gate(&self, gate: Gate<'_>) -> Result<()> {
        gate(self.files.get(MANIFEST).map(Vec::as_slice), self.signature.as_deref())
    }

    pub(super) fn finish(self) -> BundleFiles {
        BundleFiles {
            files: self.files,
            signature: self.signature,
        }
    }
}

/// Hidden files (any part starting with `.`) and macOS archive litter are not part of a bundle.
pub(super) fn is_ignored(name: &str) -> bool {
    name.split('/')
        .any(|part| (part.starts_with('.') && part != "." && part != "..") || part == "__MACOSX")
}

/// When every entry of a zip sits under one top folder holding the manifest (as "compress folder"
/// makes them), that folder's prefix, e.g. `oncology-en/`.
pub(super) fn single_top_folder(names: &[&str]) -> Option<String> {
    if names.contains(&MANIFEST) {
        return None;
    }
    let first = names.first()?;
    let prefix = format!("{}/", first.split('/').next()?);
    let all_under = names.iter().all(|name| name.starts_with(&prefix));
    let has_manifest = names.iter().any(|name| *name == format!("{prefix}{MANIFEST}"));
    (all_under && has_manifest).then_some(prefix)
}

pub(super) fn relative_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).map(path_to_name).unwrap_or_default()
}

pub(super) fn path_to_name(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) fn refuse(name: &str, message: impl Into<String>) -> Error {
    let file = if name.is_empty() { "bundle" } else { name };
    Error::InvalidBundle(vec![Problem::new(file, "", message)])
}

/// A file name as it may appear in a message or the audit log: control characters and invisible
/// or direction-changing characters are written as `\u{…}` escapes, so a name cannot forge lines
/// or reorder the text around it.
pub fn printable(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_control() || super::check::is_hidden_control(c) || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}') {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn too_large(name: &str, limits: Limits) -> Error {
    refuse(
        name,
        format!(
            "is larger than {} KiB, the limit for one file",
            limits.max_file_bytes / 1024
        ),
    )
}

pub(super) fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_and_macos_litter_are_ignored() {
        assert!(is_ignored(".DS_Store"), "dot files are hidden");
        assert!(is_ignored("questions/.x.json.swp"), "hidden files in subfolders too");
        assert!(is_ignored("__MACOSX/questions/a.json"), "macOS zip litter");
        assert!(!is_ignored("questions/a.json"), "ordinary files are content");
    }

    #[test]
    fn a_single_top_folder_is_stripped_only_when_it_holds_the_manifest() {
        let entries = ["b/manifest.json", "b/questions/a.json"];
        assert_eq!(
            single_top_folder(&entries).as_deref(),
            Some("b/"),
            "compress-folder zips"
        );
        let mixed = ["b/manifest.json", "c/questions/a.json"];
        assert_eq!(
            single_top_folder(&mixed),
            None,
            "two top folders are not one bundle folder"
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_while_reading() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let result = BundleFiles::from_entries(vec![("manifest.json".to_string(), vec![b'x'; 11])], limits);
        assert!(
            matches!(result, Err(Error::InvalidBundle(_))),
            "an 11-byte file must be refused under a 10-byte limit"
        );
    }
}
