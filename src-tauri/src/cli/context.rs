//! What every command starts from, built and checked once: the settings file (and what was wrong
//! with it), the settings it gives, and the data folder they lead to.

use std::path::PathBuf;

use kiosk_core::library::Library;
use kiosk_core::settings::Settings;
use kiosk_core::store::Store;

use super::args::Cli;
use super::failure::Failure;
use crate::content;

/// The checked context of one run.
pub(crate) struct Context {
    /// The settings file read (or looked for).
    pub(crate) settings_path: PathBuf,
    /// The settings in force (the defaults when the file is bad), with `--kiosk` applied.
    pub(crate) settings: Settings,
    /// What was wrong with the settings file, if anything.
    pub(crate) settings_problem: Option<String>,
    /// The data folder.
    pub(crate) data_dir: PathBuf,
}

impl Context {
    /// Reads the settings named by `--config` (or the default place) and resolves the data folder;
    /// a data folder that cannot be found is a usage error.
    pub(crate) fn load(cli: &Cli) -> Result<Context, Failure> {
        let settings_path = Settings::path(cli.config.clone());
        let (mut settings, settings_problem) = Settings::load(&settings_path);
        settings.kiosk |= cli.kiosk;
        let data_dir =
            content::resolve_data_dir(cli.data_dir.clone(), settings.data_dir.as_deref()).map_err(Failure::usage)?;
        Ok(Context {
            settings_path,
            settings,
            settings_problem,
            data_dir,
        })
    }

    /// The content store, with the default content installed (see `content::open_store`).
    pub(crate) fn open_store(&self) -> Result<Store, Failure> {
        Ok(content::open_store(&self.data_dir, &self.settings)?)
    }

    /// The import pipeline with the trusted keys of the settings.
    pub(crate) fn library(&self) -> Result<Library, Failure> {
        Ok(Library::for_settings(&self.data_dir, &self.settings)?)
    }
}
