//! Tauri commands: thin adapters from the UI to the content store. Each takes its arguments,
//! makes one store call under the lock, and maps errors to the `{code, message}` shape the UI
//! knows ([`crate::error`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use kiosk_core::settings::Settings;
use kiosk_core::staff_settings::StaffSettings;
use kiosk_core::store::{Answer, Page, QuestionEntry, SearchHit, Store, TopicEntry};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::error::{CommandError, ErrorCode};
use crate::print::{print_window, Paper, PrintTarget};

/// The app's one managed state.
pub struct AppState {
    pub(crate) store: Mutex<Store>,
    /// The settings file as read at start.
    file_settings: Settings,
    /// The settings in force: the file's, with the staff overrides from the database applied.
    effective_settings: RwLock<Settings>,
    /// The settings file, as the staff screen names it.
    pub(crate) settings_path: PathBuf,
    pub(crate) data_dir: std::path::PathBuf,
    /// Where the staff screen looks for bundles (removable media and the import folder).
    pub(crate) scan_roots: Vec<std::path::PathBuf>,
    sheet_job: Option<SheetJob>,
    pub(crate) staff: crate::commands::staff_session::StaffSession,
}

/// A sheet the command line asked for: rendered by the page, printed to a PDF file, then the app
/// exits.
#[derive(Debug, Clone, Serialize)]
pub struct SheetJob {
    /// The answers whose "ask your doctor" items go on the sheet.
    pub questions: Vec<String>,
    /// The sheet's language.
    pub language: String,
    /// The PDF file to write.
    #[serde(skip)]
    pub out: std::path::PathBuf,
    /// The paper size.
    #[serde(skip)]
    pub paper: Paper,
}

/// What the page should do when it starts.
#[derive(Debug, Serialize)]
pub struct Startup {
    /// A sheet to render and print at once (command line), if any.
    pub sheet: Option<SheetJob>,
}

impl AppState {
    /// Wraps an open store, the settings file's settings and the data folder (kept bundles,
    /// downloads). The settings in force are the file's with the staff overrides stored in the
    /// database applied; on first start there are none, so the file's values apply.
    pub fn new(store: Store, settings: Settings, data_dir: &Path) -> Self {
        let overrides = store.setting_overrides().unwrap_or_else(|error| {
            tracing::warn!(%error, "the staff settings could not be read; the settings file values apply");
            StaffSettings::default()
        });
        AppState {
            store: Mutex::new(store),
            scan_roots: kiosk_core::scan::default_roots(settings.import_folder.as_deref()),
            effective_settings: RwLock::new(settings.with_overrides(&overrides)),
            file_settings: settings,
            settings_path: Settings::path(None),
            data_dir: data_dir.to_path_buf(),
            sheet_job: None,
            staff: crate::commands::staff_session::StaffSession::default(),
        }
    }

    /// The same state, naming `path` as the settings file it was read from.
    pub fn with_settings_path(mut self, path: &Path) -> Self {
        self.settings_path = path.to_path_buf();
        self
    }

    /// The settings in force now (a copy): the file's, with staff overrides applied.
    pub(crate) fn settings(&self) -> Settings {
        match self.effective_settings.read() {
            Ok(settings) => settings.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The settings as the settings file gives them, without staff overrides.
    pub(crate) fn file_settings(&self) -> &Settings {
        &self.file_settings
    }

    /// Puts staff overrides into force at once.
    pub(crate) fn apply_overrides(&self, overrides: &StaffSettings) {
        let effective = self.file_settings.with_overrides(overrides);
        match self.effective_settings.write() {
            Ok(mut settings) => *settings = effective,
            Err(poisoned) => *poisoned.into_inner() = effective,
        }
    }

    /// The same state, looking for importable bundles under `roots` instead of the defaults.
    pub fn with_scan_roots(mut self, roots: Vec<std::path::PathBuf>) -> Self {
        self.scan_roots = roots;
        self
    }

    /// The same state, set to print one sheet to a file and exit.
    pub fn with_sheet_job(mut self, job: SheetJob) -> Self {
        self.sheet_job = Some(job);
        self
    }

    pub(crate) fn with<T>(&self, f: impl FnOnce(&Store) -> kiosk_core::Result<T>) -> Result<T, CommandError> {
        let store = self.store.lock().map_err(|_| CommandError::internal())?;
        f(&store).map_err(CommandError::from)
    }

    pub(crate) fn with_mut<T>(&self, f: impl FnOnce(&mut Store) -> kiosk_core::Result<T>) -> Result<T, CommandError> {
        let mut store = self.store.lock().map_err(|_| CommandError::internal())?;
        f(&mut store).map_err(CommandError::from)
    }

    /// Counts a usage event; a count that cannot be written is logged, never shown to a patient.
    fn count(&self, record: impl FnOnce(&Store) -> kiosk_core::Result<()>) {
        if let Err(error) = self.with(record) {
            tracing::warn!(?error, "a usage count could not be written");
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

#[tauri::command]
pub(crate) fn app_info(state: State<'_, AppState>, language: String) -> AppInfo {
    let (language, strings) = ui_strings(&language);
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

#[tauri::command]
pub(crate) fn startup(state: State<'_, AppState>) -> Startup {
    Startup {
        sheet: state.sheet_job.clone(),
    }
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
    let code = crate::app::report_sheet_job(&job.out, print_window(&window, target).await);
    app.exit(code);
    Ok(())
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

#[tauri::command(async)]
pub(crate) fn search(
    state: State<'_, AppState>,
    language: String,
    query: String,
) -> Result<Vec<SearchHit>, CommandError> {
    state.with(|store| store.search(&query, &language, 50))
}
