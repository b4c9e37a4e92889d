//! An answer as plain text, for `clinic-kiosk show` in a terminal.

use kiosk_core::bundle::Segment;
use kiosk_core::store::{Answer, ReviewStatus};

/// An answer as plain text for the terminal.
pub(crate) fn render(answer: &Answer) -> String {
    let review = match (answer.review_status, &answer.reviewed_by) {
        (ReviewStatus::Reviewed, Some(who)) => format!("reviewed by {who} on {}", answer.reviewed),
        _ => "draft, not yet checked by a clinician".to_string(),
    };
    let mut out = format!(
        "{}\n{} · {} · {review}\n\n",
        answer.question, answer.bundle.title, answer.topic_title,
    );
    if !answer.urgent.is_empty() {
        out.push_str("Get help right away\n");
        for sign in &answer.urgent {
            out.push_str(&format!("! {sign}\n"));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}\n", segments_text(&answer.summary)));
    for section in &answer.sections {
        out.push_str(&format!("\n{}\n", section.heading));
        for paragraph in &section.paragraphs {
            out.push_str(&format!("{}\n", segments_text(paragraph)));
        }
    }
    out.push_str("\nWhat to ask your doctor\n");
    for item in &answer.ask_your_doctor {
        out.push_str(&format!("- {item}\n"));
    }
    if !answer.references.is_empty() {
        out.push_str("\nReferences\n");
        for r in &answer.references {
            let mut ids = Vec::new();
            if let Some(doi) = &r.doi {
                ids.push(format!("DOI {doi}"));
            }
            if let Some(pmid) = &r.pmid {
                ids.push(format!("PMID {pmid}"));
            }
            if let Some(url) = &r.url {
                ids.push(url.clone());
            }
            let ids = if ids.is_empty() {
                String::new()
            } else {
                format!(" {}", ids.join(" · "))
            };
            out.push_str(&format!("[{}] {}{ids}\n", r.n, r.text));
        }
    }
    out.push_str(&format!("\n{}\n", answer.bundle.disclaimer));
    out
}

fn segments_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Cite(ns) => format!(
                " [{}]",
                ns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}
