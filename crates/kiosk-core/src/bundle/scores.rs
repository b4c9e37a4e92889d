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
        let paragraphs = section
            .paragraphs
            .iter()
            .enumerate()
            .map(|(j, paragraph)| scorer.text(format!("sections[{i}].paragraphs[{j}]"), paragraph))
            .collect();
        let whole = scorer.section(i, &section.heading, &section.paragraphs);
        result.sections.push(SectionReadability {
            heading: section.heading.clone(),
            whole,
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
        let plain = strip_markers(text);
        if self.lang == readability::Language::Spanish {
            warn_long_sentences(self.name, &field, &plain, self.warnings);
        }
        let measured = measure_plain(&plain, self.lang)?;
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
        Some(score_of(&measured))
    }

    /// A section as a whole (heading and paragraphs), without repeating its paragraphs' sentence
    /// warnings.
    fn section(&mut self, index: usize, heading: &str, paragraphs: &[String]) -> Option<ReadabilityScore> {
        let measured = measure_plain(&section_text(heading, paragraphs), self.lang)?;
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

/// The text of a section as a whole, as it is scored: the heading and each paragraph without its
/// citation markers, separated by blank lines.
pub(super) fn section_text<S: AsRef<str>>(heading: &str, paragraphs: &[S]) -> String {
    let mut text = heading.to_string();
    for paragraph in paragraphs {
        text.push_str("\n\n");
        text.push_str(&strip_markers(paragraph.as_ref()));
    }
    text
}

/// The score of one text as validation gives it (markers removed, rounded to one decimal), for
/// the editor's live grades; `None` for an empty text or a language without a formula.
pub(crate) fn score_text(text: &str, language: &str) -> Option<ReadabilityScore> {
    let lang = readability::Language::from_tag(language)?;
    measure_plain(&strip_markers(text), lang).map(|m| score_of(&m))
}

/// The score of a section as a whole, as validation gives it.
pub(crate) fn score_section<S: AsRef<str>>(
    heading: &str,
    paragraphs: &[S],
    language: &str,
) -> Option<ReadabilityScore> {
    let lang = readability::Language::from_tag(language)?;
    measure_plain(&section_text(heading, paragraphs), lang).map(|m| score_of(&m))
}

/// The one place texts are measured, so validation and the editor cannot disagree.
fn measure_plain(plain: &str, lang: readability::Language) -> Option<readability::Readability> {
    readability::measure(plain, lang)
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
