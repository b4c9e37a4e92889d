//! Printing the page the window shows (its `@media print` view: the questions sheet).
//!
//! On Linux the WebKitGTK webview prints straight to a CUPS printer, or to a PDF file, through a
//! `WebKitPrintOperation` with no dialog, so a patient never sees one. Elsewhere the system print
//! dialog opens instead.

use std::path::PathBuf;

use tauri::{Runtime, WebviewWindow};

/// Where a print job goes.
#[derive(Debug, Clone)]
pub enum PrintTarget {
    /// A CUPS printer, by name.
    Printer(String),
    /// A PDF file, through GTK's "Print to File" printer.
    PdfFile {
        /// The file to write.
        path: PathBuf,
        /// The paper size: `letter` or `a4`.
        paper: Paper,
    },
}

/// Paper sizes the sheet is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// Prints what the window shows and waits until the job is handed to the print system.
pub async fn print_window<R: Runtime>(window: &WebviewWindow<R>, target: PrintTarget) -> Result<(), String> {
    let (done, finished) = tokio::sync::oneshot::channel::<Result<(), String>>();
    #[cfg(target_os = "linux")]
    window
        .with_webview(move |webview| linux::print(webview.inner(), target, done))
        .map_err(|e| e.to_string())?;
    #[cfg(not(target_os = "linux"))]
    {
        let _ = target;
        let _ = done.send(window.print().map_err(|e| e.to_string()));
    }
    finished
        .await
        .unwrap_or_else(|_| Err("the print job ended without a result".into()))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::cell::RefCell;
    use std::rc::Rc;

    use webkit2gtk::{PrintOperation, PrintOperationExt};

    use super::{Paper, PrintTarget};

    type Done = tokio::sync::oneshot::Sender<Result<(), String>>;

    pub(super) fn print(webview: webkit2gtk::WebView, target: PrintTarget, done: Done) {
        let operation = PrintOperation::new(&webview);
        let settings = gtk::PrintSettings::new();
        match &target {
            PrintTarget::Printer(name) => settings.set_printer(name),
            PrintTarget::PdfFile { path, paper } => {
                let uri = match glib::filename_to_uri(path, None) {
                    Ok(uri) => uri,
                    Err(e) => {
                        let _ = done.send(Err(format!("{} cannot be written: {e}", path.display())));
                        return;
                    }
                };
                settings.set_printer("Print to File");
                settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri.as_str()));
                settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
                let page = gtk::PageSetup::new();
                let size = gtk::PaperSize::new(Some(match paper {
                    Paper::Letter => "na_letter",
                    Paper::A4 => "iso_a4",
                }));
                page.set_paper_size_and_default_margins(&size);
                settings.set_paper_size(&size);
                operation.set_page_setup(&page);
            }
        }
        operation.set_print_settings(&settings);

        // The operation must live until it reports; the callbacks hold it and drop it then.
        let done = Rc::new(RefCell::new(Some(done)));
        let alive = Rc::new(RefCell::new(Some(operation.clone())));
        {
            let done = done.clone();
            let alive = alive.clone();
            operation.connect_failed(move |_, error| {
                if let Some(done) = done.borrow_mut().take() {
                    let _ = done.send(Err(error.to_string()));
                }
                alive.borrow_mut().take();
            });
        }
        operation.connect_finished(move |_| {
            if let Some(done) = done.borrow_mut().take() {
                let _ = done.send(Ok(()));
            }
            alive.borrow_mut().take();
        });
        operation.print();
    }
}
