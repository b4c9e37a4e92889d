//! Reading an update source: `index.json` and bundle zips from a folder or over HTTPS (`ureq` with
//! rustls), each read capped so a hostile or broken server cannot fill the disk.
//!
//! No redirect is followed: the https-only rule is checked on the address the kiosk asks, and a
//! redirect would let any server (even `http://127.0.0.1`) send the kiosk to a plain `http://`
//! address elsewhere. A redirect is reported with its target, so IT can set the final address.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use super::{DOWNLOAD_TIMEOUT, INDEX_FILE, MAX_INDEX_BYTES};
use crate::{Error, Result};

/// Where updates come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A folder holding `index.json` and the zips.
    Folder(PathBuf),
    /// The address of `index.json`'s folder (or of `index.json` itself).
    Web(url::Url),
}

impl Source {
    /// Parses the `update_source` setting: an `https://` address (or `http://` to this machine),
    /// else a folder path.
    pub fn parse(text: &str) -> Result<Self> {
        if text.contains("://") {
            let url = url::Url::parse(text).map_err(|e| update_error(text, format!("not a valid address ({e})")))?;
            check_scheme(&url)?;
            Ok(Source::Web(url))
        } else {
            Ok(Source::Folder(PathBuf::from(text)))
        }
    }

    /// The `index.json` bytes, given up after `timeout`.
    pub fn read_index(&self, timeout: Duration) -> Result<Vec<u8>> {
        self.read_small(INDEX_FILE, MAX_INDEX_BYTES, timeout)
    }

    /// The `index.json.minisig` bytes; `None` when the source has none or it cannot be read.
    pub fn read_index_signature(&self, timeout: Duration) -> Option<Vec<u8>> {
        self.read_small(
            super::seal::INDEX_SIGNATURE_FILE,
            super::seal::MAX_SIGNATURE_BYTES,
            timeout,
        )
        .ok()
    }

    fn read_small(&self, name: &str, cap: u64, timeout: Duration) -> Result<Vec<u8>> {
        let mut reader = self.open(name, cap, timeout)?;
        let mut bytes = Vec::new();
        reader
            .by_ref()
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| update_error(&self.describe(name), format!("it cannot be read ({e})")))?;
        if bytes.len() as u64 > cap {
            return Err(update_error(
                &self.describe(name),
                format!("it is larger than {cap} bytes"),
            ));
        }
        Ok(bytes)
    }

    /// A reader over a bundle zip named by an index entry's `url`.
    pub fn open_bundle(&self, relative: &str, max_bytes: u64) -> Result<Box<dyn Read + Send>> {
        self.open(relative, max_bytes, DOWNLOAD_TIMEOUT)
    }

    /// The full path or address of `relative`, for messages and the audit log.
    pub fn describe(&self, relative: &str) -> String {
        match self.locate(relative) {
            Ok(Located::File(path)) => path.display().to_string(),
            Ok(Located::Url(url)) => url.to_string(),
            Err(_) => relative.to_string(),
        }
    }

    fn locate(&self, relative: &str) -> Result<Located> {
        match self {
            Source::Folder(dir) => {
                let plain = !relative.is_empty()
                    && !relative.starts_with('/')
                    && !relative.contains('\\')
                    && !relative.contains("://")
                    && relative.split('/').all(|p| !p.is_empty() && p != "." && p != "..");
                if !plain {
                    return Err(update_error(
                        &dir.display().to_string(),
                        format!("{relative:?} is not a plain file name inside the update folder"),
                    ));
                }
                Ok(Located::File(dir.join(relative)))
            }
            Source::Web(base) => {
                let mut base = base.clone();
                if base.path().ends_with(INDEX_FILE) {
                    base = base.join(".").map_err(|e| update_error(base.as_str(), e.to_string()))?;
                } else if !base.path().ends_with('/') {
                    base.set_path(&format!("{}/", base.path()));
                }
                let url = base
                    .join(relative)
                    .map_err(|e| update_error(base.as_str(), e.to_string()))?;
                check_scheme(&url)?;
                Ok(Located::Url(url))
            }
        }
    }

    fn open(&self, relative: &str, max_bytes: u64, timeout: Duration) -> Result<Box<dyn Read + Send>> {
        match self.locate(relative)? {
            Located::File(path) => {
                let file = crate::bundle::open_regular(&path)
                    .map_err(|e| update_error(&path.display().to_string(), format!("it cannot be read ({e})")))?;
                Ok(Box::new(file))
            }
            Located::Url(url) => {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .timeout_global(Some(timeout))
                    .max_redirects(0)
                    .https_only(url.scheme() == "https")
                    .build()
                    .into();
                let response = agent
                    .get(url.as_str())
                    .call()
                    .map_err(|e| update_error(url.as_str(), format!("the download failed ({e})")))?;
                if response.status().is_redirection() {
                    let target = response
                        .headers()
                        .get("location")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("an address it does not name")
                        .to_string();
                    return Err(Error::Update {
                        source_name: url.to_string(),
                        reason: format!(
                            "the server redirects to {target}; updates follow no redirects. Set update_source to the final https:// address"
                        ),
                        refused: true,
                    });
                }
                if !response.status().is_success() {
                    return Err(update_error(
                        url.as_str(),
                        format!("the server answered {}", response.status()),
                    ));
                }
                let declared = response
                    .headers()
                    .get("content-length")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                if declared.is_some_and(|len| len > max_bytes) {
                    return Err(Error::Update {
                        source_name: url.to_string(),
                        reason: format!(
                            "the bundle is larger than {} MiB, the download limit",
                            max_bytes / (1024 * 1024)
                        ),
                        refused: true,
                    });
                }
                Ok(Box::new(
                    response.into_body().into_with_config().limit(max_bytes).reader(),
                ))
            }
        }
    }
}

enum Located {
    File(PathBuf),
    Url(url::Url),
}

/// `https://` anywhere; `http://` only to this machine (for tests and local mirrors).
fn check_scheme(url: &url::Url) -> Result<()> {
    let local = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if local => Ok(()),
        _ => Err(update_error(
            url.as_str(),
            "updates must come over https:// (plain http:// only from this machine: 127.0.0.1 or localhost)",
        )),
    }
}

fn update_error(source: &str, reason: impl Into<String>) -> Error {
    Error::Update {
        source_name: source.to_string(),
        reason: reason.into(),
        refused: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_local_http_is_accepted() {
        assert!(Source::parse("https://updates.example.org/kiosk/").is_ok());
        assert!(Source::parse("http://127.0.0.1:8000/").is_ok(), "local test servers");
        assert!(Source::parse("http://localhost:8000/index.json").is_ok());
        assert!(
            Source::parse("http://updates.example.org/").is_err(),
            "plain http over a network is refused"
        );
        assert!(Source::parse("ftp://127.0.0.1/").is_err());
    }

    #[test]
    fn entries_resolve_inside_the_source() {
        let web = Source::parse("https://h.example/k/index.json").expect("valid");
        assert_eq!(web.describe("a-1.zip"), "https://h.example/k/a-1.zip");
        let dir = Source::parse("https://h.example/k").expect("valid");
        assert_eq!(dir.describe("a-1.zip"), "https://h.example/k/a-1.zip");
        assert!(
            web.locate("http://evil.example/a.zip").is_err(),
            "an entry cannot point to plain http"
        );
        let folder = Source::parse("/srv/share").expect("valid");
        assert!(
            folder.locate("../etc/passwd").is_err(),
            "an entry cannot leave the folder"
        );
        assert!(folder.locate("/etc/passwd").is_err());
        assert!(folder.locate("a-1.zip").is_ok());
    }

    /// A one-thread web server on 127.0.0.1: the first request gets `first`, later ones `later`.
    fn serve(first: String, later: String) -> u16 {
        use std::io::Write as _;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("address").port();
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let answer = if n == 0 { &first } else { &later };
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        port
    }

    #[test]
    fn a_redirect_is_never_followed() {
        let index = r#"{"format":1,"bundles":[]}"#;
        // The second hop, 0.0.0.0, is this machine too, but not an address the https-only rule
        // allows over plain http: following the redirect would read this index.
        let later = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{index}",
            index.len()
        );
        let port = serve(later.clone(), later.clone());
        let first = format!(
            "HTTP/1.1 302 Found\r\nLocation: http://0.0.0.0:{port}/index.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let port = serve(first, later);
        let source = Source::parse(&format!("http://127.0.0.1:{port}/")).expect("local http is allowed");
        let error = source
            .read_index(Duration::from_secs(10))
            .expect_err("the redirect to plain http elsewhere is not followed");
        let message = error.to_string();
        assert!(
            message.contains("redirects to http://0.0.0.0") && message.contains("follow no redirects"),
            "the message names the redirect and what to do: {message}"
        );
    }
}
