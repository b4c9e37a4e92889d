//! Reading a bundle's raw files from a folder, a zip or memory, with every limit enforced while
//! reading (declared sizes in a zip are written by whoever made it, so they are never trusted).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Component, Path};

use crate::bundle::Problem;
use crate::{Error, Result};

/// The manifest's file name at the bundle's root.
pub const MANIFEST: &str = "manifest.json";
/// The manifest's detached minisign signature, kept aside for the signature check.
pub const SIGNATURE: &str = "manifest.json.minisig";

/// Size limits a bundle must stay within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most files a bundle may hold (question files plus the manifest and listed extras).
    pub max_files: usize,
    /// Largest single file, in bytes.
    pub max_file_bytes: u64,
    /// Largest total of all files, in bytes, uncompressed.
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 10_000 + 100,
            max_file_bytes: 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
        }
    }
}

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
        let meta = fs::symlink_metadata(path).map_err(|e| Error::unreadable(path, describe_io(&e)))?;
        if meta.is_dir() {
            Self::read_folder(path, limits)
        } else if meta.is_file() {
            Self::read_zip(path, limits)
        } else {
            Err(Error::unreadable(
                path,
                "it is neither a folder nor a .zip file (links are not followed)",
            ))
        }
    }

    /// Reads a bundle from files already in memory, e.g. the defaults embedded in the binary.
    pub fn from_entries<I>(entries: I, limits: Limits) -> Result<Self>
    where
        I: IntoIterator<Item = (String, Vec<u8>)>,
    {
        let mut collector = Collector::new(limits);
        for (name, bytes) in entries {
            if let Some(name) = collector.admit(&name)? {
                let len = bytes.len() as u64;
                collector.insert(name, len, || Ok(bytes))?;
            }
        }
        Ok(collector.finish())
    }

    fn read_folder(root: &Path, limits: Limits) -> Result<Self> {
        let mut collector = Collector::new(limits);
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let entries = fs::read_dir(&dir).map_err(|e| Error::unreadable(&dir, describe_io(&e)))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::unreadable(&dir, describe_io(&e)))?;
                let path = entry.path();
                let relative = relative_name(root, &path);
                let meta = fs::symlink_metadata(&path).map_err(|e| Error::unreadable(&path, describe_io(&e)))?;
                if is_ignored(&relative) {
                    continue;
                }
                if meta.file_type().is_symlink() {
                    return Err(refuse(&relative, "is a symbolic link; bundles may not contain links"));
                }
                if meta.is_dir() {
                    pending.push(path);
                } else if let Some(name) = collector.admit(&relative)? {
                    let limit = limits.max_file_bytes;
                    collector.insert(name, meta.len(), || {
                        let file = fs::File::open(&path)?;
                        read_capped(file, limit)
                    })?;
                }
            }
        }
        Ok(collector.finish())
    }

    fn read_zip(path: &Path, limits: Limits) -> Result<Self> {
        let file = fs::File::open(path).map_err(|e| Error::unreadable(path, describe_io(&e)))?;
        let mut archive = zip::ZipArchive::new(file)
            .map_err(|e| Error::unreadable(path, format!("it is not a readable .zip file or bundle folder ({e})")))?;
        if archive.len() > limits.max_files * 2 + 1000 {
            return Err(refuse(
                "",
                format!(
                    "the zip holds {} entries; a bundle may hold at most {}",
                    archive.len(),
                    limits.max_files
                ),
            ));
        }
        let mut entries = Vec::new();
        for index in 0..archive.len() {
            let mut entry = archive
                .by_index(index)
                .map_err(|e| Error::unreadable(path, format!("zip entry {index} cannot be read ({e})")))?;
            let raw_name = entry
                .name()
                .map(|n| n.into_owned())
                .map_err(|e| Error::unreadable(path, format!("zip entry {index} has an unreadable name ({e})")))?;
            if raw_name.split('/').any(|part| part == "..") || raw_name.starts_with('/') || raw_name.contains('\\') {
                return Err(refuse(
                    &raw_name,
                    "points outside the bundle (absolute path, `..` or `\\`)",
                ));
            }
            let Some(enclosed) = entry.enclosed_name() else {
                return Err(refuse(&raw_name, "points outside the bundle"));
            };
            if entry.is_symlink() {
                return Err(refuse(&raw_name, "is a symbolic link; bundles may not contain links"));
            }
            if entry.is_dir() {
                continue;
            }
            let name = path_to_name(&enclosed);
            if is_ignored(&name) {
                continue;
            }
            if entry.size() > limits.max_file_bytes {
                return Err(too_large(&name, limits));
            }
            let bytes = read_capped(&mut entry, limits.max_file_bytes).map_err(|e| match e {
                Error::Io(io) => Error::unreadable(path, format!("zip entry {name} cannot be read ({io})")),
                other => other,
            })?;
            entries.push((name, bytes));
        }
        let top = single_top_folder(&entries);
        let mut collector = Collector::new(limits);
        for (name, bytes) in entries {
            let name = match &top {
                Some(prefix) => name[prefix.len()..].to_string(),
                None => name,
            };
            if let Some(name) = collector.admit(&name)? {
                let len = bytes.len() as u64;
                collector.insert(name, len, || Ok(bytes))?;
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

    /// The detached signature of the manifest, when the bundle carries one.
    pub fn signature(&self) -> Option<&[u8]> {
        self.signature.as_deref()
    }
}

/// Gathers files under the limits, refusing duplicates.
struct Collector {
    limits: Limits,
    total: u64,
    files: BTreeMap<String, Vec<u8>>,
    signature: Option<Vec<u8>>,
}

impl Collector {
    fn new(limits: Limits) -> Self {
        Collector {
            limits,
            total: 0,
            files: BTreeMap::new(),
            signature: None,
        }
    }

    /// Decides whether a name is kept: `None` for names set aside, an error for names that refuse
    /// the bundle, else the normalised name.
    fn admit(&mut self, name: &str) -> Result<Option<String>> {
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

    fn insert(&mut self, name: String, declared_len: u64, read: impl FnOnce() -> Result<Vec<u8>>) -> Result<()> {
        if declared_len > self.limits.max_file_bytes {
            return Err(too_large(&name, self.limits));
        }
        let bytes = read()?;
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

    fn finish(self) -> BundleFiles {
        BundleFiles {
            files: self.files,
            signature: self.signature,
        }
    }
}

/// Reads at most `limit + 1` bytes, so an over-long stream is caught without reading it all.
fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Hidden files (any part starting with `.`) and macOS archive litter are not part of a bundle.
fn is_ignored(name: &str) -> bool {
    name.split('/')
        .any(|part| (part.starts_with('.') && part != "." && part != "..") || part == "__MACOSX")
}

/// When every entry of a zip sits under one top folder holding the manifest (as "compress folder"
/// makes them), that folder's prefix, e.g. `oncology-en/`.
fn single_top_folder(entries: &[(String, Vec<u8>)]) -> Option<String> {
    if entries.iter().any(|(name, _)| name == MANIFEST) {
        return None;
    }
    let (first, _) = entries.first()?;
    let prefix = format!("{}/", first.split('/').next()?);
    let all_under = entries.iter().all(|(name, _)| name.starts_with(&prefix));
    let has_manifest = entries.iter().any(|(name, _)| *name == format!("{prefix}{MANIFEST}"));
    (all_under && has_manifest).then_some(prefix)
}

fn relative_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).map(path_to_name).unwrap_or_default()
}

fn path_to_name(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn refuse(name: &str, message: impl Into<String>) -> Error {
    let file = if name.is_empty() { "bundle" } else { name };
    Error::InvalidBundle(vec![Problem::new(file, "", message)])
}

fn too_large(name: &str, limits: Limits) -> Error {
    refuse(
        name,
        format!(
            "is larger than {} KiB, the limit for one file",
            limits.max_file_bytes / 1024
        ),
    )
}

fn describe_io(error: &std::io::Error) -> String {
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
        let entries = vec![
            ("b/manifest.json".to_string(), vec![]),
            ("b/questions/a.json".to_string(), vec![]),
        ];
        assert_eq!(
            single_top_folder(&entries).as_deref(),
            Some("b/"),
            "compress-folder zips"
        );
        let mixed = vec![
            ("b/manifest.json".to_string(), vec![]),
            ("c/questions/a.json".to_string(), vec![]),
        ];
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
