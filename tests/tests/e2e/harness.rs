//! Starts the real app under WebKitWebDriver and connects a WebDriver client.
//!
//! Needs a display (Xvfb) and `WebKitWebDriver`; `scripts/test.sh` provides both and sets
//! `KIOSK_E2E_REQUIRED=1`, so in CI a missing piece fails instead of skipping.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// One app at a time on a shared display (each app is full screen and takes the focus). Tests
/// that get a display of their own (see [`PrivateDisplay`]) run side by side instead.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The virtual display server that gives each test a screen of its own.
const XVFB: &str = "/usr/bin/Xvfb";

/// The settings file the app reads, inside the test's data folder (absent unless a test writes it).
pub const SETTINGS_FILE: &str = "config.toml";

/// How long one end-to-end test may take before it is failed (a hung WebKitWebDriver never ends).
pub const TEST_TIMEOUT: Duration = Duration::from_secs(180);

/// Ends WebKitWebDriver and the app (one process group) when dropped, so a failing
/// test leaves nothing running.
struct DriverGuard(Child);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-9", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.wait();
    }
}

/// What a test needs to drive the app.
pub struct Kiosk {
    /// The WebDriver session on the app's webview.
    pub client: Client,
    _driver: DriverGuard,
    /// Set when the harness started the app itself and the driver attached to it
    /// ([`with_attached_kiosk`]), so that a new session can attach after the page's web process
    /// was replaced. Declared before `data_dir`: the app ends before its folder is removed.
    attached: Option<Attached>,
    /// The data folder the app uses, removed when the test ends.
    pub data_dir: tempfile::TempDir,
}

/// An app started by the harness, with WebKit's remote inspector on a port of its own.
struct Attached {
    app: DriverGuard,
    address: String,
    capabilities: serde_json::Map<String, serde_json::Value>,
}

/// The WebKitGTK WebDriver server (Debian's `webkit2gtk-driver`). The tests speak to it directly:
/// tauri-driver only renames the `tauri:options` capability to `webkitgtk:browserOptions`, and
/// installing it costs a fresh CI machine a 90-second `cargo install`.
const WEBKIT_WEBDRIVER: &str = "/usr/bin/WebKitWebDriver";

/// A 1280×800 Xvfb display of one test's own, so that end-to-end tests run side by side without
/// sharing a screen, focus or size; the server ends when this is dropped.
struct PrivateDisplay {
    server: Child,
    name: String,
}

impl PrivateDisplay {
    /// Starts Xvfb on the first free display number (Xvfb picks it and reports it on `-displayfd`
    /// once it accepts connections), or `None` when Xvfb is missing or fails to start.
    fn start() -> Option<Self> {
        use std::io::BufRead;
        let mut server = Command::new(XVFB)
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut line = String::new();
        let read = server
            .stdout
            .take()
            .map(|out| std::io::BufReader::new(out).read_line(&mut line));
        match (read, line.trim().parse::<u32>()) {
            (Some(Ok(_)), Ok(number)) => Some(Self {
                server,
                name: format!(":{number}"),
            }),
            _ => {
                let _ = server.kill();
                let _ = server.wait();
                None
            }
        }
    }
}

impl Drop for PrivateDisplay {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Why end-to-end tests cannot run here, if they cannot.
fn missing_prerequisite() -> Option<String> {
    if std::env::var_os("DISPLAY").is_none() && !std::path::Path::new(XVFB).exists() {
        return Some("neither Xvfb (apt-get install xvfb) nor a DISPLAY".into());
    }
    if !std::path::Path::new(WEBKIT_WEBDRIVER).exists() {
        return Some("WebKitWebDriver is missing (apt-get install webkit2gtk-driver)".into());
    }
    None
}

/// Runs `test` against a freshly started app, or skips with a reason when the machine cannot run
/// it (failing instead when `KIOSK_E2E_REQUIRED=1`).
pub fn with_kiosk<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Kiosk) -> Fut,
    Fut: std::future::Future<Output = Kiosk>,
{
    with_prepared_kiosk(name, |_| {}, test);
}

/// Like [`with_kiosk`], after `prepare` has set up the data folder (e.g. imported a bundle with
/// the command line) and before the app starts.
pub fn with_prepared_kiosk<P, F, Fut>(name: &str, prepare: P, test: F)
where
    P: FnOnce(&std::path::Path),
    F: FnOnce(Kiosk) -> Fut,
    Fut: std::future::Future<Output = Kiosk>,
{
    with_prepared_app(name, Vec::new(), prepare, test);
}

/// Like [`with_prepared_kiosk`], starting the app with the command-line `args` (e.g. `author DIR`
/// for the content editor window) instead of none.
pub fn with_prepared_app<P, F, Fut>(name: &str, args: Vec<String>, prepare: P, test: F)
where
    P: FnOnce(&std::path::Path),
    F: FnOnce(Kiosk) -> Fut,
    Fut: std::future::Future<Output = Kiosk>,
{
    run_app(name, args, false, prepare, test);
}

/// Like [`with_kiosk`], with the app started by the harness and the driver attached to it, so that
/// the test can attach again ([`Kiosk::attach_again`]) after the page's web process is replaced.
pub fn with_attached_kiosk<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Kiosk) -> Fut,
    Fut: std::future::Future<Output = Kiosk>,
{
    run_app(name, Vec::new(), true, |_| {}, test);
}

fn run_app<P, F, Fut>(name: &str, args: Vec<String>, attach: bool, prepare: P, test: F)
where
    P: FnOnce(&std::path::Path),
    F: FnOnce(Kiosk) -> Fut,
    Fut: std::future::Future<Output = Kiosk>,
{
    if !can_run(name, missing_prerequisite()) {
        return;
    }
    let private_display = PrivateDisplay::start();
    let display = match &private_display {
        Some(own) => own.name.clone(),
        None => std::env::var("DISPLAY").expect("checked by missing_prerequisite"),
    };
    let _turn = private_display
        .is_none()
        .then(|| ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let data_dir = tempfile::tempdir().expect("temp dir");
    prepare(data_dir.path());
    runtime.block_on(async {
        let kiosk = start(data_dir, &display, &args, attach).await;
        let outcome = tokio::time::timeout(TEST_TIMEOUT, test(kiosk)).await;
        match outcome {
            Ok(kiosk) => kiosk.stop().await,
            Err(_) => panic!("end-to-end test {name} did not finish within {TEST_TIMEOUT:?}"),
        }
    });
}

/// Whether a test can run: with a missing piece it is skipped with the reason, or failed when
/// `KIOSK_E2E_REQUIRED=1` (as in CI), so a broken set-up never passes silently.
pub fn can_run(name: &str, missing: Option<String>) -> bool {
    let Some(reason) = missing else {
        return true;
    };
    let required = std::env::var("KIOSK_E2E_REQUIRED").is_ok_and(|v| v == "1");
    assert!(!required, "end-to-end test {name} cannot run: {reason}");
    eprintln!("skipping end-to-end test {name}: {reason}");
    false
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// The environment the app runs in, whether the driver or the harness starts it.
fn app_environment(command: &mut Command, data_dir: &std::path::Path, display: &str) {
    command
        .env("DISPLAY", display)
        // WebKit's own storage and cache stay in the test's folder, apart from other tests' apps.
        .env("XDG_DATA_HOME", data_dir.join("xdg-data"))
        .env("XDG_CACHE_HOME", data_dir.join("xdg-cache"))
        .env("CLINIC_KIOSK_DATA_DIR", data_dir)
        .env("CLINIC_KIOSK_CONFIG", data_dir.join(SETTINGS_FILE))
        .env("TAURI_WEBVIEW_AUTOMATION", "true")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    std::os::unix::process::CommandExt::process_group(command, 0);
}

async fn start(data_dir: tempfile::TempDir, display: &str, args: &[String], attach: bool) -> Kiosk {
    let port = free_port();
    let mut command = Command::new(WEBKIT_WEBDRIVER);
    command.arg(format!("--port={port}"));
    app_environment(&mut command, data_dir.path(), display);
    let driver = DriverGuard(command.spawn().expect("WebKitWebDriver starts"));

    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "WebKitWebDriver did not listen on port {port} within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut capabilities = serde_json::Map::new();
    let mut app = None;
    if attach {
        // The app is started here with WebKit's remote inspector, and the driver attaches to it.
        let inspector = format!("127.0.0.1:{}", free_port());
        let mut command = Command::new(kiosk_tests::kiosk_bin());
        command.args(args).env("WEBKIT_INSPECTOR_SERVER", &inspector);
        app_environment(&mut command, data_dir.path(), display);
        app = Some(DriverGuard(command.spawn().expect("the app starts")));
        capabilities.insert("webkitgtk:browserOptions".into(), json!({ "targetAddress": inspector }));
    } else {
        capabilities.insert(
            "webkitgtk:browserOptions".into(),
            json!({ "binary": kiosk_tests::kiosk_bin().to_string_lossy(), "args": args }),
        );
    }
    capabilities.insert("browserName".into(), json!("wry"));
    let address = format!("http://127.0.0.1:{port}");
    // An app started here needs a moment before its inspector listens.
    let client = new_session(&address, &capabilities, if attach { 40 } else { 4 }).await;
    let kiosk = Kiosk {
        client,
        _driver: driver,
        attached: app.map(|app| Attached {
            app,
            address,
            capabilities,
        }),
        data_dir,
    };
    kiosk.wait_for("body[data-ready='true']").await;
    kiosk
}

/// A WebDriver session on the app; the driver may listen a moment before it can start one, so it
/// is tried up to `attempts` times.
async fn new_session(
    address: &str,
    capabilities: &serde_json::Map<String, serde_json::Value>,
    attempts: u32,
) -> Client {
    session_with_retries(address, capabilities, attempts, |_| false)
        .await
        .unwrap_or_else(|e| panic!("a WebDriver session on the app starts: {e}"))
}

/// A WebDriver session, tried up to `attempts` times; the last error, or the first for which
/// `final_answer` holds, is returned as it is.
async fn session_with_retries(
    address: &str,
    capabilities: &serde_json::Map<String, serde_json::Value>,
    attempts: u32,
    final_answer: impl Fn(&str) -> bool,
) -> Result<Client, String> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_new_session(address, capabilities).await {
            Err(e) if attempt < attempts && !final_answer(&e) => {
                eprintln!("WebDriver session attempt {attempt} failed ({e}); trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            outcome => return outcome,
        }
    }
}

async fn try_new_session(
    address: &str,
    capabilities: &serde_json::Map<String, serde_json::Value>,
) -> Result<Client, String> {
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(capabilities.clone());
    match tokio::time::timeout(Duration::from_secs(30), builder.connect(address)).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err("no answer within 30 s".to_string()),
    }
}

/// What WebKitWebDriver answers a new session while the old one is alive.
const OLD_SESSION_ALIVE: &str = "Maximum number of active sessions";

impl Kiosk {
    /// The process id of the app, when the harness started it ([`with_attached_kiosk`]).
    pub fn app_pid(&self) -> Option<u32> {
        self.attached.as_ref().map(|attached| attached.app.0.id())
    }

    /// A new WebDriver session on the same running app: WebKit ends a session with its page's
    /// web process, as the page renewal at each idle reset does. Only for [`with_attached_kiosk`].
    ///
    /// A command can also fail while the old session lives on (say, a script run while the page
    /// navigates); WebKit then refuses a second session, and the old one is kept for the caller
    /// to try again with.
    pub async fn attach_again(&mut self) {
        let attached = self
            .attached
            .as_ref()
            .expect("attach_again needs an app started by with_attached_kiosk");
        let alive = |e: &str| e.contains(OLD_SESSION_ALIVE);
        match session_with_retries(&attached.address, &attached.capabilities, 40, alive).await {
            Ok(client) => self.client = client,
            Err(e) if alive(&e) => tokio::time::sleep(Duration::from_millis(200)).await,
            Err(e) => panic!("a WebDriver session on the app starts again: {e}"),
        }
    }

    /// What a patient leaves behind for a reset to forget: on the first answer of the
    /// immunotherapy topic, its first "ask your doctor" question picked, then Spanish chosen.
    pub async fn pick_a_question_then_switch_to_spanish(&self) {
        self.tap(".tile[data-topic='immunotherapy']").await;
        self.tap(".question-button[data-question='ici-liver-metastases']").await;
        self.tap(".pick-toggle[data-index='0']").await;
        self.tap("#language-toggle").await;
        self.wait_for_text("#my-questions-button", "1").await;
    }

    /// Waits up to 20 s for an element.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.wait_for_within(css, Duration::from_secs(20)).await
    }

    /// Waits up to `limit` for an element.
    pub async fn wait_for_within(&self, css: &str, limit: Duration) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(limit)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} should appear on screen: {e}"))
    }

    /// Taps an element (waiting for it first). A screen that redraws between finding and tapping
    /// leaves a stale element; the tap is then tried again on the new one.
    pub async fn tap(&self, css: &str) {
        let mut last_error = String::new();
        for _ in 0..5 {
            let element = self.wait_for(css).await;
            // Centre it first, as a patient would scroll to it: the fixed bars may cover the edges.
            if let Ok(reference) = serde_json::to_value(&element) {
                let _ = self
                    .client
                    .execute(
                        "arguments[0].scrollIntoView({ block: 'center' }); return true;",
                        vec![reference],
                    )
                    .await;
            }
            match element.click().await {
                Ok(()) => return,
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{css} can be tapped: {last_error}");
    }

    /// Waits up to 20 s for the text of `css` to contain `needle`; returns the text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} should come to say \"{needle}\"; it says \"{text}\""
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The visible text of the current screen.
    pub async fn screen_text(&self) -> String {
        self.wait_for("#view").await.text().await.expect("screen text")
    }

    /// Saves a screenshot to `tests/artifacts/NAME.png` after the next two frames are drawn.
    /// (WebKitWebDriver hangs taking one of Home's topic tiles on this machine, so no test takes
    /// that one; the README picture of Home was taken from the X server with `import`.)
    pub async fn screenshot(&self, name: &str) {
        let frames = self.client.execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        );
        let _ = tokio::time::timeout(Duration::from_secs(5), frames).await;
        let Ok(png) = tokio::time::timeout(Duration::from_secs(15), self.client.screenshot()).await else {
            eprintln!("warning: screenshot {name} took longer than 15 s and was skipped");
            return;
        };
        let png = png.expect("screenshot");
        let dir = kiosk_tests::workspace_root().join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }

    /// Ends the session; dropping the driver guard then ends the processes.
    async fn stop(self) {
        let _ = self.client.clone().close().await;
    }
}
