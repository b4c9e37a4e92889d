//! `clinic-kiosk search`: ranked matches among the installed questions.

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, query: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = context.open_store()?;
    let hits = store.search(query, language, 50)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
    } else if hits.is_empty() {
        say!("no matches for {query:?} in language {language}");
    } else {
        for hit in hits {
            say!(
                "{:<32} [{}] {} ({})",
                hit.id,
                hit.language,
                hit.question,
                hit.topic_title
            );
        }
    }
    Ok(())
}
