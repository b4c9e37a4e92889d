//! Readability of every text of a question a patient reads: the summary, the urgent signs, each
//! paragraph, each section as a whole and each "ask your doctor" item. Warnings do not refuse a
//! bundle; they tell the writer which text to make plainer.

use super::citations::strip_markers;
use super::model::Question;
use super::problem::{Problem, QuestionReadability, ReadabilityScore, SectionReadability};

/// Spanish sentences longer than this are flagged even when the formula's average passes: one
/// long sentence is what loses a reader, and Fernández-Huerta averages it away.
pub(super) const MAX_SPANISH_SENTENCE_WORDS: usize = 25;

/// Scores every text a patient reads (summary, urgent signs, each paragraph, each section as a
/// whole, each "ask your doctor" item) and warns about each one above grade 8 and, in Spanish,
/// about each sentence over [`MAX_SPANISH_SENTENCE_WORDS`] words.
pub(crate) fn measure(
    name: &str,
    question: &Question,
    language: &str,
    warnings: &mut Vec<Problem>,
) -> QuestionReadability {
    let mut result = QuestionReadability {
        id: question.id.clone(),
        summary: None,
        hardest_urgent: None,
        sections: Vec::new(),
        hardest_ask_your_doctor: None,
    };
    let Some(lang) = readability::Language::from_tag(language) else {
        return result;
    };
    let mut scorer = Scorer { name, lang, warnings };
    result.summary = scorer.text("summary".to_string(), &question.summary);
    let urgent: Vec<ReadabilityScore> = question
        .urgent
        .iter()
        .enumerate()
        .filter_map(|(i, sign)| scorer.text(format!("urgent[{i}]"), sign))
        .collect();
    result.hardest_urgent = hardest(urgent);
    for (i, section) in question.sections.iter().enumerate() {
        let mut whole = readability::count(&section.heading, lang);
        let mut paragraphs = Vec::with_capacity(section.paragraphs.len());
        for (j, paragraph) in section.paragraphs.iter().enumerate() {
            let (score, counts) = scorer.counted(format!("sections[{i}].paragraphs[{j}]"), paragraph);
            whole += counts;
            paragraphs.push(score);
        }
        result.sections.push(SectionReadability {
            heading: section.heading.clone(),
            whole: scorer.section(i, whole),
            paragraphs,
        });
    }
    let asks: Vec<ReadabilityScore> = question
        .ask_your_doctor
        .iter()
        .enumerate()
        .filter_map(|(i, item)| scorer.text(format!("ask_your_doctor[{i}]"), item))
        .collect();
    result.hardest_ask_your_doctor = hardest(asks);
    result
}

/// Scores texts of one question file in one language, collecting the warnings.
struct Scorer<'a> {
    name: &'a str,
    lang: readability::Language,
    warnings: &'a mut Vec<Problem>,
}

impl Scorer<'_> {
    /// One text: its score, a warning above grade 8 and, in Spanish, one per long sentence.
    fn text(&mut self, field: String, text: &str) -> Option<ReadabilityScore> {
        self.counted(field, text).0
    }

    /// [`Scorer::text`], with the counts behind the score, for adding up a section.
    fn counted(&mut self, field: String, text: &str) -> (Option<ReadabilityScore>, readability::Counts) {
        let plain = strip_markers(text);
        if self.lang == readability::Language::Spanish {
            warn_long_sentences(self.name, &field, &plain, self.warnings);
        }
        let counts = readability::count(&plain, self.lang);
        let Some(measured) = readability::Readability::from_counts(counts, self.lang) else {
            return (None, counts);
        };
        if measured.exceeds(readability::TARGET_MAX_GRADE) {
            self.warnings.push(Problem::new(
                self.name,
                field,
                format!(
                    "reads at grade {:.1} ({} {:.1}); aim for grade {} or below: shorter sentences, shorter words",
                    measured.grade,
                    measured.formula.name(),
                    measured.score,
                    readability::TARGET_MAX_GRADE
                ),
            ));
        }
        (Some(score_of(&measured)), counts)
    }

    /// A section as a whole (heading and paragraphs, from their added-up counts), without
    /// repeating its paragraphs' sentence warnings.
    fn section(&mut self, index: usize, counts: readability::Counts) -> Option<ReadabilityScore> {
        let measured = readability::Readability::from_counts(counts, self.lang)?;
        if measured.exceeds(readability::TARGET_MAX_GRADE) {
            self.warnings.push(Problem::new(
                self.name,
                format!("sections[{index}]"),
                format!(
                    "the section as a whole reads at grade {:.1}; aim for grade {} or below",
                    measured.grade,
                    readability::TARGET_MAX_GRADE
                ),
            ));
        }
        Some(score_of(&measured))
    }
}

/// The counts of a section as a whole: its heading and each paragraph without citation markers,
/// as if joined by blank lines (which never share a sentence, so the counts add up).
fn section_counts<S: AsRef<str>>(heading: &str, paragraphs: &[S], lang: readability::Language) -> readability::Counts {
    paragraphs
        .iter()
        .fold(readability::count(heading, lang), |total, paragraph| {
            total + readability::count(&strip_markers(paragraph.as_ref()), lang)
        })
}

/// The score of one text as validation gives it (markers removed, rounded to one decimal), for
/// the editor's live grades; `None` for an empty text or a language without a formula.
pub(crate) fn score_text(text: &str, language: &str) -> Option<ReadabilityScore> {
    let lang = readability::Language::from_tag(language)?;
    readability::measure(&strip_markers(text), lang).map(|m| score_of(&m))
}

/// The score of a section as a whole, as validation gives it.
pub(crate) fn score_section<S: AsRef<str>>(
    heading: &str,
    paragraphs: &[S],
    language: &str,
) -> Option<ReadabilityScore> {
    let lang = readability::Language::from_tag(language)?;
    readability::Readability::from_counts(section_counts(heading, paragraphs, lang), lang).map(|m| score_of(&m))
}

fn score_of(measured: &readability::Readability) -> ReadabilityScore {
    ReadabilityScore {
        formula: measured.formula.name(),
        score: round1(measured.score),
        grade: round1(measured.grade),
    }
}

fn hardest(scores: Vec<ReadabilityScore>) -> Option<ReadabilityScore> {
    scores.into_iter().max_by(|a, b| a.grade.total_cmp(&b.grade))
}

fn warn_long_sentences(name: &str, field: &str, text: &str, warnings: &mut Vec<Problem>) {
    for sentence in readability::sentences(text) {
        if sentence.words > MAX_SPANISH_SENTENCE_WORDS {
            let opening: Vec<&str> = sentence.text.split_whitespace().take(6).collect();
            warnings.push(Problem::new(
                name,
                field,
                format!(
                    "has a sentence of {} words (\"{} …\"); split Spanish sentences of more than {MAX_SPANISH_SENTENCE_WORDS} words",
                    sentence.words,
                    opening.join(" ")
                ),
            ));
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A section as one text, the way it read before sections were scored from their parts.
    fn joined(heading: &str, paragraphs: &[&str]) -> String {
        let mut text = heading.to_string();
        for paragraph in paragraphs {
            text.push_str("\n\n");
            text.push_str(&strip_markers(paragraph));
        }
        text
    }

    fn assert_adds_up(heading: &str, paragraphs: &[&str], lang: readability::Language) {
        assert_eq!(
            section_counts(heading, paragraphs, lang),
            readability::count(&joined(heading, paragraphs), lang),
            "a section's counts must equal those of its text read whole, or its grade would change: {heading:?} {paragraphs:?}"
        );
    }

    #[test]
    fn a_section_scored_from_its_parts_equals_the_section_read_whole() {
        use readability::Language::{English, Spanish};
        // Cases where joining could merge or split sentences differently if it were not exact.
        let awkward: &[(&str, &[&str])] = &[
            ("", &["No stop at the end", "Capitalised next paragraph."]),
            ("Heading without stop", &["lower-case start of a paragraph."]),
            ("# Markdown heading", &["- a list item\n- another", "1. numbered"]),
            ("Ends with a bracket [", &["1] looks like a marker across the gap [2]."]),
            ("Dr.", &["Smith said so.", "", "   ", "[1]"]),
            (
                "¿Pregunta?",
                &["El Dr. López… sí", "¡Hola! etc.", "Sra. Pérez [3–5; 8]."],
            ),
            (
                "Wrapped",
                &["a line\nthat wraps\nAnd Capital", "e.g. this. U.S. rules."],
            ),
        ];
        for (heading, paragraphs) in awkward {
            assert_adds_up(heading, paragraphs, English);
            assert_adds_up(heading, paragraphs, Spanish);
        }
        // Every section of the shipped library.
        for (folder, lang) in [("oncology-en", English), ("oncology-es", Spanish)] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../data/bundles")
                .join(folder);
            let files = crate::bundle::BundleFiles::read_path(&path, crate::bundle::Limits::default())
                .expect("the shipped bundle reads");
            let bundle = crate::bundle::validate(&files)
                .into_bundle()
                .expect("the shipped bundle is valid");
            let mut sections = 0;
            for question in bundle.questions() {
                for section in &question.sections {
                    let paragraphs: Vec<&str> = section.paragraphs.iter().map(String::as_str).collect();
                    assert_adds_up(&section.heading, &paragraphs, lang);
                    sections += 1;
                }
            }
            assert!(sections > 40, "{folder}: the check covered only {sections} sections");
        }
    }
}
