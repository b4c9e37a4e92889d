//! The command line for staff and IT. Its contract (commands, output, exit codes) is documented in
//! the README; scripts depend on it. Exit 0 on success, 1 when content is refused or not found,
//! 2 for usage errors or an unreadable path. Nothing here panics on any input.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kiosk_core::{Error, ErrorCode};

use crate::commands::patient::SheetJob;
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

mod bundle;
mod publish;
mod staff;
mod trust;
mod update;

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
    /// Open the window locked down: fullscreen, always on top, left only with the staff PIN
    /// (same as `kiosk = true` in the settings).
    #[arg(long)]
    kiosk: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, import and list content bundles.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Staff access to the kiosk.
    #[command(subcommand)]
    Staff(StaffCommand),
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
    /// Trust, list or stop trusting publisher keys (edits the settings file).
    #[command(subcommand)]
    Trust(trust::TrustCommand),
    /// Check the update source (settings: update_source) and import newer bundles.
    Update {
        /// Check once and exit (otherwise check every update_interval_minutes).
        #[arg(long)]
        once: bool,
        /// A folder or https:// address to use instead of update_source.
        #[arg(long, value_name = "FOLDER|URL")]
        source: Option<String>,
        /// The largest bundle download accepted, in MiB.
        #[arg(long, default_value_t = 50, value_name = "MIB")]
        max_download_mib: u64,
    },
    /// Write the zips and index.json of a folder of bundles for a static web server or share.
    Publish {
        /// A folder holding bundle folders and/or .zip files.
        dir: PathBuf,
        /// Where to write the zips and index.json.
        out_dir: PathBuf,
    },
    /// Show the audit log: imports, rollbacks, refused updates and recoveries, newest first.
    Audit {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// How many entries.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Show anonymous usage counts (question opens and sheets printed per day).
    Usage {
        /// Print CSV instead of JSON.
        #[arg(long)]
        csv: bool,
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
enum StaffCommand {
    /// Set or replace the staff PIN (6 to 12 digits), typed at the terminal (or one line on stdin).
    SetPin,
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
    /// Make a publisher key pair: NAME.pub (for kiosks) and NAME.key (secret).
    Keygen {
        /// File name prefix.
        #[arg(long, value_name = "NAME")]
        out: Option<PathBuf>,
        /// Store the secret key without a password (like `minisign -G -W`), for signing in
        /// automation. Otherwise the password comes from $CLINIC_KIOSK_KEY_PASSWORD or is asked for.
        #[arg(long)]
        unencrypted: bool,
    },
    /// Sign a valid bundle (folder or .zip) with a secret key: writes manifest.json.minisig.
    Sign {
        /// The bundle folder or .zip file.
        path: PathBuf,
        /// The secret key file (from `bundle keygen` or `minisign -G`).
        #[arg(long, value_name = "SECRET")]
        key: PathBuf,
    },
    /// Install the previous kept version of a bundle (the last three are kept).
    Rollback {
        /// The bundle id.
        id: String,
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
    let (mut settings, settings_problem) = Settings::load(&settings_path);
    settings.kiosk |= cli.kiosk;
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
        Some(Command::Trust(command)) => trust::run(&settings_path, &settings, command),
        Some(Command::Update {
            once,
            source,
            max_download_mib,
        }) => update::update(&data_dir, &settings, source, once, max_download_mib),
        Some(Command::Publish { dir, out_dir }) => publish::publish(&dir, &out_dir),
        Some(Command::Audit { json, limit }) => update::audit(&data_dir, &settings, json, limit),
        Some(Command::Usage { csv }) => update::usage(&data_dir, &settings, csv),
        Some(Command::Bundle(BundleCommand::Keygen { out, unencrypted })) => {
            publish::keygen(&out.unwrap_or_else(publish::default_key_prefix), unencrypted)
        }
        Some(Command::Bundle(BundleCommand::Sign { path, key })) => publish::sign(&path, &key),
        Some(Command::Bundle(BundleCommand::Rollback { id })) => update::rollback(&data_dir, &settings, &id),
        None => crate::app::run(&data_dir, &settings_path, settings).map_err(|message| Failure { code: 1, message }),
        Some(Command::Sheet {
            out,
            questions,
            language,
            paper,
        }) => sheet(&data_dir, settings, out, questions, language, paper),
        Some(Command::Bundle(BundleCommand::Validate { path, json })) => bundle::validate_bundle(&path, json),
        Some(Command::Bundle(BundleCommand::Import { path, allow_downgrade })) => {
            bundle::import_bundle(&data_dir, &settings, &path, allow_downgrade)
        }
        Some(Command::Bundle(BundleCommand::List { json })) => list_bundles(&data_dir, &settings, json),
        Some(Command::Staff(StaffCommand::SetPin)) => staff::set_pin(&data_dir, &settings),
        Some(Command::Search { query, language, json }) => search(&data_dir, &settings, &query, &language, json),
        Some(Command::Show { id, language, json }) => show(&data_dir, &settings, &id, &language, json),
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

fn sheet(
    data_dir: &std::path::Path,
    settings: Settings,
    out: PathBuf,
    questions: Vec<String>,
    language: String,
    paper: Paper,
) -> Result<(), Failure> {
    let store = content::open_store(data_dir, &settings)?;
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

fn list_bundles(data_dir: &std::path::Path, settings: &Settings, json: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir, settings)?;
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

fn search(
    data_dir: &std::path::Path,
    settings: &Settings,
    query: &str,
    language: &str,
    json: bool,
) -> Result<(), Failure> {
    let store = content::open_store(data_dir, settings)?;
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

fn show(data_dir: &std::path::Path, settings: &Settings, id: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = content::open_store(data_dir, settings)?;
    let answer = store.answer(id, language)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&answer).unwrap_or_default());
    } else {
        say!("{}", crate::answer_text::render(&answer).trim_end());
    }
    Ok(())
}
