//! The kept copies of imported bundles: `<data_dir>/bundles/<id>/<version>.zip`, the last three
//! versions of each. They are what a rollback installs and what a corrupt database is rebuilt from,
//! so the kiosk never depends on the USB stick or share a bundle came from.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::bundle::{BundleFiles, SIGNATURE};
use crate::Result;

/// The folder under the data folder that holds kept bundles.
pub const KEPT_DIR: &str = "bundles";
/// How many versions of each bundle are kept.
pub const KEPT_VERSIONS: usize = 3;

/// The kept zip of one version of a bundle.
pub fn kept_path(data_dir: &Path, id: &str, version: u32) -> PathBuf {
    data_dir.join(KEPT_DIR).join(id).join(format!("{version}.zip"))
}

/// Writes the bundle's files (with its signature) as a zip, atomically: a reader sees the old file
/// or the whole new one, never a half-written zip.
pub fn write_zip(files: &BundleFiles, out: &Path) -> Result<()> {
    let temp = zip_beside(files, out, Packing::Compressed)?;
    temp.persist(out).map_err(|e| e.error)?;
    Ok(())
}

/// How the files go into a zip.
#[derive(Debug, Clone, Copy)]
enum Packing {
    /// Deflated, for zips that travel (on a stick, to a share).
    Compressed,
    /// As they are, for the kept copies only this kiosk reads back: compressing 10,000 small
    /// files cost most of a second of an import (each file's deflate stream starts by clearing
    /// its tables), to save disk space a kiosk has plenty of.
    Stored,
}

/// The zip of `files`, written and synced to a temporary file in `out`'s folder, ready to be
/// renamed to `out`.
fn zip_beside(files: &BundleFiles, out: &Path, packing: Packing) -> Result<tempfile::NamedTempFile> {
    let dir = out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(temp.as_file_mut()));
        let options = match packing {
            Packing::Compressed => zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1)),
            Packing::Stored => {
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
            }
        };
        let signature = files.signature().map(|s| (SIGNATURE, s));
        for (name, bytes) in files.iter().chain(signature) {
            zip.start_file(name, options).map_err(std::io::Error::other)?;
            zip.write_all(bytes)?;
        }
        zip.finish().map_err(std::io::Error::other)?.flush()?;
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Keeps a copy of an imported bundle and drops versions beyond the newest [`KEPT_VERSIONS`].
pub fn keep(data_dir: &Path, id: &str, version: u32, files: &BundleFiles) -> Result<PathBuf> {
    prepare_keep(data_dir, id, version, files)?.finish()
}

/// A kept copy written but not yet in place: what an import writes while its transaction runs
/// (on another core), and puts in place only once the transaction committed.
pub struct PendingKeep {
    temp: tempfile::NamedTempFile,
    data_dir: PathBuf,
    id: String,
    version: u32,
}

/// Writes the kept copy of a bundle beside its place, without putting it there yet.
pub fn prepare_keep(data_dir: &Path, id: &str, version: u32, files: &BundleFiles) -> Result<PendingKeep> {
    Ok(PendingKeep {
        temp: zip_beside(files, &kept_path(data_dir, id, version), Packing::Stored)?,
        data_dir: data_dir.to_path_buf(),
        id: id.to_string(),
        version,
    })
}

impl PendingKeep {
    /// Puts the copy in place and drops versions beyond the newest [`KEPT_VERSIONS`]. Dropping a
    /// pending copy instead deletes it.
    pub fn finish(self) -> Result<PathBuf> {
        let path = kept_path(&self.data_dir, &self.id, self.version);
        self.temp.persist(&path).map_err(|e| e.error)?;
        let versions = versions(&self.data_dir, &self.id)?;
        if versions.len() > KEPT_VERSIONS {
            for old in &versions[..versions.len() - KEPT_VERSIONS] {
                std::fs::remove_file(kept_path(&self.data_dir, &self.id, *old))?;
            }
        }
        Ok(path)
    }
}

/// The kept versions of a bundle, oldest first.
pub fn versions(data_dir: &Path, id: &str) -> Result<Vec<u32>> {
    let dir = data_dir.join(KEPT_DIR).join(id);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut versions: Vec<u32> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".zip")?.parse().ok())
        .collect();
    versions.sort_unstable();
    Ok(versions)
}

/// The kept versions of a bundle older than `installed`, newest first: what a rollback can go
/// back to (empty when there is none, or the folder cannot be read).
pub fn earlier_versions(data_dir: &Path, id: &str, installed: u32) -> Vec<u32> {
    let mut earlier: Vec<u32> = versions(data_dir, id)
        .unwrap_or_default()
        .into_iter()
        .filter(|v| *v < installed)
        .collect();
    earlier.reverse();
    earlier
}

/// The ids of every bundle with kept copies.
pub fn kept_ids(data_dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(data_dir.join(KEPT_DIR)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut ids: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    ids.sort();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::Limits;

    #[test]
    fn the_newest_three_versions_are_kept_and_read_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let files = BundleFiles::from_entries(
            vec![
                ("manifest.json".to_string(), b"{}".to_vec()),
                (SIGNATURE.to_string(), b"sig".to_vec()),
            ],
            Limits::default(),
        )?;
        for version in [1, 2, 3, 4] {
            keep(dir.path(), "b", version, &files)?;
        }
        assert_eq!(
            versions(dir.path(), "b")?,
            vec![2, 3, 4],
            "only the last three versions stay"
        );
        let back = BundleFiles::read_path(&kept_path(dir.path(), "b", 4), Limits::default())?;
        assert_eq!(
            back.get("manifest.json"),
            Some(&b"{}"[..]),
            "the kept zip holds the files"
        );
        assert_eq!(
            back.signature(),
            Some(&b"sig"[..]),
            "and the signature, so it verifies again"
        );
        assert_eq!(kept_ids(dir.path())?, vec!["b".to_string()]);
        Ok(())
    }
}
