//! Content bundle formats 1 to 3: reading, validation and the validated model.
//!
//! The pipeline is parse, then validate, then act: [`BundleFiles`] holds the raw bytes read from a
//! folder, a zip or memory (with every size limit enforced while reading, the manifest and its
//! signature first); [`validate`] checks
//! everything at once and yields a [`Bundle`] or every [`Problem`] found; only a [`Bundle`] can be
//! written to the store. The format is documented for publishers in `docs/bundle-format.md`.

mod check;
mod citations;
mod files;
mod model;
mod order;
mod problem;
mod question;
mod reader;
mod scores;
mod validate;

pub(crate) use check::{Checker, ORDER_FORMAT, REVIEW_FORMAT};
pub(crate) use citations::{cited_numbers, strip_markers};
pub use citations::{parse_segments, Segment};
pub use files::{printable, BundleFiles, Gate, Limits, MANIFEST, SIGNATURE};
pub use model::{Bundle, Manifest, Question, Reference, Section, Topic};
pub use order::{alphabetical, display_order, list_to_write, listed_positions};
pub use problem::{Problem, QuestionReadability, ReadabilityScore, SectionReadability, ValidationReport, MAX_LISTED};
pub use question::QUESTION_FIELDS;
pub(crate) use question::{check_question, QuestionContext};
pub use reader::open_regular;
pub(crate) use scores::{measure, score_section, score_text};
pub use validate::{validate, Validation, MANIFEST_FIELDS, NEWEST_FORMAT};

/// SHA-256 of some bytes, as lowercase hex: the fingerprint `files` lists.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    validate::sha256_hex(bytes)
}

/// SHA-256 of a file's bytes, as lowercase hex.
pub fn sha256_file(path: &std::path::Path) -> crate::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    std::io::copy(&mut open_regular(path)?, &mut hasher)?;
    Ok(hex::encode(hasher.finalize()))
}

#[cfg(test)]
mod format_tests;
