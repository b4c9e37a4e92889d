//! A problem found in a spreadsheet, named by where a person fixes it: `questions!D7` (a cell),
//! `questions!1` (a row), `bundle` (a sheet) or `--title` (an option given with a `.csv` file).

use serde::Serialize;

/// One problem (or warning) in a spreadsheet, printed as `PLACE: FIELD: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    /// Where: `questions!D7`, `bundle!B3`, `questions!1`, `bundle` or `--title`.
    pub place: String,
    /// The field, as `bundle validate` names it, e.g. `summary` or `sections[0].paragraphs[1]`;
    /// empty when the place says it all.
    pub field: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl SheetProblem {
    /// A problem at `place` in `field`.
    pub fn new(place: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        SheetProblem {
            place: place.into(),
            field: field.into(),
            message: message.into(),
        }
    }

    /// All problems, one a line.
    pub fn lines(problems: &[SheetProblem]) -> String {
        problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    }
}

impl std::fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.place, self.message)
        } else {
            write!(f, "{}: {}: {}", self.place, self.field, self.message)
        }
    }
}
