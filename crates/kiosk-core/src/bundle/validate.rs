//! Checks a bundle's files against the bundle format and builds the validated [`Bundle`].
//! Every problem is collected, so a publisher fixes them all in one pass.
//!
//! Format 2 adds two optional fields, `reviewed_by` (manifest) and `urgent` (question). Kiosks
//! refuse unknown fields, so a bundle that uses either must say `"format": 2`: a kiosk that reads
//! only format 1 then refuses it as a whole, saying it needs an update, instead of failing on a
//! field. A bundle that uses neither stays format 1, readable by every kiosk. Format 3 adds a
//! topic's `questions`, the display order of its questions (`order.rs`), under the same rule.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::check::{
    join, more_than_needed, needed_format, needs_format_2, parse_json, Checker, BUNDLE_ID_LEN, ORDER_FORMAT,
    REVIEW_FORMAT,
};
use super::files::{BundleFiles, MANIFEST};
use super::model::{Bundle, Manifest, Question, Topic};
use super::order;
use super::problem::{Problem, QuestionReadability, ValidationReport};
use super::question::{check_question, QuestionContext};
use super::scores::measure;
use crate::{Error, Result};

/// The newest bundle format this kiosk reads; it reads every format from 1 up to this one.
pub const NEWEST_FORMAT: u32 = ORDER_FORMAT;
const MAX_QUESTIONS: usize = 10_000;

/// A manifest's fields, in the order the format documents them; no others are allowed.
pub const MANIFEST_FIELDS: &[&str] = &[
    "format",
    "id",
    "version",
    "title",
    "publisher",
    "language",
    "published",
    "disclaimer",
    "reviewed_by",
    "topics",
    "files",
];

/// The outcome of validation: the report, and the bundle when there were no errors.
#[derive(Debug)]
pub struct Validation {
    /// Errors, warnings and readability scores.
    pub report: ValidationReport,
    bundle: Option<Bundle>,
}

impl Validation {
    /// The valid bundle, or `None` when the report has errors.
    pub fn bundle(&self) -> Option<&Bundle> {
        self.bundle.as_ref()
    }

    /// The valid bundle, or [`Error::InvalidBundle`] with every error.
    pub fn into_bundle(self) -> Result<Bundle> {
        match self.bundle {
            Some(bundle) => Ok(bundle),
            None => Err(Error::InvalidBundle(self.report.errors)),
        }
    }
}

/// Validates a bundle's files as a whole.
pub fn validate(files: &BundleFiles) -> Validation {
    validate_up_to(files, NEWEST_FORMAT)
}

/// [`validate`] as a kiosk that reads formats 1 to `newest_format` would: how the message an older
/// kiosk gives for a newer bundle is tested.
pub(super) fn validate_up_to(files: &BundleFiles, newest_format: u32) -> Validation {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut questions = Vec::new();
    let mut readability = Vec::new();
    let (mut omitted_errors, mut omitted_warnings) = (0, 0);
    let parts = check_manifest(files, newest_format, &mut errors);
    if let Some(parts) = &parts {
        if let Some(file_list) = &parts.files {
            check_file_list(files, file_list, &mut errors);
        }
        let question_files: Vec<(&str, &[u8])> = files.iter().filter(|(name, _)| is_question_file(name)).collect();
        if question_files.is_empty() {
            errors.push(Problem::new(
                MANIFEST,
                "",
                "the bundle has no questions; add questions/<id>.json files",
            ));
        }
        if question_files.len() > MAX_QUESTIONS {
            errors.push(Problem::new(
                MANIFEST,
                "",
                format!(
                    "the bundle has {} questions; at most {MAX_QUESTIONS} are allowed",
                    question_files.len()
                ),
            ));
        } else {
            let context = QuestionContext {
                topics: parts.topics.as_deref(),
                format: parts.format,
            };
            for checked in check_questions(&question_files, &context, &parts.language) {
                errors.extend(checked.errors);
                warnings.extend(checked.warnings);
                if let Some((question, scores)) = checked.question {
                    readability.push(scores);
                    questions.push(question);
                }
                Problem::cap(&mut errors, &mut omitted_errors);
                Problem::cap(&mut warnings, &mut omitted_warnings);
            }
        }
        if let Some(topics) = &parts.topics {
            warn_empty_topics(topics, &questions, &mut warnings);
            let ids = question_files
                .iter()
                .filter_map(|(name, _)| question_stem(name))
                .collect();
            order::check_lists(topics, &ids, &questions, &mut errors);
        }
        let needed = needed_format(parts.reviewed_by, parts.topics.as_deref(), &questions);
        if parts.format > needed && parts.topics.is_some() {
            warnings.push(Problem::new(MANIFEST, "format", more_than_needed(parts.format, needed)));
        }
    }
    for (list, omitted) in [
        (&mut errors, &mut omitted_errors),
        (&mut warnings, &mut omitted_warnings),
    ] {
        Problem::cap(list, omitted);
        if *omitted > 0 {
            list.push(Problem::omitted(*omitted));
        }
    }
    let bundle = match parts.and_then(|p| p.manifest) {
        Some(manifest) if errors.is_empty() => Some(Bundle {
            manifest_sha256: sha256_hex(files.get(MANIFEST).unwrap_or_default()),
            manifest,
            questions,
        }),
        _ => None,
    };
    Validation {
        report: ValidationReport {
            errors,
            warnings,
            readability,
        },
        bundle,
    }
}

/// One question file checked and scored.
struct CheckedQuestion {
    question: Option<(Question, QuestionReadability)>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// Questions are checked and scored independently of each other, so the files are shared out
/// among the CPU's cores (at most four threads); results come back in file order, so the
/// report is the same as one thread's.
fn check_questions(files: &[(&str, &[u8])], context: &QuestionContext<'_>, language: &str) -> Vec<CheckedQuestion> {
    let check = |(name, bytes): &(&str, &[u8])| {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        let question = check_question(name, bytes, context, &mut errors, &mut warnings).map(|question| {
            let scores = measure(name, &question, language, &mut warnings);
            (question, scores)
        });
        CheckedQuestion {
            question,
            errors,
            warnings,
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4);
    if threads == 1 || files.len() < 64 {
        return files.iter().map(check).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// What could be read from the manifest: the whole of it when valid, and the parts the question
/// checks need even when some other field is wrong, so every problem is found in one pass.
struct ManifestParts {
    manifest: Option<Manifest>,
    format: u32,
    reviewed_by: bool,
    topics: Option<Vec<Topic>>,
    files: Option<BTreeMap<String, String>>,
    language: String,
}

fn check_manifest(files: &BundleFiles, newest_format: u32, errors: &mut Vec<Problem>) -> Option<ManifestParts> {
    let Some(bytes) = files.get(MANIFEST) else {
        errors.push(Problem::new(
            MANIFEST,
            "",
            "is missing; a bundle needs manifest.json at its root (or in its one top folder)",
        ));
        return None;
    };
    let value = parse_json(MANIFEST, bytes, errors)?;
    let mut c = Checker::new(MANIFEST, errors);
    // The format first, alone: fields of a format this kiosk does not know are not judged.
    let format = match value.as_object().and_then(|map| map.get("format")) {
        Some(declared) => Some(check_format(&mut c, declared, newest_format)?),
        None => None,
    };
    let map = c.object("", &value, MANIFEST_FIELDS)?;
    let format = format.or_else(|| {
        c.report("format", "is required");
        None
    })?;
    let id = c.required(map, "", "id").and_then(|v| c.id("id", v, BUNDLE_ID_LEN));
    let version = c
        .required(map, "", "version")
        .and_then(|v| c.integer("version", v, 1, u64::from(u32::MAX)));
    let title = c.required(map, "", "title").and_then(|v| c.string("title", v, 1, 200));
    let publisher = c
        .required(map, "", "publisher")
        .and_then(|v| c.string("publisher", v, 1, 300));
    let language = c.required(map, "", "language").and_then(|v| {
        let tag = c.string("language", v, 1, 35)?;
        match language_tags::LanguageTag::parse(&tag) {
            Ok(_) => Some(tag),
            Err(_) => {
                c.report(
                    "language",
                    format!("must be a BCP 47 language tag such as en, es or pt-BR; found {tag:?}"),
                );
                None
            }
        }
    });
    let published = c.required(map, "", "published").and_then(|v| c.date("published", v));
    let disclaimer = c
        .required(map, "", "disclaimer")
        .and_then(|v| c.string("disclaimer", v, 1, 2000));
    let reviewed_by = match map.get("reviewed_by") {
        None => Some(None),
        Some(_) if format < REVIEW_FORMAT => {
            c.report("reviewed_by", needs_format_2("reviewed_by", format));
            None
        }
        Some(v) => c.string("reviewed_by", v, 1, 300).map(Some),
    };
    let topics = c
        .required(map, "", "topics")
        .and_then(|v| check_topics(&mut c, v, format));
    let file_list = c.required(map, "", "files").and_then(|v| check_file_hashes(&mut c, v));
    let manifest = (|| {
        Some(Manifest {
            format,
            id: id?,
            version: u32::try_from(version?).ok()?,
            title: title?,
            publisher: publisher?,
            language: language.clone()?,
            published: published?,
            disclaimer: disclaimer?,
            reviewed_by: reviewed_by.clone()?,
            topics: topics.clone()?,
            files: file_list.clone()?,
        })
    })();
    Some(ManifestParts {
        manifest,
        format,
        reviewed_by: map.contains_key("reviewed_by"),
        topics,
        files: file_list,
        language: language.unwrap_or_default(),
    })
}

/// The declared format, or a problem that says what to do: a newer format needs a newer kiosk.
/// Nothing else is checked when it is wrong, since a kiosk cannot judge fields of a format it
/// does not know.
fn check_format(c: &mut Checker<'_>, value: &Value, newest_format: u32) -> Option<u32> {
    match value.as_u64() {
        Some(n) if (1..=u64::from(newest_format)).contains(&n) => u32::try_from(n).ok(),
        Some(n) if n > u64::from(newest_format) => {
            c.report(
                "format",
                format!(
                    "is {n}, but this kiosk reads bundle formats 1 to {newest_format}: this kiosk needs an update to read it. \
                     Ask IT to install the newer Clinic Kiosk, or ask the publisher for a format-{newest_format} copy"
                ),
            );
            None
        }
        _ => {
            c.report(
                "format",
                format!("must be a whole number from 1 to {newest_format}, found {value}"),
            );
            None
        }
    }
}

fn check_topics(c: &mut Checker<'_>, value: &Value, format: u32) -> Option<Vec<Topic>> {
    let items = c.array("topics", value, 1, 200)?;
    let mut topics = Vec::new();
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let field = format!("topics[{i}]");
        let Some(map) = c.object(&field, item, &["id", "title", "questions"]) else {
            ok = false;
            continue;
        };
        let id = c
            .required(map, &field, "id")
            .and_then(|v| c.id(&join(&field, "id"), v, BUNDLE_ID_LEN));
        let title = c
            .required(map, &field, "title")
            .and_then(|v| c.string(&join(&field, "title"), v, 1, 120));
        let questions = order::read_list(c, &field, map, format);
        match (id, title, questions) {
            (Some(id), Some(title), Some(questions)) => {
                if !seen.insert(id.clone()) {
                    c.report(&join(&field, "id"), format!("topic id {id:?} appears twice"));
                    ok = false;
                }
                topics.push(Topic { id, title, questions });
            }
            _ => ok = false,
        }
    }
    ok.then_some(topics)
}

/// The `files` map. A malformed hash is reported and kept as written, so the listing and hash
/// checks still run for every file (the bundle is refused either way).
fn check_file_hashes(c: &mut Checker<'_>, value: &Value) -> Option<BTreeMap<String, String>> {
    let Some(map) = value.as_object() else {
        c.report("files", "must be an object of relative path to SHA-256");
        return None;
    };
    let mut files = BTreeMap::new();
    for (path, hash) in map {
        let field = format!("files[{path}]");
        let text = hash.as_str().unwrap_or_default();
        if path == MANIFEST {
            c.report(&field, "the manifest cannot list itself");
            continue;
        }
        if !(text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))) {
            c.report(&field, "must be the file's SHA-256 as 64 lowercase hex digits");
        }
        files.insert(path.clone(), text.to_string());
    }
    Some(files)
}

/// Every file present is listed, every listed file is present, and every hash matches.
fn check_file_list(files: &BundleFiles, listed: &BTreeMap<String, String>, errors: &mut Vec<Problem>) {
    for (name, bytes) in files.iter().filter(|(name, _)| *name != MANIFEST) {
        match listed.get(name) {
            None => errors.push(Problem::new(
                name,
                "",
                "is not listed in manifest.json files; list it with its SHA-256, or remove it",
            )),
            Some(expected) => {
                let actual = sha256_hex(bytes);
                if &actual != expected {
                    errors.push(Problem::new(
                        name,
                        "",
                        format!("its SHA-256 is {actual} but manifest.json lists {expected}; the file was changed or damaged"),
                    ));
                }
            }
        }
    }
    for name in listed.keys() {
        if files.get(name).is_none() {
            errors.push(Problem::new(
                MANIFEST,
                format!("files[{name}]"),
                "is listed but missing from the bundle",
            ));
        }
    }
}

fn warn_empty_topics(topics: &[Topic], questions: &[Question], warnings: &mut Vec<Problem>) {
    for (i, topic) in topics.iter().enumerate() {
        if !questions.iter().any(|q| q.topic == topic.id) {
            warnings.push(Problem::new(
                MANIFEST,
                format!("topics[{i}]"),
                format!("topic {:?} has no questions and will not be shown", topic.id),
            ));
        }
    }
}

fn is_question_file(name: &str) -> bool {
    question_stem(name).is_some()
}

/// The id a question file is named by: `questions/<id>.json`.
fn question_stem(name: &str) -> Option<&str> {
    name.strip_prefix("questions/")
        .and_then(|rest| rest.strip_suffix(".json"))
        .filter(|stem| !stem.is_empty() && !stem.contains('/'))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
