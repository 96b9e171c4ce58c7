//! `serve`: the watch loop plus a local HTTP server for the last good build, with live reload
//! over Server-Sent Events and an error overlay. Serves from memory (the session's output), so a
//! request can never reach a file the build did not produce.
//!
//! SSE rather than a WebSocket: the channel only ever goes from server to page, `EventSource`
//! reconnects by itself after a server restart, and axum has it built in.
//!
//! Security: the server answers only for host names that cannot be rebound by DNS (IP literals,
//! `localhost`, the bind address), so a web page elsewhere cannot read the site or listen to
//! the reload channel through DNS rebinding; the reload channel also checks `Origin`.

use crate::build::BuildReport;
use crate::output::Files;
use crate::watch::{self, Update, WatchOptions};
use anyhow::{Context, Result, bail};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// The live-reload channel, outside any base path.
pub const EVENTS_PATH: &str = "/__handbook/events";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub watch: WatchOptions,
    /// `None`: 3000, or the next free port after it.
    pub port: Option<u16>,
    pub bind: IpAddr,
    pub open: bool,
    /// Where the site is mounted, `/` or `/handbook/`.
    pub base_path: String,
}

/// Normalizes `--base-path`: `handbook`, `/handbook`, `/handbook/` all become `/handbook/`.
pub fn normalize_base(base: &str) -> Result<String> {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    let ok = trimmed.split('/').all(|s| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    });
    if !ok {
        bail!("`--base-path {base}` must be a plain URL path such as `/handbook/`");
    }
    Ok(format!("/{trimmed}/"))
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (relative path in the output).
    File(String),
    /// The same path with a trailing slash (a folder asked for without it), or the base path.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a raw (still percent-encoded) request path to a site file. Pure; the table test below is
/// the specification. Traversal is refused outright rather than normalized away.
pub fn resolve(base: &str, raw: &str) -> Target {
    let lower = raw.to_ascii_lowercase();
    if !raw.starts_with('/')
        || raw.contains('\\')
        || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e))
    {
        return Target::BadRequest;
    }
    let Some(decoded) = crate::urls::percent_decode(raw) else {
        return Target::BadRequest;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Target::BadRequest;
    }
    if format!("{decoded}/") == base || (decoded == "/" && base != "/") {
        return Target::Redirect(base.to_string());
    }
    let Some(rest) = decoded.strip_prefix(base) else {
        return Target::NotFound;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let (last, dirs) = segments
        .split_last()
        .expect("split yields at least one item");
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Target::BadRequest;
    }
    if dirs.iter().any(|s| s.is_empty() || s.starts_with('.')) || last.starts_with('.') {
        return Target::NotFound;
    }
    if last.is_empty() {
        Target::File(format!("{rest}index.html"))
    } else {
        Target::File(rest.to_string())
    }
}

/// True for `Host` names a DNS-rebinding attack cannot use: IP literals, `localhost` and its
/// subdomains, and the address the server was bound to.
pub fn allowed_host(host: &str, bind: IpAddr) -> bool {
    let name = match host.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok()
        || name == bind.to_string()
}

/// True if an `Origin` header names this server: an allowed host on the same port.
pub fn allowed_origin(origin: &str, bind: IpAddr, port: u16) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else {
        return false;
    };
    let Some((host, p)) = rest.rsplit_once(':') else {
        return false;
    };
    p.parse::<u16>().ok() == Some(port) && allowed_host(host, bind)
}

/// What the browser is told over the reload channel.
#[derive(Debug, Clone)]
enum Message {
    /// These pages changed (URL paths as served), or everything (`None`: a stylesheet, a
    /// script, or too many pages to list). A page reloads only when it is one of them.
    Reload(Option<Arc<Vec<String>>>),
    /// The last rebuild failed: the diagnostics as text.
    Failed(String),
}

/// The served state: the last good site and the last build's errors, if any.
struct Snapshot {
    files: Arc<Files>,
    error: Option<String>,
}

struct State {
    site: RwLock<Snapshot>,
    events: broadcast::Sender<Message>,
    base: String,
    bind: IpAddr,
    port: u16,
}

/// Builds, prints the address (`Serving http://…`, which tests on port 0 read) and serves until
/// the process is stopped. `print` sees every build, as in `watch`.
pub fn serve(
    opts: &ServeOptions,
    mut print: impl FnMut(Update<'_>) + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let listener = runtime.block_on(bind(opts.bind, opts.port))?;
    let addr = listener
        .local_addr()
        .context("cannot read the bound address")?;
    let (events, _) = broadcast::channel(16);
    let state = Arc::new(State {
        site: RwLock::new(Snapshot {
            files: Arc::new(Files::new()),
            error: None,
        }),
        events,
        base: opts.base_path.clone(),
        bind: opts.bind,
        port: addr.port(),
    });

    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        }
    };
    let url = format!("http://{host}:{}{}", addr.port(), opts.base_path);
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the site",
            opts.bind
        );
    }
    if opts.port.is_none() && addr.port() != 3000 {
        eprintln!("port 3000 is in use; using {} instead", addr.port());
    }

    let watch_state = Arc::clone(&state);
    let watch_opts = opts.watch.clone();
    let (first_tx, first_rx) = std::sync::mpsc::channel::<bool>();
    let watcher = std::thread::spawn(move || {
        let mut first = Some(first_tx);
        watch::watch(&watch_opts, None, |update| {
            match &update {
                // Readers get a rebuild as soon as it is made; the disk follows.
                Update::Ready { report, session } => {
                    publish(&watch_state, report, session.output().map(|o| &o.files));
                }
                Update::Built {
                    report, session, ..
                } => {
                    publish(&watch_state, report, session.output().map(|o| &o.files));
                    if let Some(tx) = first.take() {
                        let _ = tx.send(!report.has_errors());
                    }
                }
                Update::WatchError(_) => {}
            }
            print(update);
        })
    });
    // Serve the first build, good or bad (a bad one shows its errors in the overlay).
    if first_rx.recv().is_err() {
        return match watcher.join() {
            Ok(Err(e)) => Err(e),
            _ => bail!("the watcher stopped before the first build"),
        };
    }
    println!("Serving {url} (live reload on; Ctrl-C to stop)");
    if opts.open {
        open_browser(&url);
    }
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(Arc::clone(&state));
    runtime.block_on(async move { axum::serve(listener, app).await })?;
    Ok(())
}

async fn bind(ip: IpAddr, port: Option<u16>) -> Result<tokio::net::TcpListener> {
    let try_bind = |p: u16| tokio::net::TcpListener::bind(SocketAddr::new(ip, p));
    match port {
        Some(p) => try_bind(p).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                anyhow::anyhow!(
                    "port {p} is already in use on {ip}; stop the other server, or choose \
                     another port with `--port` (`--port 0` picks a free one)"
                )
            } else {
                anyhow::anyhow!("cannot listen on {ip}:{p}: {e}")
            }
        }),
        None => {
            for p in 3000..3020 {
                match try_bind(p).await {
                    Ok(l) => return Ok(l),
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                    Err(e) => bail!("cannot listen on {ip}:{p}: {e}"),
                }
            }
            bail!("ports 3000 to 3019 are all in use; choose one with `--port`")
        }
    }
}

fn publish(state: &State, report: &BuildReport, files: Option<&Arc<Files>>) {
    let message = {
        let mut site = state.site.write().unwrap_or_else(|e| e.into_inner());
        if report.has_errors() {
            let text: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            let text = text.join("\n\n");
            site.error = Some(text.clone());
            Message::Failed(text)
        } else {
            let recovered = site.error.take().is_some();
            let mut changed = Some(Vec::new());
            if let Some(files) = files {
                changed = changed_pages(&site.files, files, &state.base);
                site.files = Arc::clone(files);
            }
            match changed {
                _ if recovered => Message::Reload(None),
                Some(pages) if pages.is_empty() => return,
                pages => Message::Reload(pages.map(Arc::new)),
            }
        }
    };
    // No subscriber (no page open) is fine.
    let _ = state.events.send(message);
}

/// More changed pages than this reload every open page.
const LISTED_RELOADS: usize = 500;

/// The URL paths (under `base`) of the pages whose bytes differ between two outputs, or `None`
/// when every page should reload: a file that pages show changed (a stylesheet, a script, an
/// image), or more than [`LISTED_RELOADS`] pages did. Files no page shows as it loads (the
/// search index, feeds, the sitemap, robots.txt) change nothing that is on screen.
fn changed_pages(old: &Files, new: &Files, base: &str) -> Option<Vec<String>> {
    let mut pages = Vec::new();
    for path in differing(old, new) {
        // A language's site has its own search index (`es/search/`).
        let search_index = path.starts_with("search/")
            || path
                .split_once('/')
                .is_some_and(|(_, rest)| rest.starts_with("search/"));
        let shown_by_pages = !(search_index || path.ends_with(".xml") || path.ends_with(".txt"));
        if !shown_by_pages {
            continue;
        }
        if !path.ends_with(".html") {
            return None;
        }
        let page = path.strip_suffix("index.html").unwrap_or(path);
        pages.push(format!("{base}{page}"));
        if pages.len() > LISTED_RELOADS {
            return None;
        }
    }
    Some(pages)
}

/// The paths whose files differ between two outputs (added, removed or changed), walking both
/// sorted maps side by side: an edit's outputs share most files, and looking each path up costs
/// milliseconds at 10,000 pages.
fn differing<'a>(old: &'a Files, new: &'a Files) -> impl Iterator<Item = &'a String> {
    let mut old = old.iter().peekable();
    let mut new = new.iter().peekable();
    std::iter::from_fn(move || {
        loop {
            let (path, changed) = match (old.peek(), new.peek()) {
                (None, None) => return None,
                (Some(&(path, _)), None) => {
                    old.next();
                    (path, true)
                }
                (None, Some(&(path, _))) => {
                    new.next();
                    (path, true)
                }
                (Some(&(a, x)), Some(&(b, y))) => match a.cmp(b) {
                    std::cmp::Ordering::Less => {
                        old.next();
                        (a, true)
                    }
                    std::cmp::Ordering::Greater => {
                        new.next();
                        (b, true)
                    }
                    std::cmp::Ordering::Equal => {
                        old.next();
                        new.next();
                        (a, !(Arc::ptr_eq(x, y) || x == y))
                    }
                },
            };
            if changed {
                return Some(path);
            }
        }
    })
}

async fn handle(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    request: Request<Body>,
) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !allowed_host(host, state.bind) {
        return plain(StatusCode::FORBIDDEN, "unknown host name\n");
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let path = request.uri().path();
    if path == EVENTS_PATH {
        return events(&state, headers);
    }
    let (snapshot, error) = {
        let site = state.site.read().unwrap_or_else(|e| e.into_inner());
        (Arc::clone(&site.files), site.error.clone())
    };
    if let (true, Some(error)) = (snapshot.is_empty(), error) {
        // No good build yet: every page is the error, and reloads itself once it is fixed.
        return failed_page(&error);
    }
    match resolve(&state.base, path) {
        Target::BadRequest => plain(StatusCode::BAD_REQUEST, "bad request path\n"),
        Target::Redirect(to) => redirect(&to),
        Target::NotFound => not_found(&snapshot),
        Target::File(rel) => match snapshot.get(&rel) {
            Some(bytes) => file(&rel, bytes, StatusCode::OK),
            None if snapshot.contains_key(&format!("{rel}/index.html")) => {
                redirect(&format!("{path}/"))
            }
            None => not_found(&snapshot),
        },
    }
}

fn events(state: &State, headers: &HeaderMap) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .is_ok_and(|o| allowed_origin(o, state.bind, state.port));
        if !ok {
            return plain(
                StatusCode::FORBIDDEN,
                "cross-origin reload channel refused\n",
            );
        }
    }
    let current = {
        let site = state.site.read().unwrap_or_else(|e| e.into_inner());
        site.error.clone().map(Message::Failed)
    };
    let rx = state.events.subscribe();
    let stream = futures_util::stream::unfold((current, rx), |(mut pending, mut rx)| async move {
        let message = match pending.take() {
            Some(m) => m,
            None => match rx.recv().await {
                Ok(m) => m,
                // Missed messages: a reload covers them all.
                Err(broadcast::error::RecvError::Lagged(_)) => Message::Reload(None),
                Err(broadcast::error::RecvError::Closed) => return None,
            },
        };
        let event = match message {
            // One changed page's path a line, or `*`.
            Message::Reload(pages) => Event::default().event("reload").data(match pages {
                Some(pages) => pages.join("\n"),
                None => "*".to_string(),
            }),
            Message::Failed(text) => Event::default().event("failed").data(text),
        };
        Some((Ok::<_, Infallible>(event), (pending, rx)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn file(rel: &str, bytes: &[u8], status: StatusCode) -> Response {
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body: Vec<u8> = if is_html {
        inject(bytes)
    } else {
        bytes.to_vec()
    };
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn not_found(files: &Files) -> Response {
    match files.get("404.html") {
        Some(bytes) => file("404.html", bytes, StatusCode::NOT_FOUND),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn failed_page(error: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Build failed</title></head>\n\
         <body><h1>The site did not build</h1><pre>{}</pre></body>\n</html>\n",
        {
            let mut escaped = String::with_capacity(error.len());
            crate::html::escape_attr(&mut escaped, error);
            escaped
        }
    );
    file(
        "index.html",
        html.as_bytes(),
        StatusCode::SERVICE_UNAVAILABLE,
    )
}

fn redirect(to: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    if let Ok(v) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The live-reload client: reloads on `reload` (keeping the scroll position), shows build errors
/// in an overlay built with `textContent` (so diagnostics are never parsed as HTML).
const CLIENT: &str = include_str!("serve_client.js");

/// Adds the client before the last `</body>` (or at the end). Only served pages get it; the
/// build output never does.
fn inject(html: &[u8]) -> Vec<u8> {
    let script = format!("<script>{CLIENT}</script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_table() {
        use Target::*;
        let f = |s: &str| File(s.to_string());
        for (base, raw, want) in [
            ("/", "/", f("index.html")),
            ("/", "/acts/", f("acts/index.html")),
            ("/", "/assets/style.css", f("assets/style.css")),
            ("/", "/acts/caf%C3%A9/", f("acts/café/index.html")),
            ("/", "/acts", f("acts")),
            ("/", "/../etc/passwd", BadRequest),
            ("/", "/acts/../../etc/passwd", BadRequest),
            ("/", "/%2e%2e/etc/passwd", BadRequest),
            ("/", "/%2E%2E/%2E%2E/etc/passwd", BadRequest),
            ("/", "/..%2fetc%2fpasswd", BadRequest),
            ("/", "/..%5cetc", BadRequest),
            ("/", "/a\\..\\b", BadRequest),
            ("/", "/./index.html", BadRequest),
            ("/", "/index.html%00.css", BadRequest),
            ("/", "/%ff", BadRequest),
            ("/", "/%zz", BadRequest),
            ("/", "etc/passwd", BadRequest),
            ("/", "/.handbook-output", NotFound),
            ("/", "/.git/config", NotFound),
            ("/", "//etc/passwd", NotFound),
            ("/hb/", "/hb/", f("index.html")),
            ("/hb/", "/hb/acts/", f("acts/index.html")),
            ("/hb/", "/hb", Redirect("/hb/".into())),
            ("/hb/", "/", Redirect("/hb/".into())),
            ("/hb/", "/acts/", NotFound),
            ("/hb/", "/hb/../hb/", BadRequest),
        ] {
            assert_eq!(resolve(base, raw), want, "{base} {raw}");
        }
    }

    #[test]
    fn hosts_that_dns_rebinding_cannot_use() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        for (host, ok) in [
            ("127.0.0.1:3000", true),
            ("localhost:3000", true),
            ("LOCALHOST", true),
            ("book.localhost:3000", true),
            ("[::1]:3000", true),
            ("192.168.1.20:3000", true),
            ("evil.example:3000", false),
            ("127.0.0.1.evil.example", false),
            ("", false),
        ] {
            assert_eq!(allowed_host(host, lo), ok, "{host}");
        }
        assert!(allowed_origin("http://127.0.0.1:3000", lo, 3000));
        assert!(allowed_origin("http://localhost:3000", lo, 3000));
        assert!(!allowed_origin("http://localhost:3001", lo, 3000));
        assert!(!allowed_origin("http://evil.example:3000", lo, 3000));
        assert!(!allowed_origin("null", lo, 3000));
    }

    #[test]
    fn only_changed_pages_reload_and_search_indexes_are_not_pages() {
        let files = |list: &[(&str, &str)]| -> Files {
            list.iter()
                .map(|(p, b)| (p.to_string(), Arc::new(b.as_bytes().to_vec())))
                .collect()
        };
        let old = files(&[
            ("a/index.html", "1"),
            ("b/index.html", "1"),
            ("search/t-a.js", "1"),
            ("es/search/t-a.js", "1"),
            ("es/a/index.html", "1"),
        ]);
        let new = files(&[
            ("a/index.html", "2"),
            ("b/index.html", "1"),
            ("search/t-a.js", "2"),
            ("es/search/t-a.js", "2"),
            ("es/a/index.html", "2"),
        ]);
        assert_eq!(
            changed_pages(&old, &new, "/"),
            Some(vec!["/a/".to_string(), "/es/a/".to_string()])
        );
        let css = files(&[("assets/style.css", "x")]);
        assert_eq!(changed_pages(&old, &css, "/"), None);
    }

    #[test]
    fn differing_paths_are_the_added_removed_and_changed_ones() {
        let shared = Arc::new(b"same".to_vec());
        let mut old = Files::new();
        let mut new = Files::new();
        for p in ["a", "c", "e"] {
            old.insert(p.into(), Arc::clone(&shared));
        }
        old.insert("f".into(), Arc::new(b"1".to_vec()));
        old.insert("g".into(), Arc::new(b"x".to_vec()));
        for p in ["b", "c", "d"] {
            new.insert(p.into(), Arc::clone(&shared));
        }
        new.insert("f".into(), Arc::new(b"2".to_vec()));
        // Equal bytes in another allocation are the same file.
        new.insert("g".into(), Arc::new(b"x".to_vec()));
        let got: Vec<&String> = differing(&old, &new).collect();
        assert_eq!(got, ["a", "b", "d", "e", "f"]);
        assert_eq!(differing(&old, &old).count(), 0);
        assert_eq!(differing(&Files::new(), &new).count(), new.len());
    }

    #[test]
    fn base_paths_normalize() {
        assert_eq!(normalize_base("/").unwrap(), "/");
        assert_eq!(normalize_base("").unwrap(), "/");
        assert_eq!(normalize_base("handbook").unwrap(), "/handbook/");
        assert_eq!(normalize_base("/a/b/").unwrap(), "/a/b/");
        assert!(normalize_base("/a/../b").is_err());
        assert!(normalize_base("/a b/").is_err());
    }

    #[test]
    fn client_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<body><p>x</p></BODY>")).unwrap();
        assert!(out.starts_with("<body><p>x</p><script>"));
        assert!(out.ends_with("</script></BODY>"));
        let out = String::from_utf8(inject(b"no body")).unwrap();
        assert!(out.starts_with("no body<script>"));
    }
}
