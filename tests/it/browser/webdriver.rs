//! Just enough of the W3C WebDriver protocol to drive headless Chromium
//! through `chromedriver`: open a page, find, click, type, read, screenshot.

use base64::Engine;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key W3C WebDriver names an element reference with.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// `chromedriver` on a free loopback port; killed when dropped.
pub struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

/// One browser session (its own profile directory).
pub struct Browser<'d> {
    driver: &'d Driver,
    session: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("port").port()
}

impl Driver {
    pub fn start(bin: &str) -> Driver {
        let port = free_port();
        let child = Command::new(bin)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver { child, base: format!("http://127.0.0.1:{port}"), agent: agent() };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(v) = driver.call("GET", "/status", None) {
                if v["ready"] == true {
                    return driver;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One WebDriver command; its `value`, or the error it answered.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let bytes =
            response.body_mut().with_config().limit(64 << 20).read_to_vec().map_err(|e| e.to_string())?;
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        if status >= 400 {
            return Err(format!("{method} {path}: {status} {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    /// A new headless Chromium with its own profile in `profile`.
    pub fn browser(&self, chromium: &str, profile: &Path) -> Browser<'_> {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let v = self.call("POST", "/session", Some(caps)).expect("a browser session");
        let session = v["sessionId"].as_str().expect("a session id").to_string();
        Browser { driver: self, session }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser<'_> {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.session);
        self.driver.call(method, &full, body).unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn resize(&self, width: u32, height: u32) {
        self.cmd("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None).as_str().unwrap_or_default().to_string()
    }

    /// The page's visible text.
    pub fn text(&self) -> String {
        let body = self.find("body");
        self.cmd("GET", &format!("/element/{body}/text"), None).as_str().unwrap_or_default().to_string()
    }

    /// The visible text of the first element matching a CSS selector.
    pub fn text_of(&self, css: &str) -> String {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{e}/text"), None).as_str().unwrap_or_default().to_string()
    }

    /// The page's markup as the browser holds it.
    pub fn source(&self) -> String {
        self.cmd("GET", "/source", None).as_str().unwrap_or_default().to_string()
    }

    /// The first element matching a CSS selector, waiting a little for a
    /// page that is still loading.
    pub fn find(&self, css: &str) -> String {
        let full = format!("/session/{}/element", self.session);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let body = json!({"using": "css selector", "value": css});
            match self.driver.call("POST", &full, Some(body)) {
                Ok(v) => {
                    return v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string()
                }
                Err(e) if Instant::now() < deadline && e.contains("no such element") => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    /// Clicks a button that submits a form, and waits for the page it leads to.
    pub fn submit(&self, css: &str) {
        let before = self.find("html");
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.find("html") == before {
            assert!(Instant::now() < deadline, "{css} led to no new page");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// How many elements match a CSS selector.
    pub fn count(&self, css: &str) -> usize {
        let v = self.cmd("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        v.as_array().map_or(0, Vec::len)
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/value"), Some(json!({"text": text})));
    }

    /// A cookie's value (HttpOnly ones too: the driver sees them all).
    pub fn cookie(&self, name: &str) -> String {
        self.cmd("GET", &format!("/cookie/{name}"), None)["value"].as_str().unwrap_or_default().to_string()
    }

    /// The visible viewport as a PNG, written to `path`.
    pub fn screenshot(&self, path: &Path) {
        let v = self.cmd("GET", "/screenshot", None);
        let png =
            base64::engine::general_purpose::STANDARD.decode(v.as_str().expect("base64")).expect("a PNG");
        std::fs::write(path, png).expect("write the screenshot");
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = self.driver.call("DELETE", &format!("/session/{}", self.session), None);
    }
}
