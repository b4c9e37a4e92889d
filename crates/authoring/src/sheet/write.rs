//! `bundle to-sheet`: a valid bundle written as the spreadsheet layout (`.xlsx`), so a published
//! library can be edited in any spreadsheet program and turned back into a bundle. Dates are
//! written as `YYYY-MM-DD` text and the version as a number, so they read back unchanged.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::layout::{
    cannot_hold, format_list, format_reference, format_sections, format_topics, BUNDLE_KEYS, MAX_CELL_CHARS,
    QUESTION_COLUMNS,
};
use crate::draft::BundleDraft;

/// What the layout cannot hold, as `question ID: FIELD: why` lines; empty when it holds it all.
pub(crate) fn refusals(draft: &BundleDraft) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in bundle_rows(draft) {
        if let Some(count) = too_long(&value) {
            found.push(format!(
                "bundle: {key}: is {count} characters; a spreadsheet cell holds at most {MAX_CELL_CHARS}"
            ));
        }
    }
    for question in &draft.questions {
        for (field, why) in cannot_hold(question) {
            found.push(format!("question {}: {field}: {why}", question.id));
        }
        for (field, value) in QUESTION_COLUMNS.iter().zip(question_row(question)) {
            if let Some(count) = too_long(&value) {
                found.push(format!(
                    "question {}: {field}: is {count} characters; a spreadsheet cell holds at most {MAX_CELL_CHARS}",
                    question.id
                ));
            }
        }
    }
    found
}

fn too_long(text: &str) -> Option<usize> {
    let count = text.chars().count();
    (count > MAX_CELL_CHARS).then_some(count)
}

fn bundle_rows(draft: &BundleDraft) -> Vec<(&'static str, String)> {
    let m = &draft.manifest;
    let value = |key: &str| match key {
        "id" => m.id.clone(),
        "version" => m.version.to_string(),
        "title" => m.title.clone(),
        "publisher" => m.publisher.clone(),
        "language" => m.language.clone(),
        "published" => m.published.clone(),
        "disclaimer" => m.disclaimer.clone(),
        "reviewed_by" => m.reviewed_by.clone().unwrap_or_default(),
        _ => format_topics(&m.topics),
    };
    BUNDLE_KEYS.iter().map(|key| (*key, value(key))).collect()
}

/// A question's cells, in [`QUESTION_COLUMNS`] order.
fn question_row(q: &kiosk_core::bundle::Question) -> Vec<String> {
    vec![
        q.id.clone(),
        q.topic.clone(),
        q.question.clone(),
        q.summary.clone(),
        format_list(&q.urgent),
        format_sections(&q.sections),
        format_list(&q.ask_your_doctor),
        q.references.iter().map(format_reference).collect::<Vec<_>>().join("\n"),
        q.reviewed.clone(),
        format_list(&q.keywords),
        q.more_info_url.clone().unwrap_or_default(),
    ]
}

/// The workbook's bytes. Call only when [`refusals`] is empty.
pub(crate) fn workbook(draft: &BundleDraft) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name("bundle")?;
    header(sheet, &["key", "value"], &bold)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 80)?;
    for (row, (key, value)) in (1u32..).zip(bundle_rows(draft)) {
        sheet.write_string(row, 0, key)?;
        if key == "version" {
            sheet.write_number_with_format(row, 1, f64::from(draft.manifest.version), &wrap)?;
        } else {
            sheet.write_string_with_format(row, 1, value, &wrap)?;
        }
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("questions")?;
    header(sheet, QUESTION_COLUMNS, &bold)?;
    for (col, name) in (0u16..).zip(QUESTION_COLUMNS) {
        let width = match *name {
            "summary" | "sections" | "references" => 60,
            "question" | "ask_your_doctor" | "urgent" => 40,
            "reviewed" => 12,
            _ => 22,
        };
        sheet.set_column_width(col, width)?;
    }
    for (row, question) in (1u32..).zip(&draft.questions) {
        for (col, value) in (0u16..).zip(question_row(question)) {
            if !value.is_empty() {
                sheet.write_string_with_format(row, col, value, &wrap)?;
            }
        }
    }
    workbook.save_to_buffer()
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(0, col, *name, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
