//! Integration tests of the `clinic-kiosk` command line and the store behind it. Each test gets a
//! fresh data folder; each assert says why the behaviour matters to a clinic.

mod author_window;
mod authoring;
mod bad_bundles;
mod cli;
mod doctor;
mod hostile;
mod kill;
mod packaging;
mod recovery;
mod rollback;
mod settings_override;
mod sheets;
mod signatures;
mod staff;
mod ui_strings;
mod update_trust;
mod updates;
