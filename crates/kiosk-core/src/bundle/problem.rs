//! Problems found in a bundle, and the report `bundle validate` prints.

use serde::Serialize;

/// The most problems (and, separately, warnings) listed for one bundle; the rest are counted in one
/// last line ([`Problem::omitted`]).
pub const MAX_LISTED: usize = 100;

/// One problem in one place of a bundle, printed as `FILE: FIELD: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The bundle-relative file, e.g. `questions/ici-liver.json`.
    pub file: String,
    /// The field path inside the file, e.g. `references[2].url`; empty when the whole file is meant.
    pub field: String,
    /// What is wrong and, where it helps, what is expected.
    pub message: String,
}

impl Problem {
    /// A problem in `file` at `field`. Control and invisible characters in the file name and field
    /// path (which holds file names too) are escaped, so a hostile name cannot forge lines.
    pub fn new(file: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: super::printable(&file.into()),
            field: super::printable(&field.into()),
            message: message.into(),
        }
    }

    /// The line that stands for the problems past [`MAX_LISTED`], so that a bundle with thousands
    /// of broken questions costs no more memory, screen or audit space than one with a hundred.
    pub fn omitted(count: usize) -> Self {
        Problem::new(
            "bundle",
            "",
            format!("and {count} more problem(s), not listed; fix the ones above and check again"),
        )
    }

    /// Keeps at most [`MAX_LISTED`] problems in `list`, adding what it drops to `omitted`.
    pub(crate) fn cap(list: &mut Vec<Problem>, omitted: &mut usize) {
        if list.len() > MAX_LISTED {
            *omitted += list.len() - MAX_LISTED;
            list.truncate(MAX_LISTED);
        }
    }

    /// All problems, one a line, for error messages.
    pub fn lines(problems: &[Problem]) -> String {
        problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}

/// A readability score of one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadabilityScore {
    /// The formula used, e.g. "Flesch–Kincaid grade".
    pub formula: &'static str,
    /// The formula's own value.
    pub score: f64,
    /// The US school grade it corresponds to.
    pub grade: f64,
}

/// Readability of one question's patient-facing texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReadability {
    /// The question id.
    pub id: String,
    /// The summary's score; `None` when the language has no formula.
    pub summary: Option<ReadabilityScore>,
    /// The hardest urgent sign's score; `None` when there are none.
    pub hardest_urgent: Option<ReadabilityScore>,
    /// Each section: the whole of it and each paragraph.
    pub sections: Vec<SectionReadability>,
    /// The hardest "ask your doctor" item's score.
    pub hardest_ask_your_doctor: Option<ReadabilityScore>,
}

/// Readability of one section of an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionReadability {
    /// The section's heading.
    pub heading: String,
    /// The section as a whole (heading and paragraphs).
    pub whole: Option<ReadabilityScore>,
    /// Each paragraph, in order.
    pub paragraphs: Vec<Option<ReadabilityScore>>,
}

/// What validation found: errors refuse the bundle, warnings do not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ValidationReport {
    /// Problems that refuse the bundle.
    pub errors: Vec<Problem>,
    /// Problems worth fixing that do not refuse the bundle.
    pub warnings: Vec<Problem>,
    /// Readability per question, in file order.
    pub readability: Vec<QuestionReadability>,
}
