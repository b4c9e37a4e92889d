//! The spreadsheet path through the real binary: a spreadsheet filled by a script becomes a
//! bundle that validates, packs, signs with a `minisign` key, imports and is found; bad
//! spreadsheets are refused naming the cell, with nothing written; `to-sheet` round-trips and
//! refuses what its layout cannot hold.

use std::path::{Path, PathBuf};
use std::process::Command;

use kiosk_tests::{kiosk, temp_dir, tool_available, BundleBuilder, Run};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use super::authoring::snapshot;

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn publisher(args: &[&str]) -> Run {
    kiosk(temp_dir().path(), args)
}

enum Cell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}
use Cell::{Date, Number, Text};

/// Writes a workbook as a person would fill the template: sheets `bundle` and `questions`.
fn fill(path: &Path, bundle: &[Vec<Cell>], questions: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in [("bundle", bundle), ("questions", questions)] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).expect("sheet named");
        for (r, row) in (0u32..).zip(rows) {
            for (c, cell) in (0u16..).zip(row) {
                let written = match cell {
                    Text(t) => sheet.write_string(r, c, *t).map(|_| ()),
                    Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Date(y, m, d) => {
                        let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("a date");
                        sheet.write_datetime_with_format(r, c, &when, &date).map(|_| ())
                    }
                };
                written.expect("cell written");
            }
        }
    }
    workbook.save(path).expect("workbook saved");
}

fn bundle_sheet() -> Vec<Vec<Cell>> {
    vec![
        vec![Text("key"), Text("value")],
        vec![Text("id"), Text("riverside-es")],
        vec![Text("version"), Number(1.0)],
        vec![Text("title"), Text("Preguntas de la Clínica Riverside")],
        vec![Text("publisher"), Text("Clínica Riverside")],
        vec![Text("language"), Text("es")],
        vec![Text("published"), Date(2026, 11, 2)],
        vec![
            Text("disclaimer"),
            Text("Esta es información general.\nNo es un consejo médico."),
        ],
        vec![
            Text("reviewed_by"),
            Text("Dra. Ana Ruiz, MD, oncología, Clínica Riverside"),
        ],
        vec![Text("topics"), Text("efectos: Efectos secundarios\nvisita: Su visita")],
    ]
}

const HEADER: [&str; 10] = [
    "id",
    "topic",
    "question",
    "summary",
    "urgent",
    "sections",
    "ask_your_doctor",
    "references",
    "reviewed",
    "keywords",
];

fn header() -> Vec<Cell> {
    HEADER.iter().map(|h| Text(h)).collect()
}

fn fever_row() -> Vec<Cell> {
    vec![
        Text("riverside-fiebre"),
        Text("efectos"),
        Text("¿Qué hago si tengo fiebre?"),
        Text("Llame a su equipo enseguida [1]. La fiebre puede ser señal de infección."),
        Text("Fiebre de 38 °C o más\nEscalofríos o temblores"),
        Text("## Qué dice la investigación\nLa fiebre durante el tratamiento\npuede ser grave [1].\n\nNo espere a su próxima cita.\n\n## En casa\nTenga un termómetro a mano."),
        Text("¿A quién llamo de noche?\n¿Qué temperatura es fiebre para mí?"),
        Text("[1] Ruiz A. Fiebre y cáncer. Rev Ejemplo. 2020. | pmid:12345678 | doi:10.1000/ejemplo.1"),
        Date(2026, 10, 20),
        Text("fiebre\ntemperatura"),
    ]
}

fn visit_row() -> Vec<Cell> {
    vec![
        Text("riverside-llegada"),
        Text("visita"),
        Text("¿Dónde me registro al llegar?"),
        Text("Vaya a la recepción del primer piso."),
        Text(""),
        Text(""),
        Text("¿Cuánto tendré que esperar?"),
        Text(""),
        Text("2026-10-20"),
        Text("recepción"),
    ]
}

fn files_of(dir: &Path) -> Vec<(String, Value)> {
    let mut files: Vec<(String, Value)> = ["manifest.json"]
        .iter()
        .map(|n| n.to_string())
        .chain(
            std::fs::read_dir(dir.join("questions"))
                .expect("questions folder")
                .flatten()
                .map(|e| format!("questions/{}", e.file_name().to_string_lossy())),
        )
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("readable");
            (name, serde_json::from_str(&text).expect("JSON"))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn a_script_filled_spreadsheet_becomes_a_signed_bundle_that_imports_and_is_found() {
    if !tool_available(
        "a_script_filled_spreadsheet_becomes_a_signed_bundle_that_imports_and_is_found",
        "minisign",
    ) {
        return;
    }
    let work = temp_dir();
    let data = temp_dir();
    let sheet = work.path().join("riverside.xlsx");
    fill(&sheet, &bundle_sheet(), &[header(), fever_row(), visit_row()]);
    let bundle = work.path().join("riverside-es");
    let made = publisher(&["bundle", "from-sheet", s(&sheet), "--out", s(&bundle)]);
    assert_eq!(made.code, 0, "a good spreadsheet becomes a bundle: {made:?}");
    let check = publisher(&["bundle", "validate", s(&bundle)]);
    assert_eq!(check.code, 0, "the bundle validates: {check:?}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(bundle.join("manifest.json")).expect("manifest")).expect("JSON");
    assert_eq!(
        manifest["published"], "2026-11-02",
        "a spreadsheet date becomes YYYY-MM-DD"
    );
    assert_eq!(manifest["format"], 2, "reviewed_by and urgent make it format 2");
    let fever: Value = serde_json::from_str(
        &std::fs::read_to_string(bundle.join("questions/riverside-fiebre.json")).expect("question"),
    )
    .expect("JSON");
    assert_eq!(fever["reviewed"], "2026-10-20");
    assert_eq!(
        fever["sections"][0]["paragraphs"][0], "La fiebre durante el tratamiento\npuede ser grave [1].",
        "a line break inside a paragraph is kept"
    );

    let (public, secret) = (work.path().join("minisign.pub"), work.path().join("minisign.key"));
    let keys = Command::new("minisign")
        .args(["-G", "-W", "-p", s(&public), "-s", s(&secret)])
        .output()
        .expect("minisign runs");
    assert!(keys.status.success(), "minisign -G -W makes a key: {keys:?}");
    let zip = work.path().join("riverside-es.zip");
    let packed = publisher(&["bundle", "pack", s(&bundle), "--key", s(&secret), "--out", s(&zip)]);
    assert_eq!(
        packed.code, 0,
        "the bundle packs and signs with a minisign key: {packed:?}"
    );
    let config = work.path().join("config.toml");
    let trust = kiosk(data.path(), &["--config", s(&config), "trust", "add", s(&public)]);
    assert_eq!(trust.code, 0, "{trust:?}");
    let import = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(&zip)]);
    assert_eq!(import.code, 0, "a kiosk trusting the key imports it: {import:?}");
    let search = kiosk(data.path(), &["search", "escalofrios", "--language", "es", "--json"]);
    assert!(
        search.stdout.contains("riverside-fiebre"),
        "the spreadsheet's question is found on the kiosk: {search:?}"
    );

    // sheet -> bundle -> sheet -> bundle: the same content, compared as parsed data.
    let again_sheet = work.path().join("again.xlsx");
    let back = publisher(&["bundle", "to-sheet", s(&bundle), "--out", s(&again_sheet)]);
    assert_eq!(back.code, 0, "{back:?}");
    let again = work.path().join("again");
    let remade = publisher(&["bundle", "from-sheet", s(&again_sheet), "--out", s(&again)]);
    assert_eq!(remade.code, 0, "{remade:?}");
    assert_eq!(files_of(&again), files_of(&bundle), "the round trip keeps every field");
}

#[test]
fn bad_spreadsheets_are_refused_naming_the_cell_and_nothing_is_written() {
    let with = |column: usize, cell: Cell| {
        let mut row = fever_row();
        row[column] = cell;
        vec![header(), row]
    };
    let mut missing = vec![header(), fever_row()];
    for row in &mut missing {
        row.remove(3);
    }
    let cases: Vec<(&str, Vec<Vec<Cell>>, &str)> = vec![
        (
            "missing column",
            missing,
            "questions!1: the header row has no column \"summary\"",
        ),
        (
            "bad date",
            with(8, Text("2026-02-30")),
            "questions!I2: reviewed: must be a real date written YYYY-MM-DD",
        ),
        (
            "unknown topic",
            with(1, Text("nausea")),
            "questions!B2: topic: \"nausea\" is not a topic of manifest.json",
        ),
        (
            "marker without reference",
            with(3, Text("Llame a su equipo [2].")),
            "questions!D2: summary: cites [2] but the question has no reference 2",
        ),
    ];
    for (name, questions, expected) in cases {
        let work = temp_dir();
        let sheet = work.path().join("bad.xlsx");
        fill(&sheet, &bundle_sheet(), &questions);
        let before = snapshot(work.path());
        let out = work.path().join("bundle");
        let run = publisher(&["bundle", "from-sheet", s(&sheet), "--out", s(&out)]);
        assert_eq!(run.code, 1, "{name}: refused: {run:?}");
        assert!(
            run.stdout.lines().any(|l| l.starts_with(expected)),
            "{name}: the cell is named ({expected}): {run:?}"
        );
        assert!(run.stderr.contains("nothing was written"), "{name}: {run:?}");
        assert_eq!(snapshot(work.path()), before, "{name}: nothing was written");
    }
}

#[test]
fn to_sheet_refuses_what_its_layout_cannot_hold_and_writes_nothing() {
    let work = temp_dir();
    let mut builder = BundleBuilder::new("layout-en", 1, "en", 1);
    builder.questions[0]["sections"][0]["paragraphs"][0] = Value::from("First line.\n## Not a heading [1].");
    builder.questions[0]["references"][0]["text"] = Value::from("Example A | B. A study. 2020.");
    let bundle = builder.write(&work.path().join("layout-en"));
    let out = work.path().join("layout.xlsx");
    let run = publisher(&["bundle", "to-sheet", s(&bundle), "--out", s(&out)]);
    assert_eq!(run.code, 1, "{run:?}");
    for expected in [
        "question q1: sections[0].paragraphs[0]: has a line starting with ##",
        "question q1: references[0]: has a | or a line break",
    ] {
        assert!(run.stdout.contains(expected), "names {expected:?}: {run:?}");
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn the_templates_turn_into_valid_bundles() {
    let templates = kiosk_tests::workspace_root().join("data/templates");
    let work = temp_dir();
    let from_xlsx = work.path().join("from-xlsx");
    let xlsx: PathBuf = templates.join("questions-template.xlsx");
    let run = publisher(&["bundle", "from-sheet", s(&xlsx), "--out", s(&from_xlsx)]);
    assert_eq!(run.code, 0, "the .xlsx template as shipped is a valid bundle: {run:?}");
    let from_csv = work.path().join("from-csv");
    let csv = templates.join("questions-template.csv");
    let run = publisher(&[
        "bundle",
        "from-sheet",
        s(&csv),
        "--out",
        s(&from_csv),
        "--id",
        "our-clinic-en",
        "--title",
        "Our clinic",
        "--publisher",
        "Our Clinic",
        "--language",
        "en",
        "--disclaimer",
        "General information, not medical advice.",
        "--topic",
        "side-effects: Side effects",
        "--topic",
        "your-visit: Your visit",
    ]);
    assert_eq!(
        run.code, 0,
        "the .csv template with its options is a valid bundle: {run:?}"
    );
}
