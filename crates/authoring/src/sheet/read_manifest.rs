//! The manifest's fields: from a workbook's `bundle` sheet (`key`/`value` rows), or, for a `.csv`
//! file, from the command line's options. Each value's place is remembered in [`Places`].

use std::collections::BTreeMap;

use super::grid::{Grid, Value};
use super::layout::{parse_topics, BUNDLE_KEYS};
use super::problem::SheetProblem;
use super::read::{date_of, text_of, Places};
use super::SheetOptions;
use crate::draft::{today, ManifestDraft};

/// The `bundle` sheet: `key` and `value` columns, one row per manifest field.
pub(crate) fn read_bundle_sheet(grid: &Grid, places: &mut Places, problems: &mut Vec<SheetProblem>) -> ManifestDraft {
    places.manifest_sheet = grid.name.clone();
    let mut values: BTreeMap<&'static str, (Value, String)> = BTreeMap::new();
    let header_ok = grid.rows.first().is_some_and(|row| {
        let names: Vec<String> = row
            .iter()
            .take(2)
            .map(|v| match v {
                Value::Text(t) => t.trim().to_lowercase(),
                _ => String::new(),
            })
            .collect();
        names == ["key", "value"]
    });
    if !header_ok {
        problems.push(SheetProblem::new(
            grid.row_address(0),
            "",
            "the first row must name the two columns: key and value",
        ));
    }
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let key_cell = row.first().cloned().unwrap_or(Value::Empty);
        let value = row.get(1).cloned().unwrap_or(Value::Empty);
        let key = text_of(&key_cell, &grid.address(r, 0), "", problems).to_lowercase();
        if key.is_empty() {
            if !value.is_empty() {
                problems.push(SheetProblem::new(
                    grid.address(r, 0),
                    "",
                    "this value has no key; write the field name in column A",
                ));
            }
            continue;
        }
        match BUNDLE_KEYS.iter().find(|k| **k == key) {
            Some(known) => {
                let place = grid.address(r, 1);
                places.manifest.insert(known.to_string(), place.clone());
                if values.insert(known, (value, place)).is_some() {
                    problems.push(SheetProblem::new(
                        grid.address(r, 0),
                        "",
                        format!("the key {known} appears twice; keep one row"),
                    ));
                }
            }
            None => problems.push(SheetProblem::new(
                grid.address(r, 0),
                "",
                format!(
                    "{key:?} is not a bundle field; the keys are: {} (format and files are worked out)",
                    BUNDLE_KEYS.join(", ")
                ),
            )),
        }
    }
    for key in BUNDLE_KEYS.iter().filter(|k| **k != "reviewed_by") {
        if !values.contains_key(key) {
            problems.push(SheetProblem::new(
                &grid.name,
                *key,
                format!("is missing; add a row with the key {key} and its value"),
            ));
        }
    }
    let get = |key: &str| values.get(key).cloned().unwrap_or((Value::Empty, grid.name.clone()));
    let text = |key: &str, problems: &mut Vec<SheetProblem>| {
        let (value, place) = get(key);
        text_of(&value, &place, key, problems)
    };
    let (version_value, version_place) = get("version");
    let version = if values.contains_key("version") {
        version_of(&version_value, &version_place, problems)
    } else {
        1
    };
    let (published_value, published_place) = get("published");
    let topics_text = text("topics", problems);
    let reviewed_by = text("reviewed_by", problems);
    ManifestDraft {
        id: text("id", problems),
        version,
        title: text("title", problems),
        publisher: text("publisher", problems),
        language: text("language", problems),
        published: date_of(&published_value, &published_place, "published", problems),
        disclaimer: text("disclaimer", problems),
        reviewed_by: (!reviewed_by.is_empty()).then_some(reviewed_by),
        topics: topics_of(&topics_text, &get("topics").1, problems),
    }
}

fn version_of(value: &Value, place: &str, problems: &mut Vec<SheetProblem>) -> u32 {
    let number = match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX) => Some(*n as u32),
        Value::Text(t) => t.trim().parse::<u32>().ok().filter(|v| *v >= 1),
        _ => None,
    };
    number.unwrap_or_else(|| {
        let shown = match value {
            Value::Text(t) => format!("{t:?}"),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => format!("the date {d}"),
            _ => "another value".into(),
        };
        problems.push(SheetProblem::new(
            place,
            "version",
            format!("must be a whole number from 1 to 4294967295, found {shown}"),
        ));
        1
    })
}

fn topics_of(text: &str, place: &str, problems: &mut Vec<SheetProblem>) -> Vec<kiosk_core::bundle::Topic> {
    parse_topics(text).unwrap_or_else(|message| {
        problems.push(SheetProblem::new(place, "topics", message));
        Vec::new()
    })
}

/// The manifest of a `.csv` file, from the command line's options.
pub(crate) fn manifest_from_options(
    options: &SheetOptions,
    places: &mut Places,
    problems: &mut Vec<SheetProblem>,
) -> ManifestDraft {
    places.manifest_sheet = "options".into();
    for (key, option) in [
        ("id", "--id"),
        ("version", "--version"),
        ("title", "--title"),
        ("publisher", "--publisher"),
        ("language", "--language"),
        ("published", "--published"),
        ("disclaimer", "--disclaimer"),
        ("reviewed_by", "--reviewed-by"),
        ("topics", "--topic"),
    ] {
        places.manifest.insert(key.into(), option.into());
    }
    let mut required = |value: &Option<String>, option: &str| {
        value.clone().unwrap_or_else(|| {
            problems.push(SheetProblem::new(
                option,
                "",
                "is required with a .csv file (a .csv holds only the questions; the bundle's fields are options)",
            ));
            String::new()
        })
    };
    let id = required(&options.id, "--id");
    let title = required(&options.title, "--title");
    let publisher = required(&options.publisher, "--publisher");
    let language = required(&options.language, "--language");
    let disclaimer = required(&options.disclaimer, "--disclaimer");
    if options.topics.is_empty() {
        problems.push(SheetProblem::new(
            "--topic",
            "",
            "is required with a .csv file: give each topic as --topic \"topic-id: Topic title\"",
        ));
    }
    ManifestDraft {
        id,
        version: options.version.unwrap_or(1),
        title,
        publisher,
        language,
        published: options.published.clone().unwrap_or_else(today),
        disclaimer,
        reviewed_by: options.reviewed_by.clone(),
        topics: topics_of(&options.topics.join("\n"), "--topic", problems),
    }
}
