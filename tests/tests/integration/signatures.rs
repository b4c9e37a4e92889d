//! Signed bundles: with a trusted key, unsigned, wrongly signed and tampered bundles are refused
//! before anything changes; bundles signed by us verify with the `minisign` tool and the reverse.

use std::path::Path;
use std::process::Command;

use kiosk_tests::{audit_log, installed, keygen, kiosk, sign, temp_dir, tool_available, BundleBuilder};

fn trust(data: &Path, config: &Path, public: &Path) {
    let run = kiosk(data, &["--config", s(config), "trust", "add", s(public)]);
    assert_eq!(run.code, 0, "trusting a public key file must work: {run:?}");
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn with_a_trusted_key_only_good_signatures_import() {
    let data = temp_dir();
    let work = temp_dir();
    let config = work.path().join("config.toml");
    std::fs::write(&config, "clinic_name = \"Riverside\"\n").expect("config written");
    let (public, secret) = keygen(work.path(), "publisher");
    let (_, other_secret) = keygen(work.path(), "stranger");
    trust(data.path(), &config, &public);
    let settings = std::fs::read_to_string(&config).expect("config readable");
    assert!(
        settings.contains("clinic_name = \"Riverside\"") && settings.contains("trusted_keys"),
        "trust add keeps the other settings and adds the key: {settings}"
    );

    let builder = BundleBuilder::new("signed-en", 2, "en", 2);
    let make = |name: &str, tamper: &dyn Fn(&Path)| {
        let dir = builder.write(&work.path().join(name));
        tamper(&dir);
        dir
    };
    let unsigned = make("unsigned", &|_| {});
    let wrong_key = make("wrong-key", &|dir| sign(dir, &other_secret));
    let tampered_manifest = make("tampered-manifest", &|dir| {
        sign(dir, &secret);
        let path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&path).expect("manifest");
        std::fs::write(&path, text.replace("Test bundle", "Test bundle!")).expect("rewritten");
    });
    let tampered_file = make("tampered-file", &|dir| {
        sign(dir, &secret);
        let path = dir.join("questions/q1.json");
        let text = std::fs::read_to_string(&path).expect("question");
        std::fs::write(&path, text.replace("liver care", "liver cure")).expect("rewritten");
    });
    let cases = [
        (&unsigned, "is not signed"),
        (&wrong_key, "does not trust"),
        (&tampered_manifest, "does not match manifest.json"),
        (&tampered_file, "the file was changed or damaged"),
    ];
    for (path, expected) in cases {
        let run = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(path)]);
        assert_eq!(run.code, 1, "{} must be refused: {run:?}", path.display());
        assert!(
            run.stderr.contains(expected),
            "{} is refused saying {expected:?}: {run:?}",
            path.display()
        );
        assert_eq!(
            installed(data.path(), "signed-en"),
            None,
            "a refused bundle must not change what is shown"
        );
    }
    let refusals = audit_log(data.path())
        .iter()
        .filter(|e| e["result"] == "refused")
        .count();
    assert_eq!(refusals, 4, "every refused import is in the audit log");

    let good = make("good", &|dir| sign(dir, &secret));
    let run = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(&good)]);
    assert_eq!(run.code, 0, "a bundle signed by a trusted key imports: {run:?}");
    let list = kiosk(data.path(), &["bundle", "list", "--json"]);
    let bundles: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    let signed = bundles
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == "signed-en").cloned())
        .expect("listed");
    assert!(
        signed["signer_key_id"].as_str().is_some_and(|k| k.len() == 16),
        "the signer is recorded and listed: {signed}"
    );
}

#[test]
fn without_trusted_keys_unsigned_bundles_import_with_a_warning() {
    let data = temp_dir();
    let work = temp_dir();
    let path = BundleBuilder::new("plain-en", 2, "en", 1).write(&work.path().join("b"));
    let run = kiosk(data.path(), &["bundle", "import", s(&path)]);
    assert_eq!(run.code, 0, "with no trusted key an unsigned bundle imports: {run:?}");
    assert!(
        run.stderr.contains("unsigned"),
        "but with a visible unsigned warning: {run:?}"
    );
}

#[test]
fn trust_list_and_remove() {
    let data = temp_dir();
    let work = temp_dir();
    let config = work.path().join("config.toml");
    let (public, _) = keygen(work.path(), "publisher");
    trust(data.path(), &config, &public);
    let list = kiosk(data.path(), &["--config", s(&config), "trust", "list"]);
    let key_id = list.stdout.split_whitespace().next().unwrap_or_default().to_string();
    assert_eq!(
        key_id.len(),
        16,
        "trust list starts each line with the key id: {list:?}"
    );
    let remove = kiosk(data.path(), &["--config", s(&config), "trust", "remove", &key_id]);
    assert_eq!(remove.code, 0, "a trusted key can be removed: {remove:?}");
    let again = kiosk(data.path(), &["--config", s(&config), "trust", "remove", &key_id]);
    assert_eq!(again.code, 1, "removing an unknown key is a clear failure: {again:?}");
    let bad = work.path().join("bad.pub");
    std::fs::write(&bad, "not a key\n").expect("written");
    let add = kiosk(data.path(), &["--config", s(&config), "trust", "add", s(&bad)]);
    assert_eq!(add.code, 2, "a file without a key is unreadable input: {add:?}");
}

#[test]
fn signatures_interoperate_with_the_minisign_tool() {
    if !tool_available("signatures_interoperate_with_the_minisign_tool", "minisign") {
        return;
    }
    let data = temp_dir();
    let work = temp_dir();
    let config = work.path().join("config.toml");

    // Theirs verifies with ours: key and signature made by the minisign tool.
    let (their_public, their_secret) = (work.path().join("m.pub"), work.path().join("m.key"));
    let made = Command::new("minisign")
        .args(["-G", "-W", "-p", s(&their_public), "-s", s(&their_secret)])
        .output()
        .expect("minisign runs");
    assert!(made.status.success(), "minisign -G -W makes a key: {made:?}");
    trust(data.path(), &config, &their_public);
    let theirs = BundleBuilder::new("theirs-en", 2, "en", 1).write(&work.path().join("theirs"));
    let signed = Command::new("minisign")
        .args(["-S", "-s", s(&their_secret), "-m"])
        .arg(theirs.join("manifest.json"))
        .output()
        .expect("minisign runs");
    assert!(signed.status.success(), "minisign signs the manifest: {signed:?}");
    let run = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(&theirs)]);
    assert_eq!(run.code, 0, "a bundle signed with the minisign tool verifies: {run:?}");

    // Ours verifies with theirs, and we can sign with their unencrypted key file too.
    let (our_public, our_secret) = keygen(work.path(), "ours");
    let ours = BundleBuilder::new("ours-en", 2, "en", 1).write(&work.path().join("ours"));
    sign(&ours, &our_secret);
    let verified = Command::new("minisign")
        .args(["-V", "-p", s(&our_public), "-x"])
        .arg(ours.join("manifest.json.minisig"))
        .arg("-m")
        .arg(ours.join("manifest.json"))
        .output()
        .expect("minisign runs");
    assert!(
        verified.status.success(),
        "minisign verifies our signature with our public key: {verified:?}"
    );
    let with_their_key = BundleBuilder::new("again-en", 2, "en", 1).write(&work.path().join("again"));
    sign(&with_their_key, &their_secret);
    let fresh = temp_dir();
    let run = kiosk(
        fresh.path(),
        &["--config", s(&config), "bundle", "import", s(&with_their_key)],
    );
    assert_eq!(run.code, 0, "a minisign -W secret key signs with our command: {run:?}");
}
