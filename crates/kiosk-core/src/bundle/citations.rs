//! Citation markers such as `[1]` or `[1, 2]` in answer text. The UI shows them as tappable
//! superscripts, so the text is split here once rather than parsed again in the view.

use serde::Serialize;

/// A piece of answer text: plain text, or a citation marker naming reference numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Plain text, shown as it is.
    Text(String),
    /// A citation marker, e.g. `[1, 2]` as `[1, 2]`.
    Cite(Vec<u32>),
}

/// Splits text into plain pieces and citation markers. Brackets that do not hold only numbers
/// separated by commas stay plain text.
pub fn parse_segments(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        plain.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find(']')
            .and_then(|close| parse_numbers(&after[..close]).map(|n| (close, n)))
        {
            Some((close, numbers)) => {
                let trimmed = plain.trim_end_matches(' ').len();
                plain.truncate(trimmed);
                if !plain.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut plain)));
                }
                segments.push(Segment::Cite(numbers));
                rest = &after[close + 1..];
            }
            None => {
                plain.push('[');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        segments.push(Segment::Text(plain));
    }
    segments
}

/// Every reference number cited in the text.
pub(crate) fn cited_numbers(text: &str) -> Vec<u32> {
    parse_segments(text)
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Cite(numbers) => Some(numbers),
            Segment::Text(_) => None,
        })
        .flatten()
        .collect()
}

/// Text without its citation markers, for search and readability.
pub(crate) fn strip_markers(text: &str) -> String {
    parse_segments(text)
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Text(t) => Some(t),
            Segment::Cite(_) => None,
        })
        .collect::<Vec<_>>()
        .concat()
}

fn parse_numbers(inside: &str) -> Option<Vec<u32>> {
    let numbers: Option<Vec<u32>> = inside
        .split(',')
        .map(|part| {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                part.parse().ok()
            }
        })
        .collect();
    numbers.filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_split_from_text() {
        assert_eq!(
            parse_segments("Cells fight back [1, 2]. More [3]"),
            vec![
                Segment::Text("Cells fight back".into()),
                Segment::Cite(vec![1, 2]),
                Segment::Text(". More".into()),
                Segment::Cite(vec![3]),
            ],
            "a marker becomes its own segment and the space before it goes"
        );
    }

    #[test]
    fn brackets_that_are_not_markers_stay_text() {
        assert_eq!(
            parse_segments("a [note] and [1a] and [ ]"),
            vec![Segment::Text("a [note] and [1a] and [ ]".into())],
            "only numbers in brackets are citations"
        );
        assert_eq!(
            cited_numbers("x [2,3] y [9]"),
            vec![2, 3, 9],
            "all cited numbers are found"
        );
    }

    #[test]
    fn stripping_markers_keeps_the_words() {
        assert_eq!(
            strip_markers("Liver [1]. Spread [2]."),
            "Liver. Spread.",
            "markers vanish without leaving gaps"
        );
    }
}
