//! The patient's commands: interface text and settings, topics, questions, answers, search, the
//! sheet's QR codes and printing, and the command-line sheet job. Each takes its arguments, makes
//! one store call under the lock and maps errors to the `{code, message}` shape the UI knows
//! ([`crate::error`]).

use kiosk_core::store::{Answer, Page, QuestionEntry, SearchResults, Store, TopicEntry};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::error::{CommandError, ErrorCode};
use crate::print::{print_window, PrintTarget};
use crate::sheet_job::SheetJob;
use crate::state::AppState;

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
    /// The clinic's name for the sheet, if set.
    pub clinic_name: Option<String>,
    /// Seconds without a touch before "Are you still there?".
    pub idle_seconds: u32,
    /// Seconds of countdown before the reset.
    pub idle_warning_seconds: u32,
    /// The language a patient sees first and after every reset.
    pub default_language: String,
    /// Whether the window is locked down (`--kiosk`).
    pub kiosk: bool,
    /// Whether systemd runs the app (the kiosk service): leaving kiosk mode then restarts it.
    pub service: bool,
}

const STRINGS_EN: &str = include_str!("../../../ui/i18n/en.json");
const STRINGS_ES: &str = include_str!("../../../ui/i18n/es.json");

/// The interface strings for a language; English when there is no translation.
pub(crate) fn ui_strings(language: &str) -> (String, serde_json::Value) {
    let (lang, raw) = match language.split('-').next().unwrap_or_default() {
        "es" => ("es", STRINGS_ES),
        _ => ("en", STRINGS_EN),
    };
    (lang.to_string(), serde_json::from_str(raw).unwrap_or_default())
}

/// What the page needs to draw Home, in one round trip: a sheet job (command line) if any, the
/// interface text and settings in the default language, and that language's topics.
#[derive(Debug, Serialize)]
pub struct Startup {
    /// A sheet to render and print at once (command line), if any.
    pub sheet: Option<SheetJob>,
    /// What `app_info` gives for the default language.
    pub info: AppInfo,
    /// Home's topics in that language.
    pub topics: Vec<TopicEntry>,
}

#[tauri::command]
pub(crate) fn app_info(state: State<'_, AppState>, language: String) -> AppInfo {
    info_for(&state, &language)
}

fn info_for(state: &AppState, language: &str) -> AppInfo {
    let (language, strings) = ui_strings(language);
    let settings = state.settings();
    AppInfo {
        name: "Clinic Kiosk",
        version: env!("CARGO_PKG_VERSION"),
        language,
        strings,
        idle_seconds: settings.idle_seconds(),
        idle_warning_seconds: settings.idle_warning_seconds(),
        default_language: ui_strings(settings.default_language()).0,
        kiosk: settings.kiosk,
        service: crate::service::under_systemd(),
        clinic_name: settings.clinic_name,
    }
}

#[tauri::command(async)]
pub(crate) fn startup(state: State<'_, AppState>) -> Result<Startup, CommandError> {
    let info = info_for(&state, state.settings().default_language());
    let topics = state.with(|store| store.topics(&info.language))?;
    Ok(Startup {
        sheet: state.sheet_job.clone(),
        info,
        topics,
    })
}

#[tauri::command]
pub(crate) fn qr_code(address: String) -> Result<String, CommandError> {
    crate::qr::qr_data_url(&address).map_err(|message| CommandError::new(ErrorCode::InvalidAddress, message))
}

/// Prints the sheet the page has laid out to the kiosk's printer, without a dialog, and counts it.
#[tauri::command]
pub(crate) async fn print_sheet<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<(), CommandError> {
    let printer = printers::ready_printer(state.settings().printer.as_deref()).map_err(|e| {
        tracing::warn!(error = %e, "cannot print");
        CommandError::new(ErrorCode::PrinterUnavailable, e.to_string())
    })?;
    print_window(&window, PrintTarget::Printer(printer.clone()))
        .await
        .map(|()| state.count(Store::record_sheet_print))
        .map_err(|message| {
            tracing::warn!(%printer, %message, "printing failed");
            CommandError::new(ErrorCode::PrinterUnavailable, message)
        })
}

/// The command-line sheet job (`clinic-kiosk sheet`): prints the laid-out sheet to the job's PDF
/// file, reports on the terminal and exits. Counts nothing: no patient printed it.
#[tauri::command]
pub(crate) async fn write_sheet_job<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<(), CommandError> {
    let Some(job) = &state.sheet_job else {
        return Err(CommandError::new(
            ErrorCode::Internal,
            "There is no sheet to write: this window was not started by `clinic-kiosk sheet`.",
        ));
    };
    let target = PrintTarget::PdfFile {
        path: job.out.clone(),
        paper: job.paper,
    };
    let code = crate::sheet_job::report(&job.out, print_window(&window, target).await);
    app.exit(code.code());
    Ok(())
}

/// After the idle reset: ends the page's web process and loads the page again in a fresh one, on
/// the attract screen ([`crate::fresh_page`]). The page has already forgotten the patient.
#[tauri::command]
pub(crate) fn renew_page<R: Runtime>(window: WebviewWindow<R>) -> Result<(), CommandError> {
    crate::fresh_page::renew(&window).map_err(|message| {
        tracing::warn!(%message, "no fresh page for the next patient");
        CommandError::new(
            ErrorCode::Internal,
            "The kiosk could not start a fresh page; it goes on with this one.",
        )
    })
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

/// Reads an answer without counting it: the sheet, "My questions", the English-fallback check and
/// the command-line sheet read answers too, and none of them is a patient opening one.
#[tauri::command(async)]
pub(crate) fn get_question(state: State<'_, AppState>, language: String, id: String) -> Result<Answer, CommandError> {
    state.with(|store| store.answer(&id, &language))
}

/// The patient opens an answer (the answer screen, and only it): reads it and counts one open.
#[tauri::command(async)]
pub(crate) fn open_answer(state: State<'_, AppState>, language: String, id: String) -> Result<Answer, CommandError> {
    let answer = state.with(|store| store.answer(&id, &language))?;
    state.count(|store| store.record_question_open(&answer.id, &answer.language));
    Ok(answer)
}

/// The best matches as the patient types; when a misspelled word was corrected, the results say
/// which words they are for ("Showing results for …").
#[tauri::command(async)]
pub(crate) fn search(
    state: State<'_, AppState>,
    language: String,
    query: String,
) -> Result<SearchResults, CommandError> {
    state.with(|store| store.search_corrected(&query, &language, 50))
}
