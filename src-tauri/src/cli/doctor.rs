//! `clinic-kiosk doctor`: runs the checks of [`crate::doctor`] and prints them, as lines or JSON.

use super::context::Context;
use super::failure::Failure;

pub(super) fn run(context: &Context, json: bool) -> Result<(), Failure> {
    let installation = crate::doctor::Installation {
        settings_path: &context.settings_path,
        settings: &context.settings,
        settings_problem: context.settings_problem.as_deref(),
        data_dir: &context.data_dir,
    };
    let checks = crate::doctor::examine(&installation);
    let passes = crate::doctor::passes(&checks);
    if json {
        let out = serde_json::json!({ "passes": passes, "checks": checks });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        use std::io::Write as _;
        let _ = write!(
            std::io::stdout().lock(),
            "{}",
            crate::doctor::render(&installation, &checks)
        );
    }
    if passes {
        Ok(())
    } else {
        Err(Failure::refused(
            "this installation has problems; each failed check above says what to do",
        ))
    }
}
