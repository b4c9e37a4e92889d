//! `clinic-kiosk staff set-pin`: the PIN comes from the terminal or standard input, never the
//! command line, and weak PINs are refused.

use kiosk_tests::{kiosk, kiosk_with_input, temp_dir};

#[test]
fn staff_set_pin_reads_the_pin_from_standard_input_and_refuses_weak_ones() {
    let data = temp_dir();
    let weak = kiosk_with_input(data.path(), &["staff", "set-pin"], "123456\n");
    assert_eq!(weak.code, 1, "a run of digits is refused: {weak:?}");
    assert!(weak.stderr.contains("too easy to guess"), "and says why: {weak:?}");
    let short = kiosk_with_input(data.path(), &["staff", "set-pin"], "4029\n");
    assert_eq!(short.code, 1, "four digits are too few: {short:?}");
    assert!(short.stderr.contains("6 to 12 digits"), "and says how many: {short:?}");
    let none = kiosk(data.path(), &["staff", "set-pin"]);
    assert_eq!(none.code, 2, "no PIN at all is a usage error: {none:?}");

    let good = kiosk_with_input(data.path(), &["staff", "set-pin"], "402917\n");
    assert_eq!(good.code, 0, "a good PIN is stored: {good:?}");
    for entry in std::fs::read_dir(data.path()).expect("data folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !bytes.windows(6).any(|w| w == b"402917"),
            "the PIN itself is never written to {}, only its hash",
            path.display()
        );
    }
}
