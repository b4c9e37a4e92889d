//! `clinic-kiosk sheet`: the questions sheet for some answers, written to a PDF through the same
//! page the kiosk prints (a hidden window; needs a display).

use std::path::PathBuf;

use super::context::Context;
use super::failure::Failure;
use crate::print::Paper;
use crate::sheet_job::SheetJob;

pub(super) fn run(
    context: Context,
    out: PathBuf,
    questions: Vec<String>,
    language: String,
    paper: Paper,
) -> Result<(), Failure> {
    let store = context.open_store()?;
    for id in &questions {
        store.answer(id, &language)?;
    }
    drop(store);
    let out = std::path::absolute(&out)
        .map_err(|e| Failure::usage(format!("{} is not a usable path: {e}", out.display())))?;
    let job = SheetJob {
        questions,
        language,
        out,
        paper,
    };
    crate::app::run_sheet_job(&context.data_dir, context.settings, job).map_err(Failure::refused)
}
