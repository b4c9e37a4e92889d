//! Readability scores for Clinic Kiosk's patient-facing text.
//!
//! `bundle validate` reports a score for each question's summary and each
//! "ask your doctor" item. The kiosk warns when a text is harder than
//! [`TARGET_MAX_GRADE`] (US school grade 8), measured with
//! [`Formula::FleschKincaidGrade`] for English and
//! [`Formula::FernandezHuerta`] for Spanish. The crate uses only `std`.
//!
//! ```
//! use readability::{measure, Language, TARGET_MAX_GRADE};
//!
//! let r = measure("Ask your doctor what the test shows.", Language::English).unwrap();
//! assert!(!r.exceeds(TARGET_MAX_GRADE));
//! ```
//!
//! # Formulas
//!
//! **English: Flesch–Kincaid grade level** (Kincaid et al., 1975):
//!
//! > grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//!
//! The result is already a US school grade, so [`Readability::score`] and
//! [`Readability::grade`] are the same number. It can go below 0 for very
//! simple text; "The cat sat on the mat." scores −1.45.
//!
//! **Spanish: Fernández-Huerta reading ease** (1959), the corrected form:
//!
//! > L = 206.84 − 0.60 × P − 1.02 × F
//!
//! Here P is syllables per 100 words and F is the **average number of words
//! per sentence**. That makes it the same as 206.84 − 60 × (syllables / words)
//! − 1.02 × (words / sentences). Many sources print F as "sentences per 100
//! words". That reading is a known transcription error (G. Law, 2011): with it,
//! shorter sentences would make a text *harder*, against the Flesch formula
//! that Fernández-Huerta adapted (206.835 − 84.6 × syllables/word − 1.015 ×
//! words/sentence). The corrected form is also the one used by legible.es and
//! Python's `textstat`. Higher scores mean easier text; the usual range is
//! 0–100, but a score can fall outside it.
//!
//! # Mapping Fernández-Huerta to a US grade
//!
//! The published interpretation table for Fernández-Huerta (the same bands as
//! Flesch's) is:
//!
//! | score  | level                 | grade in the table                |
//! |--------|-----------------------|-----------------------------------|
//! | 90–100 | very easy             | 4                                 |
//! | 80–90  | easy                  | 5                                 |
//! | 70–80  | fairly easy           | 6                                 |
//! | 60–70  | standard (adult)      | 7–8                               |
//! | 50–60  | fairly difficult      | 9–10 (pre-university)             |
//! | 30–50  | difficult             | 11–14 (selective courses/college) |
//! | 0–30   | very difficult        | 16 (university, specialist)       |
//!
//! The table's grades jump between bands, so [`Readability::grade`] is the
//! continuous, piecewise-linear curve through these points (score → grade):
//!
//! | score | 100 | 90 | 80 | 70 | 60 | 50 | 30 | 0  |
//! |-------|-----|----|----|----|----|----|----|----|
//! | grade | 4   | 5  | 6  | 7  | 8  | 10 | 14 | 16 |
//!
//! Between two points the grade is interpolated linearly. Scores above 100 map
//! to 4 and scores below 0 map to 16. So the grade never rises as the score
//! rises. Each band with a single grade maps to that grade at its easy end,
//! rising to the next band's grade (90–100 → 4–5). The 60–70 band maps to
//! exactly 7–8, and the harder bands end at the top of their range (50 → 10,
//! 30 → 14). As a result, a Spanish text scoring 60 or more ("standard")
//! meets the grade-8 target.
//!
//! # Counting
//!
//! - **Citation markers** are removed first: `[1]`, `[1, 2]`, `[3-5]`,
//!   `[3–5; 8]`. Other text in brackets is kept.
//! - **Words** are whitespace-separated tokens that contain a letter or digit.
//!   Leading and trailing punctuation is ignored, so `30.6%`, `follow-up`,
//!   `and/or` and `doctor's` are one word each.
//! - **Sentences** end at `.`, `!`, `?` (and `…`) at the end of a token. The
//!   Spanish opening marks `¿` and `¡` never end a sentence. A period that is
//!   followed by `,`, `;` or `:`, or that sits inside a number, is not an end.
//!   Titles and Latin abbreviations never end a sentence: Dr., Dra., Mr.,
//!   Mrs., Ms., Prof., Sr., Sra., Srta., Ud., e.g., i.e., cf., vs., approx.,
//!   aprox., p. ej., fig., núm., pág. A few abbreviations end a sentence only
//!   when the next word is capitalised or nothing follows: etc., Jr., Inc.,
//!   No., single letters, dotted initials such as U.S. or a.m., and an
//!   ellipsis.
//! - **Line breaks** also end sentences:
//!   - at a blank line (a new paragraph);
//!   - at each list item (`-`, `*`, `+`, `•`, `1.`, `1)`, `a)`), so each
//!     item of a question list is its own sentence;
//!   - at each Markdown heading (`# …`);
//!   - at a line that has no end punctuation when the next line starts with a
//!     capital letter, `¿` or `¡` (an unmarked list, or a heading).
//!
//!   Any other line break is treated as wrapped text and joined with a space.
//!   A sentence is counted only if it has at least one word.
//! - **English syllables** come from a heuristic. It counts vowel groups
//!   (`y` is a vowel except at the start of a word before a vowel, and the
//!   `u` of `qu` is not a vowel). It then corrects for a silent final `e`
//!   (but a consonant plus `-le` is a syllable: *ta-ble*), silent `-es` and
//!   `-ed` (*makes*, *jumped* versus *boxes*, *wanted*), silent `e` before
//!   `-ly`, `-ment`, `-ful`, `-ness` and `-less`, and common hiatus spellings
//!   (*me-di-a*, *bi-op-sy*, *di-et*, *u-su-al*, *vi-de-o*, *be-ing*). A short
//!   list of exceptions covers the rest (*people*, *every*, *diabetes*, …).
//!   Every word has at least 1 syllable.
//! - **Spanish syllables** follow the regular orthographic rules, one per
//!   vowel nucleus:
//!   - `a e o` are strong and `i u ü` are weak; an accented `í` or `ú`
//!     counts as strong.
//!   - Adjacent vowels share a nucleus (diphthong or triphthong) unless both
//!     are strong (hiatus: *dí-a*, *o-í-do*, *re-ú-ne*).
//!   - The `u` in `que`, `qui`, `gue` and `gui` is silent, but `ü` is
//!     pronounced (*pin-güi-no*).
//!   - `y` is a vowel when no vowel follows it (*hoy*, *muy*, the word *y*).
//!   - A silent `h` between vowels does not split them.
//! - **Numbers**: each run of digits counts as 1 syllable (`30.6` → 2). This
//!   is a simplification; spoken numbers are longer.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod syllables;
mod text;

use std::fmt;

pub use text::Counts;

/// US school grade above which the kiosk warns that a patient-facing text is
/// too hard: grade 8, a common plain-language target for health information.
pub const TARGET_MAX_GRADE: f64 = 8.0;

/// Which language's formula to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// English, measured with [`Formula::FleschKincaidGrade`].
    English,
    /// Spanish, measured with [`Formula::FernandezHuerta`].
    Spanish,
}

impl Language {
    /// Picks a language from a BCP 47 tag by its primary subtag. Case does not
    /// matter and `_` is accepted as a separator. `"en"`, `"en-US"` and
    /// `"EN_gb"` give [`Language::English`]; `"es"`, `"es-MX"` and `"es-419"`
    /// give [`Language::Spanish`]. Any other tag gives `None`.
    #[must_use]
    pub fn from_tag(bcp47: &str) -> Option<Language> {
        let primary = bcp47.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Language::English)
        } else if primary.eq_ignore_ascii_case("es") {
            Some(Language::Spanish)
        } else {
            None
        }
    }
}

/// A readability formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Formula {
    /// Flesch–Kincaid grade level (English). The score is a US school grade.
    FleschKincaidGrade,
    /// Fernández-Huerta reading ease (Spanish), corrected form. The score is
    /// roughly 0–100, and higher means easier.
    FernandezHuerta,
}

impl Formula {
    /// The formula's display name: `"Flesch–Kincaid grade"` or
    /// `"Fernández-Huerta"`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Formula::FleschKincaidGrade => "Flesch–Kincaid grade",
            Formula::FernandezHuerta => "Fernández-Huerta",
        }
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The readability of one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    /// The formula that produced [`score`](Self::score).
    pub formula: Formula,
    /// The formula's own number. For Flesch–Kincaid it is a grade. For
    /// Fernández-Huerta it is reading ease, roughly 0–100, where higher is
    /// easier.
    pub score: f64,
    /// The US school grade equivalent. For Flesch–Kincaid it equals
    /// `score`. For Fernández-Huerta it comes from the piecewise-linear
    /// mapping described in the crate docs.
    pub grade: f64,
    /// Number of words counted.
    pub words: usize,
    /// Number of sentences counted (at least 1 when there are words).
    pub sentences: usize,
    /// Number of syllables counted.
    pub syllables: usize,
}

impl Readability {
    /// Whether the text is harder than `max_grade`, that is, whether
    /// `grade > max_grade`. A text exactly at the limit does not exceed it.
    #[must_use]
    pub fn exceeds(&self, max_grade: f64) -> bool {
        self.grade > max_grade
    }
}

/// Measures `text` with the formula for `language`. Returns `None` when the
/// text has no words, for example when it is empty, only whitespace or
/// punctuation, or only citation markers.
#[must_use]
pub fn measure(text: &str, language: Language) -> Option<Readability> {
    Readability::from_counts(count(text, language), language)
}

/// Counts the words, sentences and syllables of `text` as [`measure`] does,
/// for adding up the parts of a longer text (see [`Counts`]).
///
/// ```
/// use readability::{count, measure, Language, Readability};
///
/// let (a, b) = ("Call your nurse.", "Ask what the scan shows.");
/// let joined = format!("{a}\n\n{b}");
/// let sum = count(a, Language::English) + count(b, Language::English);
/// assert_eq!(Readability::from_counts(sum, Language::English), measure(&joined, Language::English));
/// ```
#[must_use]
pub fn count(text: &str, language: Language) -> Counts {
    let counter = match language {
        Language::English => syllables::english_word,
        Language::Spanish => syllables::spanish_word,
    };
    text::count(text, counter)
}

impl Readability {
    /// The score of a text with these counts; `None` when there are no words.
    #[must_use]
    pub fn from_counts(c: Counts, language: Language) -> Option<Readability> {
        if c.words == 0 {
            return None;
        }
        let sentences = c.sentences.max(1);
        let (formula, score, grade) = match language {
            Language::English => {
                let g = flesch_kincaid_grade(c.words, sentences, c.syllables);
                (Formula::FleschKincaidGrade, g, g)
            }
            Language::Spanish => {
                let l = fernandez_huerta(c.words, sentences, c.syllables);
                (Formula::FernandezHuerta, l, fernandez_huerta_grade(l))
            }
        };
        Some(Readability {
            formula,
            score,
            grade,
            words: c.words,
            sentences,
            syllables: c.syllables,
        })
    }
}

/// A sentence of a text, as the formulas count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, citation markers removed.
    pub text: String,
    /// Its number of words.
    pub words: usize,
}

/// The sentences of `text`, split by the same rules as [`measure`]: for
/// finding the long ones, which the averages of a formula hide.
///
/// ```
/// let s = readability::sentences("Call now [1]. It can wait until morning.");
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].words, 5);
/// ```
#[must_use]
pub fn sentences(text: &str) -> Vec<Sentence> {
    text::sentences(text)
        .into_iter()
        .map(|(text, words)| Sentence { text, words })
        .collect()
}

/// `numerator / denominator` as `f64`. Word, sentence and syllable counts
/// are far below 2^52, so the conversion is exact.
#[allow(clippy::cast_precision_loss)]
fn ratio(numerator: usize, denominator: usize) -> f64 {
    numerator as f64 / denominator as f64
}

/// Flesch–Kincaid grade: 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59.
fn flesch_kincaid_grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    0.39 * ratio(words, sentences) + 11.8 * ratio(syllables, words) - 15.59
}

/// Fernández-Huerta (corrected): 206.84 − 0.60·P − 1.02·F, where P is
/// syllables per 100 words and F is words per sentence.
fn fernandez_huerta(words: usize, sentences: usize, syllables: usize) -> f64 {
    let syllables_per_100_words = 100.0 * ratio(syllables, words);
    let words_per_sentence = ratio(words, sentences);
    206.84 - 0.60 * syllables_per_100_words - 1.02 * words_per_sentence
}

/// The (score, grade) points of the Fernández-Huerta → US grade mapping,
/// from easiest to hardest. See the crate docs.
const FH_GRADE_POINTS: [(f64, f64); 8] = [
    (100.0, 4.0),
    (90.0, 5.0),
    (80.0, 6.0),
    (70.0, 7.0),
    (60.0, 8.0),
    (50.0, 10.0),
    (30.0, 14.0),
    (0.0, 16.0),
];

/// Maps a Fernández-Huerta score to a US grade by linear interpolation
/// between [`FH_GRADE_POINTS`], flat outside 0–100.
fn fernandez_huerta_grade(score: f64) -> f64 {
    let (top_score, top_grade) = FH_GRADE_POINTS[0];
    if score.is_nan() {
        return f64::NAN;
    }
    if score >= top_score {
        return top_grade;
    }
    for pair in FH_GRADE_POINTS.windows(2) {
        let ((hi_s, hi_g), (lo_s, lo_g)) = (pair[0], pair[1]);
        if score >= lo_s {
            let t = (hi_s - score) / (hi_s - lo_s);
            return hi_g + t * (lo_g - hi_g);
        }
    }
    FH_GRADE_POINTS[FH_GRADE_POINTS.len() - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn sentences_split_like_the_counts_and_drop_markers() {
        let text = "El Dr. López le explica [1, 2]. ¿Tiene preguntas? Llame hoy";
        let found = sentences(text);
        let words: Vec<usize> = found.iter().map(|s| s.words).collect();
        assert_eq!(
            words,
            vec![5, 2, 2],
            "Dr. does not end a sentence; a final sentence needs no stop: {found:?}"
        );
        assert!(
            found[0].text.starts_with("El Dr. López le explica") && !found[0].text.contains('['),
            "markers are removed: {:?}",
            found[0].text
        );
        let total: usize = words.iter().sum();
        let measured = measure(text, Language::Spanish).expect("words");
        assert_eq!(
            total, measured.words,
            "the sentences hold every word the formula counts"
        );
        assert_eq!(found.len(), measured.sentences, "and as many sentences");
    }

    #[test]
    fn language_from_tag() {
        for tag in ["en", "en-US", "EN-gb", "en_US", " en "] {
            assert_eq!(
                Language::from_tag(tag),
                Some(Language::English),
                "{tag:?} should be English"
            );
        }
        for tag in ["es", "es-MX", "es-419", "ES"] {
            assert_eq!(
                Language::from_tag(tag),
                Some(Language::Spanish),
                "{tag:?} should be Spanish"
            );
        }
        for tag in ["", "fr", "eng", "english", "e", "pt-BR", "-en"] {
            assert_eq!(Language::from_tag(tag), None, "{tag:?} should not be recognised");
        }
    }

    #[test]
    fn formula_names() {
        assert_eq!(
            Formula::FleschKincaidGrade.name(),
            "Flesch–Kincaid grade",
            "FK display name"
        );
        assert_eq!(Formula::FernandezHuerta.name(), "Fernández-Huerta", "FH display name");
        assert_eq!(
            Formula::FernandezHuerta.to_string(),
            "Fernández-Huerta",
            "Display uses name()"
        );
    }

    #[test]
    fn empty_text_is_none() {
        for text in ["", "   \n\n ", "[1] [2, 3]", "— ... ?!"] {
            assert_eq!(
                measure(text, Language::English),
                None,
                "{text:?} has no words, so English gives None"
            );
            assert_eq!(
                measure(text, Language::Spanish),
                None,
                "{text:?} has no words, so Spanish gives None"
            );
        }
    }

    #[test]
    fn flesch_kincaid_cat_sat_on_the_mat() {
        // 6 words, 1 sentence, 6 syllables:
        // 0.39·6 + 11.8·1 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45
        let r = measure("The cat sat on the mat.", Language::English).unwrap();
        assert_eq!(
            (r.words, r.sentences, r.syllables),
            (6, 1, 6),
            "six one-syllable words in one sentence"
        );
        assert!(close(r.score, -1.45, 1e-9), "FK should be −1.45, got {}", r.score);
        assert!(close(r.grade, r.score, 0.0), "for FK, grade equals score");
        assert_eq!(r.formula, Formula::FleschKincaidGrade, "English uses FK");
        assert!(!r.exceeds(TARGET_MAX_GRADE), "a trivial sentence is below grade 8");
    }

    #[test]
    fn flesch_kincaid_wikipedia_platypus() {
        // Wikipedia's Flesch–Kincaid article: "The Australian platypus is
        // seemingly a hybrid of a mammal and reptilian creature." has 13 words
        // and (by its count) 24 syllables, giving grade 11.3:
        // 0.39·13 + 11.8·24/13 − 15.59 = 5.07 + 21.7846 − 15.59 = 11.2646.
        assert!(
            close(flesch_kincaid_grade(13, 1, 24), 11.2646, 1e-3),
            "formula arithmetic should match Wikipedia's 11.3"
        );
        let r = measure(
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
            Language::English,
        )
        .unwrap();
        assert_eq!((r.words, r.sentences), (13, 1), "13 words in one sentence");
        // Dictionaries split Aus-tra-li-an and rep-til-i-an into 4 syllables,
        // and Wikipedia counts 3 each, so we accept 24..=26. That gives FK
        // 11.26..=13.08.
        assert!(
            (24..=26).contains(&r.syllables),
            "syllables should be 24–26, got {}",
            r.syllables
        );
        assert!(
            r.exceeds(TARGET_MAX_GRADE),
            "the platypus sentence is above grade 8 (got {})",
            r.grade
        );
    }

    #[test]
    fn fernandez_huerta_worked_example() {
        // "El gato come." → 3 words, 1 sentence, 1 + 2 + 2 = 5 syllables.
        // L = 206.84 − 0.60·(100·5/3) − 1.02·(3/1) = 206.84 − 100 − 3.06 = 103.78
        let r = measure("El gato come.", Language::Spanish).unwrap();
        assert_eq!(
            (r.words, r.sentences, r.syllables),
            (3, 1, 5),
            "counts for 'El gato come.'"
        );
        assert!(close(r.score, 103.78, 1e-9), "FH should be 103.78, got {}", r.score);
        assert!(close(r.grade, 4.0, 1e-12), "scores above 100 map to grade 4");
        assert_eq!(r.formula, Formula::FernandezHuerta, "Spanish uses FH");
    }

    #[test]
    fn fernandez_huerta_rewards_short_sentences() {
        // Same words and syllables, more sentences → easier (the corrected form).
        let one = fernandez_huerta(20, 1, 40);
        let four = fernandez_huerta(20, 4, 40);
        assert!(four > one, "shorter sentences must score easier ({four} vs {one})");
    }

    #[test]
    fn fernandez_huerta_short_words_score_easier() {
        let short = measure("El sol sale. La mar es azul. Yo veo el pan.", Language::Spanish).unwrap();
        let long = measure(
            "La inmunoterapia personalizada modifica significativamente. \
             Los procedimientos diagnósticos resultan complementarios. \
             Las complicaciones postoperatorias disminuyeron considerablemente.",
            Language::Spanish,
        )
        .unwrap();
        assert!(
            short.score > long.score,
            "short words should have higher ease ({} vs {})",
            short.score,
            long.score
        );
        assert!(
            short.grade < long.grade,
            "short words should map to a lower grade ({} vs {})",
            short.grade,
            long.grade
        );
    }

    #[test]
    fn grade_mapping_points_and_interpolation() {
        let cases = [
            (150.0, 4.0),
            (100.0, 4.0),
            (95.0, 4.5),
            (90.0, 5.0),
            (80.0, 6.0),
            (70.0, 7.0),
            (65.0, 7.5),
            (60.0, 8.0),
            (55.0, 9.0),
            (50.0, 10.0),
            (40.0, 12.0),
            (30.0, 14.0),
            (15.0, 15.0),
            (0.0, 16.0),
            (-20.0, 16.0),
        ];
        for (score, grade) in cases {
            assert!(
                close(fernandez_huerta_grade(score), grade, 1e-9),
                "FH {score} should map to grade {grade}, got {}",
                fernandez_huerta_grade(score)
            );
        }
    }

    #[test]
    fn grade_mapping_is_monotonic_and_continuous() {
        let mut prev = fernandez_huerta_grade(120.0);
        let mut score = 120.0;
        while score > -20.0 {
            score -= 0.25;
            let g = fernandez_huerta_grade(score);
            assert!(g >= prev, "grade must not fall as the score falls (at {score})");
            assert!(
                g - prev <= 0.25 * 0.2 + 1e-9,
                "grade must not jump (at {score}: {prev} → {g})"
            );
            prev = g;
        }
    }

    #[test]
    fn grade_eight_boundary() {
        let at = Readability {
            formula: Formula::FernandezHuerta,
            score: 60.0,
            grade: fernandez_huerta_grade(60.0),
            words: 1,
            sentences: 1,
            syllables: 1,
        };
        assert!(
            !at.exceeds(TARGET_MAX_GRADE),
            "exactly grade 8 does not exceed the target"
        );
        assert!(
            fernandez_huerta_grade(59.9) > TARGET_MAX_GRADE,
            "just below 60 (standard) is above grade 8"
        );
    }

    #[test]
    fn citation_markers_do_not_change_the_score() {
        let plain = "Radiation can cause tiredness. Most people feel better after treatment ends.";
        let cited = "Radiation can cause tiredness [1]. Most people feel better after treatment ends.[2, 3]";
        let a = measure(plain, Language::English).unwrap();
        let b = measure(cited, Language::English).unwrap();
        assert_eq!(a, b, "citation markers must not change English results");

        let plain_es = "La radioterapia puede causar cansancio. Casi todos mejoran al terminar.";
        let cited_es = "La radioterapia puede causar cansancio [1-3]. Casi todos mejoran al terminar [4].";
        let a = measure(plain_es, Language::Spanish).unwrap();
        let b = measure(cited_es, Language::Spanish).unwrap();
        assert_eq!(a, b, "citation markers must not change Spanish results");
    }

    #[test]
    fn english_hard_and_simple() {
        let hard = measure(
            "Immunotherapeutic interventions targeting programmed cell death protein \
             pathways demonstrate considerable heterogeneity in therapeutic responsiveness \
             across histological subtypes.",
            Language::English,
        )
        .unwrap();
        assert!(
            hard.exceeds(TARGET_MAX_GRADE),
            "academic English should exceed grade 8 (got {})",
            hard.grade
        );
        let simple = measure(
            "Your doctor will check your blood. You may feel a small pinch. \
             Ask us if you have questions.",
            Language::English,
        )
        .unwrap();
        assert!(
            !simple.exceeds(TARGET_MAX_GRADE),
            "plain English should be at or below grade 8 (got {})",
            simple.grade
        );
    }

    #[test]
    fn spanish_hard_and_simple() {
        let hard = measure(
            "Las intervenciones inmunoterapéuticas dirigidas contra las vías de muerte celular \
             programada demuestran una considerable heterogeneidad en la respuesta terapéutica \
             entre los distintos subtipos histológicos.",
            Language::Spanish,
        )
        .unwrap();
        assert!(
            hard.exceeds(TARGET_MAX_GRADE),
            "academic Spanish should exceed grade 8 (score {}, grade {})",
            hard.score,
            hard.grade
        );
        let simple = measure(
            "Su médico le va a sacar sangre. Puede sentir un pinchazo. \
             ¿Tiene dudas? Pregúntenos.",
            Language::Spanish,
        )
        .unwrap();
        assert!(
            !simple.exceeds(TARGET_MAX_GRADE),
            "plain Spanish should be at or below grade 8 (score {}, grade {})",
            simple.score,
            simple.grade
        );
    }

    #[test]
    fn question_list_items_are_sentences() {
        let list = "- What stage is my cancer\n- What are my treatment options\n- Will I need surgery";
        let r = measure(list, Language::English).unwrap();
        assert_eq!(r.sentences, 3, "each list item is a sentence");
        assert_eq!(r.words, 14, "words across the three items");
    }
}
