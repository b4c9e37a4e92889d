//! The `clinic-kiosk` binary: the kiosk window and the command line for staff and IT.
//!
//! Both are thin layers over `kiosk-core`: they resolve the data folder, open the store (installing
//! the default content the binary carries), and turn core results into a window or terminal output.
//! The window's side is [`app`] (the kiosk window), [`author_window`] (the content editor's window), [`state`] (what commands share), [`commands`] (what
//! the page may call, by audience), [`error`] (what a failed call returns), [`staff_session`] and
//! [`sheet_job`]; the terminal's side is `cli` and `doctor`. Dependencies point one way: commands
//! use the state, the state uses the session and the sheet job, and nothing below `app` uses it.

mod answer_text;
mod app;
mod author_files;
mod author_window;
mod cli;
mod commands;
pub mod content;
#[cfg(unix)]
mod display;
mod doctor;
mod error;
mod exit_code;
mod fresh_page;
mod logging;
mod print;
mod qr;
mod service;
mod sheet_job;
mod staff_session;
mod state;
mod updates;
#[cfg(target_os = "linux")]
mod watchdog;

pub use app::{configure, run};
pub use author_window::{configure_author, AuthorState, AUTHOR_WINDOW};
pub use error::{CommandError, ErrorCode};
pub use state::AppState;

/// Parses the command line and runs it; returns the process exit code.
pub fn main_entry() -> i32 {
    cli::main()
}

#[cfg(test)]
mod author_ipc_tests;
#[cfg(test)]
mod command_list_tests;
#[cfg(test)]
mod ipc_tests;
