//! The `.ods` reader on a file written here as LibreOffice writes one (no spreadsheet program
//! is needed to run it).

use std::path::Path;

use super::{read_sheet, SheetOptions};

/// A sheet's rows of `(value type, value)` cells.
type Rows<'a> = Vec<Vec<(&'a str, &'a str)>>;

/// A minimal OpenDocument spreadsheet, as LibreOffice saves one: `rows` of `(type, value)` cells
/// per sheet, a value's lines written as paragraphs (a blank line as an empty paragraph).
fn ods(path: &Path, sheets: &[(&str, Rows<'_>)]) {
    use std::io::Write as _;
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{name}">"#));
        for row in rows {
            content.push_str("<table:table-row>");
            for (kind, value) in row {
                let paragraphs: String = value
                    .split('\n')
                    .map(|l| format!("<text:p>{}</text:p>", escape(l)))
                    .collect();
                match *kind {
                    "date" => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{value}"><text:p>{value}</text:p></table:table-cell>"#
                    )),
                    "float" => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>"#
                    )),
                    _ => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>"#
                    )),
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(bytes.as_bytes()).expect("written");
    }
    zip.finish().expect("finished");
}

#[test]
fn an_ods_spreadsheet_reads_like_an_xlsx_one() {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join("clinic.ods");
    let t = |v| ("string", v);
    ods(
        &path,
        &[
            (
                "bundle",
                vec![
                    vec![t("key"), t("value")],
                    vec![t("id"), t("clinica-es")],
                    vec![t("version"), ("float", "2")],
                    vec![t("title"), t("Preguntas")],
                    vec![t("publisher"), t("Clínica")],
                    vec![t("language"), t("es")],
                    vec![t("published"), ("date", "2026-03-09")],
                    vec![t("disclaimer"), t("Información general.")],
                    vec![t("topics"), t("efectos: Efectos secundarios")],
                ],
            ),
            (
                "questions",
                vec![
                    vec![
                        t("id"),
                        t("topic"),
                        t("question"),
                        t("summary"),
                        t("sections"),
                        t("ask_your_doctor"),
                        t("reviewed"),
                    ],
                    vec![
                        t("cansancio"),
                        t("efectos"),
                        t("¿Es normal el cansancio?"),
                        t("Sí, es común."),
                        t("## Qué saber\nDescanse.\n\nCamine un poco."),
                        t("¿Cuánto durará?\n¿Qué hago?"),
                        ("date", "2026-01-15"),
                    ],
                ],
            ),
        ],
    );
    let (draft, _) = read_sheet(&path, &SheetOptions::default()).expect("an .ods file reads");
    assert_eq!(draft.manifest.version, 2);
    assert_eq!(
        draft.manifest.published, "2026-03-09",
        "an ODS date cell becomes YYYY-MM-DD"
    );
    let q = &draft.questions[0];
    assert_eq!(q.reviewed, "2026-01-15");
    assert_eq!(
        q.sections[0].paragraphs,
        ["Descanse.", "Camine un poco."],
        "an empty paragraph in an ODS cell is a blank line"
    );
    assert_eq!(q.ask_your_doctor, ["¿Cuánto durará?", "¿Qué hago?"]);
}
