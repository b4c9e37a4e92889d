//! Syllable counting for English (heuristic) and Spanish (rule-based).
//!
//! Both counters take one *word* as it appears in running text (it may hold
//! hyphens, slashes, digits or apostrophes) and return at least 1.
//!
//! A library of 10,000 answers holds a few million words but only some
//! thousands of different ones, so each thread remembers the counts of the
//! words it has seen (at most [`REMEMBERED_WORDS`] per language): scoring a
//! bundle was most of its import time.

use std::cell::RefCell;
use std::thread::LocalKey;

use foldhash::HashMap;

/// Most words each thread remembers per language; the memory is forgotten
/// whole when it fills, so it stays a few MiB at most.
const REMEMBERED_WORDS: usize = 50_000;

type Remembered = RefCell<HashMap<String, usize>>;

thread_local! {
    static ENGLISH_SEEN: Remembered = RefCell::new(HashMap::default());
    static SPANISH_SEEN: Remembered = RefCell::new(HashMap::default());
}

/// Syllables of one English word: vowel groups with corrections, summed over
/// the word's letter runs (`follow-up` = `follow` + `up`); digit runs count 1.
pub(crate) fn english_word(word: &str) -> usize {
    remembered(&ENGLISH_SEEN, word, |w| count_runs(w, english_run))
}

/// Syllables of one Spanish word: vowel nuclei after diphthong/hiatus rules,
/// summed over the word's letter runs; digit runs count 1.
pub(crate) fn spanish_word(word: &str) -> usize {
    remembered(&SPANISH_SEEN, word, |w| count_runs(w, spanish_run))
}

/// `count(word)`, taken from the thread's memory of `seen` when the word was
/// counted before.
fn remembered(seen: &'static LocalKey<Remembered>, word: &str, count: impl Fn(&str) -> usize) -> usize {
    seen.with(|seen| {
        if let Some(&n) = seen.borrow().get(word) {
            return n;
        }
        let n = count(word);
        let mut seen = seen.borrow_mut();
        if seen.len() >= REMEMBERED_WORDS {
            seen.clear();
        }
        seen.insert(word.to_owned(), n);
        n
    })
}

/// Splits `word` into runs of letters (apostrophes stay inside a run) and runs
/// of digits, and adds up `letters` over the letter runs, 1 per digit run.
/// Never returns 0 for a word that has an alphanumeric character.
fn count_runs(word: &str, letters: fn(&str) -> usize) -> usize {
    let mut total = 0;
    let mut run = String::new();
    let mut in_digits = false;
    let flush = |run: &mut String, in_digits: bool, total: &mut usize| {
        if run.is_empty() {
            return;
        }
        *total += if in_digits { 1 } else { letters(run).max(1) };
        run.clear();
    };
    for c in word.chars() {
        if c.is_alphabetic() || (is_apostrophe(c) && !run.is_empty() && !in_digits) {
            if in_digits {
                flush(&mut run, true, &mut total);
                in_digits = false;
            }
            run.push(c);
        } else if c.is_numeric() {
            if !in_digits {
                flush(&mut run, false, &mut total);
                in_digits = true;
            }
            run.push(c);
        } else {
            flush(&mut run, in_digits, &mut total);
            in_digits = false;
        }
    }
    flush(&mut run, in_digits, &mut total);
    total.max(1)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

// ---------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------

/// Words whose spelling misleads the heuristic below. Keys are lowercase;
/// contractions are written with a straight apostrophe and other words
/// without one. Counts follow Merriam-Webster's hyphenation.
const ENGLISH_EXCEPTIONS: &[(&str, usize)] = &[
    ("acne", 2),
    ("anemone", 4),
    ("apostrophe", 4),
    ("aren't", 1),
    ("argue", 2),
    ("argued", 2),
    ("beautiful", 3),
    ("being", 2),
    ("business", 2),
    ("businesses", 3),
    ("cafe", 2),
    ("catastrophe", 4),
    ("cooperate", 4),
    ("coordinate", 4),
    ("coyote", 3),
    ("diabetes", 4),
    ("diabetic", 4),
    ("element", 3),
    ("elements", 3),
    ("epitome", 4),
    ("every", 2),
    ("everyone", 3),
    ("everything", 3),
    ("everywhere", 3),
    ("fire", 1),
    ("forever", 3),
    ("hour", 1),
    ("hours", 1),
    ("hyperbole", 4),
    ("karate", 3),
    ("maybe", 2),
    ("naive", 2),
    ("people", 2),
    ("recipe", 3),
    ("reuse", 2),
    ("reused", 2),
    ("rhythm", 2),
    ("science", 2),
    ("sciences", 3),
    ("simile", 3),
    ("someone", 2),
    ("syncope", 3),
    ("wednesday", 2),
    ("were", 1),
    ("weren't", 1),
    ("whereas", 2),
];

fn is_plain_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Lowercases and folds common Latin accents so that borrowed words such as
/// "café" or "naïve" are counted like their plain spelling.
fn fold_english(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// Syllables of one run of English letters (apostrophes allowed).
fn english_run(run: &str) -> usize {
    let lower: String = run
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_english)
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    if let Some(&(_, n)) = ENGLISH_EXCEPTIONS.iter().find(|(w, _)| *w == lower) {
        return n;
    }
    // Negative contractions: "isn't" (2), "didn't" (2) but "don't", "can't" (1).
    let mut extra = 0usize;
    let mut base = lower.clone();
    if let Some(stem) = lower.strip_suffix("n't") {
        if stem.chars().last().is_some_and(|c| !is_plain_vowel(c)) && stem.len() > 1 {
            extra += 1;
        }
        base = stem.to_string();
    }
    // Possessive / contracted endings: "doctor's" -> "doctors".
    let w: Vec<char> = base.chars().filter(|c| *c != '\'').collect();
    if let Some(&(_, n)) = ENGLISH_EXCEPTIONS.iter().find(|(x, _)| x.chars().eq(w.iter().copied())) {
        return n + extra;
    }
    english_letters(&w) + extra
}

/// The core English heuristic on lowercase letters. One long list of
/// spelling rules reads best in one place.
#[allow(clippy::too_many_lines)]
fn english_letters(w: &[char]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    // Which letters act as vowels: a e i o u; y unless it starts the word
    // before a vowel ("yes", "you"); u after q is part of the consonant "qu".
    let vowel: Vec<bool> = (0..n)
        .map(|i| match w[i] {
            'a' | 'e' | 'i' | 'o' => true,
            'u' => !(i > 0 && w[i - 1] == 'q'),
            'y' => !(i == 0 && n > 1 && is_plain_vowel(w[1])),
            _ => false,
        })
        .collect();
    let v = |i: usize| vowel[i];
    let ends = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        n >= s.len() && w[n - s.len()..] == s[..]
    };
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| w.get(i + k) == Some(&c));

    let mut count: isize = 0;
    for i in 0..n {
        if v(i) && (i == 0 || !v(i - 1)) {
            count += 1;
        }
    }
    let groups = count;

    // A consonant + "le" ending is its own syllable ("table", "little").
    // ("called", "belle" are not: the l is doubled.)
    let consonant_le = |l_at: usize| l_at >= 1 && w[l_at] == 'l' && !v(l_at - 1) && w[l_at - 1] != 'l';

    // Silent final e ("make", "care") unless consonant + le; "-es"/"-ed".
    if groups > 1 && n > 2 && w[n - 1] == 'e' && !v(n - 2) {
        if !consonant_le(n - 2) {
            count -= 1;
        }
    } else if groups > 1 && n > 3 && ends("es") && !v(n - 3) {
        let p = w[n - 3];
        let keep = matches!(p, 's' | 'x' | 'z' | 'c' | 'g')
            || (p == 'h' && matches!(w[n - 4], 'c' | 's'))
            || consonant_le(n - 3);
        if !keep {
            count -= 1;
        }
    } else if groups > 1 && n > 3 && ends("ed") && !v(n - 3) {
        let p = w[n - 3];
        let keep = matches!(p, 't' | 'd') || consonant_le(n - 3);
        if !keep {
            count -= 1;
        }
    }
    // Silent e before a suffix: "safely", "statement", "careful", "homeless".
    let mut suffix_e = None;
    for suffix in ["ly", "ment", "ments", "ful", "ness", "less"] {
        let len = suffix.len() + 1;
        if n > len + 2 && ends(suffix) {
            let e = n - len;
            if w[e] == 'e' && !v(e - 1) && v(e - 2) && !consonant_le(e - 1) && groups > 2 {
                count -= 1;
                suffix_e = Some(e);
            }
            break;
        }
    }
    // Silent e closing the first part of a compound: "sometimes",
    // "something", "caregiver", "baseline", "therefore", "lifetime".
    for prefix in [
        "some", "home", "care", "life", "time", "where", "there", "side", "whole", "like", "base", "more", "fire",
        "bone", "safe", "wide", "love",
    ] {
        let e = prefix.len() - 1;
        if n > prefix.len() + 1 && at(0, prefix) && !v(prefix.len()) && suffix_e != Some(e) && groups > 2 {
            count -= 1;
            break;
        }
    }

    // Vowel pairs that are two syllables (hiatus) although written together.
    for i in 0..n.saturating_sub(1) {
        let prev = if i > 0 { Some(w[i - 1]) } else { None };
        let next2 = w.get(i + 2).copied();
        match (w[i], w[i + 1]) {
            // "media", "bacteria", but not "special", "initial", "Asia".
            ('i', 'a') => {
                let soft = matches!(prev, Some('c' | 't')) || (prev == Some('s') && (i + 2 == n || at(i + 2, "n")));
                if !soft {
                    count += 1;
                }
            }
            // "biopsy", "radio", "period", "various"; not "-tion", "-cious".
            ('i', 'o') => {
                let soft =
                    next2 == Some('n') || (next2 == Some('u') && matches!(prev, Some('c' | 't' | 's' | 'g' | 'x')));
                if !soft {
                    count += 1;
                }
            }
            // "medium", "calcium"; not "Belgium".
            ('i', 'u') if prev != Some('g') => count += 1,
            ('i', 'i') => count += 1,
            // "diet", "quiet", "anxiety", "client", "nutrient", "easier".
            ('i', 'e') => {
                let after_consonant = prev.is_some_and(|p| !is_plain_vowel(p) && p != 'y');
                let hiatus = match next2 {
                    Some('t') => after_consonant || prev == Some('u'),
                    Some('n') => {
                        after_consonant && !matches!(prev, Some('c' | 't' | 's')) && !(i >= 2 && at(i - 2, "fr"))
                    }
                    Some('r') => after_consonant && n > 4 && (i + 3 == n || at(i + 3, "s")),
                    Some('s') => after_consonant && n > 4 && at(i + 3, "t"),
                    _ => false,
                };
                if hiatus {
                    count += 1;
                }
            }
            // "usual", "actual", "evaluate"; not "language", "equal".
            ('u', 'a') if !matches!(prev, Some('g' | 'q')) && next2.is_some_and(|c| !is_plain_vowel(c) && c != 'y') => {
                count += 1;
            }
            // "fuel", "cruel", "fluent", "influence"; not "guest".
            ('u', 'e') if !matches!(prev, Some('g' | 'q')) && matches!(next2, Some('l' | 'n' | 't')) => {
                count += 1;
            }
            // "fluid", "druid"; not "guide", "liquid", "build".
            ('u', 'i') if next2 == Some('d') && !matches!(prev, Some('g' | 'q' | 'b')) => {
                count += 1;
            }
            // "continuous", "ambiguous".
            ('u', 'o') if next2 == Some('u') => count += 1,
            // "video", "neon", "theory", "geology"; not "people", "surgeon",
            // "-geous", "-ceous".
            ('e', 'o') => {
                let soft = prev == Some('p') || (i >= 2 && matches!(prev, Some('g' | 'c')));
                if !soft {
                    count += 1;
                }
            }
            // "area", "ideas", "nausea", "creatinine", "react"; not "tea",
            // "fleas" (one vowel group only).
            ('e', 'a') => {
                let final_ea = (i + 2 == n || (i + 3 == n && w[i + 2] == 's')) && groups > 1;
                let creat = i >= 2 && at(i - 2, "creat") && !at(i - 2, "creatu");
                if final_ea || creat || (i == 1 && at(0, "react")) {
                    count += 1;
                }
            }
            // "poet", "poem", "poetry"; not "does", "shoe".
            ('o', 'e') if matches!(next2, Some('t' | 'm')) => count += 1,
            _ => {}
        }
    }
    // "being", "going", "doing", "continuing", "seeing".
    if ends("ing") && n > 4 && is_plain_vowel(w[n - 4]) {
        count += 1;
    }
    if ends("ings") && n > 5 && is_plain_vowel(w[n - 5]) {
        count += 1;
    }
    // "trying", "applying", "studying".
    if ends("ying") && n > 4 && !is_plain_vowel(w[n - 5]) {
        count += 1;
    }
    // "-gue" ("fatigue", "league", "tongue"): the u and e are silent.
    if ends("gue") && groups > 1 && n > 4 {
        count -= 1;
    }
    // "-sm" ("spasm", "mechanism") and "mc-" ("McDonald").
    if ends("sm") && n > 3 {
        count += 1;
    }
    if at(0, "mc") && n > 3 {
        count += 1;
    }
    // Starts with "sci" + vowel: "science", "scientist".
    if at(0, "sci") && n > 3 && is_plain_vowel(w[3]) {
        count += 1;
    }
    usize::try_from(count).unwrap_or(0).max(1)
}

// ---------------------------------------------------------------------------
// Spanish
// ---------------------------------------------------------------------------

/// Spanish vowel classes used for syllable nuclei.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Vowel {
    /// a, e, o (with or without accent), plus other accented Latin vowels,
    /// and the accented weak vowels í, ú, which always form a hiatus.
    Strong,
    /// i, u, ü without accent, and y acting as a vowel.
    Weak,
}

/// Classifies `c` (lowercase) as a Spanish vowel. `y` is handled by the
/// caller because it depends on its neighbours.
fn spanish_vowel(c: char) -> Option<Vowel> {
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'í' | 'ú' | 'à' | 'è' | 'ò' | 'â' | 'ê' | 'ô' | 'ä' | 'ë' | 'ö' | 'ì'
        | 'ù' => Some(Vowel::Strong),
        'i' | 'u' | 'ü' | 'ï' | 'î' | 'û' => Some(Vowel::Weak),
        _ => None,
    }
}

/// Syllables of one run of Spanish letters: one per vowel nucleus.
///
/// Rules: the `u` of `que`, `qui`, `gue`, `gui` is silent (not so `ü`, as in
/// *pingüino*); `y` is a vowel when no vowel follows it (*hoy*, *muy*, *y*);
/// a silent `h` between vowels does not separate them (*prohibir*); two
/// adjacent vowels form one nucleus (diphthong, and with a third a
/// triphthong) unless both are strong, where the accented `í` and `ú` count as
/// strong (hiatus: *dí-a*, *o-í-do*, *re-ú-ne*).
fn spanish_run(run: &str) -> usize {
    let w: Vec<char> = run
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_apostrophe(*c))
        .collect();
    let n = w.len();
    let raw = |i: usize| spanish_vowel(w[i]).is_some() || w[i] == 'y';
    // Class of each letter as a nucleus candidate (None = consonant/silent).
    let class: Vec<Option<Vowel>> = (0..n)
        .map(|i| match w[i] {
            'u' if i > 0 && w[i - 1] == 'q' => None,
            'u' if i > 0 && w[i - 1] == 'g' && matches!(w.get(i + 1), Some('e' | 'i' | 'é' | 'í')) => None,
            'y' => {
                let next_is_vowel = i + 1 < n && raw(i + 1);
                if next_is_vowel {
                    None
                } else {
                    Some(Vowel::Weak)
                }
            }
            c => spanish_vowel(c),
        })
        .collect();

    let mut nuclei = 0usize;
    let mut last: Option<Vowel> = None; // previous vowel still "open" for joining
    for i in 0..n {
        if let Some(cur) = class[i] {
            match last {
                Some(prev) if prev == Vowel::Strong && cur == Vowel::Strong => nuclei += 1,
                Some(_) => {} // diphthong / triphthong: same nucleus
                None => nuclei += 1,
            }
            last = Some(cur);
        } else {
            // A silent h between vowels (not the "ch" digraph) keeps the
            // vowels together; anything else closes the nucleus.
            let transparent_h = w[i] == 'h' && last.is_some() && !(i > 0 && w[i - 1] == 'c');
            if !transparent_h {
                last = None;
            }
        }
    }
    nuclei
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_en(cases: &[(&str, usize)]) {
        for &(word, want) in cases {
            assert_eq!(
                english_word(word),
                want,
                "English syllables of {word:?} should be {want}"
            );
        }
    }

    fn check_es(cases: &[(&str, usize)]) {
        for &(word, want) in cases {
            assert_eq!(
                spanish_word(word),
                want,
                "Spanish syllables of {word:?} should be {want}"
            );
        }
    }

    #[test]
    fn english_known_words() {
        check_en(&[
            ("readability", 5),
            ("the", 1),
            ("cancer", 2),
            ("immunotherapy", 6),
            ("table", 2),
            ("a", 1),
            ("make", 1),
            ("makes", 1),
            ("boxes", 2),
            ("changes", 2),
            ("jumped", 1),
            ("wanted", 2),
            ("needed", 2),
            ("handled", 2),
            ("little", 2),
            ("simple", 2),
            ("whole", 1),
            ("safely", 2),
            ("statement", 2),
            ("management", 3),
            ("treatment", 2),
            ("radiation", 4),
            ("chemotherapy", 5),
            ("biopsy", 3),
            ("medium", 3),
            ("patient", 2),
            ("diet", 2),
            ("quiet", 2),
            ("usual", 3),
            ("video", 3),
            ("idea", 3),
            ("being", 2),
            ("going", 2),
            ("trying", 2),
            ("fatigue", 2),
            ("mechanism", 4),
            ("doctor's", 2),
            ("isn't", 2),
            ("don't", 1),
            ("you", 1),
            ("yes", 1),
            ("follow-up", 3),
            ("technique", 2),
            ("pneumonia", 4),
            ("physician", 3),
            ("serious", 3),
            ("infection", 3),
            ("appointment", 3),
            ("questions", 2),
        ]);
    }

    #[test]
    fn english_minimum_is_one() {
        assert_eq!(english_word("mg"), 1, "a vowel-less abbreviation is one syllable");
        assert_eq!(english_word("30.6%"), 2, "each digit run counts as one syllable");
    }

    #[test]
    fn remembered_counts_are_the_counts() {
        for (word, n) in [("medicine", 3), ("Medicine", 3), ("people", 2), ("30.6%", 2)] {
            assert_eq!(english_word(word), n, "{word}: first count");
            assert_eq!(english_word(word), n, "{word}: the remembered count must be the same");
        }
        assert_eq!(spanish_word("hígado"), 3, "the languages are remembered apart");
        assert_eq!(
            english_word("hígado"),
            count_runs("hígado", english_run),
            "English count of the same word"
        );
        // Fill the memory past its limit: it is forgotten and refilled, never wrong.
        for i in 0..=REMEMBERED_WORDS {
            english_word(&format!("word{i}"));
        }
        let size = ENGLISH_SEEN.with(|seen| seen.borrow().len());
        assert!(size <= REMEMBERED_WORDS, "the memory is bounded: {size} words");
        assert_eq!(
            english_word("medicine"),
            3,
            "counts stay right after the memory is forgotten"
        );
    }

    #[test]
    fn spanish_known_words() {
        check_es(&[
            ("inmunoterapia", 6),
            ("médico", 3),
            ("hígado", 3),
            ("día", 2),
            ("aire", 2),
            ("queso", 2),
            ("pingüino", 3),
            ("tratamiento", 4),
            ("guerra", 2),
            ("guía", 2),
            ("agua", 2),
            ("hoy", 1),
            ("muy", 1),
            ("y", 1),
            ("ayer", 2),
            ("oído", 3),
            ("reúne", 3),
            ("país", 2),
            ("camión", 2),
            ("ciudad", 2),
            ("cuidado", 3),
            ("buey", 1),
            ("averiguáis", 4),
            ("alcohol", 3),
            ("búho", 2),
            ("zanahoria", 4),
            ("noche", 2),
            ("enfermedad", 4),
            ("quimioterapia", 5),
            ("pregunte", 3),
            ("Qué", 1),
        ]);
    }

    /// Everyday and health vocabulary of the kind kiosk texts use, with
    /// dictionary syllable counts (Merriam-Webster hyphenation).
    #[test]
    #[allow(clippy::too_many_lines)]
    fn english_health_vocabulary() {
        check_en(&[
            ("abdomen", 3),
            ("accurate", 3),
            ("addiction", 3),
            ("adjustment", 3),
            ("admission", 3),
            ("advanced", 2),
            ("agency", 3),
            ("alcohol", 3),
            ("alternative", 4),
            ("anatomy", 4),
            ("ankle", 2),
            ("answer", 2),
            ("antibody", 4),
            ("artery", 3),
            ("aspirin", 3),
            ("assessment", 3),
            ("attack", 2),
            ("audience", 3),
            ("awareness", 3),
            ("biology", 4),
            ("bladder", 2),
            ("blister", 2),
            ("bottle", 2),
            ("bowel", 2),
            ("brochure", 2),
            ("bruise", 1),
            ("calcium", 3),
            ("calories", 3),
            ("capsule", 2),
            ("cardiac", 3),
            ("caregivers", 3),
            ("catheter", 3),
            ("cervical", 3),
            ("cholesterol", 4),
            ("circle", 2),
            ("clotting", 2),
            ("colonoscopy", 5),
            ("comfortable", 4),
            ("complete", 2),
            ("completely", 3),
            ("complications", 4),
            ("consent", 2),
            ("constipation", 4),
            ("contagious", 3),
            ("cream", 1),
            ("daughter", 2),
            ("dehydration", 4),
            ("dental", 2),
            ("dentist", 2),
            ("device", 2),
            ("dialysis", 4),
            ("digestion", 3),
            ("disability", 5),
            ("discharge", 2),
            ("dizzy", 2),
            ("drowsy", 2),
            ("elderly", 3),
            ("endoscopy", 4),
            ("estrogen", 3),
            ("faint", 1),
            ("fluid", 2),
            ("fracture", 2),
            ("frequently", 3),
            ("gallbladder", 3),
            ("gentle", 2),
            ("glucose", 2),
            ("guidance", 2),
            ("headache", 2),
            ("hearing", 2),
            ("hereditary", 5),
            ("hormone", 2),
            ("hydrated", 3),
            ("injection", 3),
            ("injury", 3),
            ("intestine", 3),
            ("itching", 2),
            ("joint", 1),
            ("knee", 1),
            ("label", 2),
            ("lifestyle", 2),
            ("lotion", 2),
            ("lowered", 2),
            ("massage", 2),
            ("measure", 2),
            ("memory", 3),
            ("menopause", 3),
            ("mouth", 1),
            ("muscle", 2),
            ("needle", 2),
            ("negative", 3),
            ("nervous", 2),
            ("numbness", 2),
            ("obesity", 4),
            ("ointment", 2),
            ("operation", 4),
            ("ovary", 3),
            ("oxygen", 3),
            ("pancreas", 3),
            ("pediatric", 4),
            ("pharmacy", 3),
            ("pill", 1),
            ("placebo", 3),
            ("plasma", 2),
            ("pregnancy", 3),
            ("prevention", 3),
            ("privacy", 3),
            ("prostate", 2),
            ("protein", 2),
            ("rash", 1),
            ("receive", 2),
            ("referral", 3),
            ("rehabilitation", 6),
            ("relapse", 2),
            ("research", 2),
            ("respiratory", 5),
            ("responsive", 3),
            ("saliva", 3),
            ("scar", 1),
            ("screening", 2),
            ("seizure", 2),
            ("sensitive", 3),
            ("shoulder", 2),
            ("sodium", 3),
            ("spine", 1),
            ("steroid", 2),
            ("stroke", 1),
            ("swallow", 2),
            ("swelling", 2),
            ("syringe", 2),
            ("tablet", 2),
            ("temperature", 4),
            ("therapist", 3),
            ("throat", 1),
            ("tissue", 2),
            ("tongue", 1),
            ("transfusion", 3),
            ("trial", 2),
            ("ulcer", 2),
            ("urine", 2),
            ("uterus", 3),
            ("vein", 1),
            ("virus", 2),
            ("vision", 2),
            ("vitamin", 3),
            ("wheelchair", 2),
            ("wound", 1),
            ("wrist", 1),
            ("about", 2),
            ("above", 2),
            ("absorb", 2),
            ("across", 2),
            ("actually", 4),
            ("adult", 2),
            ("advice", 2),
            ("afraid", 2),
            ("after", 2),
            ("again", 2),
            ("allergy", 3),
            ("allergies", 3),
            ("already", 3),
            ("always", 2),
            ("ambulance", 3),
            ("amount", 2),
            ("another", 3),
            ("antibiotic", 5),
            ("antibiotics", 5),
            ("anxiety", 4),
            ("anything", 3),
            ("appetite", 3),
            ("area", 3),
            ("arthritis", 3),
            ("asthma", 2),
            ("available", 4),
            ("average", 3),
            ("baby", 2),
            ("bacteria", 4),
            ("balance", 2),
            ("because", 2),
            ("before", 2),
            ("benefit", 3),
            ("benign", 2),
            ("better", 2),
            ("bleeding", 2),
            ("blood", 1),
            ("body", 2),
            ("bone", 1),
            ("brain", 1),
            ("breast", 1),
            ("breathe", 1),
            ("breathing", 2),
            ("called", 1),
            ("cancer", 2),
            ("care", 1),
            ("careful", 2),
            ("caused", 1),
            ("cells", 1),
            ("change", 1),
            ("changes", 2),
            ("chemotherapy", 5),
            ("chest", 1),
            ("child", 1),
            ("children", 2),
            ("choose", 1),
            ("chronic", 2),
            ("clinic", 2),
            ("clinical", 3),
            ("colon", 2),
            ("common", 2),
            ("condition", 3),
            ("confused", 2),
            ("consider", 3),
            ("continue", 3),
            ("control", 2),
            ("cough", 1),
            ("could", 1),
            ("daily", 2),
            ("damage", 2),
            ("decide", 2),
            ("decision", 3),
            ("depression", 3),
            ("describe", 2),
            ("diagnosis", 4),
            ("diagnosed", 3),
            ("diarrhea", 4),
            ("different", 3),
            ("difficult", 3),
            ("disease", 2),
            ("doctor", 2),
            ("dose", 1),
            ("during", 2),
            ("early", 2),
            ("easily", 3),
            ("easy", 2),
            ("effect", 2),
            ("effects", 2),
            ("either", 2),
            ("emergency", 4),
            ("energy", 3),
            ("enough", 2),
            ("especially", 4),
            ("even", 2),
            ("examine", 3),
            ("exercise", 3),
            ("experience", 4),
            ("family", 3),
            ("fever", 2),
            ("finally", 3),
            ("follow", 2),
            ("food", 1),
            ("general", 3),
            ("genetic", 3),
            ("getting", 2),
            ("given", 2),
            ("happen", 2),
            ("health", 1),
            ("healthy", 2),
            ("heart", 1),
            ("help", 1),
            ("hospital", 3),
            ("however", 3),
            ("illness", 2),
            ("immune", 2),
            ("important", 3),
            ("increase", 2),
            ("infection", 3),
            ("inflammation", 4),
            ("information", 4),
            ("insurance", 3),
            ("into", 2),
            ("kidney", 2),
            ("known", 1),
            ("large", 1),
            ("later", 2),
            ("likely", 2),
            ("liver", 2),
            ("living", 2),
            ("lung", 1),
            ("lymph", 1),
            ("machine", 2),
            ("medicine", 3),
            ("medicines", 3),
            ("medical", 3),
            ("medication", 4),
            ("minutes", 2),
            ("moment", 2),
            ("months", 1),
            ("more", 1),
            ("most", 1),
            ("nausea", 3),
            ("nurse", 1),
            ("often", 2),
            ("only", 2),
            ("option", 2),
            ("options", 2),
            ("other", 2),
            ("pain", 1),
            ("patients", 2),
            ("period", 3),
            ("person", 2),
            ("physical", 3),
            ("pressure", 2),
            ("problem", 2),
            ("procedure", 3),
            ("provider", 3),
            ("questions", 2),
            ("quickly", 2),
            ("radiation", 4),
            ("rarely", 2),
            ("really", 2),
            ("recover", 3),
            ("recovery", 4),
            ("reduce", 2),
            ("relief", 2),
            ("remember", 3),
            ("require", 2),
            ("results", 2),
            ("risk", 1),
            ("safe", 1),
            ("scan", 1),
            ("schedule", 2),
            ("second", 2),
            ("severe", 2),
            ("should", 1),
            ("side", 1),
            ("skin", 1),
            ("sleep", 1),
            ("small", 1),
            ("some", 1),
            ("sometimes", 2),
            ("specialist", 3),
            ("stage", 1),
            ("stomach", 2),
            ("stronger", 2),
            ("surgery", 3),
            ("surgeon", 2),
            ("symptoms", 2),
            ("system", 2),
            ("taking", 2),
            ("therapy", 3),
            ("thyroid", 2),
            ("today", 2),
            ("together", 3),
            ("treated", 2),
            ("treatment", 2),
            ("tumor", 2),
            ("tumors", 2),
            ("type", 1),
            ("types", 1),
            ("understand", 3),
            ("unusual", 4),
            ("usually", 4),
            ("vaccine", 2),
            ("various", 3),
            ("very", 2),
            ("vomiting", 3),
            ("want", 1),
            ("water", 2),
            ("weakness", 2),
            ("weight", 1),
            ("whether", 2),
            ("which", 1),
            ("while", 1),
            ("without", 2),
            ("worried", 2),
            ("would", 1),
            ("x-ray", 2),
            ("years", 1),
            ("your", 1),
            ("smile", 1),
            ("surprise", 2),
            ("cure", 1),
            ("cured", 1),
            ("named", 1),
            ("hoped", 1),
            ("hopes", 1),
            ("used", 1),
            ("uses", 2),
            ("loved", 1),
            ("lived", 1),
            ("lives", 1),
            ("times", 1),
            ("likes", 1),
            ("tasted", 2),
            ("based", 1),
            ("gave", 1),
            ("prescribed", 2),
            ("prescription", 3),
            ("oncologist", 4),
            ("oncology", 4),
            ("metastasis", 4),
            ("metastatic", 4),
            ("lymphoma", 3),
            ("leukemia", 4),
            ("melanoma", 4),
            ("carcinoma", 4),
            ("malignant", 3),
            ("prognosis", 3),
            ("palliative", 4),
            ("hospice", 2),
            ("nutrition", 3),
            ("fatigue", 2),
            ("pneumonia", 4),
            ("insulin", 3),
            ("platypus", 3),
            ("seemingly", 3),
            ("hybrid", 2),
            ("mammal", 2),
            ("creature", 2),
            ("ask", 1),
            ("bring", 1),
            ("list", 1),
            ("need", 1),
            ("visit", 2),
            ("appointment", 3),
            ("test", 1),
            ("tests", 1),
            ("biopsies", 3),
            ("ultrasound", 3),
            ("mri", 1),
            ("idea", 3),
            ("ideas", 3),
            ("create", 2),
            ("created", 3),
            ("react", 2),
            ("science", 2),
            ("scientist", 3),
            ("client", 2),
            ("quiet", 2),
            ("diet", 2),
            ("society", 4),
            ("poetry", 3),
            ("going", 2),
            ("doing", 2),
            ("being", 2),
            ("seeing", 2),
            ("fuel", 2),
            ("cruel", 2),
            ("video", 3),
            ("radio", 3),
            ("studio", 3),
            ("theory", 3),
            ("people", 2),
            ("usual", 3),
            ("actual", 3),
            ("individual", 5),
            ("evaluate", 4),
            ("situation", 4),
            ("gradual", 3),
        ]);
    }

    /// Spanish vocabulary with orthographic (RAE) syllable counts. With the
    /// RAE rules, *radioterapia* is ra-dio-te-ra-pia (5), *biopsia* is
    /// biop-sia (2), and *prohibir* is prohi-bir (2): an h between vowels
    /// does not prevent a diphthong.
    #[test]
    fn spanish_health_vocabulary() {
        check_es(&[
            ("el", 1),
            ("la", 1),
            ("médico", 3),
            ("cáncer", 2),
            ("tratamiento", 4),
            ("quimioterapia", 5),
            ("radioterapia", 5),
            ("enfermedad", 4),
            ("pregunta", 3),
            ("preguntas", 3),
            ("paciente", 3),
            ("pacientes", 3),
            ("hospital", 3),
            ("sangre", 2),
            ("corazón", 3),
            ("pulmón", 2),
            ("hígado", 3),
            ("riñón", 2),
            ("cirugía", 4),
            ("cirujano", 4),
            ("diagnóstico", 4),
            ("síntomas", 3),
            ("dolor", 2),
            ("fiebre", 2),
            ("cansancio", 3),
            ("náuseas", 3),
            ("vómitos", 3),
            ("diarrea", 3),
            ("infección", 3),
            ("medicamento", 5),
            ("medicina", 4),
            ("farmacia", 3),
            ("receta", 3),
            ("cita", 2),
            ("familia", 3),
            ("ayuda", 3),
            ("ayudar", 3),
            ("puede", 2),
            ("pueden", 2),
            ("cuando", 2),
            ("después", 2),
            ("también", 2),
            ("siempre", 2),
            ("tiene", 2),
            ("seguro", 3),
            ("aunque", 2),
            ("cuidado", 3),
            ("oncólogo", 4),
            ("biopsia", 2),
            ("tumor", 2),
            ("maligno", 3),
            ("benigno", 3),
            ("leucemia", 3),
            ("linfoma", 3),
            ("metástasis", 4),
            ("paliativo", 4),
            ("nutrición", 3),
            ("ejercicio", 4),
            ("sueño", 2),
            ("cuello", 2),
            ("huevo", 2),
            ("guitarra", 3),
            ("lingüística", 4),
            ("acuerdo", 3),
            ("euro", 2),
            ("ciudad", 2),
            ("viuda", 2),
            ("oír", 2),
            ("maíz", 2),
            ("raíz", 2),
            ("baúl", 2),
            ("poeta", 3),
            ("leer", 2),
            ("creer", 2),
            ("toalla", 3),
            ("héroe", 3),
            ("idea", 3),
            ("europeo", 4),
            ("reír", 2),
            ("prohibir", 2),
            ("ahora", 3),
            ("hay", 1),
            ("rey", 1),
            ("muy", 1),
            ("estoy", 2),
            ("voy", 1),
            ("leyes", 2),
            ("mayo", 2),
            ("yo", 1),
        ]);
    }
}
