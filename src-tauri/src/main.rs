// Keeps a console window from opening next to the kiosk on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(clinic_kiosk::main_entry());
}
