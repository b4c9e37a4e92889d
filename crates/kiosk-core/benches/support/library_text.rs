//! Large bundles made of the real sample library's text, for the search and import benchmarks.
//!
//! A synthetic vocabulary makes every word match thousands of questions and no word rare, which is
//! not what patients meet: the real library's words are few and skewed (many "cancer", one
//! "dMMR"). So each generated question takes its title from a real question or a real "ask your
//! doctor" item, its keywords, topic, urgent signs and references from a real question, and its
//! summary and paragraphs from real sentences of the same language, drawn at random (seeded, so
//! every run builds the same library).

use kiosk_core::bundle::{parse_segments, Segment};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The text of one language of the sample library, cut into parts to recombine.
pub struct Source {
    /// The language tag, e.g. `en`.
    pub language: String,
    /// The real questions, as written.
    pub questions: Vec<Value>,
    /// The manifest's topics.
    topics: Value,
    /// Question titles and "ask your doctor" items: everything a title can be.
    titles: Vec<String>,
    /// Every sentence of every summary and paragraph, without citation markers.
    sentences: Vec<String>,
    /// Section headings.
    headings: Vec<String>,
}

/// A deterministic generator (SplitMix64), so two runs build the same library.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The folder of the sample library's bundle for `language` (`data/bundles/oncology-LANG`).
pub fn sample_bundle_dir(language: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/bundles")
        .join(format!("oncology-{language}"))
}

impl Source {
    /// Reads the sample library's bundle for `language`.
    pub fn load(language: &str) -> Source {
        let dir = sample_bundle_dir(language);
        let manifest: Value = read_json(&dir.join("manifest.json"));
        let mut names: Vec<_> = std::fs::read_dir(dir.join("questions"))
            .expect("the sample library's questions folder")
            .map(|entry| entry.expect("a folder entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        names.sort();
        let questions: Vec<Value> = names.iter().map(|path| read_json(path)).collect();
        let mut source = Source {
            language: language.to_string(),
            topics: manifest["topics"].clone(),
            questions: Vec::new(),
            titles: Vec::new(),
            sentences: Vec::new(),
            headings: Vec::new(),
        };
        for question in &questions {
            source.titles.push(text(&question["question"]));
            source.titles.extend(strings(&question["ask_your_doctor"]));
            source.sentences.extend(sentences(&text(&question["summary"])));
            for section in question["sections"].as_array().into_iter().flatten() {
                source.headings.push(text(&section["heading"]));
                for paragraph in strings(&section["paragraphs"]) {
                    source.sentences.extend(sentences(&paragraph));
                }
            }
        }
        source.questions = questions;
        source
    }

    /// The files of a valid bundle `id` of `count` questions, ids prefixed with `prefix`.
    pub fn bundle_files(&self, id: &str, prefix: &str, count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
        let mut rng = Rng::new(seed);
        let mut files = Vec::with_capacity(count + 1);
        let mut hashes = serde_json::Map::new();
        for i in 0..count {
            let base = rng.pick(&self.questions);
            let mut question = json!({
                "id": format!("{prefix}-{i:05}"),
                "topic": base["topic"],
                "question": rng.pick(&self.titles),
                "summary": self.paragraph(&mut rng, 3),
                "sections": [
                    { "heading": rng.pick(&self.headings), "paragraphs": [self.paragraph(&mut rng, 4), self.paragraph(&mut rng, 3)] },
                    { "heading": rng.pick(&self.headings), "paragraphs": [self.paragraph(&mut rng, 4)] }
                ],
                "ask_your_doctor": [rng.pick(&self.titles), rng.pick(&self.titles), rng.pick(&self.titles)],
                "references": [base["references"][0]],
                "reviewed": "2026-11-30",
                "keywords": base["keywords"],
            });
            if let Some(urgent) = base.get("urgent") {
                question["urgent"] = urgent.clone();
            }
            let bytes = serde_json::to_vec_pretty(&question).expect("json serialises");
            let name = format!("questions/{prefix}-{i:05}.json");
            hashes.insert(name.clone(), hex::encode(Sha256::digest(&bytes)).into());
            files.push((name, bytes));
        }
        let manifest = json!({
            "format": 2, "id": id, "version": 1, "title": "Benchmark library", "publisher": "Benchmark",
            "language": self.language, "published": "2026-11-30",
            "disclaimer": "Sentences of the sample library recombined for benchmarks.",
            "topics": self.topics, "files": hashes
        });
        files.push((
            "manifest.json".into(),
            serde_json::to_vec_pretty(&manifest).expect("json serialises"),
        ));
        files
    }

    /// `n` random sentences, the last citing reference 1.
    fn paragraph(&self, rng: &mut Rng, n: usize) -> String {
        let picked: Vec<&str> = (0..n).map(|_| rng.pick(&self.sentences).as_str()).collect();
        let mut text = picked.join(" ");
        let end = text.pop().unwrap_or('.');
        text.push_str(" [1]");
        text.push(end);
        text
    }
}

/// Writes `files` under `dir` (a bundle folder, as a publisher hands it over).
#[allow(dead_code)] // the import benchmark's; the search benchmark builds bundles in memory
pub fn write_folder(dir: &std::path::Path, files: &[(String, Vec<u8>)]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("bundle folder");
        std::fs::write(&path, bytes).expect("bundle file");
    }
}

fn read_json(path: &std::path::Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().into_iter().flatten().map(text).collect()
}

/// The sentences of `text` without citation markers (a sentence ends at `.`, `?` or `!` before a
/// space or the end).
fn sentences(text: &str) -> Vec<String> {
    let plain: String = parse_segments(text)
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Text(t) => Some(t),
            Segment::Cite(_) => None,
        })
        .collect::<Vec<_>>()
        .concat();
    let plain = plain.replace(" .", ".").replace(" ,", ",");
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|next| next.is_whitespace()) {
            let sentence = current.trim();
            if sentence.split_whitespace().count() >= 3 {
                out.push(sentence.to_string());
            }
            current.clear();
        }
    }
    out
}
