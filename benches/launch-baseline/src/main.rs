//! A minimal Tauri 2 app showing one static page full screen: the yardstick the kiosk's launch
//! time is compared with (scripts/launch-bench.sh).
//!
//! Its window is made as the kiosk makes its own in kiosk mode (src-tauri/src/app.rs): full screen,
//! then placed over the whole monitor. Without a window manager (the benchmark's bare Xvfb)
//! `fullscreen` alone leaves an 800×600 window in a corner, which paints less than half the pixels
//! the kiosk paints: the two would not be compared alike.

use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Launch baseline")
                .inner_size(1024.0, 768.0)
                .decorations(false)
                .always_on_top(true)
                .resizable(false)
                .fullscreen(true)
                .build()?;
            let monitor = match window.current_monitor()? {
                Some(monitor) => Some(monitor),
                None => window.primary_monitor()?,
            };
            if let Some(monitor) = monitor {
                window.set_position(*monitor.position())?;
                window.set_size(*monitor.size())?;
                window.set_focus()?;
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the window opens");
}
