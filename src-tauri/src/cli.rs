//! The command line for staff and IT. Its contract (commands, output, exit codes) is documented in
//! the README; scripts depend on it. Exit 0 on success, 1 when content is refused or not found,
//! 2 for usage errors or an unreadable path. Nothing here panics on any input.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kiosk_core::bundle::{validate, BundleFiles, Limits};
use kiosk_core::store::ImportOptions;
use kiosk_core::{Error, ErrorCode};

use crate::commands::SheetJob;
use crate::content;
use crate::print::Paper;
use kiosk_core::settings::Settings;

/// Prints a line on stdout; a closed pipe (e.g. `| head`) is not an error worth a crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Prints a line on stderr, ignoring a closed stream.
macro_rules! warn_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "clinic-kiosk",
    version,
    about = "Clinic Kiosk: patient questions and answers for the waiting room"
)]
struct Cli {
    /// The data folder holding kiosk.sqlite3 (default: $CLINIC_KIOSK_DATA_DIR, else the app data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The settings file (default: $CLINIC_KIOSK_CONFIG, else /etc/clinic-kiosk/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, import and list content bundles.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Search installed questions.
    Search {
        /// What to look for, e.g. "liver spread".
        query: String,
        /// Language to search in (BCP 47, e.g. en, es).
        #[arg(long, default_value = "en")]
        language: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the "questions for your doctor" sheet for some answers to a PDF (needs a display).
    Sheet {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// An answer whose "ask your doctor" items go on the sheet; repeat for more.
        #[arg(long = "question", value_name = "ID", required = true)]
        questions: Vec<String>,
        /// Language of the sheet.
        #[arg(long, default_value = "en")]
        language: String,
        /// Paper size.
        #[arg(long, value_enum, default_value = "letter")]
        paper: Paper,
    },
    /// Check this installation (display, database, content age, keys, printer, updates, disk)
    /// and say what to do about each problem; exit 0 when nothing failed.
    Doctor {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one question in full.
    Show {
        /// The question id.
        id: String,
        /// Language of the answer.
        #[arg(long, default_value = "en")]
        language: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BundleCommand {
    /// Check a bundle (folder or .zip) and print every problem, one a line.
    Validate {
        /// The bundle folder or .zip file.
        path: PathBuf,
        /// Print the whole report, with readability scores, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate a bundle, then install it in place of its previous version.
    Import {
        /// The bundle folder or .zip file.
        path: PathBuf,
        /// Install even when the bundle is not newer than the installed version.
        #[arg(long)]
        allow_downgrade: bool,
    },
    /// List installed bundles.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A failed command: what to print and the exit code.
struct Failure {
    code: i32,
    message: String,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let code = match error.code() {
            ErrorCode::Unreadable => 2,
            _ => 1,
        };
        Failure {
            code,
            message: error.to_string(),
        }
    }
}

pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { 2 } else { 0 };
        }
    };
    let settings_path = Settings::path(cli.config);
    let (settings, settings_problem) = Settings::load(&settings_path);
    let data_dir = match content::resolve_data_dir(cli.data_dir, settings.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => {
            warn_line!("error: {message}");
            return 2;
        }
    };
    crate::logging::init(cli.command.is_none(), &data_dir);
    if let Some(problem) = &settings_problem {
        tracing::warn!("{problem}");
    }
    let result = match cli.command {
        None => crate::app::run(&data_dir, settings).map_err(|message| Failure { code: 1, message }),
        Some(Command::Sheet {
            out,
            questions,
            language,
            paper,
        }) => sheet(&data_dir, settings, out, questions, language, paper),
        Some(Command::Bundle(BundleCommand::Validate { path, json })) => validate_bundle(&path, json),
        Some(Command::Bundle(BundleCommand::Import { path, allow_downgrade })) => {
            import_bundle(&data_dir, &path, allow_downgrade)
        }
        Some(Command::Bundle(BundleCommand::List { json })) => list_bundles(&data_dir, json),
        Some(Command::Search { query, language, json }) => search(&data_dir, &query, &language, json),
        Some(Command::Show { id, language, json }) => show(&data_dir, &id, &language, json),
        Some(Command::Doctor { json }) => doctor(
            &crate::doctor::Installation {
                settings_path: &settings_path,
                settings: &settings,
                settings_problem: settings_problem.as_deref(),
                data_dir: &data_dir,
            },
            json,
        ),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            warn_line!("error: {}", failure.message);
            failure.code
        }
    }
}

fn doctor(installation: &crate::doctor::Installation<'_>, json: bool) -> Result<(), Failure> {
    let checks = crate::doctor::examine(installation);
    let passes = crate::doctor::passes(&checks);
    if json {
        let out = serde_json::json!({ "passes": passes, "checks": checks });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        use std::io::Write as _;
        let _ = write!(
            std::io::stdout().lock(),
            "{}",
            crate::doctor::render(installation, &checks)
        );
    }
    if passes {
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: "this installation has problems; each failed check above says what to do".into(),
        })
    }
}

fn validate_bundle(path: &std::path::Path, json: bool) -> Result<(), Failure> {
    let validation = match BundleFiles::read_path(path, Limits::default()) {
        Ok(files) => validate(&files),
        Err(Error::InvalidBundle(problems)) => {
            if json {
                let out = serde_json::json!({ "valid": false, "bundle": null, "errors": problems, "warnings": [], "readability": [] });
                say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for problem in &problems {
                    say!("{problem}");
                }
            }
            return Err(Failure {
                code: 1,
                message: format!(
                    "{} is not a valid bundle ({} problem(s))",
                    path.display(),
                    problems.len()
                ),
            });
        }
        Err(error) => return Err(error.into()),
    };
    let report = &validation.report;
    if json {
        let out = serde_json::json!({
            "valid": report.errors.is_empty(),
            "bundle": validation.bundle().map(|b| serde_json::json!({
                "id": b.manifest().id,
                "version": b.manifest().version,
                "language": b.manifest().language,
                "questions": b.questions().len(),
            })),
            "errors": report.errors,
            "warnings": report.warnings,
            "readability": report.readability,
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for problem in &report.errors {
            say!("{problem}");
        }
        for warning in &report.warnings {
            warn_line!("warning: {warning}");
        }
    }
    match validation.bundle() {
        Some(bundle) => {
            if !json {
                say!(
                    "valid: {} version {} ({}), {} questions, {} warning(s)",
                    bundle.manifest().id,
                    bundle.manifest().version,
                    bundle.manifest().language,
                    bundle.questions().len(),
                    report.warnings.len()
                );
            }
            Ok(())
        }
        None => Err(Failure {
            code: 1,
            message: format!(
                "{} is not a valid bundle ({} problem(s))",
                path.display(),
                report.errors.len()
            ),
        }),
    }
}

fn import_bundle(data_dir: &std::path::Path, path: &std::path::Path, allow_downgrade: bool) -> Result<(), Failure> {
    let files = BundleFiles::read_path(path, Limits::default())?;
    let validation = validate(&files);
    const SHOWN_WARNINGS: usize = 20;
    let warnings = &validation.report.warnings;
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        warn_line!("warning: {warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        warn_line!(
            "warning: … and {} more; `clinic-kiosk bundle validate {}` lists them all",
            warnings.len() - SHOWN_WARNINGS,
            path.display()
        );
    }
    let bundle = validation.into_bundle()?;
    let mut store = content::open_store(data_dir)?;
    let outcome = store.import(&bundle, ImportOptions { allow_downgrade })?;
    let previous = outcome
        .previous_version
        .map(|v| format!(" (replacing version {v})"))
        .unwrap_or_default();
    say!(
        "imported {} version {}{previous}: {} questions",
        outcome.id,
        outcome.version,
        outcome.questions
    );
    Ok(())
}

fn sheet(
    data_dir: &std::path::Path,
    settings: Settings,
    out: PathBuf,
    questions: Vec<String>,
    language: String,
    paper: Paper,
) -> Result<(), Failure> {
    let store = content::open_store(data_dir)?;
    for id in &questions {
        store.answer(id, &language)?;
    }
    drop(store);
    let out = std::path::absolute(&out).map_err(|e| Failure {
        code: 2,
        message: format!("{} is not a usable path: {e}", out.display()),
    })?;
    let job = SheetJob {
        questions,
        language,
        out,
        paper,
    };
    crate::app::run_sheet_job(data_dir, settings, job).map_err(|message| Failure { code: 1, message })
}

fn list_bundles(data_dir: &std::path::Path, json: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir)?;
    let bundles = store.bundles()?;
    if json {
        say!("{}", serde_json::to_string_pretty(&bundles).unwrap_or_default());
        return Ok(());
    }
    say!(
        "{:<24} {:>7} {:<8} {:>9} {:<10} {:<20} TITLE / PUBLISHER",
        "ID",
        "VERSION",
        "LANGUAGE",
        "QUESTIONS",
        "PUBLISHED",
        "IMPORTED"
    );
    for b in bundles {
        say!(
            "{:<24} {:>7} {:<8} {:>9} {:<10} {:<20} {} / {}",
            b.id,
            b.version,
            b.language,
            b.questions,
            b.published,
            b.imported_at,
            b.title,
            b.publisher
        );
    }
    Ok(())
}

fn search(data_dir: &std::path::Path, query: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir)?;
    let hits = store.search(query, language, 50)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
    } else if hits.is_empty() {
        say!("no matches for {query:?} in language {language}");
    } else {
        for hit in hits {
            say!(
                "{:<32} [{}] {} ({})",
                hit.id,
                hit.language,
                hit.question,
                hit.topic_title
            );
        }
    }
    Ok(())
}

fn show(data_dir: &std::path::Path, id: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir)?;
    let answer = store.answer(id, language)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&answer).unwrap_or_default());
    } else {
        say!("{}", crate::answer_text::render(&answer).trim_end());
    }
    Ok(())
}
