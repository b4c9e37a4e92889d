//! A generator of synthetic bundles for benchmarks and load checks: valid format-1 bundles of any
//! size, with varied, searchable text.

use sha2::{Digest, Sha256};

const WORDS: &[&str] = &[
    "liver",
    "immune",
    "therapy",
    "treatment",
    "doctor",
    "cancer",
    "spread",
    "side",
    "effects",
    "trial",
    "tumor",
    "checkpoint",
    "chemotherapy",
    "radiation",
    "surgery",
    "fatigue",
    "nausea",
    "appetite",
    "blood",
    "scan",
    "nurse",
    "visit",
    "medicine",
    "dose",
    "infusion",
    "rash",
    "cough",
    "fever",
    "pain",
    "sleep",
    "family",
    "support",
    "médico",
    "hígado",
    "tratamiento",
    "ensayo",
];

fn word(seed: usize) -> &'static str {
    WORDS[(seed.wrapping_mul(2_654_435_761) >> 7) % WORDS.len()]
}

fn sentence(seed: usize, words: usize) -> String {
    let mut text: Vec<&str> = (0..words).map(|i| word(seed * 31 + i * 7)).collect();
    text.push("care");
    let mut s = text.join(" ");
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// The files of a bundle `id` with `questions` questions spread over `topics` topics.
pub fn bundle_files(id: &str, language: &str, questions: usize, topics: usize) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut hashes = serde_json::Map::new();
    for i in 0..questions {
        let question = serde_json::json!({
            "id": format!("q-{i:05}"),
            "topic": format!("topic-{}", i % topics),
            "question": format!("{} number {i}?", sentence(i, 6)),
            "summary": format!("{}. {} [1].", sentence(i + 1, 14), sentence(i + 2, 10)),
            "sections": [{
                "heading": "What the research says",
                "paragraphs": [format!("{} [1].", sentence(i + 3, 40)), format!("{} [2].", sentence(i + 4, 30))]
            }],
            "ask_your_doctor": [sentence(i + 5, 8) + "?", sentence(i + 6, 8) + "?", sentence(i + 7, 8) + "?"],
            "references": [
                { "n": 1, "text": "Synthetic reference one.", "doi": "10.1000/synthetic.1" },
                { "n": 2, "text": "Synthetic reference two.", "pmid": "1" }
            ],
            "reviewed": "2026-01-01",
            "keywords": [word(i), word(i + 1), word(i + 2)]
        });
        let bytes = serde_json::to_vec(&question).expect("json serialises");
        let name = format!("questions/q-{i:05}.json");
        hashes.insert(name.clone(), hex::encode(Sha256::digest(&bytes)).into());
        files.push((name, bytes));
    }
    let topic_list: Vec<_> = (0..topics)
        .map(|t| serde_json::json!({ "id": format!("topic-{t}"), "title": format!("Topic {t}") }))
        .collect();
    let manifest = serde_json::json!({
        "format": 1, "id": id, "version": 1, "title": "Synthetic bundle", "publisher": "Benchmark",
        "language": language, "published": "2026-01-01", "disclaimer": "Synthetic content for benchmarks.",
        "topics": topic_list, "files": hashes
    });
    files.push((
        "manifest.json".into(),
        serde_json::to_vec_pretty(&manifest).expect("json serialises"),
    ));
    files
}
