//! `clinic-kiosk publish`: the zips and `index.json` of a folder of bundles, for a web server or a
//! share that kiosks update from.

use std::path::Path;

use super::failure::Failure;

pub(super) fn run(dir: &Path, out: &Path) -> Result<(), Failure> {
    let published = kiosk_core::update::publish(dir, out)?;
    for entry in &published.index.bundles {
        let format = published.formats.get(&entry.id).copied().unwrap_or(1);
        let readers = if format <= 1 {
            "every kiosk can read it".to_string()
        } else {
            format!("only kiosks that read format {format} can read it; kiosks that read only an older format refuse it and keep their content until they are updated")
        };
        say!(
            "{} version {} (bundle format {format}: {readers}) -> {}",
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
