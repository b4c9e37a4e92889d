//! Writes a synthetic, valid bundle folder for load checks in the window, e.g. 2,000 questions in
//! one topic: `cargo run -p kiosk-core --example synthetic_bundle -- OUT_DIR 2000 1`
//! (arguments: folder, question count, topic count; defaults 2000 and 1).

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: synthetic_bundle OUT_DIR [QUESTIONS] [TOPICS]");
        std::process::exit(2);
    };
    let questions = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let topics = args.next().and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    for (name, bytes) in synthetic::bundle_files("synthetic-en", "en", questions, topics) {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("cannot create {}: {e}", parent.display());
                std::process::exit(1);
            }
        }
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
    println!("wrote {questions} questions in {topics} topic(s) to {}", out.display());
}
