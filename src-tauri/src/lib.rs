//! The `clinic-kiosk` binary: the kiosk window and the command line for staff and IT.
//!
//! Both are thin layers over `kiosk-core`: they resolve the data folder, open the store (installing
//! the default content the binary carries), and turn core results into a window or terminal output.

mod answer_text;
mod app;
mod cli;
mod commands;
pub mod content;
mod doctor;
mod error;
mod logging;
mod print;
mod qr;
mod service;
mod updates;
#[cfg(target_os = "linux")]
mod watchdog;

pub use app::{configure, run};
pub use error::{CommandError, ErrorCode};

/// Parses the command line and runs it; returns the process exit code.
pub fn main_entry() -> i32 {
    cli::main()
}

#[cfg(test)]
mod command_list_tests;
#[cfg(test)]
mod ipc_tests;
