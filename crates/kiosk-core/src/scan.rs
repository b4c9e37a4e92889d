//! Finding bundles staff can import: zip files and bundle folders (holding `manifest.json`) on
//! removable media (`/media/<user>/<stick>`, `/run/media/<user>/<stick>`) and in the configured
//! import folder. The walk is shallow, never follows links and stops at a fixed number of results,
//! so a large or hostile stick cannot stall the staff screen.
//!
//! The same roots bound what staff may import ([`confine`]: the page cannot point the importer at
//! arbitrary files) and where files for staff are saved ([`save_file`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bundle::MANIFEST;
use crate::store::UsageReport;
use crate::{Error, Result};

/// Where removable media are mounted on Linux desktops.
pub const REMOVABLE_ROOTS: &[&str] = &["/media", "/run/media"];
/// How many folder levels below a root are searched (`/media/user/stick/folder/bundle.zip` is 3).
pub const MAX_DEPTH: usize = 4;
/// The most results returned.
pub const MAX_RESULTS: usize = 200;

/// A bundle found on a stick or in the import folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundBundle {
    /// The zip file or folder.
    pub path: PathBuf,
    /// `zip` or `folder`.
    pub kind: FoundKind,
    /// The root it was found under (e.g. `/media`).
    pub root: PathBuf,
}

/// The form of a found bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundKind {
    /// A `.zip` file.
    Zip,
    /// A folder holding `manifest.json`.
    Folder,
}

/// The roots to search: removable media and, when set, the import folder.
pub fn default_roots(import_folder: Option<&Path>) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = REMOVABLE_ROOTS.iter().map(PathBuf::from).collect();
    roots.extend(import_folder.map(Path::to_path_buf));
    roots
}

/// Lists the bundles under `roots`, sorted by path. Missing or unreadable folders are skipped.
pub fn find_bundles(roots: &[PathBuf]) -> Vec<FoundBundle> {
    let mut found = Vec::new();
    for root in roots {
        walk(root, root, 0, &mut found);
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.truncate(MAX_RESULTS);
    found
}

/// Where staff can save a file (the usage CSV): each mounted stick (`/media/<user>/<stick>`,
/// `/media/<stick>`, `/run/media/<user>/<stick>`) that is a writable folder, then any other root
/// that is (the import folder). Sticks come first: that is what staff carry away.
/// Writable means this process may write there now (`access(W_OK)`): not a read-only mount, and
/// not a mount point left behind by a stick that was pulled out (owned by root).
pub fn save_folders(roots: &[PathBuf]) -> Vec<PathBuf> {
    let writable = |dir: &Path| {
        dir.is_dir() && rustix::fs::access(dir, rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK).is_ok()
    };
    let children = |dir: &Path| -> Vec<PathBuf> {
        let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        list.sort();
        list
    };
    let mut sticks = Vec::new();
    let mut others = Vec::new();
    for root in roots {
        if REMOVABLE_ROOTS.iter().any(|r| Path::new(r) == root) {
            for first in children(root).into_iter().filter(|p| p.is_dir()) {
                let below: Vec<PathBuf> = children(&first).into_iter().filter(|p| p.is_dir()).collect();
                if below.is_empty() {
                    sticks.push(first);
                } else {
                    sticks.extend(below);
                }
            }
        } else {
            others.push(root.clone());
        }
    }
    sticks.into_iter().chain(others).filter(|dir| writable(dir)).collect()
}

/// The real location of `path` if it lies under one of `roots`, else [`Error::NotImportable`].
/// Both sides are resolved first (`..`, symbolic links), so a link on a stick that points
/// elsewhere, or a path that climbs out with `..`, is refused; so is a path that does not exist.
pub fn confine(roots: &[PathBuf], path: &Path) -> Result<PathBuf> {
    let refused = || Error::NotImportable {
        path: crate::bundle::printable(&path.display().to_string()),
    };
    let real = path.canonicalize().map_err(|_| refused())?;
    let inside = roots
        .iter()
        .filter_map(|root| root.canonicalize().ok())
        .any(|root| real.starts_with(root));
    inside.then_some(real).ok_or_else(refused)
}

/// Writes `contents` as a new file `name` in the first folder of [`save_folders`] (a USB stick,
/// else the import folder) and returns the file written. A new file only, never through a link:
/// a stick is anyone's, and a link named like our file must not turn this save into a write over
/// the kiosk's own files. An existing name gets a number (`name-2.csv`) instead of being replaced.
pub fn save_file(roots: &[PathBuf], name: &str, contents: &[u8]) -> Result<PathBuf> {
    let folder = save_folders(roots).into_iter().next().ok_or(Error::NoUsbStick)?;
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) => (stem, format!(".{extension}")),
        None => (name, String::new()),
    };
    let failed = |e: std::io::Error| Error::SaveFailed {
        folder: folder.clone(),
        reason: e.to_string(),
    };
    for n in 1..=100 {
        let path = match n {
            1 => folder.join(name),
            n => folder.join(format!("{stem}-{n}{extension}")),
        };
        match create_new(&path, contents) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(e)),
        }
    }
    Err(failed(std::io::Error::from(std::io::ErrorKind::AlreadyExists)))
}

fn create_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Saves usage counts as `clinic-kiosk-usage-<day>.csv` where [`save_file`] saves (a USB stick,
/// else the import folder); returns the file written. The staff screen's "Save as a spreadsheet".
pub fn save_usage_csv(roots: &[PathBuf], usage: &UsageReport, day: time::Date) -> Result<PathBuf> {
    save_file(
        roots,
        &format!("clinic-kiosk-usage-{day}.csv"),
        usage.to_csv().as_bytes(),
    )
}

fn walk(root: &Path, dir: &Path, depth: usize, found: &mut Vec<FoundBundle>) {
    if found.len() >= MAX_RESULTS {
        return;
    }
    if dir.join(MANIFEST).is_file() {
        found.push(FoundBundle {
            path: dir.to_path_buf(),
            kind: FoundKind::Folder,
            root: root.to_path_buf(),
        });
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "__MACOSX" {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() && depth < MAX_DEPTH {
            walk(root, &path, depth + 1, found);
        } else if kind.is_file() && name.to_ascii_lowercase().ends_with(".zip") {
            found.push(FoundBundle {
                path,
                kind: FoundKind::Zip,
                root: root.to_path_buf(),
            });
        }
        if found.len() >= MAX_RESULTS {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_saved_to_the_import_folder_when_no_stick_is_in() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        let missing = folder.path().join("not-there");
        assert_eq!(
            save_folders(&[missing, folder.path().to_path_buf()]),
            vec![folder.path().to_path_buf()],
            "a missing folder is skipped, an existing writable one is offered"
        );
        Ok(())
    }

    #[test]
    fn only_paths_under_a_scanned_root_may_be_imported() -> std::io::Result<()> {
        let media = tempfile::tempdir()?;
        let elsewhere = tempfile::tempdir()?;
        let stick = media.path().join("staff/STICK");
        std::fs::create_dir_all(&stick)?;
        std::fs::write(stick.join("bundle.zip"), "zip")?;
        std::fs::write(elsewhere.path().join("secret.zip"), "zip")?;
        std::os::unix::fs::symlink(elsewhere.path().join("secret.zip"), stick.join("escape.zip"))?;
        std::os::unix::fs::symlink(elsewhere.path(), stick.join("escape-folder"))?;
        let roots = [media.path().to_path_buf(), PathBuf::from("/no/such/root")];

        let inside = confine(&roots, &stick.join("bundle.zip")).expect("a zip on the stick is importable");
        assert!(inside.ends_with("staff/STICK/bundle.zip"), "{inside:?}");
        for outside in [
            stick.join("escape.zip"),
            stick.join("escape-folder/secret.zip"),
            // Both temporary folders share a parent, so this climbs out of the stick into `elsewhere`.
            stick
                .join("../../..")
                .join(elsewhere.path().file_name().unwrap_or_default())
                .join("secret.zip"),
            elsewhere.path().join("secret.zip"),
            PathBuf::from("/etc/passwd"),
            stick.join("missing.zip"),
        ] {
            let refused = confine(&roots, &outside);
            assert!(
                matches!(refused, Err(Error::NotImportable { .. })),
                "{} must be refused (a link or .. must not lead out of the scanned roots): {refused:?}",
                outside.display()
            );
        }
        Ok(())
    }

    #[test]
    fn a_file_is_saved_in_the_first_save_folder_or_refused_without_one() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        let written = save_file(&[folder.path().to_path_buf()], "usage.csv", b"day\n").expect("saved");
        assert_eq!(written, folder.path().join("usage.csv"));
        assert_eq!(std::fs::read(&written)?, b"day\n");
        let none = save_file(&[folder.path().join("gone")], "usage.csv", b"day\n");
        assert!(matches!(none, Err(Error::NoUsbStick)), "{none:?}");
        Ok(())
    }

    #[test]
    fn the_csv_is_saved_under_a_dated_name() -> crate::Result<()> {
        let store = crate::store::Store::open_in_memory()?;
        store.record_sheet_print()?;
        let folder = tempfile::tempdir()?;
        let day = time::macros::date!(2026 - 03 - 04);
        let path = save_usage_csv(&[folder.path().to_path_buf()], &store.usage()?, day)?;
        assert_eq!(path, folder.path().join("clinic-kiosk-usage-2026-03-04.csv"));
        assert_eq!(std::fs::read_to_string(&path)?, store.usage()?.to_csv());
        Ok(())
    }

    #[test]
    fn zips_and_bundle_folders_are_found_and_links_are_not_followed() -> std::io::Result<()> {
        let media = tempfile::tempdir()?;
        let stick = media.path().join("staff/STICK");
        std::fs::create_dir_all(stick.join("new/oncology-en/questions"))?;
        std::fs::write(stick.join("new/oncology-en/manifest.json"), "{}")?;
        std::fs::write(stick.join("new/oncology-en/questions/a.json"), "{}")?;
        std::fs::write(stick.join("update.ZIP"), "zip")?;
        std::fs::write(stick.join("notes.txt"), "x")?;
        std::fs::create_dir_all(stick.join(".Trash-1000"))?;
        std::fs::write(stick.join(".Trash-1000/old.zip"), "zip")?;
        std::os::unix::fs::symlink("/", stick.join("root-link"))?;
        let deep = stick.join("a/b/c/d/e");
        std::fs::create_dir_all(&deep)?;
        std::fs::write(deep.join("too-deep.zip"), "zip")?;

        let found = find_bundles(&[media.path().to_path_buf(), PathBuf::from("/no/such/root")]);
        let names: Vec<_> = found
            .iter()
            .map(|f| {
                (
                    f.path.strip_prefix(media.path()).unwrap_or(&f.path).to_path_buf(),
                    f.kind,
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                (PathBuf::from("staff/STICK/new/oncology-en"), FoundKind::Folder),
                (PathBuf::from("staff/STICK/update.ZIP"), FoundKind::Zip),
            ],
            "bundle folders and zips are listed; hidden folders, links, other files and deep folders are not"
        );
        Ok(())
    }
}
