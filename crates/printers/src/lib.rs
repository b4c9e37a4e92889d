//! Which printer the kiosk prints to, and whether it can print now.
//!
//! The kiosk prints without a dialog, so it must find out for itself that there is no printer or
//! that the printer is stopped, and say so in plain words instead of failing silently. CUPS answers
//! through `lpstat` (Debian `cups-client`); its output is parsed here, with the parsing kept pure so
//! it is tested without a print system.
#![deny(missing_docs)]

use std::process::Command;

/// Why the kiosk cannot print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrinterError {
    /// No printer is configured and the system has no default printer.
    #[error("no printer is set up: set `printer` in the kiosk settings or a system default printer (lpadmin -d NAME)")]
    NoPrinter,
    /// The printer exists but is stopped or refuses jobs.
    #[error("printer {name} is not ready ({reason}); check it, then enable it (cupsenable {name}; cupsaccept {name})")]
    NotReady {
        /// The printer's CUPS name.
        name: String,
        /// What CUPS said.
        reason: String,
    },
    /// The configured printer is unknown to CUPS.
    #[error("printer {0} does not exist in CUPS; check its name with `lpstat -p`")]
    Unknown(String),
    /// The CUPS tools are missing or failed.
    #[error("the print system cannot be asked ({0}); install cups-client and check that CUPS is running")]
    PrintSystem(String),
}

/// The printer to print to: `configured` when set, else the system default. Fails when that
/// printer is missing, stopped or not accepting jobs.
pub fn ready_printer(configured: Option<&str>) -> Result<String, PrinterError> {
    let name = match configured.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_string(),
        None => parse_default(&lpstat(&["-d"])?).ok_or(PrinterError::NoPrinter)?,
    };
    if name.starts_with('-') {
        // Never handed to lpstat, where it would be read as an option.
        return Err(PrinterError::Unknown(name));
    }
    let status = lpstat(&["-p", &name]).map_err(|_| PrinterError::Unknown(name.clone()))?;
    check_status(&name, &status)?;
    let accepting = lpstat(&["-a", &name]).map_err(|_| PrinterError::Unknown(name.clone()))?;
    check_accepting(&name, &accepting)?;
    Ok(name)
}

/// The names of the print queues CUPS knows (`lpstat -e`), sorted, for the staff screen's printer
/// list. Fails when CUPS cannot be asked.
pub fn queue_names() -> Result<Vec<String>, PrinterError> {
    match lpstat(&["-e"]) {
        Ok(output) => Ok(parse_queue_names(&output)),
        // CUPS says "No destinations added." with a failure status when it has no printers.
        Err(PrinterError::PrintSystem(message)) if message.contains("No destinations") => Ok(Vec::new()),
        Err(error) => Err(error),
    }
}

/// The queue names in `lpstat -e` output: one per line. Instances (`PDF/draft`) are left out, as
/// they are options of a queue rather than printers of their own.
pub fn parse_queue_names(output: &str) -> Vec<String> {
    let mut names: Vec<String> = output
        .lines()
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.contains('/') && !name.contains(char::is_whitespace))
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn lpstat(args: &[&str]) -> Result<String, PrinterError> {
    let output = Command::new("lpstat")
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| PrinterError::PrintSystem(format!("lpstat: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(PrinterError::PrintSystem(stderr.trim().to_string()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The default destination from `lpstat -d`, e.g. `system default destination: PDF`.
pub fn parse_default(output: &str) -> Option<String> {
    output
        .lines()
        .find_map(|line| line.strip_prefix("system default destination:"))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// Checks `lpstat -p NAME`: `printer PDF is idle.  enabled since …` is ready;
/// `printer PDF disabled since …` is not.
pub fn check_status(name: &str, output: &str) -> Result<(), PrinterError> {
    let line = output
        .lines()
        .find(|line| line.starts_with(&format!("printer {name} ")))
        .ok_or_else(|| PrinterError::Unknown(name.to_string()))?;
    if line.contains("disabled") {
        let reason = output
            .lines()
            .skip_while(|l| !l.starts_with(&format!("printer {name} ")))
            .nth(1)
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("stopped");
        return Err(PrinterError::NotReady {
            name: name.to_string(),
            reason: reason.to_string(),
        });
    }
    Ok(())
}

/// Checks `lpstat -a NAME`: `PDF accepting requests since …`, or `PDF not accepting requests …`.
pub fn check_accepting(name: &str, output: &str) -> Result<(), PrinterError> {
    let line = output
        .lines()
        .find(|line| line.starts_with(&format!("{name} ")))
        .ok_or_else(|| PrinterError::Unknown(name.to_string()))?;
    if line.contains("not accepting") {
        return Err(PrinterError::NotReady {
            name: name.to_string(),
            reason: "not accepting jobs".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_printer_is_read_from_lpstat() {
        assert_eq!(parse_default("system default destination: PDF\n"), Some("PDF".into()));
        assert_eq!(
            parse_default("no system default destination\n"),
            None,
            "no default is no printer"
        );
    }

    #[test]
    fn a_disabled_printer_is_not_ready_and_says_why() {
        let idle = "printer PDF is idle.  enabled since Thu 26 Nov 2026 10:00:00 PM UTC\n";
        assert_eq!(check_status("PDF", idle), Ok(()), "an idle, enabled printer can print");
        let stopped = "printer PDF disabled since Thu 26 Nov 2026 10:00:00 PM UTC -\n\tPaused by staff\n";
        assert_eq!(
            check_status("PDF", stopped),
            Err(PrinterError::NotReady {
                name: "PDF".into(),
                reason: "Paused by staff".into()
            }),
            "a stopped printer is reported with the reason CUPS gives"
        );
        assert_eq!(check_status("Other", idle), Err(PrinterError::Unknown("Other".into())));
    }

    #[test]
    fn queue_names_are_listed_sorted_without_instances() {
        assert_eq!(
            parse_queue_names("PDF\nFront_Desk\nPDF/draft\n\nBack-Office.2\n"),
            vec!["Back-Office.2".to_string(), "Front_Desk".into(), "PDF".into()],
            "staff choose from queues, each once"
        );
        assert!(parse_queue_names("").is_empty(), "no printers is an empty list");
    }

    #[test]
    fn a_printer_refusing_jobs_is_not_ready() {
        assert_eq!(check_accepting("PDF", "PDF accepting requests since Thu\n"), Ok(()));
        assert!(
            matches!(
                check_accepting("PDF", "PDF not accepting requests since Thu -\n"),
                Err(PrinterError::NotReady { .. })
            ),
            "cupsreject makes printing impossible"
        );
    }
}
