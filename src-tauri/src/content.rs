//! Where the kiosk's content lives: the data folder, its database, and the default bundles
//! embedded in the binary so a fresh install shows real content with no setup.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir, DirEntry};
use kiosk_core::bundle::{validate, BundleFiles, Limits};
use kiosk_core::store::{Store, DATABASE_FILE};

/// The default bundles, one folder each.
static DEFAULT_BUNDLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../data/bundles");

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
/// default bundle that is missing or older than the one this binary carries.
pub fn open_store(data_dir: &Path) -> Result<Store, kiosk_core::Error> {
    std::fs::create_dir_all(data_dir)?;
    let mut store = Store::open(&data_dir.join(DATABASE_FILE))?;
    for files in default_bundles() {
        match validate(&files).into_bundle() {
            Ok(bundle) => {
                store.import_if_newer(&bundle)?;
            }
            Err(error) => {
                tracing::error!(%error, "a default bundle carried by this binary is invalid")
            }
        }
    }
    Ok(store)
}

/// The default bundles as raw files, one per folder of `data/bundles/`.
pub fn default_bundles() -> Vec<BundleFiles> {
    DEFAULT_BUNDLES
        .dirs()
        .filter_map(|dir| {
            let mut entries = Vec::new();
            collect_files(dir, dir.path(), &mut entries);
            match BundleFiles::from_entries(entries, Limits::default()) {
                Ok(files) => Some(files),
                Err(error) => {
                    tracing::error!(%error, bundle = %dir.path().display(), "a default bundle cannot be read");
                    None
                }
            }
        })
        .collect()
}

fn collect_files(dir: &Dir<'_>, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect_files(sub, root, out),
            DirEntry::File(file) => {
                let relative = file.path().strip_prefix(root).unwrap_or(file.path());
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((name, file.contents().to_vec()));
            }
        }
    }
}
