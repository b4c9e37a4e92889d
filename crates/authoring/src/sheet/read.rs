//! From the `questions` grid to questions, remembering where each value came from, so that every
//! problem (the reader's own, and the engine's check of the result) names the cell a person fixes.

use std::collections::BTreeMap;

use kiosk_core::bundle::{Problem, Question, MANIFEST};

use super::grid::{Grid, Value};
use super::layout::{parse_list, parse_references, parse_sections, QUESTION_COLUMNS, REQUIRED_COLUMNS};
use super::problem::SheetProblem;

/// Where each manifest field and each question's fields were read from.
#[derive(Debug, Default)]
pub(crate) struct Places {
    pub(super) manifest: BTreeMap<String, String>,
    pub(super) manifest_sheet: String,
    questions: BTreeMap<String, QuestionPlaces>,
}

#[derive(Debug, Default)]
struct QuestionPlaces {
    row: String,
    cells: BTreeMap<String, String>,
}

impl Places {
    /// The engine's problem, placed at the cell it came from.
    pub(crate) fn place(&self, problem: &Problem) -> SheetProblem {
        let head = problem.field.split(['[', '.']).next().unwrap_or_default();
        let place = if problem.file == MANIFEST {
            self.manifest
                .get(head)
                .cloned()
                .unwrap_or_else(|| self.manifest_sheet.clone())
        } else {
            let id = problem
                .file
                .strip_prefix("questions/")
                .and_then(|f| f.strip_suffix(".json"));
            match id.and_then(|id| self.questions.get(id)) {
                Some(q) => q.cells.get(head).cloned().unwrap_or_else(|| q.row.clone()),
                None => problem.file.clone(),
            }
        };
        SheetProblem::new(place, problem.field.clone(), problem.message.clone())
    }
}

/// A cell's text: trimmed text, a whole number without `.0`, a date as `YYYY-MM-DD`.
pub(super) fn text_of(value: &Value, place: &str, field: &str, problems: &mut Vec<SheetProblem>) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(text) => text.trim().to_string(),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Value::Number(n) => n.to_string(),
        Value::Date(date) => date.clone(),
        Value::Error(error) => {
            problems.push(SheetProblem::new(
                place,
                field,
                format!("the cell shows the error {error}; type the value itself"),
            ));
            String::new()
        }
    }
}

/// A date cell: a spreadsheet date, or text the engine checks as `YYYY-MM-DD`.
pub(super) fn date_of(value: &Value, place: &str, field: &str, problems: &mut Vec<SheetProblem>) -> String {
    match value {
        Value::Number(n) => {
            problems.push(SheetProblem::new(
                place,
                field,
                format!("must be a date (a spreadsheet date, or text written YYYY-MM-DD), found the number {n}"),
            ));
            String::new()
        }
        other => text_of(other, place, field, problems),
    }
}

/// The `questions` sheet (or a `.csv` file).
pub(crate) fn read_questions(grid: &Grid, places: &mut Places, problems: &mut Vec<SheetProblem>) -> Vec<Question> {
    let Some(header) = grid.rows.first() else {
        problems.push(SheetProblem::new(
            &grid.name,
            "",
            format!(
                "the sheet is empty; row 1 must hold the column names ({})",
                QUESTION_COLUMNS.join(", ")
            ),
        ));
        return Vec::new();
    };
    let before = problems.len();
    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (c, cell) in header.iter().enumerate() {
        let name = text_of(cell, &grid.address(0, c), "", problems).to_lowercase();
        if name.is_empty() {
            if grid
                .rows
                .iter()
                .skip(1)
                .any(|row| row.get(c).is_some_and(|v| !v.is_empty()))
            {
                problems.push(SheetProblem::new(
                    grid.address(0, c),
                    "",
                    "this column holds values but has no name; write its field name in row 1, or delete the column",
                ));
            }
            continue;
        }
        match QUESTION_COLUMNS.iter().find(|known| **known == name) {
            Some(known) => {
                if let Some(first) = columns.insert(known, c) {
                    problems.push(SheetProblem::new(
                        grid.address(0, c),
                        "",
                        format!(
                            "the column {known} appears twice (also in {}); keep one",
                            grid.cell(0, first)
                        ),
                    ));
                }
            }
            None => problems.push(SheetProblem::new(
                grid.address(0, c),
                "",
                format!(
                    "{name:?} is not a question field; the columns are: {}",
                    QUESTION_COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in REQUIRED_COLUMNS {
        if !columns.contains_key(required) {
            problems.push(SheetProblem::new(
                grid.row_address(0),
                "",
                format!("the header row has no column {required:?}; add it (every question needs one)"),
            ));
        }
    }
    if problems.len() > before {
        return Vec::new();
    }
    let mut questions = Vec::new();
    let mut rows_of_ids: BTreeMap<String, usize> = BTreeMap::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        if row.iter().all(Value::is_empty) {
            continue;
        }
        let empty = Value::Empty;
        let cell = |name: &str| columns.get(name).and_then(|c| row.get(*c)).unwrap_or(&empty);
        let at = |name: &str| match columns.get(name) {
            Some(c) => grid.address(r, *c),
            None => grid.row_address(r),
        };
        let text = |name: &str, problems: &mut Vec<SheetProblem>| text_of(cell(name), &at(name), name, problems);
        let id = text("id", problems);
        if !is_safe_id(&id) {
            problems.push(SheetProblem::new(
                at("id"),
                "id",
                format!("must be lowercase letters, digits and dashes, starting with a letter or digit, e.g. side-effects-fatigue; found {id:?}"),
            ));
            continue;
        }
        if let Some(first) = rows_of_ids.insert(id.clone(), r) {
            problems.push(SheetProblem::new(
                at("id"),
                "id",
                format!(
                    "{id:?} is already the id of {}; give each question its own id",
                    grid.row_address(first)
                ),
            ));
            continue;
        }
        let sections = match parse_sections(&text("sections", problems)) {
            Ok(sections) => sections,
            Err(message) => {
                problems.push(SheetProblem::new(at("sections"), "sections", message));
                Vec::new()
            }
        };
        let references = match parse_references(&text("references", problems)) {
            Ok(references) => references,
            Err(message) => {
                problems.push(SheetProblem::new(at("references"), "references", message));
                Vec::new()
            }
        };
        let url = text("more_info_url", problems);
        let question = Question {
            topic: text("topic", problems),
            question: text("question", problems),
            summary: text("summary", problems),
            sections,
            urgent: parse_list(&text("urgent", problems)),
            ask_your_doctor: parse_list(&text("ask_your_doctor", problems)),
            references,
            reviewed: date_of(cell("reviewed"), &at("reviewed"), "reviewed", problems),
            keywords: parse_list(&text("keywords", problems)),
            more_info_url: (!url.is_empty()).then_some(url),
            id: id.clone(),
        };
        let cells = columns
            .iter()
            .map(|(name, c)| (name.to_string(), grid.address(r, *c)))
            .collect();
        places.questions.insert(
            id,
            QuestionPlaces {
                row: grid.row_address(r),
                cells,
            },
        );
        questions.push(question);
    }
    questions
}

/// An id that can name a file; the engine judges the rest of the id rule.
fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
