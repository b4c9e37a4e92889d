//! Who may change a kiosk's content through the update channel: only the key named as
//! `index_key` seals the index (with an expiry, warned about once past), a trusted key limited to
//! bundle ids signs only those, and `trust remove` names what the removed key had signed.

use std::path::{Path, PathBuf};

use kiosk_tests::{keygen, kiosk, sign, temp_dir, BundleBuilder, Run};

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn key_line(public: &Path) -> String {
    let text = std::fs::read_to_string(public).expect("public key");
    text.lines().last().expect("key line").trim().to_string()
}

/// A publisher with one key and one signed bundle `id`; returns (bundles folder, public, secret).
fn publisher(work: &Path, name: &str, id: &str) -> (PathBuf, PathBuf, PathBuf) {
    let (public, secret) = keygen(work, name);
    let bundles = work.join(format!("{name}-bundles"));
    let dir = BundleBuilder::new(id, 2, "en", 2).write(&bundles.join(id));
    sign(&dir, &secret);
    (bundles, public, secret)
}

fn with_config(data: &Path, config: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--config", s(config)];
    all.extend_from_slice(args);
    kiosk(data, &all)
}

#[test]
fn only_the_index_key_may_seal_the_index() {
    let work = temp_dir();
    let (bundles, public, secret) = publisher(work.path(), "pub", "shared-en");
    let site = work.path().join("site");
    let run = kiosk(work.path(), &["publish", s(&bundles), s(&site), "--key", s(&secret)]);
    assert_eq!(run.code, 0, "publish signs the index: {run:?}");
    assert!(
        site.join("index.json").is_file() && site.join("index.json.minisig").is_file(),
        "publish writes index.json and index.json.minisig"
    );
    let signature = std::fs::read_to_string(site.join("index.json.minisig")).expect("signature");
    assert!(
        signature.contains("expires:"),
        "the expiry rides in the signed trusted comment, not in index.json: {signature}"
    );
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("index.json")).expect("index")).expect("json");
    assert_eq!(
        index.as_object().map(|o| o.len()),
        Some(2),
        "index.json keeps only the fields today's kiosks read: {index}"
    );

    let line = key_line(&public);
    let config = work.path().join("config.toml");
    std::fs::write(
        &config,
        format!("trusted_keys = [\"{line}\"]\nindex_key = \"{line}\"\n"),
    )
    .expect("config");
    let data = temp_dir();
    let update = with_config(data.path(), &config, &["update", "--once", "--source", s(&site)]);
    assert_eq!(update.code, 0, "a sealed index from the index key updates: {update:?}");

    // Another trusted publisher signs an index: it may sign bundles, not the index.
    let (_, other_public, other_secret) = publisher(work.path(), "other", "other-en");
    let other = key_line(&other_public);
    let foreign = work.path().join("foreign");
    let run = kiosk(
        work.path(),
        &["publish", s(&bundles), s(&foreign), "--key", s(&other_secret)],
    );
    assert_eq!(run.code, 0, "{run:?}");
    std::fs::write(
        &config,
        format!("trusted_keys = [\"{line}\", \"{other}\"]\nindex_key = \"{line}\"\n"),
    )
    .expect("config");
    let data = temp_dir();
    let refused = with_config(data.path(), &config, &["update", "--once", "--source", s(&foreign)]);
    assert_ne!(
        refused.code, 0,
        "an index sealed by another key is refused: {refused:?}"
    );
    assert!(refused.stderr.contains("only key"), "{refused:?}");

    // An unsealed index (today's publish without --key) is refused once index_key is set.
    let plain = work.path().join("plain");
    assert_eq!(kiosk(work.path(), &["publish", s(&bundles), s(&plain)]).code, 0);
    let unsealed = with_config(data.path(), &config, &["update", "--once", "--source", s(&plain)]);
    assert_ne!(unsealed.code, 0, "{unsealed:?}");
    assert!(unsealed.stderr.contains("index.json.minisig"), "{unsealed:?}");
}

#[test]
fn an_expired_index_still_updates_but_warns_in_the_update_and_in_doctor() {
    let work = temp_dir();
    let (bundles, public, secret) = publisher(work.path(), "pub", "shared-en");
    let site = work.path().join("site");
    assert_eq!(kiosk(work.path(), &["publish", s(&bundles), s(&site)]).code, 0);
    // Seal it as a publisher did long ago: expired a day after 2020-01-01.
    let index = std::fs::read(site.join("index.json")).expect("index");
    let secret_text = std::fs::read_to_string(&secret).expect("secret");
    let old = kiosk_core::update::seal::trusted_comment(1_577_836_800, 1);
    let signature = kiosk_core::trust::sign_bytes(&index, &secret_text, None, &old).expect("signs");
    std::fs::write(site.join("index.json.minisig"), signature).expect("seal");

    let line = key_line(&public);
    let config = work.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "trusted_keys = [\"{line}\"]\nindex_key = \"{line}\"\nupdate_source = \"{}\"\n",
            s(&site)
        ),
    )
    .expect("config");
    let data = temp_dir();
    let update = with_config(data.path(), &config, &["update", "--once"]);
    assert!(
        kiosk_tests::installed(data.path(), "shared-en").is_some(),
        "the signed bundles of an expired index still import: {update:?}"
    );
    assert!(
        update.stdout.contains("expired on 2020-01-02") || update.stderr.contains("expired on 2020-01-02"),
        "and the check says the index expired: {update:?}"
    );
    let doctor = with_config(data.path(), &config, &["doctor"]);
    let line = doctor
        .stdout
        .lines()
        .find(|l| l.contains("update source:"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.starts_with("[warn]") && line.contains("expired"),
        "doctor warns: {doctor:?}"
    );
}

#[test]
fn a_key_limited_to_bundle_ids_signs_only_those() {
    let work = temp_dir();
    let (bundles, public, _) = publisher(work.path(), "onc", "cardiology-en");
    let line = key_line(&public);
    let config = work.path().join("config.toml");
    std::fs::write(
        &config,
        format!("trusted_keys = [{{ key = \"{line}\", bundles = [\"oncology-*\"] }}]\n"),
    )
    .expect("config");
    let data = temp_dir();
    let bundle = bundles.join("cardiology-en");
    let refused = with_config(data.path(), &config, &["bundle", "import", s(&bundle)]);
    assert_ne!(refused.code, 0, "another publisher's bundle id is refused: {refused:?}");
    assert!(
        refused.stderr.contains("only for bundles oncology-*"),
        "the refusal names the key's limits: {refused:?}"
    );

    let dir = BundleBuilder::new("oncology-extra", 1, "en", 2).write(&work.path().join("ok").join("oncology-extra"));
    sign(&dir, &work.path().join("onc.key"));
    let accepted = with_config(data.path(), &config, &["bundle", "import", s(&dir)]);
    assert_eq!(accepted.code, 0, "its own bundle ids import: {accepted:?}");
}

#[test]
fn trust_remove_names_the_bundles_that_key_signed_and_doctor_warns() {
    let work = temp_dir();
    let (bundles, public, _) = publisher(work.path(), "pub", "shared-en");
    let config = work.path().join("config.toml");
    std::fs::write(&config, "").expect("config");
    let data = temp_dir();
    assert_eq!(with_config(data.path(), &config, &["trust", "add", s(&public)]).code, 0);
    let import = with_config(
        data.path(),
        &config,
        &["bundle", "import", s(&bundles.join("shared-en"))],
    );
    assert_eq!(import.code, 0, "{import:?}");
    let keys = with_config(data.path(), &config, &["trust", "list"]);
    let key_id = keys.stdout.split_whitespace().next().expect("a key id").to_string();

    let removed = with_config(data.path(), &config, &["trust", "remove", &key_id]);
    assert_eq!(removed.code, 0, "{removed:?}");
    assert!(
        removed.stdout.contains("shared-en 2"),
        "trust remove names the installed bundles that key signed: {removed:?}"
    );
    // Another key stays trusted, so the kiosk still checks signatures.
    let (_, other, _) = publisher(work.path(), "other", "other-en");
    assert_eq!(with_config(data.path(), &config, &["trust", "add", s(&other)]).code, 0);
    let doctor = with_config(data.path(), &config, &["doctor"]);
    let line = doctor
        .stdout
        .lines()
        .find(|l| l.contains("trusted keys:"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.starts_with("[warn]") && line.contains("shared-en 2") && line.contains(&key_id),
        "doctor warns about bundles of a key no longer trusted: {doctor:?}"
    );
}
