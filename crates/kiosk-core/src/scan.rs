//! Finding bundles staff can import: zip files and bundle folders (holding `manifest.json`) on
//! removable media (`/media/<user>/<stick>`, `/run/media/<user>/<stick>`) and in the configured
//! import folder. The walk is shallow, never follows links and stops at a fixed number of results,
//! so a large or hostile stick cannot stall the staff screen.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bundle::MANIFEST;

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
