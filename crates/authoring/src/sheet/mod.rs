//! The spreadsheet path: `bundle from-sheet` turns a filled-in spreadsheet (`.xlsx`, `.ods` or
//! `.csv`) into a bundle folder, and `bundle to-sheet` writes a bundle back as `.xlsx`. The layout
//! (documented in `docs/authoring.md`, template in `data/templates/`) lets any spreadsheet program
//! fill it: a `bundle` sheet of `key`/`value` rows and a `questions` sheet with one row per
//! question, several items in a cell one a line.
//!
//! Every problem names the cell to fix (`questions!D7: summary: …`): the reader's own (a missing
//! column, a reference it cannot read) and the engine's check of the result, placed back at the
//! cell each value came from. On any problem nothing is written.

mod grid;
mod layout;
mod problem;
mod read;
mod read_manifest;
mod write;

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits};
use serde::Serialize;

pub use problem::SheetProblem;

use crate::atomic::{write_new_folder, Staged};
use crate::draft::BundleDraft;
use crate::{Error, Result};

/// The bundle's fields for a `.csv` file, which holds only the questions. With `.xlsx` and
/// `.ods` they come from the `bundle` sheet and must not be given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetOptions {
    /// Bundle id.
    pub id: Option<String>,
    /// Version (default 1).
    pub version: Option<u32>,
    /// Title.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Publication date, `YYYY-MM-DD` (default today).
    pub published: Option<String>,
    /// Disclaimer.
    pub disclaimer: Option<String>,
    /// The reviewing clinician.
    pub reviewed_by: Option<String>,
    /// Topics, each `topic-id: Topic title`.
    pub topics: Vec<String>,
}

impl SheetOptions {
    fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        for (set, name) in [
            (self.id.is_some(), "--id"),
            (self.version.is_some(), "--version"),
            (self.title.is_some(), "--title"),
            (self.publisher.is_some(), "--publisher"),
            (self.language.is_some(), "--language"),
            (self.published.is_some(), "--published"),
            (self.disclaimer.is_some(), "--disclaimer"),
            (self.reviewed_by.is_some(), "--reviewed-by"),
            (!self.topics.is_empty(), "--topic"),
        ] {
            if set {
                given.push(name);
            }
        }
        given
    }
}

/// What `from-sheet` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct FromSheet {
    /// The bundle folder.
    pub out: PathBuf,
    /// The bundle id.
    pub id: String,
    /// Its version.
    pub version: u32,
    /// How many questions.
    pub questions: usize,
    /// The check's warnings (readability, unused references…), placed at their cells.
    pub warnings: Vec<SheetProblem>,
}

/// Reads a spreadsheet into a checked draft: every problem, placed at its cell, or the draft and
/// the check's warnings.
pub fn read_sheet(path: &Path, options: &SheetOptions) -> Result<(BundleDraft, Vec<SheetProblem>)> {
    let mut problems = Vec::new();
    let mut places = read::Places::default();
    let (manifest, questions) = match grid::kind_of(path)? {
        grid::Kind::Workbook => {
            for option in options.given() {
                problems.push(SheetProblem::new(
                    option,
                    "",
                    "is only for a .csv file; a .xlsx or .ods file gives it in its bundle sheet",
                ));
            }
            let mut grids = grid::read_workbook(path, &["bundle", "questions"])?.into_iter();
            let bundle = grids.next().and_then(|g| g.map_err(|p| problems.push(p)).ok());
            let questions = grids.next().and_then(|g| g.map_err(|p| problems.push(p)).ok());
            let manifest = bundle.map(|g| read_manifest::read_bundle_sheet(&g, &mut places, &mut problems));
            (manifest, questions)
        }
        grid::Kind::Csv => {
            let manifest = read_manifest::manifest_from_options(options, &mut places, &mut problems);
            let questions = grid::read_csv(path, "questions")?.map_err(|p| problems.push(p)).ok();
            (Some(manifest), questions)
        }
    };
    let before = problems.len();
    let questions = questions.map(|g| {
        let read = read::read_questions(&g, &mut places, &mut problems);
        if read.is_empty() && problems.len() == before {
            problems.push(SheetProblem::new(
                g.name.as_str(),
                "",
                "has no questions; add one row per question under the header row",
            ));
        }
        read
    });
    let (Some(manifest), Some(questions)) = (manifest, questions) else {
        return Err(Error::Sheet(problems));
    };
    if questions.is_empty() {
        return Err(Error::Sheet(problems));
    }
    let mut draft = BundleDraft { manifest, questions };
    draft.keep_question_order();
    let validation = draft.validate()?;
    for error in &validation.report.errors {
        let placed = places.place(error);
        let head = |field: &str| field.split(['[', '.']).next().unwrap_or_default().to_string();
        let already = problems
            .iter()
            .any(|p| p.place == placed.place && head(&p.field) == head(&placed.field));
        if !already {
            problems.push(placed);
        }
    }
    if !problems.is_empty() {
        return Err(Error::Sheet(problems));
    }
    let warnings = validation.report.warnings.iter().map(|w| places.place(w)).collect();
    Ok((draft, warnings))
}

/// Turns the spreadsheet at `path` into the new bundle folder `out` (which must not exist, or be
/// empty). On any problem nothing is written.
pub fn from_sheet(path: &Path, out: &Path, options: &SheetOptions) -> Result<FromSheet> {
    crate::atomic::check_free(out)?;
    let (draft, warnings) = read_sheet(path, options)?;
    write_new_folder(out, &draft.to_files()?)?;
    Ok(FromSheet {
        out: out.to_path_buf(),
        id: draft.manifest.id.clone(),
        version: draft.manifest.version,
        questions: draft.questions.len(),
        warnings,
    })
}

/// What `to-sheet` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ToSheet {
    /// The spreadsheet.
    pub out: PathBuf,
    /// The bundle id.
    pub id: String,
    /// How many questions (one row each).
    pub questions: usize,
}

/// The `.xlsx` bytes of a draft in the spreadsheet layout, or every `question ID: FIELD: why` the
/// layout cannot hold without changing it.
pub fn draft_to_xlsx(draft: &BundleDraft) -> Result<Vec<u8>> {
    let refusals = write::refusals(draft);
    if !refusals.is_empty() {
        return Err(Error::CannotHold(refusals));
    }
    write::workbook(draft).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// Writes the valid bundle at `bundle` (folder or zip) as the new spreadsheet `out` (`.xlsx`).
pub fn to_sheet(bundle: &Path, out: &Path) -> Result<ToSheet> {
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Error::Usage(format!(
            "{} must end in .xlsx: to-sheet writes an Excel workbook, which LibreOffice and Google Sheets open too",
            out.display()
        )));
    }
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(Error::Exists(out.to_path_buf()));
    }
    let files = BundleFiles::read_path(bundle, Limits::default())?;
    let valid = validate(&files).into_bundle()?;
    let draft = BundleDraft::from_bundle(&valid);
    let bytes = draft_to_xlsx(&draft)?;
    Staged::new(out, &bytes)?.commit()?;
    Ok(ToSheet {
        out: out.to_path_buf(),
        id: draft.manifest.id,
        questions: draft.questions.len(),
    })
}

#[cfg(test)]
mod ods_tests;
#[cfg(test)]
mod order_tests;
#[cfg(test)]
mod tests;
