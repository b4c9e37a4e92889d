//! Writing so that a target changes only when everything succeeded: a new folder is built in a
//! hidden temporary folder beside it and moved into place with one rename; a file is written to a
//! temporary file beside it, flushed to disk, and renamed over the old one. A failure before the
//! rename leaves the target exactly as it was (the temporary is removed when dropped).

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The folder a path sits in (`.` for a bare name).
pub(crate) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses a target that exists and is anything but an empty folder.
pub(crate) fn check_free(target: &Path) -> Result<()> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
        Ok(meta) if meta.is_dir() && fs::read_dir(target)?.next().is_none() => Ok(()),
        Ok(_) => Err(Error::TargetNotEmpty(target.to_path_buf())),
    }
}

/// Writes `files` (bundle-relative `/` paths to bytes) as the new folder `target`, which must not
/// exist or be empty. Parent folders are created.
pub(crate) fn write_new_folder(target: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    check_free(target)?;
    let parent = parent_of(target);
    fs::create_dir_all(&parent)?;
    let temp = tempfile::Builder::new()
        .prefix(".clinic-kiosk-new-")
        .tempdir_in(&parent)?;
    for (name, bytes) in files {
        let path = temp.path().join(name);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
            readable(folder, fs::Permissions::from_mode(0o755));
        }
        write_synced(&path, bytes)?;
    }
    readable(temp.path(), fs::Permissions::from_mode(0o755));
    check_free(target)?;
    // rename(2) replaces an empty folder, and fails (changing nothing) on a non-empty one.
    fs::rename(temp.path(), target)?;
    let _ = temp.keep();
    Ok(())
}

/// Makes a written file or folder readable by others (temporary files start private). Best
/// effort: a FAT-formatted USB stick has no permissions to set, and refuses to.
fn readable(path: &Path, permissions: fs::Permissions) {
    let _ = fs::set_permissions(path, permissions);
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    readable(path, fs::Permissions::from_mode(0o644));
    Ok(())
}

/// A file written and flushed beside its target, not yet in place.
pub(crate) struct Staged {
    temp: Temp,
    target: PathBuf,
}

enum Temp {
    File(tempfile::NamedTempFile),
    /// A file some other writer made inside a scratch folder beside the target.
    InFolder(tempfile::TempDir, PathBuf),
}

impl Staged {
    /// Writes `bytes` to a temporary file in `target`'s folder.
    pub(crate) fn new(target: &Path, bytes: &[u8]) -> Result<Self> {
        let mut temp = tempfile::Builder::new()
            .prefix(".clinic-kiosk-")
            .tempfile_in(parent_of(target))?;
        std::io::Write::write_all(temp.as_file_mut(), bytes)?;
        temp.as_file().sync_all()?;
        readable(temp.path(), fs::Permissions::from_mode(0o644));
        Ok(Staged {
            temp: Temp::File(temp),
            target: target.to_path_buf(),
        })
    }

    /// Lets `write` make the file (at the path it is given, in a scratch folder beside `target`).
    pub(crate) fn written_by(target: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<Self> {
        let scratch = tempfile::Builder::new()
            .prefix(".clinic-kiosk-")
            .tempdir_in(parent_of(target))?;
        let path = scratch.path().join("staged");
        write(&path)?;
        readable(&path, fs::Permissions::from_mode(0o644));
        Ok(Staged {
            temp: Temp::InFolder(scratch, path),
            target: target.to_path_buf(),
        })
    }

    /// Moves the file into place, replacing what was there.
    pub(crate) fn commit(self) -> Result<()> {
        match self.temp {
            Temp::File(temp) => {
                temp.persist(&self.target).map_err(|e| e.error)?;
            }
            // The scratch folder is removed when dropped, after the rename took the file out.
            Temp::InFolder(_scratch, path) => fs::rename(path, &self.target)?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_folder_appears_whole_and_never_over_content() {
        let work = tempfile::tempdir().expect("temp");
        let target = work.path().join("a/b");
        let files = BTreeMap::from([("x/y.txt".to_string(), b"hi".to_vec())]);
        write_new_folder(&target, &files).expect("a new folder can be written");
        assert_eq!(fs::read(target.join("x/y.txt")).expect("written"), b"hi");
        let again = write_new_folder(&target, &files);
        assert!(
            matches!(again, Err(Error::TargetNotEmpty(_))),
            "a folder with content must never be overwritten: {again:?}"
        );
        let leftovers: Vec<_> = fs::read_dir(work.path().join("a"))
            .expect("readable")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "no temporary folder is left behind");
    }
}
