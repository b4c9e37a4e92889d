//! Generates the permissions for our own commands, so each capability can grant its window exactly
//! its commands and nothing else: `capabilities/main.json` the kiosk's [`COMMANDS`] to the kiosk
//! window, `capabilities/author.json` the editor's [`AUTHOR_COMMANDS`] to the editor window.
//!
//! Also packs each default bundle of `data/bundles/` into a compressed zip that the binary embeds
//! (`src/content.rs`): as plain files they were a quarter of a megabyte of the 12 MB the release
//! binary may take (issue 19).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Every command the kiosk window may call; `ui/js/api.js` is the only file that names them.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_topics",
    "list_questions",
    "get_question",
    "open_answer",
    "search",
    "startup",
    "qr_code",
    "print_sheet",
    "write_sheet_job",
    "renew_page",
    "staff_status",
    "staff_unlock",
    "staff_set_first_pin",
    "staff_lock",
    "staff_touch",
    "leave_kiosk",
    "staff_bundles",
    "staff_find_bundles",
    "staff_preview_import",
    "staff_import_bundle",
    "staff_rollback_bundle",
    "staff_audit_log",
    "staff_usage",
    "staff_update_status",
    "staff_save_usage_csv",
    "staff_settings",
    "staff_save_settings",
];

/// Every command the content editor window (`clinic-kiosk author`) may call, and no kiosk window.
const AUTHOR_COMMANDS: &[&str] = &[
    "author_info",
    "author_open",
    "author_check",
    "author_new",
    "author_save",
    "author_export",
    "author_close",
];

fn main() {
    pack_default_bundles();
    let all: Vec<&'static str> = COMMANDS.iter().chain(AUTHOR_COMMANDS).copied().collect();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(all.leak())),
    )
    .expect("tauri build configuration is valid");
}

/// Writes `OUT_DIR/<bundle>.zip` for each folder of `data/bundles/`, and `OUT_DIR/default_bundles.rs`
/// listing them for `include!` with their manifest, which a start reads without opening the zip:
/// `&[("<bundle>", include_bytes!("…/<bundle>/manifest.json"), include_bytes!("…/<bundle>.zip")), …]`.
fn pack_default_bundles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/bundles");
    println!("cargo:rerun-if-changed={}", root.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("data/bundles is readable")
        .map(|entry| entry.expect("data/bundles lists").path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    let mut list = String::from("&[\n");
    for folder in folders {
        let name = folder
            .file_name()
            .expect("a folder name")
            .to_string_lossy()
            .into_owned();
        let zip_path = out.join(format!("{name}.zip"));
        let mut files = Vec::new();
        collect(&folder, &folder, &mut files);
        files.sort();
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("the zip can be created"));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        for (relative, path) in files {
            zip.start_file(relative, options).expect("a zip entry");
            zip.write_all(&std::fs::read(&path).expect("a bundle file is readable"))
                .expect("the zip is written");
        }
        zip.finish().expect("the zip is finished");
        list.push_str(&format!(
            "    ({name:?}, include_bytes!({:?}), include_bytes!({:?})),\n",
            folder.join("manifest.json").display().to_string(),
            zip_path.display().to_string()
        ));
    }
    list.push_str("]\n");
    std::fs::write(out.join("default_bundles.rs"), list).expect("the list is written");
}

/// Every file under `dir`, with its `/`-separated path relative to `root`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).expect("a bundle folder is readable") {
        let path = entry.expect("a bundle folder lists").path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let relative = path.strip_prefix(root).expect("under the bundle folder");
            let name: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((name.join("/"), path));
        }
    }
}
