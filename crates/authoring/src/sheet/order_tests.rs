//! The order of a topic's questions on the spreadsheet path: `from-sheet` takes the row order of
//! the `questions` sheet as each topic's order, and `to-sheet` writes rows in the order the kiosk
//! shows them, so an order survives sheet -> bundle -> sheet -> bundle.

use kiosk_core::bundle::{validate, BundleFiles, Limits, Topic};

use super::tests::rich_draft;
use super::*;

/// Three questions of `efectos` in a row order that is not alphabetical (C, A, B), and one of
/// `dinero` between them.
fn ordered_draft() -> BundleDraft {
    let mut draft = rich_draft();
    draft.manifest.topics.push(Topic {
        id: "dinero".into(),
        title: "Dinero".into(),
        questions: Vec::new(),
    });
    let base = draft.questions.remove(0);
    for (id, topic, text) in [
        ("c-cuidado", "efectos", "¿Cuidado en casa?"),
        ("seguro", "dinero", "¿Mi seguro paga?"),
        ("a-agua", "efectos", "¿Agua?"),
        ("b-baño", "efectos", "¿Baño?"),
    ] {
        let mut question = base.clone();
        question.id = id.replace('ñ', "n");
        question.topic = topic.into();
        question.question = text.into();
        draft.questions.push(question);
    }
    draft
}

fn ids(draft: &BundleDraft) -> Vec<&str> {
    draft.questions.iter().map(|q| q.id.as_str()).collect()
}

#[test]
fn a_row_order_survives_sheet_to_bundle_to_sheet_to_bundle() {
    let work = tempfile::tempdir().expect("temp");
    let first = work.path().join("first.xlsx");
    std::fs::write(&first, draft_to_xlsx(&ordered_draft()).expect("writes")).expect("saved");

    let (read, _) = read_sheet(&first, &SheetOptions::default()).expect("reads");
    assert_eq!(
        read.manifest.topics[0].questions,
        ["c-cuidado", "a-agua", "b-bano"],
        "the rows' order becomes the topic's list"
    );
    assert!(
        read.manifest.topics[1].questions.is_empty(),
        "a topic whose one question needs no order gets no list"
    );
    assert_eq!(read.format(), 3, "a list makes the bundle format 3");

    let folder = work.path().join("bundle");
    from_sheet(&first, &folder, &SheetOptions::default()).expect("a bundle");
    let bundle = validate(&BundleFiles::read_path(&folder, Limits::default()).expect("reads"))
        .into_bundle()
        .expect("the bundle is valid");
    assert_eq!(bundle.manifest().format, 3);
    assert_eq!(
        bundle.manifest().topics[0].questions,
        ["c-cuidado", "a-agua", "b-bano"],
        "the manifest holds the order"
    );

    let second = work.path().join("second.xlsx");
    to_sheet(&folder, &second).expect("back to a sheet");
    let (again, _) = read_sheet(&second, &SheetOptions::default()).expect("reads");
    assert_eq!(
        ids(&again),
        ["c-cuidado", "a-agua", "b-bano", "seguro"],
        "to-sheet writes rows topic by topic, each in its display order"
    );
    let again_folder = work.path().join("again");
    from_sheet(&second, &again_folder, &SheetOptions::default()).expect("a bundle again");
    assert_eq!(
        std::fs::read(again_folder.join("manifest.json")).expect("manifest"),
        std::fs::read(folder.join("manifest.json")).expect("manifest"),
        "sheet -> bundle -> sheet -> bundle gives the same manifest, order included"
    );
}

#[test]
fn alphabetical_rows_need_no_list_and_keep_the_older_format() {
    let mut draft = ordered_draft();
    draft.questions.sort_by(|a, b| a.id.cmp(&b.id));
    let work = tempfile::tempdir().expect("temp");
    let sheet = work.path().join("sheet.xlsx");
    std::fs::write(&sheet, draft_to_xlsx(&draft).expect("writes")).expect("saved");
    let (read, _) = read_sheet(&sheet, &SheetOptions::default()).expect("reads");
    assert!(
        read.manifest.topics.iter().all(|t| t.questions.is_empty()),
        "rows already in alphabetical order: no list"
    );
    assert_eq!(read.format(), 2, "format 2 (reviewer and urgent signs), not 3");
}
