//! The authoring side of Clinic Kiosk: how a nurse educator gets from nothing to a signed bundle
//! without typing JSON, hashes or version numbers by hand.
//!
//! - [`new_bundle`] writes a starter bundle that passes the check as it is.
//! - [`pack`] recomputes the manifest's `files`, optionally raises its version, runs the full
//!   check, signs and writes the zip, all or nothing. [`refresh_files`] is the `files` step alone,
//!   for an editor's Save.
//! - [`sheet`]: the spreadsheet path, `from_sheet` and `to_sheet`, with every problem named by
//!   its cell.
//! - [`BundleDraft`] is a bundle before it is files; the starter, the spreadsheet reader and an
//!   editor all build one.
//!
//! This is a crate of its own, not a module of `kiosk-core`, because a kiosk never authors: the
//! spreadsheet readers and writers it needs have no place in the engine every kiosk runs, and the
//! engine stays the one judge of content (every rule here is the engine's `validate`). It knows
//! no window, so the command line and the editor window share it. Every write is atomic: a target
//! changes only when everything succeeded (`atomic.rs`).
#![deny(missing_docs)]

mod atomic;
mod draft;
mod error;
mod manifest;
mod pack;
pub mod sheet;
mod starter;

pub use draft::{today, BundleDraft, ManifestDraft};
pub use error::{Error, Result};
pub use manifest::{file_list, manifest_with_files, refresh_files, Refreshed};
pub use pack::{pack, PackOptions, PackReport, Packed, SigningKey};
pub use starter::{new_bundle, starter, NewBundle};

#[cfg(test)]
mod pack_tests;
