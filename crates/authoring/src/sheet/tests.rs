//! The spreadsheet path against spreadsheets made here: round trips, spreadsheet dates, and a
//! table of bad sheets, each refused with the cell named.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;
use kiosk_core::bundle::{Question, Reference, Section, Topic};

/// A cell a test writes.
#[derive(Clone)]
pub(crate) enum Cell {
    S(String),
    N(f64),
    D(u16, u8, u8),
}

/// Rows of cells, as a sheet holds them.
type Rows = Vec<Vec<Cell>>;

/// A change made to a draft before it is written.
type Change = Box<dyn Fn(&mut BundleDraft)>;

fn s(text: &str) -> Cell {
    Cell::S(text.to_string())
}

/// Writes a workbook with a `bundle` and a `questions` sheet from rows of cells.
pub(crate) fn xlsx(path: &Path, bundle: &[Vec<Cell>], questions: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in [("bundle", bundle), ("questions", questions)] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).expect("name");
        for (r, row) in (0u32..).zip(rows) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Cell::S(t) => sheet.write_string(r, c, t).map(|_| ()),
                    Cell::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::D(y, m, d) => {
                        let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                        sheet.write_datetime_with_format(r, c, &when, &date).map(|_| ())
                    }
                }
                .expect("cell written");
            }
        }
    }
    workbook.save(path).expect("saved");
}

fn bundle_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![s("key"), s("value")],
        vec![s("id"), s("clinica-es")],
        vec![s("version"), Cell::N(3.0)],
        vec![s("title"), s("Preguntas de la clínica")],
        vec![s("publisher"), s("Clínica Riverside")],
        vec![s("language"), s("es")],
        vec![s("published"), Cell::D(2026, 3, 9)],
        vec![s("disclaimer"), s("Información general, no consejo médico.")],
        vec![s("topics"), s("efectos: Efectos secundarios\nvisita: Su visita")],
    ]
}

fn header() -> Vec<Cell> {
    [
        "id",
        "topic",
        "question",
        "summary",
        "sections",
        "ask_your_doctor",
        "references",
        "reviewed",
        "keywords",
    ]
    .iter()
    .map(|h| s(h))
    .collect()
}

fn good_row() -> Vec<Cell> {
    vec![
        s("cansancio"),
        s("efectos"),
        s("¿Es normal sentirse cansado?"),
        s("Sí, el cansancio es común [1]. Descanse cuando lo necesite."),
        s("## Qué dice la investigación\nMuchas personas se sienten cansadas [1].\nCaminar un poco ayuda.\n\nHable con su equipo."),
        s("¿Cuánto durará el cansancio?\n¿Qué puedo hacer?"),
        s("[1] Ruiz A. Cansancio y cáncer. Rev Ejemplo. 2020. | pmid:12345 | doi:10.1000/ej.1"),
        Cell::D(2026, 1, 15),
        s("cansancio\nfatiga"),
    ]
}

fn read_xlsx(bundle: &[Vec<Cell>], questions: &[Vec<Cell>]) -> Result<(BundleDraft, Vec<SheetProblem>)> {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join("sheet.xlsx");
    xlsx(&path, bundle, questions);
    read_sheet(&path, &SheetOptions::default())
}

#[test]
fn a_filled_sheet_reads_with_dates_line_breaks_and_spanish_text() {
    let (draft, _) = read_xlsx(&bundle_rows(), &[header(), good_row()]).expect("a good sheet reads");
    assert_eq!(
        draft.manifest.published, "2026-03-09",
        "a spreadsheet date becomes YYYY-MM-DD"
    );
    assert_eq!(draft.manifest.version, 3);
    let q = &draft.questions[0];
    assert_eq!(q.reviewed, "2026-01-15");
    assert_eq!(
        q.sections[0].paragraphs,
        [
            "Muchas personas se sienten cansadas [1].\nCaminar un poco ayuda.",
            "Hable con su equipo."
        ],
        "a line break stays inside its paragraph; a blank line starts the next"
    );
    assert_eq!(q.references[0].pmid.as_deref(), Some("12345"));
    assert_eq!(q.keywords, ["cansancio", "fatiga"]);
}

#[test]
fn bad_sheets_are_refused_naming_the_cell() {
    let without = |column: usize| -> Vec<Vec<Cell>> {
        let strip = |mut row: Vec<Cell>| {
            row.remove(column);
            row
        };
        vec![strip(header()), strip(good_row())]
    };
    let with = |column: usize, cell: Cell| -> Vec<Vec<Cell>> {
        let mut row = good_row();
        row[column] = cell;
        vec![header(), row]
    };
    let cases: Vec<(&str, Rows, Rows, &str)> = vec![
        (
            "missing column",
            bundle_rows(),
            without(3),
            "questions!1: the header row has no column \"summary\"",
        ),
        (
            "bad date",
            bundle_rows(),
            with(7, s("2026-02-30")),
            "questions!H2: reviewed: must be a real date written YYYY-MM-DD",
        ),
        (
            "unknown topic",
            bundle_rows(),
            with(1, s("nada")),
            "questions!B2: topic: \"nada\" is not a topic of manifest.json",
        ),
        (
            "marker without reference",
            bundle_rows(),
            with(3, s("Sí [2].")),
            "questions!D2: summary: cites [2] but the question has no reference 2",
        ),
        (
            "unknown column",
            bundle_rows(),
            {
                let mut rows = vec![header(), good_row()];
                rows[0][8] = s("keyword");
                rows
            },
            "questions!I1: \"keyword\" is not a question field",
        ),
        (
            "unreadable reference",
            bundle_rows(),
            with(6, s("Ruiz A. 2020.")),
            "questions!G2: references: line 1: start each reference with its number",
        ),
        (
            "bad version",
            {
                let mut rows = bundle_rows();
                rows[2][1] = s("two");
                rows
            },
            vec![header(), good_row()],
            "bundle!B3: version: must be a whole number",
        ),
        (
            "bad language",
            {
                let mut rows = bundle_rows();
                rows[5][1] = s("es_MX");
                rows
            },
            vec![header(), good_row()],
            "bundle!B6: language: must be a BCP 47 language tag",
        ),
        (
            "no questions sheet",
            bundle_rows(),
            Vec::new(),
            "questions: the sheet is empty",
        ),
    ];
    for (name, bundle, questions, expected) in cases {
        let error = read_xlsx(&bundle, &questions).expect_err(name);
        let Error::Sheet(problems) = &error else {
            panic!("{name}: a sheet problem, not {error}");
        };
        assert!(
            problems.iter().any(|p| p.to_string().starts_with(expected)),
            "{name}: expected {expected:?} among {problems:#?}"
        );
    }
}

#[test]
fn from_sheet_writes_nothing_on_a_problem_and_a_valid_bundle_otherwise() {
    let work = tempfile::tempdir().expect("temp");
    let bad = work.path().join("bad.xlsx");
    let mut row = good_row();
    row[1] = s("nada");
    xlsx(&bad, &bundle_rows(), &[header(), row]);
    let out = work.path().join("bundle");
    assert!(matches!(
        from_sheet(&bad, &out, &SheetOptions::default()),
        Err(Error::Sheet(_))
    ));
    assert!(!out.exists(), "nothing is written on a problem");
    let good = work.path().join("good.xlsx");
    xlsx(&good, &bundle_rows(), &[header(), good_row()]);
    let made = from_sheet(&good, &out, &SheetOptions::default()).expect("written");
    assert_eq!((made.id.as_str(), made.questions), ("clinica-es", 1));
    let files = BundleFiles::read_path(&out, Limits::default()).expect("reads");
    assert!(validate(&files).bundle().is_some(), "the folder is a valid bundle");
}

pub(crate) fn rich_draft() -> BundleDraft {
    BundleDraft {
        manifest: crate::ManifestDraft {
            id: "clinica-es".into(),
            version: 7,
            title: "Preguntas".into(),
            publisher: "Clínica".into(),
            language: "es".into(),
            published: "2026-03-09".into(),
            disclaimer: "Información general.\nNo es consejo médico.".into(),
            reviewed_by: Some("Dra. Ana Ruiz, MD".into()),
            topics: vec![Topic {
                id: "efectos".into(),
                title: "Efectos: lo que debe saber".into(),
                questions: Vec::new(),
            }],
        },
        questions: vec![Question {
            id: "fiebre".into(),
            topic: "efectos".into(),
            question: "¿Qué hago si tengo fiebre?".into(),
            summary: "Llame a su equipo [1, 2].".into(),
            sections: vec![
                Section {
                    heading: "Señales".into(),
                    paragraphs: vec!["Primera línea\nsegunda línea [1].".into(), "Otro párrafo [2].".into()],
                },
                Section {
                    heading: "Después".into(),
                    paragraphs: vec!["Descanse.".into()],
                },
            ],
            urgent: vec!["Fiebre de 38 °C o más".into(), "Escalofríos".into()],
            ask_your_doctor: vec!["¿A quién llamo de noche?".into()],
            references: vec![
                Reference {
                    n: 1,
                    text: "Ruiz A. Fiebre. Rev. 2020.".into(),
                    pmid: Some("123".into()),
                    doi: Some("10.1000/x".into()),
                    url: Some("https://example.org/a?b=c".into()),
                },
                Reference {
                    n: 2,
                    text: "Guía: fiebre y cáncer.".into(),
                    pmid: None,
                    doi: None,
                    url: None,
                },
            ],
            reviewed: "2026-01-15".into(),
            keywords: vec!["fiebre".into(), "temperatura".into()],
            more_info_url: Some("https://example.org/fiebre".into()),
        }],
    }
}

#[test]
fn sheet_to_bundle_to_sheet_keeps_the_content() {
    let work = tempfile::tempdir().expect("temp");
    let draft = rich_draft();
    let first = work.path().join("first.xlsx");
    std::fs::write(&first, draft_to_xlsx(&draft).expect("writes")).expect("saved");
    let (read, _) = read_sheet(&first, &SheetOptions::default()).expect("reads back");
    assert_eq!(read, draft, "what to-sheet writes, from-sheet reads back unchanged");
    let folder = work.path().join("bundle");
    from_sheet(&first, &folder, &SheetOptions::default()).expect("a bundle");
    let second = work.path().join("second.xlsx");
    to_sheet(&folder, &second).expect("back to a sheet");
    let (again, _) = read_sheet(&second, &SheetOptions::default()).expect("reads");
    assert_eq!(
        again, draft,
        "sheet -> bundle -> sheet -> bundle gives the same content"
    );
}

#[test]
fn to_sheet_refuses_what_the_layout_cannot_hold() {
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "## line",
            Box::new(|d| d.questions[0].sections[0].paragraphs[0] = "Texto\n## no es título".into()),
            "question fiebre: sections[0].paragraphs[0]: has a line starting with ##",
        ),
        (
            "pipe",
            Box::new(|d| d.questions[0].references[1].text = "A | B".into()),
            "question fiebre: references[1]: has a | or a line break",
        ),
        (
            "long cell",
            Box::new(|d| d.questions[0].sections[1].paragraphs = vec!["palabra ".repeat(4_000); 2]),
            "question fiebre: sections: is 64077 characters; a spreadsheet cell holds at most 32767",
        ),
    ];
    for (name, change, expected) in cases {
        let mut draft = rich_draft();
        change(&mut draft);
        match draft_to_xlsx(&draft) {
            Err(Error::CannotHold(found)) => assert!(
                found.iter().any(|f| f == expected || f.starts_with(expected)),
                "{name}: expected {expected:?} in {found:?}"
            ),
            other => panic!("{name}: must be refused, got {:?}", other.map(|b| b.len())),
        }
    }
}

#[test]
fn a_csv_file_takes_the_bundle_fields_as_options() {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join("questions.csv");
    let csv = "\u{feff}id,topic,question,summary,ask_your_doctor,reviewed\n\
               fever,basics,What if I have a fever?,\"Call us [1].\nRight away.\",\"Who do I call?\nWhen?\",2026-01-15\n";
    std::fs::write(&path, csv).expect("written");
    let error = read_sheet(&path, &SheetOptions::default()).expect_err("options are needed");
    assert!(
        error.to_string().contains("--title: is required with a .csv file"),
        "{error}"
    );
    let options = SheetOptions {
        id: Some("clinic-en".into()),
        title: Some("Clinic".into()),
        publisher: Some("Clinic".into()),
        language: Some("en".into()),
        disclaimer: Some("General information only.".into()),
        topics: vec!["basics: The basics".into()],
        ..SheetOptions::default()
    };
    let error = read_sheet(&path, &options).expect_err("the marker has no reference");
    assert!(
        error
            .to_string()
            .contains("questions!D2: summary: cites [1] but the question has no reference 1"),
        "{error}"
    );
    std::fs::write(&path, csv.replace(" [1]", "")).expect("written");
    let (draft, _) = read_sheet(&path, &options).expect("reads");
    assert_eq!(draft.questions[0].summary, "Call us.\nRight away.");
    assert_eq!(draft.manifest.version, 1, "version 1 unless given");
}

#[test]
fn a_damaged_spreadsheet_is_an_error_not_a_crash() {
    let work = tempfile::tempdir().expect("temp");
    let good = work.path().join("good.xlsx");
    std::fs::write(&good, draft_to_xlsx(&rich_draft()).expect("writes")).expect("saved");
    let bytes = std::fs::read(&good).expect("read");
    let damaged = work.path().join("damaged.xlsx");
    let mut seed = 0x2545_f491_u32;
    for round in 0..60 {
        let mut copy = if round % 2 == 0 {
            bytes[..bytes.len() * (round % 60) / 60].to_vec()
        } else {
            bytes.clone()
        };
        for _ in 0..(round % 7) * 3 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            if !copy.is_empty() {
                let at = seed as usize % copy.len();
                copy[at] ^= (seed >> 8) as u8 | 1;
            }
        }
        std::fs::write(&damaged, &copy).expect("saved");
        // Any outcome but a panic: most are refused, a few flips land in unused bytes.
        let _ = read_sheet(&damaged, &SheetOptions::default());
    }
}

#[test]
fn warnings_are_placed_at_their_cells_too() {
    let mut row = good_row();
    row[3] = s(
        "Sí, el cansancio es muy común durante el tratamiento y puede durar varias semanas o incluso meses después de terminar, según lo que muestran muchos estudios grandes hechos en distintos países [1].",
    );
    let (_, warnings) = read_xlsx(&bundle_rows(), &[header(), row]).expect("warnings do not refuse");
    assert!(
        warnings
            .iter()
            .any(|w| w.to_string().starts_with("questions!D2: summary: has a sentence of")),
        "a long Spanish sentence is flagged at its cell: {warnings:?}"
    );
}
