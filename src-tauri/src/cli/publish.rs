//! `clinic-kiosk publish`: the zips and `index.json` of a folder of bundles, for a web server or a
//! share that kiosks update from.

use std::path::Path;

use super::failure::Failure;

pub(super) fn run(dir: &Path, out: &Path) -> Result<(), Failure> {
    let published = kiosk_core::update::publish(dir, out)?;
    for entry in &published.index.bundles {
        say!(
            "{} version {} -> {}",
            entry.id,
            entry.version,
            out.join(&entry.url).display()
        );
    }
    for id in &published.unsigned {
        warn_line!(
            "warning: {id} is not signed; kiosks that trust a publisher key will refuse it (clinic-kiosk bundle sign)"
        );
    }
    say!("wrote {}", published.index_path.display());
    Ok(())
}
