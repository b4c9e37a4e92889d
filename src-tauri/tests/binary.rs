//! The `clinic-kiosk` executable itself, as IT and the other test suites start it.
//!
//! Being an integration test of this package also makes `cargo test` build the executable at
//! `target/debug/clinic-kiosk` in the same build as every other test (same features), which the
//! end-to-end tests and the package check then use instead of building it a second time.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clinic-kiosk"))
        .args(args)
        .output()
        .expect("the clinic-kiosk executable starts")
}

#[test]
fn help_names_every_top_level_command() {
    let output = run(&["--help"]);
    assert!(output.status.success(), "--help exits 0: {output:?}");
    let help = String::from_utf8_lossy(&output.stdout);
    for command in [
        "bundle", "staff", "search", "sheet", "trust", "update", "publish", "audit", "usage", "doctor", "show",
    ] {
        assert!(
            help.lines().any(|line| line.trim_start().starts_with(command)),
            "IT reads the commands in --help; {command} is missing from:\n{help}"
        );
    }
}

#[test]
fn version_names_the_program_and_its_version() {
    let output = run(&["--version"]);
    assert!(output.status.success(), "--version exits 0: {output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("clinic-kiosk {}", env!("CARGO_PKG_VERSION")),
        "support asks IT for the installed version"
    );
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let output = run(&["no-such-command"]);
    assert_eq!(output.status.code(), Some(2), "usage errors exit 2: {output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no-such-command"),
        "the message names what was not understood: {output:?}"
    );
}
