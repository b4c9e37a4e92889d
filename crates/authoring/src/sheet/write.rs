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
    let top = Format::new().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name("bundle")?;
    header(sheet, &["key", "value"], &bold)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 80)?;
    for (row, (key, value)) in (1u32..).zip(bundle_rows(draft)) {
        sheet.set_row_height(row, row_height(wrapped_lines(&value, 80)))?;
        sheet.write_string_with_format(row, 0, key, &top)?;
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
        sheet.set_column_width(col, column_width(name))?;
    }
    for (row, question) in (1u32..).zip(&draft.questions) {
        let mut lines = 1;
        for ((col, value), name) in (0u16..).zip(question_row(question)).zip(QUESTION_COLUMNS) {
            lines = lines.max(wrapped_lines(&value, column_width(name)));
            if !value.is_empty() {
                sheet.write_string_with_format(row, col, value, &wrap)?;
            }
        }
        sheet.set_row_height(row, row_height(lines))?;
    }
    workbook.save_to_buffer()
}

/// A column's width, in characters.
fn column_width(name: &str) -> u16 {
    match name {
        "summary" | "sections" | "references" => 60,
        "question" | "ask_your_doctor" | "urgent" => 40,
        "reviewed" => 12,
        _ => 22,
    }
}

/// About how many lines a wrapped cell shows in a column `width` characters wide.
fn wrapped_lines(text: &str, width: u16) -> usize {
    let width = usize::from(width.max(1));
    let lines: usize = text
        .lines()
        .map(|line| line.chars().count().div_ceil(width).max(1))
        .sum();
    lines.max(1)
}

/// Spreadsheet programs do not grow rows for wrapped text by themselves: 15 points a line, up
/// to the largest row height a spreadsheet allows.
fn row_height(lines: usize) -> f64 {
    (15.0 * lines as f64).min(409.0)
}

/// The header row, frozen; printed landscape, one page wide, with grid lines and the column
/// letters and row numbers that problem messages name (`questions!D7`).
fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(0, col, *name, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_print_headings(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_cell_still_gets_a_visible_row() {
        assert_eq!(wrapped_lines("", 80), 1, "an empty value's row must not be hidden");
        assert_eq!(wrapped_lines("a\nb", 80), 2);
        assert_eq!(wrapped_lines(&"x".repeat(81), 80), 2, "a long line wraps");
        assert_eq!(row_height(1000), 409.0, "capped at the largest row height");
    }
}
