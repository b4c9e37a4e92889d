//! The command line's definitions (clap): every command, its arguments and its help text. The
//! commands themselves live one per file next to this one; `mod.rs` dispatches.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::print::Paper;

#[derive(Debug, Parser)]
#[command(
    name = "clinic-kiosk",
    version,
    about = "Clinic Kiosk: patient questions and answers for the waiting room"
)]
pub(crate) struct Cli {
    /// The data folder holding kiosk.sqlite3 (default: $CLINIC_KIOSK_DATA_DIR, else the app data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// The settings file (default: $CLINIC_KIOSK_CONFIG, else /etc/clinic-kiosk/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Open the window locked down: fullscreen, always on top, left only with the staff PIN
    /// (same as `kiosk = true` in the settings).
    #[arg(long)]
    pub(crate) kiosk: bool,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    Trust(TrustCommand),
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
    /// Write the zips and index.json (and, with --key, its signature index.json.minisig) of a
    /// folder of bundles for a static web server or share.
    Publish {
        /// A folder holding bundle folders and/or .zip files.
        dir: PathBuf,
        /// Where to write the zips and index.json.
        out_dir: PathBuf,
        /// The secret key that signs index.json (kiosks name its public key as index_key).
        #[arg(long, value_name = "SECRET")]
        key: Option<PathBuf>,
        /// Days until the signed index expires; publish again before then.
        #[arg(long, default_value_t = 30, value_name = "DAYS")]
        valid_days: u32,
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
    /// Open the content editor window on a bundle folder (a new bundle is started when the folder
    /// has no manifest.json). For a staff PC, not the kiosk; it never touches the kiosk's content.
    Author {
        /// The bundle folder to edit or create.
        dir: PathBuf,
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
pub(crate) enum StaffCommand {
    /// Set or replace the staff PIN (6 to 12 digits), typed at the terminal (or one line on stdin).
    SetPin,
}

#[derive(Debug, Subcommand)]
pub(crate) enum BundleCommand {
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
    /// Write a starter bundle (one topic, one example question with a citation) that
    /// `bundle validate` accepts, into a new folder.
    New {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
        /// Bundle id: lowercase letters, digits and dashes, e.g. riverside-en.
        #[arg(long)]
        id: String,
        /// Language of the bundle's text (BCP 47, e.g. en, es).
        #[arg(long)]
        language: String,
        /// The bundle's title.
        #[arg(long)]
        title: String,
        /// Who publishes it, e.g. the clinic's name.
        #[arg(long)]
        publisher: String,
    },
    /// Recompute a bundle folder's file list, check it, optionally raise its version and sign
    /// it, and write the zip. On any problem nothing is written.
    Pack {
        /// The bundle folder.
        dir: PathBuf,
        /// The zip to write, or a folder (e.g. a USB stick) to write ID-VERSION.zip into
        /// (default: ID-VERSION.zip beside the bundle folder).
        #[arg(long, value_name = "FILE.zip")]
        out: Option<PathBuf>,
        /// The secret key that signs it (from `bundle keygen` or `minisign -G`); the password
        /// comes from $CLINIC_KIOSK_KEY_PASSWORD or is asked for.
        #[arg(long, value_name = "SECRET")]
        key: Option<PathBuf>,
        /// Raise the manifest's version by one.
        #[arg(long)]
        bump: bool,
    },
    /// Turn a filled-in spreadsheet (.xlsx, .ods, or .csv with the bundle's fields as options)
    /// into a new bundle folder; every problem names its cell, and on any problem nothing is
    /// written. The layout and template: docs/authoring.md, data/templates/.
    FromSheet {
        /// The spreadsheet: .xlsx or .ods (sheets bundle and questions), or .csv (the questions).
        file: PathBuf,
        /// The bundle folder to create (it must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// For a .csv: the bundle id.
        #[arg(long)]
        id: Option<String>,
        /// For a .csv: the version (default 1).
        #[arg(long = "version", value_name = "N")]
        bundle_version: Option<u32>,
        /// For a .csv: the title.
        #[arg(long)]
        title: Option<String>,
        /// For a .csv: the publisher.
        #[arg(long)]
        publisher: Option<String>,
        /// For a .csv: the language (BCP 47, e.g. en, es).
        #[arg(long)]
        language: Option<String>,
        /// For a .csv: the publication date, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        /// For a .csv: the disclaimer shown under every answer.
        #[arg(long)]
        disclaimer: Option<String>,
        /// For a .csv: the clinician who reviewed the content (makes a format-2 bundle).
        #[arg(long)]
        reviewed_by: Option<String>,
        /// For a .csv: a topic as "topic-id: Topic title"; repeat for each topic, in order.
        #[arg(long = "topic", value_name = "ID: TITLE")]
        topics: Vec<String>,
    },
    /// Write a valid bundle (folder or .zip) as a spreadsheet in the from-sheet layout, to edit
    /// it and turn it back into a bundle.
    ToSheet {
        /// The bundle folder or .zip file.
        path: PathBuf,
        /// The .xlsx file to create.
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// Install the previous kept version of a bundle (the last three are kept).
    Rollback {
        /// The bundle id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TrustCommand {
    /// Trust a publisher's public key (a minisign .pub file, or a file holding the key line).
    Add {
        /// The public key file.
        keyfile: PathBuf,
    },
    /// List trusted keys with their ids.
    List,
    /// Stop trusting a key, named by its id (as `trust list` prints it).
    Remove {
        /// The key id.
        key_id: String,
    },
}
