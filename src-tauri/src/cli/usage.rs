//! `clinic-kiosk usage`: the anonymous counts (question opens, sheets printed per day) as JSON or CSV.

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, csv: bool) -> Result<(), Failure> {
    let store = context.open_store()?;
    let usage = store.usage()?;
    if csv {
        say!("{}", usage.to_csv().trim_end());
    } else {
        say!("{}", serde_json::to_string_pretty(&usage).unwrap_or_default());
    }
    Ok(())
}
