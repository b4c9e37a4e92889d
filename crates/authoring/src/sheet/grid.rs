//! A sheet as a grid of cell values with their addresses, read from `.xlsx`/`.ods` (calamine) or
//! `.csv` (csv). The rest of the reader sees only this, so every format gets the same rules and
//! the same `sheet!cell` addresses in its messages.

use std::path::Path;

use calamine::{Data, Reader as _};

use super::layout::{column_letter, normalise};
use super::problem::SheetProblem;
use crate::{Error, Result};

/// The largest spreadsheet read (a bundle is at most 64 MiB of JSON; a sheet of it is smaller).
const MAX_SHEET_BYTES: u64 = 32 * 1024 * 1024;

/// One cell's value, as the reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A spreadsheet date, as `YYYY-MM-DD`.
    Date(String),
    /// A cell showing an error such as `#REF!`.
    Error(String),
}

impl Value {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet: its name and its rows, the first at `origin` (0-based row and column).
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub(crate) name: String,
    origin: (u32, u32),
    pub(crate) rows: Vec<Vec<Value>>,
}

impl Grid {
    /// The address of the cell at `row`, `column` of [`Grid::rows`], e.g. `questions!D7`.
    pub(crate) fn address(&self, row: usize, column: usize) -> String {
        format!("{}!{}", self.name, self.cell(row, column))
    }

    /// The cell part of an address, e.g. `D7`.
    pub(crate) fn cell(&self, row: usize, column: usize) -> String {
        let column = self.origin.1.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
        let row = u64::from(self.origin.0) + row as u64 + 1;
        format!("{}{row}", column_letter(column))
    }

    /// The address of a whole row, e.g. `questions!7`.
    pub(crate) fn row_address(&self, row: usize) -> String {
        format!("{}!{}", self.name, u64::from(self.origin.0) + row as u64 + 1)
    }
}

/// The kinds of spreadsheet the reader takes, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Workbook,
    Csv,
}

pub(crate) fn kind_of(path: &Path) -> Result<Kind> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => Ok(Kind::Workbook),
        "csv" => Ok(Kind::Csv),
        _ => Err(unreadable(path, "it is not a .xlsx, .ods or .csv spreadsheet")),
    }
}

fn unreadable(path: &Path, reason: impl Into<String>) -> Error {
    Error::Core(kiosk_core::Error::Unreadable {
        path: path.to_path_buf(),
        reason: reason.into(),
    })
}

fn check_size(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable(path, "it is not a file"));
    }
    if meta.len() > MAX_SHEET_BYTES {
        return Err(unreadable(
            path,
            format!(
                "it is larger than {} MiB; split the content into several bundles",
                MAX_SHEET_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// The sheets named `names` of a workbook; a missing sheet is a problem naming the sheets found.
pub(crate) fn read_workbook(path: &Path, names: &[&str]) -> Result<Vec<Result<Grid, SheetProblem>>> {
    check_size(path)?;
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| unreadable(path, format!("it cannot be read as a spreadsheet ({e})")))?;
    let found = workbook.sheet_names();
    let mut grids = Vec::new();
    for name in names {
        let Some(actual) = found.iter().find(|f| f.trim().eq_ignore_ascii_case(name)) else {
            grids.push(Err(SheetProblem::new(
                *name,
                "",
                format!(
                    "the workbook has no sheet named {name:?} (it has: {}); use the template in data/templates/",
                    found.join(", ")
                ),
            )));
            continue;
        };
        let range = workbook
            .worksheet_range(actual)
            .map_err(|e| unreadable(path, format!("the sheet {actual:?} cannot be read ({e})")))?;
        let origin = range.start().unwrap_or((0, 0));
        let rows = range.rows().map(|row| row.iter().map(value_of).collect()).collect();
        grids.push(Ok(Grid {
            name: name.to_string(),
            origin,
            rows,
        }));
    }
    Ok(grids)
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => Value::Text(normalise(text)),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(n) => Value::Number(*n),
        Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            Value::Date(format!("{year:04}-{month:02}-{day:02}"))
        }
        Data::DateTime(duration) => Value::Text(duration.as_f64().to_string()),
        Data::DateTimeIso(text) => {
            let date = text.split('T').next().unwrap_or_default();
            if date.len() == 10 {
                Value::Date(date.to_string())
            } else {
                Value::Text(text.clone())
            }
        }
        Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(error) => Value::Error(error.to_string()),
    }
}

/// A `.csv` file as the `questions` sheet. A byte-order mark (which spreadsheet programs write
/// into "CSV UTF-8") is dropped; text that is not UTF-8 is a problem naming its row.
pub(crate) fn read_csv(path: &Path, name: &str) -> Result<Result<Grid, SheetProblem>> {
    check_size(path)?;
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e.to_string()))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| unreadable(path, format!("it is not a readable CSV file ({e})")))?;
        let mut row = Vec::new();
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(text) => row.push(Value::Text(normalise(text))),
                Err(_) => {
                    return Ok(Err(SheetProblem::new(
                        format!("{name}!{}", i + 1),
                        "",
                        "is not UTF-8 text; save the file as \"CSV UTF-8\" (or CSV with the UTF-8 character set)",
                    )))
                }
            }
        }
        rows.push(row);
    }
    Ok(Ok(Grid {
        name: name.to_string(),
        origin: (0, 0),
        rows,
    }))
}
