//! The command-line contract: validate, import, list, search, show, versions and zips.

use kiosk_tests::{kiosk, question, temp_dir, zip_folder, BundleBuilder};
use serde_json::Value;

fn json(run: &kiosk_tests::Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("stdout must be JSON ({e}): {run:?}"))
}

fn installed_version(data: &std::path::Path, id: &str) -> Option<u64> {
    let list = json(&kiosk(data, &["bundle", "list", "--json"]));
    list.as_array()?
        .iter()
        .find(|b| b["id"] == id)
        .and_then(|b| b["version"].as_u64())
}

#[test]
fn a_fresh_data_folder_serves_the_default_library() {
    let data = temp_dir();
    let list = kiosk(data.path(), &["bundle", "list", "--json"]);
    assert_eq!(list.code, 0, "listing bundles on a fresh install must work: {list:?}");
    let bundles = json(&list);
    let ids: Vec<&str> = bundles
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"oncology-en"),
        "a fresh kiosk must show real content with no setup: {ids:?}"
    );
    for bundle in bundles.as_array().expect("an array") {
        for key in [
            "id",
            "version",
            "language",
            "title",
            "publisher",
            "published",
            "questions",
            "imported_at",
        ] {
            assert!(
                bundle.get(key).is_some(),
                "bundle list --json must carry {key}: {bundle}"
            );
        }
    }
    let show = kiosk(data.path(), &["show", "ici-liver-metastases"]);
    assert_eq!(
        show.code, 0,
        "the example article's question must be answered by default: {show:?}"
    );
    assert!(
        show.stdout.contains("liver"),
        "the answer talks about the liver: {show:?}"
    );
}

#[test]
fn import_list_search_and_show_a_bundle() {
    let data = temp_dir();
    let src = temp_dir();
    let mut builder = BundleBuilder::new("test-en", 1, "en", 3);
    builder.questions.push(question(
        "zebra-care",
        "basics",
        "How do I look after a zebra-striped rash?",
    ));
    let path = builder.write(&src.path().join("b"));

    let validate = kiosk(data.path(), &["bundle", "validate", path.to_str().expect("utf-8")]);
    assert_eq!(validate.code, 0, "a valid bundle validates: {validate:?}");

    let import = kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
    assert_eq!(import.code, 0, "a valid bundle imports: {import:?}");
    assert!(
        import.stdout.contains("imported test-en version 1"),
        "import says what it did: {import:?}"
    );
    assert_eq!(
        installed_version(data.path(), "test-en"),
        Some(1),
        "the bundle is listed after import"
    );

    let search = kiosk(data.path(), &["search", "zebr", "--json"]);
    assert_eq!(search.code, 0, "search works: {search:?}");
    let hits = json(&search);
    assert_eq!(
        hits[0]["id"], "zebra-care",
        "a prefix of a word finds the question: {hits}"
    );
    for key in ["id", "question", "topic", "language"] {
        assert!(hits[0].get(key).is_some(), "search --json carries {key}");
    }

    let show = kiosk(data.path(), &["show", "zebra-care", "--json"]);
    assert_eq!(show.code, 0, "show works: {show:?}");
    let answer = json(&show);
    assert_eq!(answer["question"], "How do I look after a zebra-striped rash?");
    assert_eq!(
        answer["bundle"]["disclaimer"], "Test disclaimer: general information only.",
        "the disclaimer travels with the answer"
    );
    assert_eq!(answer["references"][0]["doi"], "10.1000/test.1");

    let text = kiosk(data.path(), &["show", "zebra-care"]);
    assert!(
        text.stdout.contains("What to ask your doctor"),
        "plain show prints the whole answer: {text:?}"
    );

    let missing = kiosk(data.path(), &["show", "no-such-question"]);
    assert_eq!(
        missing.code, 1,
        "an unknown question is a clear failure, not a crash: {missing:?}"
    );
    assert!(
        missing.stderr.contains("no question no-such-question"),
        "the message names the id: {missing:?}"
    );
}

#[test]
fn versions_only_go_up_unless_told_otherwise() {
    let data = temp_dir();
    let src = temp_dir();
    let v2 = BundleBuilder::new("test-en", 2, "en", 2).write(&src.path().join("v2"));
    let mut old = BundleBuilder::new("test-en", 1, "en", 2);
    old.questions[0]["question"] = "An older question text".into();
    let v1 = old.write(&src.path().join("v1"));
    let v2s = v2.to_str().expect("utf-8");
    let v1s = v1.to_str().expect("utf-8");

    assert_eq!(
        kiosk(data.path(), &["bundle", "import", v2s]).code,
        0,
        "version 2 imports"
    );
    let same = kiosk(data.path(), &["bundle", "import", v2s]);
    assert_eq!(same.code, 1, "the same version again is refused: {same:?}");
    let down = kiosk(data.path(), &["bundle", "import", v1s]);
    assert_eq!(down.code, 1, "an older version is refused: {down:?}");
    assert!(down.stderr.contains("not newer"), "the refusal says why: {down:?}");
    assert!(
        down.stderr.contains("--allow-downgrade"),
        "and how to override it: {down:?}"
    );
    assert_eq!(
        installed_version(data.path(), "test-en"),
        Some(2),
        "a refused downgrade leaves version 2 serving"
    );

    let forced = kiosk(data.path(), &["bundle", "import", v1s, "--allow-downgrade"]);
    assert_eq!(
        forced.code, 0,
        "--allow-downgrade installs the older version: {forced:?}"
    );
    assert_eq!(
        installed_version(data.path(), "test-en"),
        Some(1),
        "version 1 now serves"
    );
    let show = json(&kiosk(data.path(), &["show", "q1", "--json"]));
    assert_eq!(
        show["question"], "An older question text",
        "the old content replaced the new one entirely"
    );
}

#[test]
fn zips_import_with_or_without_a_top_folder() {
    let data = temp_dir();
    let src = temp_dir();
    let folder = BundleBuilder::new("zipped-en", 1, "en", 2).write(&src.path().join("zipped"));
    let flat = zip_folder(&folder, &src.path().join("flat.zip"), None);
    let topped = zip_folder(&folder, &src.path().join("topped.zip"), Some("zipped-en"));

    let run = kiosk(data.path(), &["bundle", "validate", flat.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "a zip with files at its root is a bundle: {run:?}");
    let run = kiosk(data.path(), &["bundle", "import", topped.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "a zip made by 'compress folder' is a bundle: {run:?}");
    assert_eq!(
        installed_version(data.path(), "zipped-en"),
        Some(1),
        "the zipped bundle is installed"
    );
}

#[test]
fn validate_prints_every_problem_one_a_line() {
    let data = temp_dir();
    let src = temp_dir();
    let mut builder = BundleBuilder::new("test-en", 1, "en", 2);
    builder.questions[0]["references"][0]["url"] = "http://example.com".into();
    builder.questions[1]["ask_you_doctor"] = serde_json::json!(["typo"]);
    builder.manifest["published"] = "2026-13-01".into();
    let path = builder.write(&src.path().join("b"));
    let run = kiosk(data.path(), &["bundle", "validate", path.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1, "an invalid bundle exits 1: {run:?}");
    let expected = [
        "questions/q1.json: references[0].url: must start with https://",
        "questions/q2.json: ask_you_doctor: unknown field",
        "manifest.json: published: must be a real date",
    ];
    for line in expected {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(line)),
            "every problem is printed as FILE: FIELD: message, including {line:?}: {run:?}"
        );
    }
}

#[test]
fn validate_json_carries_readability_scores() {
    let data = temp_dir();
    let src = temp_dir();
    let path = BundleBuilder::new("test-en", 1, "en", 1).write(&src.path().join("b"));
    let run = kiosk(
        data.path(),
        &["bundle", "validate", "--json", path.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let report = json(&run);
    assert_eq!(report["valid"], true);
    let grade = &report["readability"][0]["summary"]["grade"];
    assert!(
        grade.is_number(),
        "each question carries a summary grade for publishers: {report}"
    );
}

#[test]
fn search_is_accent_insensitive_and_filtered_by_language() {
    let data = temp_dir();
    let src = temp_dir();
    let mut es = BundleBuilder::new("prueba-es", 1, "es", 1);
    es.questions[0]["question"] = "¿Cuándo debo llamar a mi médico?".into();
    let path = es.write(&src.path().join("es"));
    assert_eq!(
        kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]).code,
        0
    );

    let hits = json(&kiosk(data.path(), &["search", "medico", "--language", "es", "--json"]));
    assert!(
        hits.as_array()
            .expect("array")
            .iter()
            .any(|h| h["question"] == "¿Cuándo debo llamar a mi médico?"),
        "typing medico without the accent must find médico: {hits}"
    );
    let english = json(&kiosk(data.path(), &["search", "medico", "--language", "en", "--json"]));
    assert!(
        english.as_array().expect("array").iter().all(|h| h["language"] == "en"),
        "an English search shows only English questions: {english}"
    );
}

#[test]
fn usage_errors_and_unreadable_paths_exit_2() {
    let data = temp_dir();
    let run = kiosk(data.path(), &["bundle", "frobnicate"]);
    assert_eq!(run.code, 2, "an unknown command is a usage error: {run:?}");
    let run = kiosk(data.path(), &["bundle", "validate", "/no/such/bundle"]);
    assert_eq!(run.code, 2, "a missing path exits 2: {run:?}");
    assert!(
        run.stderr.contains("no such file or folder"),
        "the message says what is wrong: {run:?}"
    );
    let file = data.path().join("notes.txt");
    std::fs::write(&file, "not a zip").expect("write");
    let run = kiosk(data.path(), &["bundle", "import", file.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2, "a file that is not a zip is unreadable: {run:?}");
    assert!(run.stderr.contains("not a readable .zip"), "{run:?}");
}

#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    let data = temp_dir();
    assert_eq!(
        kiosk(data.path(), &["bundle", "list"]).code,
        0,
        "set up the data folder first"
    );
    let mut child = std::process::Command::new(kiosk_tests::kiosk_bin())
        .arg("--data-dir")
        .arg(data.path())
        .args(["show", "ici-liver-metastases", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    assert_ne!(
        output.status.code(),
        Some(101),
        "`clinic-kiosk … | head` must never panic: {output:?}"
    );
}

#[test]
fn a_display_that_is_not_there_is_a_message_not_a_crash() {
    let data = temp_dir();
    let out = data.path().join("sheet.pdf");
    let run: kiosk_tests::Run = std::process::Command::new(kiosk_tests::kiosk_bin())
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "sheet",
            "--out",
            out.to_str().expect("utf-8"),
            "--question",
            "ici-liver-metastases",
        ])
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env_remove("WAYLAND_DISPLAY")
        // Display 6543 has no server: a stale DISPLAY as over SSH or after Xvfb ended.
        .env("DISPLAY", ":6543")
        .output()
        .expect("clinic-kiosk can be started")
        .into();
    assert_ne!(run.code, 101, "GTK's panic must not reach the user: {run:?}");
    assert_ne!(run.code, 0, "no sheet can be printed without a display: {run:?}");
    assert!(
        run.stderr.contains("DISPLAY=:6543 does not answer") && !run.stderr.contains("panicked"),
        "the message names the display and says what to do: {run:?}"
    );
    assert!(!out.exists(), "no half-written sheet is left behind");
}

#[test]
fn search_corrects_a_misspelled_word_and_says_so() {
    let data = temp_dir();
    let text = kiosk(data.path(), &["search", "imunotherapy"]);
    assert_eq!(text.code, 0, "a misspelled search works: {text:?}");
    assert!(
        text.stdout.contains("showing results for \"immunotherapy\""),
        "the text output names the corrected word: {text:?}"
    );
    let hits = json(&kiosk(data.path(), &["search", "igado", "--language", "es", "--json"]));
    let hits = hits.as_array().expect("an array of hits, as before");
    assert!(!hits.is_empty(), "the corrected search finds answers");
    assert!(
        hits.iter().all(|h| h["showing_results_for"] == "hígado"),
        "--json says which word the hits are for, with its accent: {hits:?}"
    );
    let plain = json(&kiosk(data.path(), &["search", "liver", "--json"]));
    assert!(
        plain
            .as_array()
            .expect("array")
            .iter()
            .all(|h| h.get("showing_results_for").is_none()),
        "a word spelled right carries no correction: {plain}"
    );
}
