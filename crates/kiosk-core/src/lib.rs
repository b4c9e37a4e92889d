//! The content engine of Clinic Kiosk.
//!
//! Everything a kiosk knows about its content lives here, free of any window code, so that it can be
//! tested with plain `cargo test` and shared by the app, the command line and the tests:
//!
//! - [`bundle`]: the content bundle format (version 1). A bundle is read from a folder, a zip or
//!   memory ([`bundle::BundleFiles`]), then checked as a whole ([`bundle::validate`]) into a
//!   [`bundle::Bundle`] that cannot hold invalid content, or into a list of every problem found.
//! - [`draft`]: the editor's live checks of a question being written, by validation's own rules.
//! - [`store`]: the SQLite store. A validated bundle replaces its previous version in one
//!   transaction; topics, questions and full-text search are read from it.
//! - [`trust`]: publisher signatures (minisign) over the manifest, checked before parsing.
//! - [`library`]: the import pipeline staff, IT and the updater share (signature, validation,
//!   kept copies, audit), previews, rollback and rebuilding a corrupt database; [`kept`] holds the
//!   last versions of each bundle on disk.
//! - [`staff_settings`]: the four settings staff may change on the staff screen, kept in the
//!   store as overrides that win over the settings file.
//! - [`scan`]: bundles found on USB sticks and in the import folder; [`update`]: the shared update
//!   source (`index.json` in a folder or over HTTPS) and the publisher's side of it.
//! - [`usb`]: asking the package's USB helper to make the read-only sticks writable while staff
//!   save a file onto one.
//!
//! Bundle content is untrusted input: nothing in this crate panics on any bytes, and every limit
//! holds before memory is allocated for the data it limits.
#![deny(missing_docs)]

pub mod bundle;
pub mod draft;
mod error;
pub mod kept;
pub mod library;
pub mod scan;
pub mod settings;
pub mod staff_settings;
pub mod store;
pub mod trust;
pub mod update;
pub mod usb;

pub use error::{Error, ErrorCode, Result};
