//! Anonymous usage counts: how often each question was opened and how many sheets were printed,
//! per day. Counts only — nothing about a person, a session or the time of day.

use rusqlite::params;
use serde::Serialize;

use super::{primary_language, Store};
use crate::Result;

/// Opens of one question on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionOpens {
    /// The day, `YYYY-MM-DD` (UTC).
    pub day: String,
    /// The primary language of the answer shown.
    pub language: String,
    /// The question id.
    pub question_id: String,
    /// How many times it was opened.
    pub count: i64,
}

/// Sheets printed on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetPrints {
    /// The day, `YYYY-MM-DD` (UTC).
    pub day: String,
    /// How many sheets were printed.
    pub count: i64,
}

/// All usage counts, oldest day first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsageReport {
    /// Question opens per day and question.
    pub question_opens: Vec<QuestionOpens>,
    /// Sheets printed per day.
    pub sheet_prints: Vec<SheetPrints>,
}

impl UsageReport {
    /// The counts as CSV with a header: `day,kind,language,question_id,count`, where `kind` is
    /// `question_opened` or `sheet_printed`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("day,kind,language,question_id,count\n");
        for row in &self.question_opens {
            out.push_str(&format!(
                "{},question_opened,{},{},{}\n",
                csv_field(&row.day),
                csv_field(&row.language),
                csv_field(&row.question_id),
                row.count
            ));
        }
        for row in &self.sheet_prints {
            out.push_str(&format!("{},sheet_printed,,,{}\n", csv_field(&row.day), row.count));
        }
        out
    }
}

/// Quotes a field when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@` is
/// prefixed with `'` so a spreadsheet never runs it as a formula.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:04}-{:02}-{:02}", now.year(), u8::from(now.month()), now.day())
}

impl Store {
    /// Counts one opening of a question today.
    pub fn record_question_open(&self, question_id: &str, language: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO usage_question_open (day, language, question_id, count) VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (day, language, question_id) DO UPDATE SET count = count + 1",
            params![today(), primary_language(language), question_id],
        )?;
        Ok(())
    }

    /// Counts one printed sheet today.
    pub fn record_sheet_print(&self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO usage_sheet_print (day, count) VALUES (?1, 1)
             ON CONFLICT (day) DO UPDATE SET count = count + 1",
            [today()],
        )?;
        Ok(())
    }

    /// Every usage count, oldest day first.
    pub fn usage(&self) -> Result<UsageReport> {
        let mut opens = self.conn.prepare_cached(
            "SELECT day, language, question_id, count FROM usage_question_open
             ORDER BY day, language, count DESC, question_id",
        )?;
        let question_opens = opens
            .query_map([], |r| {
                Ok(QuestionOpens {
                    day: r.get(0)?,
                    language: r.get(1)?,
                    question_id: r.get(2)?,
                    count: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut prints = self
            .conn
            .prepare_cached("SELECT day, count FROM usage_sheet_print ORDER BY day")?;
        let sheet_prints = prints
            .query_map([], |r| {
                Ok(SheetPrints {
                    day: r.get(0)?,
                    count: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(UsageReport {
            question_opens,
            sheet_prints,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_per_day_and_export_as_csv() -> Result<()> {
        let store = Store::open_in_memory()?;
        store.record_question_open("liver", "en-US")?;
        store.record_question_open("liver", "en")?;
        store.record_question_open("=cmd", "es")?;
        store.record_sheet_print()?;
        let usage = store.usage()?;
        let liver = usage
            .question_opens
            .iter()
            .find(|r| r.question_id == "liver")
            .expect("counted");
        assert_eq!(liver.count, 2, "opens in en and en-US are the same language and add up");
        assert_eq!(usage.sheet_prints[0].count, 1);
        let csv = usage.to_csv();
        assert!(csv.starts_with("day,kind,language,question_id,count\n"), "{csv}");
        assert!(csv.contains(",question_opened,en,liver,2\n"), "{csv}");
        assert!(csv.contains(",sheet_printed,,,1\n"), "{csv}");
        assert!(
            csv.contains("'=cmd"),
            "a formula-like id is defused for spreadsheets: {csv}"
        );
        Ok(())
    }
}
