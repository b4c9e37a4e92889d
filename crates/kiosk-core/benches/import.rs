//! Import of a 10,000-question bundle folder (the real library's text recombined, see
//! `library_text.rs`) with everything `clinic-kiosk import` does — read with the streaming
//! limits, hashes, validation with every readability score, one transaction, the audit record and
//! the kept copy for rollback — timed side by side with the Python + sqlite3 baseline of issue 19
//! (`import_baseline.py`, shipped beside this file) in the same run. Then ten such bundles into
//! one library, against ten times one.
//!
//! Run: `cargo bench --bench import` (needs `python3`); `-- --ours-once` imports once, for a
//! profiler. Figures go to `docs/performance.md`.

#[path = "support/library_text.rs"]
mod library_text;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kiosk_core::library::Library;
use kiosk_core::store::{AuditAction, AuditSource, ImportOptions, Store, DATABASE_FILE};
use library_text::Source;

const QUESTIONS: usize = 10_000;
const RUNS: usize = 5;
const LIBRARY_BUNDLES: usize = 10;

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let source = Source::load("en");
    let bundle = work.path().join("bundle-0");
    let files = source.bundle_files("bench-en-0", "b0", QUESTIONS, 1000);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    library_text::write_folder(&bundle, &files);
    println!(
        "bundle: {QUESTIONS} questions, {:.1} MiB of JSON in {} files",
        bytes as f64 / 1_048_576.0,
        files.len()
    );

    if std::env::args().any(|a| a == "--ours-once") {
        // One import of ours alone, e.g. under `perf record`.
        let took = import_ours(&work.path().join("once"), &[&bundle]);
        println!("ours: {took:.3?}");
        phases(&work.path().join("phases"), &bundle);
        return;
    }
    let mut ours = Vec::new();
    let mut baseline = Vec::new();
    for run in 0..RUNS {
        let data = work.path().join(format!("ours-{run}"));
        let took = import_ours(&data, &[&bundle]);
        let python = import_baseline(&bundle, &work.path().join(format!("baseline-{run}.sqlite3")));
        println!("run {run}: ours {took:.3?}, baseline {python:.3?}");
        ours.push(took);
        baseline.push(python);
    }
    let (ours, baseline) = (median(&mut ours), median(&mut baseline));
    println!(
        "one bundle, median of {RUNS}: ours {ours:.3?}, Python + sqlite3 baseline {baseline:.3?}: {:.2}x (target <= 1.0x)",
        ours.as_secs_f64() / baseline.as_secs_f64()
    );
    // The steps one by one: how much of the import is the database write alone (both search
    // indexes with the prefix indexes search needs, the rows, the commit), against the baseline.
    let steps = phases(&work.path().join("phases"), &bundle);
    println!(
        "the database write alone: {:.3?}, {:.2}x the baseline",
        steps.written,
        steps.written.as_secs_f64() / baseline.as_secs_f64()
    );

    let mut folders = vec![bundle.clone()];
    for b in 1..LIBRARY_BUNDLES {
        let folder = work.path().join(format!("bundle-{b}"));
        let files = source.bundle_files(&format!("bench-en-{b}"), &format!("b{b}"), QUESTIONS, 1000 + b as u64);
        library_text::write_folder(&folder, &files);
        folders.push(folder);
    }
    let paths: Vec<&Path> = folders.iter().map(|f| f.as_path()).collect();
    let library = import_ours_each(&work.path().join("library"), &paths);
    println!(
        "{} questions ({LIBRARY_BUNDLES} bundles) into one library: {library:.3?}, {:.2}x one bundle (target <= {LIBRARY_BUNDLES}x)",
        QUESTIONS * LIBRARY_BUNDLES,
        library.as_secs_f64() / ours.as_secs_f64()
    );
}

/// A fresh data folder, then every bundle imported as `clinic-kiosk import` does.
fn import_ours(data: &Path, bundles: &[&Path]) -> Duration {
    import_timed(data, bundles).0
}

/// [`import_ours`], printing how long each bundle took: whether a larger library makes an import
/// slower.
fn import_ours_each(data: &Path, bundles: &[&Path]) -> Duration {
    let (total, each) = import_timed(data, bundles);
    let each: Vec<String> = each.iter().map(|one| format!("{:.2}", one.as_secs_f64())).collect();
    println!("each bundle into the growing library (s): {}", each.join(", "));
    total
}

/// Imports every bundle into a fresh data folder: the whole time and each bundle's.
fn import_timed(data: &Path, bundles: &[&Path]) -> (Duration, Vec<Duration>) {
    std::fs::create_dir_all(data).expect("data folder");
    let start = Instant::now();
    let mut store = Store::open(&data.join(DATABASE_FILE)).expect("store");
    let library = Library::without_keys(data);
    let mut each = Vec::new();
    for bundle in bundles {
        let one = Instant::now();
        library
            .import_path(
                &mut store,
                bundle,
                AuditSource::Cli,
                AuditAction::Import,
                ImportOptions::default(),
            )
            .expect("import");
        each.push(one.elapsed());
    }
    drop(store);
    (start.elapsed(), each)
}

/// How long each step of one import took.
struct Steps {
    written: Duration,
}

/// The steps of one import, timed one by one (what `Library::import_path` does in turn).
fn phases(data: &Path, bundle: &Path) -> Steps {
    use kiosk_core::bundle::{validate, BundleFiles, Limits};
    std::fs::create_dir_all(data).expect("data folder");
    let mut store = Store::open(&data.join(DATABASE_FILE)).expect("store");
    let start = Instant::now();
    let files = BundleFiles::read_path(bundle, Limits::default()).expect("read");
    let read = start.elapsed();
    let start = Instant::now();
    let validated = validate(&files).into_bundle().expect("valid");
    let checked = start.elapsed();
    let start = Instant::now();
    store.import(&validated, ImportOptions::default()).expect("import");
    let written = start.elapsed();
    let start = Instant::now();
    kiosk_core::kept::keep(data, "bench", 1, &files).expect("keep");
    let kept = start.elapsed();
    println!("read {read:.3?}, validate {checked:.3?}, database {written:.3?}, kept copy {kept:.3?}");
    Steps { written }
}

/// The baseline script's own time (interpreter start not counted).
fn import_baseline(bundle: &Path, database: &Path) -> Duration {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/import_baseline.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(bundle)
        .arg(database)
        .output()
        .expect("python3 runs the baseline");
    assert!(
        output.status.success(),
        "the baseline failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seconds: f64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .expect("the baseline prints its seconds");
    Duration::from_secs_f64(seconds)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
