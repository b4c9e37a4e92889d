//! Saving onto a USB stick that is mounted read-only.
//!
//! On a kiosk installed from the package, sticks are mounted read-only (udev and the package's
//! `usb-stick` helper, see docs/deploy.md), so nothing on the kiosk can change or plant files on
//! them. Only when staff save a file (the usage CSV) does the app ask the helper, a root service
//! behind the socket [`WRITE_SOCKET`], to mount them read-write. They stay writable while the
//! returned [`WriteWindow`] lives and go back to read-only when it is dropped, also when the app
//! crashes (the helper sees its connection close) or after two minutes at most.
//!
//! Without the helper (a desktop, a developer's PC: no socket) this does nothing, and the desktop's
//! own read-write mounts are used as they are.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

/// Where the package's stick helper listens (`clinic-kiosk-usb-write.socket`).
pub const WRITE_SOCKET: &str = "/run/clinic-kiosk-usb-write.sock";
/// How long the helper may take to mount the sticks again (it waits for each mount).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest answer line read from the helper.
const MAX_ANSWER: u64 = 1024;

/// Sticks stay writable while this lives; dropping it asks for read-only again.
#[derive(Debug)]
pub struct WriteWindow {
    connection: Option<UnixStream>,
}

impl WriteWindow {
    /// Whether the helper made sticks writable (false where there is no helper).
    pub fn from_helper(&self) -> bool {
        self.connection.is_some()
    }
}

impl Drop for WriteWindow {
    fn drop(&mut self) {
        if let Some(mut connection) = self.connection.take() {
            // "done" ends the window at once; closing the connection alone would do too.
            let _ = connection.write_all(b"done\n");
            let _ = connection.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Why sticks could not be made writable. The message says what staff can do.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WriteWindowError {
    /// The helper is installed but did not answer.
    #[error("The USB stick could not be made writable (the kiosk's USB helper did not answer: {0}). Take the stick out, put it in again, wait a few seconds and try again; if it keeps failing, ask IT (journalctl -u 'clinic-kiosk-usb-write@*').")]
    NoAnswer(String),
    /// The helper answered with a problem, e.g. a stick that is busy or damaged.
    #[error("The USB stick could not be made writable: {0}. Take the stick out, put it in again, wait a few seconds and try again.")]
    Refused(String),
}

/// Asks the helper at `socket` to make every mounted stick writable until the returned window
/// is dropped. No socket (no helper installed) gives a window that does nothing.
pub fn open_write_window(socket: &Path) -> Result<WriteWindow, WriteWindowError> {
    let mut connection = match UnixStream::connect(socket) {
        Ok(connection) => connection,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(WriteWindow { connection: None }),
        Err(error) => return Err(WriteWindowError::NoAnswer(error.to_string())),
    };
    let no_answer = |error: std::io::Error| WriteWindowError::NoAnswer(error.to_string());
    connection.set_read_timeout(Some(ANSWER_TIMEOUT)).map_err(no_answer)?;
    connection.write_all(b"write\n").map_err(no_answer)?;
    let mut answer = String::new();
    BufReader::new((&connection).take(MAX_ANSWER))
        .read_line(&mut answer)
        .map_err(no_answer)?;
    let answer = answer.trim();
    if answer == "ok" {
        Ok(WriteWindow {
            connection: Some(connection),
        })
    } else if let Some(problem) = answer.strip_prefix("error: ") {
        Err(WriteWindowError::Refused(problem.to_string()))
    } else if answer.is_empty() {
        Err(WriteWindowError::NoAnswer("it closed the connection".into()))
    } else {
        Err(WriteWindowError::NoAnswer(format!("unexpected answer {answer:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;

    /// A helper that answers `answer` to the request and returns what it was sent in all.
    fn fake_helper(answer: &'static str) -> (tempfile::TempDir, std::thread::JoinHandle<String>) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let listener = UnixListener::bind(dir.path().join("helper.sock")).expect("bind");
        let handle = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request = String::new();
            reader.read_line(&mut request).expect("request");
            stream.write_all(answer.as_bytes()).expect("answer");
            if !answer.starts_with("ok") {
                // A refusing helper is done: the app sees the end of the answer.
                stream.shutdown(std::net::Shutdown::Write).expect("shutdown");
            }
            let mut rest = String::new();
            reader.read_to_string(&mut rest).expect("until the app hangs up");
            request + &rest
        });
        (dir, handle)
    }

    #[test]
    fn without_the_helper_nothing_is_asked_and_saving_goes_on() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let window = open_write_window(&dir.path().join("no-such.sock")).expect("no helper is not an error");
        assert!(!window.from_helper(), "no socket means no helper: {window:?}");
    }

    #[test]
    fn the_window_is_held_until_dropped_and_then_ended() {
        let (dir, helper) = fake_helper("ok\n");
        let window = open_write_window(&dir.path().join("helper.sock")).expect("the helper said ok");
        assert!(window.from_helper());
        drop(window);
        let seen = helper.join().expect("helper thread");
        assert_eq!(seen, "write\ndone\n", "the app asks for writing, then says it is done");
    }

    #[test]
    fn a_refusal_reaches_staff_with_the_helpers_reason() {
        let (dir, helper) = fake_helper("error: /dev/sdb1 is busy\n");
        let error = open_write_window(&dir.path().join("helper.sock")).expect_err("the helper refused");
        assert_eq!(error, WriteWindowError::Refused("/dev/sdb1 is busy".into()));
        assert!(
            error.to_string().contains("put it in again"),
            "the message says what to do: {error}"
        );
        helper.join().expect("helper thread");
    }

    #[test]
    fn a_helper_that_hangs_up_is_an_error_not_a_silent_success() {
        let (dir, helper) = fake_helper("");
        let error = open_write_window(&dir.path().join("helper.sock")).expect_err("no answer");
        assert!(matches!(error, WriteWindowError::NoAnswer(_)), "{error:?}");
        helper.join().expect("helper thread");
    }
}
