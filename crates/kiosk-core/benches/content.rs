//! Benchmarks of the targets in the foundation issue: importing a 10,000-question bundle (target
//! under 3 s) and search latency on it (target p99 under 10 ms). Run with
//! `cargo bench -p kiosk-core --bench content`; figures go to `docs/performance.md`.

mod synthetic;

use std::time::{Duration, Instant};

use kiosk_core::bundle::{validate, BundleFiles, Limits};
use kiosk_core::store::{ImportOptions, Store, DATABASE_FILE};

const QUESTIONS: usize = 10_000;
const IMPORT_RUNS: usize = 3;
const SEARCH_QUERIES: &[&str] = &[
    "l",
    "li",
    "liv",
    "liver",
    "liver spread",
    "immune therapy",
    "side effects",
    "doctor",
    "trial",
    "medico",
    "higado",
    "chemo",
    "fatigue nausea",
    "blood scan",
    "number 4321",
    "zzz",
    "care",
    "c",
    "pain sleep family",
];
const SEARCH_ROUNDS: usize = 100;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = synthetic::bundle_files("synthetic-en", "en", QUESTIONS, 20);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("bundle: {QUESTIONS} questions, {:.1} MiB", bytes as f64 / 1_048_576.0);

    let mut import_times = Vec::new();
    let mut store = Store::open(&dir.path().join(DATABASE_FILE)).expect("store");
    for run in 0..IMPORT_RUNS {
        let start = Instant::now();
        let bundle_files = BundleFiles::from_entries(files.clone(), Limits::default()).expect("read");
        let bundle = validate(&bundle_files).into_bundle().expect("valid");
        let read_validate = start.elapsed();
        store
            .import(&bundle, ImportOptions { allow_downgrade: true })
            .expect("import");
        let total = start.elapsed();
        println!(
            "import run {run}: {total:.2?} (read + validate {read_validate:.2?}, write {:.2?})",
            total - read_validate
        );
        import_times.push(total);
    }
    import_times.sort();
    println!("import median: {:.2?} (target < 3 s)", import_times[IMPORT_RUNS / 2]);

    let mut latencies: Vec<Duration> = Vec::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    for query in SEARCH_QUERIES {
        let mut worst = Duration::ZERO;
        for _ in 0..SEARCH_ROUNDS {
            let start = Instant::now();
            let hits = store.search(query, "en", 50).expect("search");
            let took = start.elapsed();
            worst = worst.max(took);
            latencies.push(took);
            std::hint::black_box(hits);
        }
        slowest.push((worst, query));
    }
    slowest.sort();
    slowest.reverse();
    println!("slowest queries: {:?}", &slowest[..5]);
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "search over {} queries: p50 {:.2?}, p90 {:.2?}, p99 {:.2?}, max {:.2?} (target p99 < 10 ms)",
        latencies.len(),
        pct(0.50),
        pct(0.90),
        pct(0.99),
        latencies[latencies.len() - 1]
    );

    let topic = store.topics("en").expect("topics").into_iter().next().expect("a topic");
    let start = Instant::now();
    let page = store
        .questions("en", &topic.bundle_id, &topic.id, 450, 50)
        .expect("page");
    println!("topic page (50 of {}): {:.2?}", page.total, start.elapsed());
}
