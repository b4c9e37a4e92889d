//! The command line for staff and IT. Its contract (commands, output, exit codes) is documented in
//! the README; scripts depend on it. The definitions are in [`args`], the exit codes in
//! [`crate::exit_code`], and each top-level command in its own file. Nothing here panics on any
//! input.

use clap::Parser;

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

mod args;
mod audit;
mod bundle;
mod bundle_authoring;
mod context;
mod doctor;
mod failure;
mod publish;
mod search;
mod sheet;
mod show;
mod staff;
mod trust;
mod update;
mod usage;

use args::{Cli, Command, StaffCommand};
use context::Context;
use failure::Failure;

use crate::exit_code::ExitCode;

pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            let code = if error.use_stderr() {
                ExitCode::Usage
            } else {
                ExitCode::Success
            };
            return code.code();
        }
    };
    let context = match Context::load(&cli) {
        Ok(context) => context,
        Err(failure) => return report(failure),
    };
    crate::logging::init(cli.command.is_none(), &context.data_dir);
    if let Some(problem) = &context.settings_problem {
        tracing::warn!("{problem}");
    }
    match run(cli.command, context) {
        Ok(()) => ExitCode::Success.code(),
        Err(failure) => report(failure),
    }
}

fn report(failure: Failure) -> i32 {
    warn_line!("error: {}", failure.message);
    failure.code.code()
}

fn run(command: Option<Command>, context: Context) -> Result<(), Failure> {
    match command {
        None => crate::app::run(&context.data_dir, &context.settings_path, context.settings).map_err(Failure::refused),
        Some(Command::Bundle(command)) => bundle::run(&context, command),
        Some(Command::Staff(StaffCommand::SetPin)) => staff::set_pin(&context),
        Some(Command::Search { query, language, json }) => search::run(&context, &query, &language, json),
        Some(Command::Sheet {
            out,
            questions,
            language,
            paper,
        }) => sheet::run(context, out, questions, language, paper),
        Some(Command::Trust(command)) => trust::run(&context, command),
        Some(Command::Update {
            once,
            source,
            max_download_mib,
        }) => update::run(&context, source, once, max_download_mib),
        Some(Command::Publish {
            dir,
            out_dir,
            key,
            valid_days,
        }) => publish::run(&dir, &out_dir, key.as_deref(), valid_days),
        Some(Command::Audit { json, limit }) => audit::run(&context, json, limit),
        Some(Command::Usage { csv }) => usage::run(&context, csv),
        Some(Command::Doctor { json }) => doctor::run(&context, json),
        Some(Command::Show { id, language, json }) => show::run(&context, &id, &language, json),
        // The editor never opens the kiosk's data folder: it is given only the bundle folder, and
        // a bundle folder inside the data folder is refused.
        Some(Command::Author { dir }) => crate::author_window::run(&dir, &context.data_dir).map_err(Failure::refused),
    }
}
