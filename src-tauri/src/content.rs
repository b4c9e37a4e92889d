//! Where the kiosk's content lives: the data folder, its database, and the default bundles
//! embedded in the binary so a fresh install shows real content with no setup.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{BundleFiles, Limits};
use kiosk_core::library::{self, DefaultBundle, Library};
use kiosk_core::settings::Settings;
use kiosk_core::store::Store;

/// The default bundles, one per folder of `data/bundles/`: its name, its manifest, and its files as
/// a compressed zip, made by `build.rs` (as plain files they took a quarter of a megabyte of the
/// binary). A start reads the manifest alone to see that the store already holds that version.
static DEFAULT_BUNDLES: &[(&str, &[u8], &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_bundles.rs"));

/// The environment variable that names the data folder when `--data-dir` is not given.
pub const DATA_DIR_ENV: &str = "CLINIC_KIOSK_DATA_DIR";

/// The app's identifier, which names its folder under the platform's app data folder.
pub const APP_IDENTIFIER: &str = "org.clinickiosk.kiosk";

/// The data folder: `--data-dir`, else `data_dir` from the settings file, else
/// `CLINIC_KIOSK_DATA_DIR`, else the platform's app data folder.
pub fn resolve_data_dir(explicit: Option<PathBuf>, configured: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = configured.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or_else(|| {
        format!("no data folder could be found for this user; pass --data-dir DIR or set {DATA_DIR_ENV}")
    })
}

/// Opens the content database in `data_dir`, creating the folder if needed, and installs any
/// default bundle that is missing or older than the one this binary carries. A database that fails
/// `PRAGMA quick_check` is moved aside and rebuilt from the kept bundles and the defaults, so the
/// kiosk keeps serving (see `kiosk_core::library::open`).
pub fn open_store(data_dir: &Path, settings: &Settings) -> Result<Store, kiosk_core::Error> {
    let library = recovery_library(data_dir, settings);
    let opened = library::open(&library, &default_bundles())?;
    if let Some(aside) = &opened.moved_aside {
        tracing::warn!(moved_to = %aside.display(), "the content database was damaged and has been rebuilt");
    }
    Ok(opened.store)
}

/// The library used to rebuild a damaged database. Kept copies were verified when imported, so if
/// the trusted keys cannot be read now, they are restored without re-checking rather than not at all.
fn recovery_library(data_dir: &Path, settings: &Settings) -> Library {
    Library::new(data_dir, &settings.trusted_keys).unwrap_or_else(|error| {
        tracing::warn!(%error, "trusted keys unreadable; kept bundles are restored without a signature check");
        Library::without_keys(data_dir)
    })
}

/// A default bundle embedded in the binary (see [`DEFAULT_BUNDLES`]).
pub struct EmbeddedBundle {
    name: &'static str,
    manifest: &'static [u8],
    zip: &'static [u8],
}

impl DefaultBundle for EmbeddedBundle {
    fn manifest(&self) -> Option<&[u8]> {
        Some(self.manifest)
    }

    fn files(&self) -> Result<BundleFiles, kiosk_core::Error> {
        BundleFiles::read_zip_bytes(self.zip, &Path::new("data/bundles").join(self.name), Limits::default())
    }
}

/// The default bundles, one per folder of `data/bundles/`.
pub fn default_bundles() -> Vec<EmbeddedBundle> {
    DEFAULT_BUNDLES
        .iter()
        .map(|&(name, manifest, zip)| EmbeddedBundle { name, manifest, zip })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_defaults_are_exactly_the_bundle_folders() {
        let embedded = default_bundles();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/bundles");
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
            .expect("data/bundles")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        assert_eq!(
            embedded.len(),
            folders.len(),
            "every folder of data/bundles is embedded, and nothing else"
        );
        for (default, folder) in embedded.iter().zip(&folders) {
            let files = default.files().expect("the embedded zip reads");
            let on_disk = BundleFiles::read_path(folder, Limits::default()).expect("the folder reads");
            assert_eq!(
                default.manifest(),
                files.get("manifest.json"),
                "{}: the manifest a start reads is the one inside the zip",
                folder.display()
            );
            assert_eq!(
                files.digest(),
                on_disk.digest(),
                "{}: the embedded zip must hold the folder's files byte for byte",
                folder.display()
            );
            assert!(
                kiosk_core::bundle::validate(&files).bundle().is_some(),
                "{}: the embedded default is a valid bundle",
                folder.display()
            );
        }
    }
}
