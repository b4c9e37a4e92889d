//! Reading a bundle folder or zip from disk under the limits, in a fixed order: the manifest and
//! its signature first, then the signature gate (which refuses badly signed bundles when keys are
//! trusted), and only then everything else. Nothing a zip declares about itself is trusted: every
//! entry is read through a cap derived from the limits, and the entry count and duplicate names
//! are checked from the central directory before anything is decompressed.
//!
//! Files are opened with `O_NOFOLLOW | O_NONBLOCK` and checked to be regular files, so a link, a
//! FIFO or a device on a stick is refused instead of followed or waited on forever.

use std::fs;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::files::{
    describe_io, is_ignored, path_to_name, printable, refuse, relative_name, single_top_folder, too_large, Collector,
    Gate,
};
use super::{BundleFiles, Limits, MANIFEST, SIGNATURE};
use crate::{Error, Result};

/// Opens a file for reading without following a link and without waiting on a FIFO or device,
/// and checks that it is a regular file.
pub fn open_regular(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "it is a symbolic link (links are not followed)",
                )
            } else {
                e
            }
        })?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file (a pipe, device or socket cannot be a bundle file)",
        ));
    }
    Ok(file)
}

/// Reads at most `cap + 1` bytes, so an over-long stream is caught without reading it all.
pub(super) fn read_capped(reader: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    // Kept for the whole import: hold only what was read, not the growth room of the buffer.
    bytes.shrink_to_fit();
    Ok(bytes)
}

pub(super) fn read_folder(root: &Path, limits: Limits, gate: Gate<'_>) -> Result<BundleFiles> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    let mut seen_entries = 0usize;
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| Error::unreadable(&dir, describe_io(&e)))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::unreadable(&dir, describe_io(&e)))?;
            seen_entries += 1;
            if seen_entries > limits.max_entries {
                return Err(too_many_entries(limits));
            }
            let path = entry.path();
            let relative = relative_name(root, &path);
            if is_ignored(&relative) {
                continue;
            }
            let kind = entry
                .file_type()
                .map_err(|e| Error::unreadable(&path, describe_io(&e)))?;
            if kind.is_symlink() {
                return Err(refuse(&relative, "is a symbolic link; bundles may not contain links"));
            }
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                found.push((relative, path));
            } else {
                return Err(refuse(
                    &relative,
                    "is not a regular file (a pipe, device or socket); bundles hold only files and folders",
                ));
            }
        }
    }
    found.sort();
    let mut collector = Collector::new(limits);
    let read_one = |collector: &mut Collector, name: &str, path: &Path| -> Result<()> {
        if let Some(name) = collector.admit(name)? {
            let cap = collector.allowance();
            let file = open_regular(path).map_err(|e| refuse(&name, format!("cannot be read: {}", describe_io(&e))))?;
            let bytes =
                read_capped(file, cap).map_err(|e| refuse(&name, format!("cannot be read: {}", describe_io(&e))))?;
            collector.insert(name, bytes)?;
        }
        Ok(())
    };
    for first in [MANIFEST, SIGNATURE] {
        if let Some((name, path)) = found.iter().find(|(name, _)| name == first) {
            read_one(&mut collector, name, path)?;
        }
    }
    collector.pass_gate(gate)?;
    for (name, path) in found.iter().filter(|(name, _)| name != MANIFEST && name != SIGNATURE) {
        read_one(&mut collector, name, path)?;
    }
    Ok(collector.finish())
}

/// One zip entry as the central directory describes it, before anything is decompressed.
struct EntryInfo {
    index: usize,
    name: String,
    compressed: u64,
}

pub(super) fn read_zip(path: &Path, limits: Limits, gate: Gate<'_>) -> Result<BundleFiles> {
    let file = open_regular(path).map_err(|e| Error::unreadable(path, describe_io(&e)))?;
    read_zip_from(file, path, limits, gate)
}

/// [`read_zip`] over any seekable reader, e.g. a zip held in memory; `path` names it in messages.
pub(super) fn read_zip_from<R: Read + Seek>(
    reader: R,
    path: &Path,
    limits: Limits,
    gate: Gate<'_>,
) -> Result<BundleFiles> {
    let mut archive = zip::ZipArchive::new(reader)
        .map_err(|e| Error::unreadable(path, format!("it is not a readable .zip file or bundle folder ({e})")))?;
    if archive.len() > limits.max_entries {
        return Err(too_many_entries(limits));
    }
    if archive.has_duplicate_names() {
        return Err(refuse(
            "",
            "the zip holds the same file name twice, so what is checked could differ from what is installed; make the zip again from the bundle folder",
        ));
    }
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
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
        entries.push(EntryInfo {
            index,
            name,
            compressed: entry.compressed_size(),
        });
    }
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let top = single_top_folder(&names);
    for entry in &mut entries {
        if let Some(prefix) = &top {
            entry.name = entry.name[prefix.len()..].to_string();
        }
    }
    let mut collector = Collector::new(limits);
    let is_first = |e: &EntryInfo| e.name == MANIFEST || e.name == SIGNATURE;
    for entry in entries.iter().filter(|e| is_first(e)) {
        read_entry(&mut archive, path, entry, &mut collector, limits)?;
    }
    collector.pass_gate(gate)?;
    for entry in entries.iter().filter(|e| !is_first(e)) {
        read_entry(&mut archive, path, entry, &mut collector, limits)?;
    }
    Ok(collector.finish())
}

/// Decompresses one entry through a cap: the file limit, what is left of the total, and the
/// compression-ratio limit over its compressed size (which the zip reader never reads past).
fn read_entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    path: &Path,
    info: &EntryInfo,
    collector: &mut Collector,
    limits: Limits,
) -> Result<()> {
    let Some(name) = collector.admit(&info.name)? else {
        return Ok(());
    };
    let by_ratio = info
        .compressed
        .saturating_mul(limits.max_ratio)
        .saturating_add(limits.ratio_slack_bytes);
    let cap = collector.allowance().min(by_ratio);
    let entry = archive
        .by_index(info.index)
        .map_err(|e| Error::unreadable(path, format!("zip entry {} cannot be read ({e})", printable(&name))))?;
    // The data of an entry is the bundle's own content: when it cannot be unpacked (damaged, or
    // not what its headers say), the bundle is refused rather than reported as unreadable.
    let bytes = read_capped(entry, cap).map_err(|e| refuse(&name, format!("cannot be unpacked ({e})")))?;
    let len = bytes.len() as u64;
    if len > cap && len <= limits.max_file_bytes && len > by_ratio {
        return Err(refuse(
            &name,
            format!(
                "expands more than {} times its compressed size; a bundle's files must not be compression bombs",
                limits.max_ratio
            ),
        ));
    }
    if len > limits.max_file_bytes {
        return Err(too_large(&name, limits));
    }
    collector.insert(name, bytes)
}

fn too_many_entries(limits: Limits) -> Error {
    refuse(
        "",
        format!(
            "the bundle holds more than {} entries (files and folders); a bundle may hold at most {} files",
            limits.max_entries, limits.max_files
        ),
    )
}
