//! A minimal Tauri 2 app showing one static page full screen: the yardstick the kiosk's launch
//! time is compared with (scripts/launch-bench.sh).

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the window opens");
}
