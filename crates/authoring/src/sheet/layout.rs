//! The spreadsheet layout's cell formats, both ways: how a cell's text becomes sections,
//! references, lists and topics, and how they are written back. The reader and the writer use
//! these pairs so that sheet → bundle → sheet gives the same content; [`cannot_hold`] names what
//! a cell cannot carry, so the writer refuses it instead of changing it.

use kiosk_core::bundle::{Reference, Section, Topic};

/// The `questions` sheet's columns, in the order `to-sheet` writes them: the question's fields.
pub(crate) use kiosk_core::bundle::QUESTION_FIELDS as QUESTION_COLUMNS;

/// Columns a `questions` sheet must have (the question's required fields).
pub(crate) const REQUIRED_COLUMNS: &[&str] = &["id", "topic", "question", "summary", "ask_your_doctor", "reviewed"];

/// The `bundle` sheet's keys, in the order `to-sheet` writes them.
pub(crate) const BUNDLE_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "publisher",
    "language",
    "published",
    "disclaimer",
    "reviewed_by",
    "topics",
];

/// The most characters a spreadsheet cell holds (Excel's limit).
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Line breaks as a bundle writes them: `\r\n` and `\r` (from Windows and old Macs) become `\n`.
pub(crate) fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// One item per line; blank lines are skipped and each item is trimmed.
pub(crate) fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The inverse of [`parse_list`].
pub(crate) fn format_list(items: &[String]) -> String {
    items.join("\n")
}

fn is_heading(line: &str) -> bool {
    line.trim_start().starts_with("##")
}

/// `## Heading` lines start sections; blank lines separate paragraphs.
pub(crate) fn parse_sections(text: &str) -> Result<Vec<Section>, String> {
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, sections: &mut Vec<Section>| {
        if let (Some(section), false) = (sections.last_mut(), paragraph.is_empty()) {
            section.paragraphs.push(paragraph.join("\n").trim().to_string());
        }
        paragraph.clear();
    };
    for (i, line) in text.lines().enumerate() {
        if is_heading(line) {
            flush(&mut paragraph, &mut sections);
            let heading = line.trim_start().trim_start_matches('#').trim();
            if heading.is_empty() {
                return Err(format!(
                    "line {}: write the section's heading after ##, e.g. ## What the research says",
                    i + 1
                ));
            }
            sections.push(Section {
                heading: heading.to_string(),
                paragraphs: Vec::new(),
            });
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut sections);
        } else if sections.is_empty() {
            return Err(format!(
                "line {}: text before the first heading; start each section with a line ## Heading",
                i + 1
            ));
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut sections);
    Ok(sections)
}

/// The inverse of [`parse_sections`].
pub(crate) fn format_sections(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| format!("## {}\n{}", s.heading, s.paragraphs.join("\n\n")))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One reference a line: `[n] text | pmid:… | doi:… | https://…`, the identifiers optional.
pub(crate) fn parse_references(text: &str) -> Result<Vec<Reference>, String> {
    let mut references = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |message: String| format!("line {}: {message}", i + 1);
        let (n, rest) = line.strip_prefix('[').and_then(|l| l.split_once(']')).ok_or_else(|| {
            at("start each reference with its number in brackets, e.g. [1] Author. Title. Journal. Year.".into())
        })?;
        let n: u32 = n.trim().parse().map_err(|_| {
            at(format!(
                "[{n}] is not a reference number; write a whole number such as [1]"
            ))
        })?;
        let mut parts = rest.split('|').map(str::trim);
        let mut reference = Reference {
            n,
            text: parts.next().unwrap_or_default().to_string(),
            pmid: None,
            doi: None,
            url: None,
        };
        for part in parts.filter(|p| !p.is_empty()) {
            let lower = part.to_ascii_lowercase();
            let (slot, value, name) = if lower.starts_with("pmid:") {
                (&mut reference.pmid, part[5..].trim(), "pmid:")
            } else if lower.starts_with("doi:") {
                (&mut reference.doi, part[4..].trim(), "doi:")
            } else if lower.starts_with("https://") || lower.starts_with("http://") {
                (&mut reference.url, part, "address")
            } else {
                return Err(at(format!(
                    "{part:?} is not pmid:…, doi:… or an https:// address; separate only those with |"
                )));
            };
            if slot.replace(value.to_string()).is_some() {
                return Err(at(format!("reference [{n}] has more than one {name}")));
            }
        }
        references.push(reference);
    }
    Ok(references)
}

/// The inverse of [`parse_references`] for one reference.
pub(crate) fn format_reference(r: &Reference) -> String {
    let mut line = format!("[{}] {}", r.n, r.text);
    for (prefix, value) in [("pmid:", &r.pmid), ("doi:", &r.doi), ("", &r.url)] {
        if let Some(value) = value {
            line.push_str(&format!(" | {prefix}{value}"));
        }
    }
    line
}

/// One topic a line: `topic-id: Topic title`.
pub(crate) fn parse_topics(text: &str) -> Result<Vec<Topic>, String> {
    let mut topics = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (id, title) = line.split_once(':').ok_or_else(|| {
            format!(
                "line {}: write each topic as topic-id: Topic title, e.g. side-effects: Side effects",
                i + 1
            )
        })?;
        topics.push(Topic {
            id: id.trim().to_string(),
            title: title.trim().to_string(),
            questions: Vec::new(),
        });
    }
    Ok(topics)
}

/// The inverse of [`parse_topics`].
pub(crate) fn format_topics(topics: &[Topic]) -> String {
    topics
        .iter()
        .map(|t| format!("{}: {}", t.id, t.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a question's content cannot be written into the layout without changing it, field by
/// field; empty when it can.
pub(crate) fn cannot_hold(question: &kiosk_core::bundle::Question) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (s, section) in question.sections.iter().enumerate() {
        if section.heading.contains('\n') {
            found.push((
                format!("sections[{s}].heading"),
                "has a line break, which would end the heading".into(),
            ));
        }
        for (p, paragraph) in section.paragraphs.iter().enumerate() {
            let field = format!("sections[{s}].paragraphs[{p}]");
            if paragraph.lines().any(is_heading) {
                found.push((
                    field.clone(),
                    "has a line starting with ##, which the sheet reads as a new section".into(),
                ));
            }
            if paragraph.lines().any(|l| l.trim().is_empty()) {
                found.push((
                    field,
                    "has a blank line, which the sheet reads as the start of a new paragraph".into(),
                ));
            }
        }
    }
    for (r, reference) in question.references.iter().enumerate() {
        let parts = [
            Some(reference.text.as_str()),
            reference.pmid.as_deref(),
            reference.doi.as_deref(),
            reference.url.as_deref(),
        ];
        if parts.iter().flatten().any(|t| t.contains('|') || t.contains('\n')) {
            found.push((
                format!("references[{r}]"),
                "has a | or a line break, which the sheet uses to separate references and their parts".into(),
            ));
        }
    }
    for (name, items) in [
        ("urgent", &question.urgent),
        ("ask_your_doctor", &question.ask_your_doctor),
        ("keywords", &question.keywords),
    ] {
        for (i, item) in items.iter().enumerate() {
            if item.contains('\n') {
                found.push((
                    format!("{name}[{i}]"),
                    "has a line break, which the sheet reads as two items".into(),
                ));
            }
        }
    }
    found
}

/// Column letters as spreadsheets name them: 0 is A, 25 is Z, 26 is AA.
pub(crate) fn column_letter(mut index: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_references_read_back_as_written() {
        let text = "## Qué dice la investigación\nUna línea\ny otra [1].\n\nSegundo párrafo.\n\n## Otra\nTexto.";
        let sections = parse_sections(text).expect("parses");
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].paragraphs, ["Una línea\ny otra [1].", "Segundo párrafo."]);
        assert_eq!(format_sections(&sections), text, "written back the same");
        let refs =
            parse_references("[1] A. Study. 2020. | pmid:123 | doi:10.1/x | https://e.org/a\n[2] B").expect("parses");
        assert_eq!(refs[0].pmid.as_deref(), Some("123"));
        assert_eq!(refs[0].url.as_deref(), Some("https://e.org/a"));
        assert_eq!(
            format_reference(&refs[0]),
            "[1] A. Study. 2020. | pmid:123 | doi:10.1/x | https://e.org/a"
        );
        assert_eq!(refs[1].text, "B");
    }

    #[test]
    fn malformed_cells_are_named_by_line() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("Text first\n## H\nx", Err("line 1: text before the first heading")),
            ("## \nx", Err("line 1: write the section's heading")),
        ];
        for (text, expected) in cases {
            let got = parse_sections(text).map(|_| ());
            assert!(
                matches!((&got, expected), (Err(e), Err(want)) if e.starts_with(want)),
                "{text:?} gives {got:?}"
            );
        }
        let bad = parse_references("[1] A | isbn:123").expect_err("refused");
        assert!(bad.starts_with("line 1: \"isbn:123\" is not pmid"), "{bad}");
        let bad = parse_references("A. Study.").expect_err("refused");
        assert!(bad.contains("start each reference with its number"), "{bad}");
        assert!(
            parse_topics("side-effects Side effects").is_err(),
            "a topic needs its colon"
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(
            [0, 3, 25, 26, 27, 701, 702].map(column_letter),
            ["A", "D", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }
}
