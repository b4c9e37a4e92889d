//! `clinic-kiosk show`: one question in full, as text or JSON.

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, id: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = context.open_store()?;
    let answer = store.answer(id, language)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&answer).unwrap_or_default());
    } else {
        say!("{}", crate::answer_text::render(&answer).trim_end());
    }
    Ok(())
}
