//! Turning raw text into word, sentence and syllable counts.

/// Word, sentence and syllable totals of a text, before a formula turns them into a score.
///
/// Texts joined with a blank line between them never share a sentence, so the counts of such a
/// joined text are the sum of each part's counts: a section scored as a whole is the sum of its
/// heading and paragraphs, without reading them twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Words counted.
    pub words: usize,
    /// Sentences counted (0 when there are no words).
    pub sentences: usize,
    /// Syllables counted.
    pub syllables: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;

    fn add(mut self, other: Counts) -> Counts {
        self += other;
        self
    }
}

/// Abbreviations (lowercase, internal dots kept, final dot dropped) whose
/// period never ends a sentence: titles and "for example"-style Latin.
const NEVER_ENDS: &[&str] = &[
    "e.g", "i.e", "eg", "cf", "vs", "approx", "aprox", "dr", "dra", "drs", "dras", "mr", "mrs", "ms", "prof", "profa",
    "sr", "sra", "srta", "sres", "st", "mt", "ud", "uds", "vd", "vds", "lic", "fig", "figs", "vol", "pág", "pag",
    "págs", "núm", "num", "art", "ej", "ee", "dept", "incl", "p.ej",
];

/// Abbreviations whose period ends a sentence only when the next word starts
/// with a capital letter (or `¿`/`¡`), or when nothing follows.
const MAYBE_ENDS: &[&str] = &["etc", "jr", "inc", "ltd", "co", "corp", "no", "uu"];

/// Counts words, sentences and syllables of `text`, using `syllables` to
/// count the syllables of each word.
pub(crate) fn count(text: &str, syllables: fn(&str) -> usize) -> Counts {
    let cleaned = strip_citations(text);
    let mut counts = Counts::default();
    for segment in segments(&cleaned) {
        count_segment(&segment, syllables, &mut counts);
    }
    counts
}

/// The sentences of `text` as the counts see them (citation markers removed), each with its
/// number of words, in order.
pub(crate) fn sentences(text: &str) -> Vec<(String, usize)> {
    let cleaned = strip_citations(text);
    let mut out = Vec::new();
    for segment in segments(&cleaned) {
        let tokens: Vec<&str> = segment.split_whitespace().collect();
        let mut current: Vec<&str> = Vec::new();
        let mut words = 0usize;
        for (i, token) in tokens.iter().enumerate() {
            let (core, trail) = split_token(token);
            current.push(token);
            if !core.is_empty() {
                words += 1;
            }
            if words > 0 && ends_sentence(core, trail, tokens.get(i + 1).copied()) {
                out.push((current.join(" "), words));
                current.clear();
                words = 0;
            }
        }
        if words > 0 {
            out.push((current.join(" "), words));
        }
    }
    out
}

/// Removes numeric citation markers such as `[1]`, `[1, 2]`, `[3-5]`,
/// `[3–5; 8]`. Other bracketed text is kept.
pub(crate) fn strip_citations(text: &str) -> String {
    if !text.contains('[') {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            if let Some(end) = citation_end(&chars, i) {
                i = end + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// If a citation marker starts at `chars[start] == '['`, returns the index of
/// its closing `]`. Grammar: `[` number ( separator number )* `]` with
/// separators `,` `;` `-` `–` `—` and optional spaces anywhere.
fn citation_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut expect_number = true;
    let mut numbers = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
        } else if c.is_ascii_digit() {
            if !expect_number {
                return None;
            }
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            numbers += 1;
            expect_number = false;
        } else if matches!(c, ',' | ';' | '-' | '–' | '—') {
            if expect_number {
                return None;
            }
            expect_number = true;
            i += 1;
        } else if c == ']' {
            return (numbers > 0 && !expect_number).then_some(i);
        } else {
            return None;
        }
    }
    None
}

/// Splits text into segments that never share a sentence: paragraphs
/// (separated by blank lines), list items, Markdown headings, and lines that
/// end without punctuation followed by a line starting with a capital letter
/// (an unmarked list of items or a heading). Other line breaks (wrapped prose)
/// are joined with a space.
pub(crate) fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.trim().is_empty() {
            out.push(std::mem::take(current));
        }
        current.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(rest) = heading(line) {
            flush(&mut current, &mut out);
            current.push_str(rest);
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(rest) = list_item(line) {
            flush(&mut current, &mut out);
            current.push_str(rest);
            continue;
        }
        if !current.is_empty() && line_starts_sentence(&current, line) {
            flush(&mut current, &mut out);
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    flush(&mut current, &mut out);
    out
}

/// `# Title` style Markdown heading: returns the title text.
fn heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    (rest.len() < line.len() && rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// A list item marker (`-`, `*`, `+`, `•`, `·`, `–`, `—`, `1.`, `1)`, `a)`)
/// followed by whitespace: returns the item text.
fn list_item(line: &str) -> Option<&str> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = if matches!(first, '-' | '*' | '+' | '•' | '·' | '–' | '—' | '▪' | '◦') {
        first.len_utf8()
    } else if first.is_ascii_digit() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let after = line[digits..].chars().next()?;
        if digits > 3 || !matches!(after, '.' | ')') {
            return None;
        }
        digits + 1
    } else if first.is_alphabetic() {
        let (idx, second) = chars.next()?;
        if second != ')' {
            return None;
        }
        idx + 1
    } else {
        return None;
    };
    let rest = &line[marker_end..];
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

/// Whether a non-blank `line` that follows the text in `current` starts a
/// new sentence even though `current` did not end with punctuation.
fn line_starts_sentence(current: &str, line: &str) -> bool {
    let Some(last) = current.trim_end().chars().last() else {
        return false;
    };
    if matches!(last, ',' | ';' | '-' | '‐' | '/' | '(' | '&') {
        return false;
    }
    starts_capitalised(line)
}

/// Whether the first letter or digit of `token` is an uppercase letter, or it
/// opens with Spanish `¿` / `¡`.
fn starts_capitalised(token: &str) -> bool {
    for c in token.chars() {
        if c == '¿' || c == '¡' {
            return true;
        }
        if c.is_alphanumeric() {
            return c.is_uppercase();
        }
    }
    false
}

/// Splits a whitespace-delimited token into (core, trailing punctuation):
/// the core runs from its first to its last alphanumeric character.
fn split_token(token: &str) -> (&str, &str) {
    let Some(start) = token.find(char::is_alphanumeric) else {
        return ("", token);
    };
    let end = token
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(start);
    (&token[start..end], &token[end..])
}

fn count_segment(segment: &str, syllables: fn(&str) -> usize, counts: &mut Counts) {
    let tokens: Vec<&str> = segment.split_whitespace().collect();
    let mut open_words = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        let (core, trail) = split_token(token);
        if !core.is_empty() {
            counts.words += 1;
            counts.syllables += syllables(core);
            open_words += 1;
        }
        if open_words > 0 && ends_sentence(core, trail, tokens.get(i + 1).copied()) {
            counts.sentences += 1;
            open_words = 0;
        }
    }
    if open_words > 0 {
        counts.sentences += 1;
    }
}

/// Whether a token with this `core` and trailing punctuation `trail` closes
/// its sentence, given the next token (if any) in the same segment.
fn ends_sentence(core: &str, trail: &str, next: Option<&str>) -> bool {
    if trail.contains(['!', '?', '‼', '⁇']) {
        return true;
    }
    if !trail.contains(['.', '…']) {
        return false;
    }
    if trail.contains([',', ';', ':']) {
        return false;
    }
    let next_capitalised = next.is_none_or(starts_capitalised);
    if trail.contains("..") || trail.contains('…') {
        return next_capitalised;
    }
    if trail.starts_with('.') {
        let key = core.to_lowercase();
        if NEVER_ENDS.contains(&key.as_str()) {
            return false;
        }
        if MAYBE_ENDS.contains(&key.as_str()) || is_initialism(core) {
            return next_capitalised;
        }
    }
    true
}

/// A single letter ("J", "D") or dotted letters ("U.S", "a.m", "Ph.D").
fn is_initialism(core: &str) -> bool {
    core.split('.').all(|part| {
        let n = part.chars().count();
        (1..=2).contains(&n) && part.chars().all(char::is_alphabetic)
    }) && (core.contains('.') || core.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones(_: &str) -> usize {
        1
    }

    fn counts(text: &str) -> (usize, usize) {
        let c = count(text, ones);
        (c.words, c.sentences)
    }

    #[test]
    fn citations_are_removed() {
        assert_eq!(
            strip_citations("Cancer[1] is common [1, 2]; see [3-5] and [3–5; 8]."),
            "Cancer is common ; see  and .",
            "numeric citation markers should vanish"
        );
        assert_eq!(
            strip_citations("Keep [note] and [1a] and [ ] and [1,]."),
            "Keep [note] and [1a] and [ ] and [1,].",
            "non-numeric brackets should stay"
        );
    }

    #[test]
    fn decimals_and_percentages_are_one_word() {
        assert_eq!(
            counts("About 30.6% of people respond. Most do well."),
            (8, 2),
            "30.6% is one word and its period is not a sentence end"
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            counts("Dr. Smith will see you. Some drugs, e.g. aspirin, help."),
            (10, 2),
            "Dr. and e.g. are not sentence ends"
        );
        assert_eq!(
            counts("Bring pills, inhalers, etc. We will check them."),
            (8, 2),
            "etc. before a capital ends the sentence"
        );
        assert_eq!(
            counts("Take vitamin D. It helps bones."),
            (6, 2),
            "a single letter before a capital ends the sentence"
        );
        assert_eq!(
            counts("El Dr. Pérez y la Sra. López le verán. ¿Tiene preguntas?"),
            (11, 2),
            "Spanish titles are not sentence ends"
        );
    }

    #[test]
    fn spanish_opening_marks_do_not_end_sentences() {
        assert_eq!(
            counts("¿Qué es el cáncer? ¡Pregunte a su médico!"),
            (8, 2),
            "¿ and ¡ open sentences, ? and ! close them"
        );
    }

    #[test]
    fn paragraphs_and_list_items_are_sentences() {
        assert_eq!(
            counts("First paragraph without a period\n\nSecond one"),
            (7, 2),
            "a blank line ends a sentence"
        );
        assert_eq!(
            counts("Questions to ask:\n- What stage is it\n- What are my options\n1. Cost of care"),
            (14, 4),
            "each list item is its own sentence"
        );
        assert_eq!(
            counts("What stage is it\nWhat are my options"),
            (8, 2),
            "an unpunctuated line followed by a capitalised line is a sentence"
        );
        assert_eq!(
            counts("This sentence is wrapped\nacross two lines."),
            (7, 1),
            "a wrapped line continuing in lowercase is the same sentence"
        );
        assert_eq!(
            counts("# Your visit\nBring your card."),
            (5, 2),
            "a Markdown heading is its own sentence"
        );
    }

    #[test]
    fn stray_punctuation_does_not_make_empty_sentences() {
        assert_eq!(
            counts("Really ?! ... Yes . — ok"),
            (3, 3),
            "punctuation-only tokens end the open sentence but never add empty ones"
        );
    }
}
