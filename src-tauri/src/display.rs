//! Is there a display to open a window on? One definition, used by the app before it opens its
//! window and by `doctor`. GTK panics inside the window library when `DISPLAY` or
//! `WAYLAND_DISPLAY` names a server that is not there (a stale variable over SSH, an Xvfb that
//! ended), so the app checks first and says what to do instead.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

/// Why no window can be opened in this session, in words for the person at the terminal;
/// `None` when a display answers.
pub fn unavailable() -> Option<String> {
    let x11 = non_empty_env("DISPLAY");
    let wayland = non_empty_env("WAYLAND_DISPLAY");
    if x11.is_none() && wayland.is_none() {
        return Some("no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start the kiosk from a desktop session (or under xvfb-run), or use a command such as `clinic-kiosk bundle list`".into());
    }
    let runtime_dir = non_empty_env("XDG_RUNTIME_DIR");
    let wayland_answers = wayland
        .as_deref()
        .and_then(|name| wayland_socket(name, runtime_dir.as_deref()))
        .is_some_and(|socket| answers(&socket));
    // A remote X display (`host:0`) can only be checked by opening it: taken as present.
    let x11_answers = x11
        .as_deref()
        .is_some_and(|name| x_socket(name).is_none_or(|socket| answers(&socket)));
    if wayland_answers || x11_answers {
        return None;
    }
    let named = [
        x11.map(|d| format!("DISPLAY={d}")),
        wayland.map(|d| format!("WAYLAND_DISPLAY={d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" and ");
    Some(format!(
        "the display named by {named} does not answer (is the X server or compositor running?). Start the kiosk from a running desktop session (or under xvfb-run), or unset the variable and use a command such as `clinic-kiosk bundle list`"
    ))
}

/// An environment variable with something in it.
pub fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A display server listens on this socket (a stale socket file with no server does not count).
pub fn answers(socket: &Path) -> bool {
    UnixStream::connect(socket).is_ok()
}

/// A Wayland display name is a socket in `$XDG_RUNTIME_DIR`, or an absolute path.
pub fn wayland_socket(name: &str, runtime_dir: Option<&str>) -> Option<PathBuf> {
    let name = Path::new(name);
    if name.is_absolute() {
        return Some(name.to_path_buf());
    }
    runtime_dir.map(|dir| Path::new(dir).join(name))
}

/// The local socket of an X display such as `:0`, `:90.0` or `unix:2`; `None` for a remote one.
pub fn x_socket(display: &str) -> Option<PathBuf> {
    let (host, rest) = display.rsplit_once(':')?;
    if !(host.is_empty() || host == "unix") {
        return None;
    }
    let number = rest.split('.').next()?;
    number.parse::<u32>().ok()?;
    Some(PathBuf::from(format!("/tmp/.X11-unix/X{number}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_map_to_their_sockets() {
        assert_eq!(
            x_socket(":0"),
            Some(PathBuf::from("/tmp/.X11-unix/X0")),
            "the usual local display"
        );
        assert_eq!(
            x_socket(":90.0"),
            Some(PathBuf::from("/tmp/.X11-unix/X90")),
            "the screen number is not part of the socket"
        );
        assert_eq!(
            x_socket("unix:2"),
            Some(PathBuf::from("/tmp/.X11-unix/X2")),
            "unix: is local too"
        );
        assert_eq!(x_socket("localhost:10.0"), None, "remote displays are not checked");
        assert_eq!(
            wayland_socket("wayland-0", Some("/run/user/1000")),
            Some(PathBuf::from("/run/user/1000/wayland-0")),
            "a bare name lives in XDG_RUNTIME_DIR"
        );
        assert_eq!(
            wayland_socket("/tmp/w", None),
            Some(PathBuf::from("/tmp/w")),
            "an absolute path is used as is"
        );
        assert_eq!(
            wayland_socket("wayland-0", None),
            None,
            "without a runtime dir it cannot be found"
        );
    }

    #[test]
    fn only_a_socket_someone_listens_on_answers() {
        let dir = tempfile::tempdir().expect("temporary folder");
        assert!(!answers(&dir.path().join("X5")), "no socket, no display");
        std::fs::write(dir.path().join("X7"), b"").expect("a stale file");
        assert!(
            !answers(&dir.path().join("X7")),
            "a file where a socket was is no display"
        );
        let listener = std::os::unix::net::UnixListener::bind(dir.path().join("X6")).expect("bind a socket");
        assert!(answers(&dir.path().join("X6")), "a listening socket is a display");
        drop(listener);
    }
}
