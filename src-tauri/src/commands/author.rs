//! The content editor's commands (`clinic-kiosk author DIR`). Each is a thin adapter over the
//! engine's authoring code: the live check of a question being written
//! (`kiosk_core::draft::check_draft_among`), reading the bundle folder, and saving and packing it. They
//! reach only [`AuthorState`] — the one bundle folder — and never the kiosk's store, and only the
//! editor window is granted them (`capabilities/author.json`).

use kiosk_core::draft::{check_draft_among, DraftBundle, DraftCheck};
use serde::Serialize;
use serde_json::Value;
use tauri::State;

use super::patient::ui_strings;
use crate::author_files::{self, Saved};
use crate::author_window::AuthorState;
use crate::error::CommandError;

/// What the editor needs to start: the folder it edits and the interface strings of the
/// language it previews in (the answer view's headings, in the bundle's language).
#[derive(Debug, Serialize)]
pub struct AuthorInfo {
    /// The bundle folder, as an absolute path.
    pub dir: String,
    /// The language of `strings`.
    pub language: String,
    /// The patient screens' interface strings, for the preview.
    pub strings: Value,
}

#[tauri::command]
pub(crate) fn author_info(state: State<'_, AuthorState>, language: String) -> AuthorInfo {
    let (language, strings) = ui_strings(&language);
    AuthorInfo {
        dir: state.dir.display().to_string(),
        language,
        strings,
    }
}

/// The bundle in the folder, or `null` when the folder holds none yet.
#[tauri::command(async)]
pub(crate) fn author_open(state: State<'_, AuthorState>) -> Result<Option<DraftBundle>, CommandError> {
    Ok(kiosk_core::draft::open_folder(&state.dir)?)
}

/// Starts a bundle in the (empty or new) folder with the starter content, and opens it.
#[tauri::command(async)]
pub(crate) fn author_new(
    state: State<'_, AuthorState>,
    id: String,
    language: String,
    title: String,
    publisher: String,
) -> Result<Option<DraftBundle>, CommandError> {
    let choices = authoring::NewBundle {
        id,
        language,
        title,
        publisher,
    };
    author_files::start(&state.dir, choices)
}

/// Writes the forms into the folder with the manifest's file list, and checks the folder.
#[tauri::command(async)]
pub(crate) fn author_save(
    state: State<'_, AuthorState>,
    manifest: Value,
    questions: Vec<Value>,
) -> Result<Saved, CommandError> {
    author_files::save(&state.dir, &manifest, &questions)
}

/// Packs the saved folder into a zip (checked, optionally a new version, signed).
#[tauri::command(async)]
pub(crate) fn author_export(
    state: State<'_, AuthorState>,
    out: String,
    key: String,
    password: String,
    bump: bool,
) -> Result<authoring::PackReport, CommandError> {
    author_files::export(&state.dir, &out, &key, &password, bump)
}

/// Closes the editor window: the page calls it when nothing is unsaved or staff chose to discard it.
#[tauri::command]
pub(crate) fn author_close<R: tauri::Runtime>(
    window: tauri::WebviewWindow<R>,
    state: State<'_, AuthorState>,
) -> Result<(), CommandError> {
    state.allow_close();
    window.close().map_err(|_| CommandError::internal())
}

/// Grades, problems, citation checks and the preview of one question as it is typed; `others`
/// are the ids of the bundle's other questions, so a repeated id is named at once.
#[tauri::command]
pub(crate) fn author_check(manifest: Value, question: Value, others: Option<Vec<String>>) -> DraftCheck {
    check_draft_among(&manifest, &question, &others.unwrap_or_default())
}
