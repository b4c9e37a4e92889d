//! The exit codes of `clinic-kiosk`, in one place. Scripts depend on them (the README's command-line
//! contract): 0 success, 1 content refused or not found, 2 a usage error or an unreadable path.

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success,
    /// Content was refused or not found, or the installation has problems; the message says why
    /// and what to do.
    Refused,
    /// The command line was wrong, or a path could not be read or written.
    Usage,
}

impl ExitCode {
    /// The number the process exits with.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Refused => 1,
            ExitCode::Usage => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode;

    #[test]
    fn the_codes_are_the_documented_ones() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains("Exit codes: 0 success; 1 content refused or not found"),
            "the README documents the exit codes"
        );
        assert_eq!(
            [ExitCode::Success, ExitCode::Refused, ExitCode::Usage].map(ExitCode::code),
            [0, 1, 2]
        );
    }
}
