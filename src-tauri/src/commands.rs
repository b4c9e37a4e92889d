//! Tauri commands: thin adapters from the UI to the content store. Each takes its arguments,
//! makes one store call under the lock, and maps errors to the `{code, message}` shape the UI
//! knows (`ui/js/api.js` mirrors the codes).

use std::sync::Mutex;

use kiosk_core::store::{Answer, Page, QuestionEntry, SearchHit, Store, TopicEntry};
use serde::Serialize;
use tauri::State;

/// The app's one managed state.
pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    /// Wraps an open store.
    pub fn new(store: Store) -> Self {
        AppState {
            store: Mutex::new(store),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&Store) -> kiosk_core::Result<T>) -> Result<T, CommandError> {
        let store = self.store.lock().map_err(|_| CommandError::internal())?;
        f(&store).map_err(CommandError::from)
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    /// A stable code, e.g. `not_found`.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
}

impl CommandError {
    fn internal() -> Self {
        CommandError {
            code: "internal".into(),
            message: "The kiosk had a problem. Please try again, or ask at the front desk.".into(),
        }
    }
}

impl From<kiosk_core::Error> for CommandError {
    fn from(error: kiosk_core::Error) -> Self {
        tracing::warn!(%error, "command failed");
        CommandError {
            code: error.code().as_str().into(),
            message: error.to_string(),
        }
    }
}

/// Facts about the app and the interface text for a language.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    /// Product name.
    pub name: &'static str,
    /// App version.
    pub version: &'static str,
    /// The language the strings are in.
    pub language: String,
    /// Interface text, key to string.
    pub strings: serde_json::Value,
}

const STRINGS_EN: &str = include_str!("../../ui/i18n/en.json");
const STRINGS_ES: &str = include_str!("../../ui/i18n/es.json");

/// The interface strings for a language; English when there is no translation.
pub(crate) fn ui_strings(language: &str) -> (String, serde_json::Value) {
    let (lang, raw) = match language.split('-').next().unwrap_or_default() {
        "es" => ("es", STRINGS_ES),
        _ => ("en", STRINGS_EN),
    };
    (lang.to_string(), serde_json::from_str(raw).unwrap_or_default())
}

#[tauri::command]
pub(crate) fn app_info(language: String) -> AppInfo {
    let (language, strings) = ui_strings(&language);
    AppInfo {
        name: "Clinic Kiosk",
        version: env!("CARGO_PKG_VERSION"),
        language,
        strings,
    }
}

#[tauri::command(async)]
pub(crate) fn list_topics(state: State<'_, AppState>, language: String) -> Result<Vec<TopicEntry>, CommandError> {
    state.with(|store| store.topics(&language))
}

#[tauri::command(async)]
pub(crate) fn list_questions(
    state: State<'_, AppState>,
    language: String,
    bundle_id: String,
    topic: String,
    offset: u32,
    limit: u32,
) -> Result<Page<QuestionEntry>, CommandError> {
    state.with(|store| store.questions(&language, &bundle_id, &topic, offset, limit.min(200)))
}

#[tauri::command(async)]
pub(crate) fn get_question(state: State<'_, AppState>, language: String, id: String) -> Result<Answer, CommandError> {
    state.with(|store| store.answer(&id, &language))
}

#[tauri::command(async)]
pub(crate) fn search(
    state: State<'_, AppState>,
    language: String,
    query: String,
) -> Result<Vec<SearchHit>, CommandError> {
    state.with(|store| store.search(&query, &language, 50))
}
