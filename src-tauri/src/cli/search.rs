//! `clinic-kiosk search`: ranked matches among the installed questions. A misspelled word is
//! corrected as on the kiosk's screen, and the output says so: a first line in text, and
//! `showing_results_for` on every hit in `--json` (the hits stay a plain array, as before).

use serde::Serialize;

use kiosk_core::store::SearchHit;

use super::context::Context;
use super::failure::Failure;

/// A hit as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    hit: &'a SearchHit,
    /// The corrected words the results are for, when a word was misspelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    showing_results_for: Option<&'a str>,
}

pub(super) fn run(context: &Context, query: &str, language: &str, json: bool) -> Result<(), Failure> {
    let store = context.open_store()?;
    let results = store.search_corrected(query, language, 50)?;
    let corrected = results.showing_results_for.as_deref();
    if json {
        let hits: Vec<JsonHit<'_>> = results
            .hits
            .iter()
            .map(|hit| JsonHit {
                hit,
                showing_results_for: corrected,
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
    } else if results.hits.is_empty() {
        say!("no matches for {query:?} in language {language}");
    } else {
        if let Some(corrected) = corrected {
            say!("no matches for {query:?}; showing results for {corrected:?}");
        }
        for hit in results.hits {
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
