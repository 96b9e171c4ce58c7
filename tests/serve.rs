//! `handbook serve` as an editor uses it: the real binary on port 0, real sockets, real edits.

use crate::{SiteTest, handbook_site};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; a deadline, not a speed assertion.
const WAIT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    port: u16,
    /// Lines the server prints to stderr (diagnostics, one line per rebuild).
    log: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    fn start(site: &SiteTest, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start handbook serve");
        let (tx, log) = channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let port = first
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Server { child, port, log }
    }

    fn raw(&self, request: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        Response {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    fn get(&self, path: &str) -> Response {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// Opens the live-reload channel; yields `(event, data)` pairs.
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            let mut data: Vec<String> = Vec::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ").or(line.strip_prefix("event:")) {
                    event = e.to_string();
                } else if let Some(d) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
                    data.push(d.to_string());
                } else if line.is_empty() && !event.is_empty() {
                    if tx
                        .send((std::mem::take(&mut event), data.join("\n")))
                        .is_err()
                    {
                        break;
                    }
                    data.clear();
                }
            }
        });
        // The subscription is registered when the response head arrives; give it a moment.
        std::thread::sleep(Duration::from_millis(200));
        rx
    }

    /// The next rebuild line (`HH:MM:SS ...`), skipping diagnostics.
    fn rebuild(&self) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.log.recv_timeout(left) {
                Ok(line) if is_rebuild_line(&line) => return line,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        panic!("no rebuild within {WAIT:?}");
    }

    /// Asserts that no further rebuild happens for a while (an editor's save is one rebuild).
    fn quiet(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_millis(600);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.log.recv_timeout(left) {
                assert!(
                    !is_rebuild_line(&line),
                    "{what}: unexpected second rebuild: {line}"
                );
            }
        }
    }
}

fn is_rebuild_line(line: &str) -> bool {
    line.len() > 9 && line.as_bytes()[2] == b':' && line.as_bytes()[5] == b':'
}

fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(WAIT)
        .expect("an event on the reload channel")
}

/// Waits for the next `reload`, skipping `failed` events on the way: `example` writes the
/// file in place (truncate, then write), as many editors do, and on a loaded machine a rebuild
/// can read it in between and report it as broken until the rest arrives.
fn next_reload(rx: &Receiver<(String, String)>) {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left).expect("a reload event").0.as_str() {
            "reload" => return,
            "failed" => continue,
            other => panic!("unexpected event `{other}`"),
        }
    }
}

fn example(site: &SiteTest, body: &str) {
    site.write(
        "content/examples/new.md",
        format!(
            "+++\ntitle = \"New story\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\n{body}\n"
        )
        .as_bytes(),
    );
}

#[test]
fn edit_sends_reload_and_serves_the_new_page() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("content-type: text/html; charset=utf-8"));
    assert!(home.body.contains("/__handbook/events"), "client injected");
    let events = server.events();
    example(&site, "Freshly edited text.");
    next_reload(&events);
    let page = server.get("/examples/new/");
    assert!(page.body.contains("Freshly edited text."));
    let line = server.rebuild();
    assert!(
        line.contains("content/examples/new.md") && line.contains("rendered"),
        "{line}"
    );
    // The script is only ever added by the server, never written to the output.
    assert!(
        !site
            .read("public/examples/new/index.html")
            .contains("__handbook")
    );
    assert!(
        site.read("public/examples/new/index.html")
            .contains("Freshly edited text.")
    );
}

#[test]
fn broken_file_shows_overlay_keeps_last_good_site_and_recovers() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write(
        "content/examples/new.md",
        b"+++\ntitle = \"New story\"\ndate = 2026-13-45\n+++\n<b>Body</b>\n",
    );
    let (event, data) = next_event(&events);
    assert_eq!(event, "failed");
    assert!(data.contains("content/examples/new.md:3:"), "{data}");
    assert!(server.rebuild().contains("error"));
    // The last good page is still served.
    let page = server.get("/examples/new/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("New."));
    // A page opened while the build is broken gets the error at once.
    let late = server.events();
    assert_eq!(next_event(&late).0, "failed");

    example(&site, "Fixed now.");
    next_reload(&events);
    assert!(server.get("/examples/new/").body.contains("Fixed now."));
}

#[test]
fn a_project_broken_from_the_start_shows_its_errors_until_fixed() {
    let site = handbook_site().file(
        "content/examples/new.md",
        "+++\ntitle = \"x\"\ndate = <script>alert(1)</script>\n+++\nBody.\n",
    );
    let server = Server::start(&site, &[]);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(
        page.body.contains("content/examples/new.md:3:"),
        "{}",
        page.body
    );
    // The offending line is shown, escaped.
    assert!(
        page.body.contains("&lt;script&gt;alert(1)"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>alert"));
    assert!(
        page.body.contains("/__handbook/events"),
        "reloads itself when fixed"
    );
    let events = server.events();
    assert_eq!(
        next_event(&events).0,
        "failed",
        "the current errors come first"
    );
    example(&site, "Fixed.");
    next_reload(&events);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn overlay_text_is_never_html() {
    // The client builds the overlay with textContent; the message travels as plain SSE data.
    let client = include_str!("../src/serve_client.js");
    assert!(client.contains("pre.textContent = text"));
    assert!(!client.contains("innerHTML"));
}

#[test]
fn each_editor_save_style_is_one_rebuild() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    let dir = site.path("content/examples");
    let file = dir.join("new.md");
    let text = |word: &str| {
        format!(
            "+++\ntitle = \"New story\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\nSaved by {word}.\n"
        )
    };
    type Save<'a> = Box<dyn Fn(&str) + 'a>;
    let styles: [(&str, Save); 5] = [
        (
            "in-place",
            Box::new(|t: &str| std::fs::write(&file, t).unwrap()),
        ),
        (
            "temp-then-rename",
            Box::new(|t: &str| {
                let tmp = dir.join(".new.md.tmp-1234");
                std::fs::write(&tmp, t).unwrap();
                std::fs::rename(&tmp, &file).unwrap();
            }),
        ),
        (
            "vim",
            Box::new(|t: &str| {
                // Probe file, backup by rename, new file, backup removed.
                std::fs::write(dir.join("4913"), "").unwrap();
                std::fs::remove_file(dir.join("4913")).unwrap();
                std::fs::rename(&file, dir.join("new.md~")).unwrap();
                std::fs::write(&file, t).unwrap();
                std::fs::remove_file(dir.join("new.md~")).unwrap();
            }),
        ),
        (
            "jetbrains",
            Box::new(|t: &str| {
                let tmp = dir.join("new.md___jb_tmp___");
                let old = dir.join("new.md___jb_old___");
                std::fs::write(&tmp, t).unwrap();
                std::fs::rename(&file, &old).unwrap();
                std::fs::rename(&tmp, &file).unwrap();
                std::fs::remove_file(&old).unwrap();
            }),
        ),
        (
            "delete-and-create",
            Box::new(|t: &str| {
                std::fs::remove_file(&file).unwrap();
                std::fs::write(&file, t).unwrap();
            }),
        ),
    ];
    for (name, save) in &styles {
        save(&text(name));
        let line = server.rebuild();
        assert!(!line.contains("error"), "{name}: {line}");
        assert!(
            server
                .get("/examples/new/")
                .body
                .contains(&format!("Saved by {name}.")),
            "{name}"
        );
        server.quiet(name);
    }
    // None of the editors' temporary files reached the output.
    let names: Vec<String> = crate::paths_under(&site.path("public"))
        .iter()
        .map(|p| crate::file_name(p).to_string())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("jb_") || n.contains('~') || n == "4913" || n.contains(".tmp")),
        "{names:?}"
    );
}

#[test]
fn deleted_and_renamed_pages_leave_the_site() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/examples/old/").status, 200);
    std::fs::rename(
        site.path("content/examples/old.md"),
        site.path("content/examples/older.md"),
    )
    .unwrap();
    server.rebuild();
    assert_eq!(server.get("/examples/old/").status, 404);
    assert_eq!(server.get("/examples/older/").status, 200);
    assert!(!site.exists("public/examples/old"));
    assert!(
        server.get("/examples/").body.contains("examples/older/")
            || server.get("/examples/").body.contains("older/")
    );

    std::fs::remove_file(site.path("content/examples/older.md")).unwrap();
    server.rebuild();
    assert_eq!(server.get("/examples/older/").status, 404);
    assert!(!server.get("/examples/").body.contains("Old story"));
    assert!(!site.exists("public/examples/older"));

    // A whole folder of pages, removed.
    std::fs::remove_dir_all(site.path("content/examples")).unwrap();
    let line = server.rebuild();
    // Examples are gone; their act pages' backlinks go with them.
    assert!(!line.contains("error"), "{line}");
    assert_eq!(server.get("/examples/new/").status, 404);
}

#[test]
fn traversal_and_foreign_hosts_are_refused() {
    let site = handbook_site().file("secret.txt", "TOP-SECRET");
    let server = Server::start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/examples/%2e%2e/%2e%2e/secret.txt",
        "/./secret.txt",
        "//secret.txt",
        "/.handbook-output",
        "/%00",
        "/book.toml",
        "/content/_index.md",
    ] {
        let r = server.get(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: status {}",
            r.status
        );
        assert!(
            !r.body.contains("TOP-SECRET") && !r.body.contains("root:x:0"),
            "{path}"
        );
    }
    // An absolute-form request target for another host is no way out either.
    let r = server.raw(&format!(
        "GET http://127.0.0.1:{}/../secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert!(r.status == 400 || r.status == 404, "{}", r.status);
    // DNS rebinding: a name that is not ours.
    let r = server.raw("GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 403);
    let r = server.raw(&format!(
        "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(r.status, 403);
    let r = server.raw(&format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(r.status, 405);
}

#[test]
fn content_types_folders_and_the_404_page() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    let css = server.get("/assets/style.css");
    assert!(css.head.contains("content-type: text/css"), "{}", css.head);
    let svg = server.get("/favicon.svg");
    assert!(
        svg.head.contains("content-type: image/svg+xml"),
        "{}",
        svg.head
    );
    let folder = server.get("/acts");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("location: /acts/"));
    let miss = server.get("/no/such/page/");
    assert_eq!(miss.status, 404);
    assert!(
        miss.body.contains("Page not found"),
        "the site's own 404 page"
    );
    let head = server.raw(&format!(
        "HEAD / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn base_path_serves_the_site_under_a_subpath() {
    let site = handbook_site();
    let server = Server::start(&site, &["--base-path", "/handbook"]);
    assert_eq!(server.get("/handbook/").status, 200);
    assert_eq!(server.get("/handbook/acts/").status, 200);
    let root = server.get("/");
    assert_eq!(root.status, 301);
    assert!(root.head.contains("location: /handbook/"));
    assert_eq!(server.get("/acts/").status, 404);
}

#[test]
fn book_toml_saved_by_rename_is_picked_up_every_time() {
    let site = handbook_site();
    let server = Server::start(&site, &[]);
    for n in 1..=3 {
        let tmp = site.path(".book.toml.tmp");
        std::fs::write(&tmp, format!("[book]\ntitle = \"Title {n}\"\n")).unwrap();
        std::fs::rename(&tmp, site.path("book.toml")).unwrap();
        let line = server.rebuild();
        assert!(line.contains("book.toml"), "{line}");
        assert!(
            server.get("/").body.contains(&format!("Title {n}")),
            "save {n}"
        );
    }
}

#[test]
fn polling_watcher_sees_changes() {
    let site = handbook_site();
    let server = Server::start(&site, &["--poll", "50"]);
    example(&site, "Seen by polling.");
    server.rebuild();
    assert!(
        server
            .get("/examples/new/")
            .body
            .contains("Seen by polling.")
    );
}

#[test]
fn port_in_use_is_a_clear_error() {
    let site = handbook_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = site.run(&["serve", "--port", &port]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("port {port} is already in use")),
        "{err}"
    );
}

#[test]
fn non_loopback_bind_warns() {
    let site = handbook_site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: serving on 0.0.0.0"), "{err}");
    assert!(first.contains("Serving http://"), "{first}");
}

/// `serve` hands a rebuild to readers before writing it: the watch loop reports it ready while
/// the output folder still holds the previous build, then writes it and reports it built; for
/// an edited page and for a new one (which is linked into the site first).
#[test]
fn serve_sees_a_rebuild_before_the_disk_does() {
    use handbook::build::BuildOptions;
    use handbook::watch::{self, Update, WatchOptions};
    let site = handbook_site();
    let opts = WatchOptions {
        build: BuildOptions {
            root: site.path(""),
            write: true,
            ..BuildOptions::default()
        },
        poll: None,
        ready_before_write: true,
    };
    let out = site.path("public");
    let (stop_tx, stop) = channel::<()>();
    // (update, served, on disk), for the file and text the test is waiting for.
    let (seen_tx, seen) = channel::<(&'static str, bool, bool)>();
    let (want_tx, want) = channel::<(&'static str, &'static str)>();
    let thread = std::thread::spawn(move || {
        let mut target = ("examples/new/index.html", "Freshly edited");
        watch::watch(&opts, Some(stop), |update| {
            if let Ok(next) = want.try_recv() {
                target = next;
            }
            let (kind, session) = match &update {
                Update::Ready { session, .. } => ("ready", session),
                Update::Built { session, .. } => ("built", session),
                Update::WatchError(_) => return,
            };
            let (file, text) = target;
            let served = session
                .output()
                .and_then(|o| o.files.get(file))
                .is_some_and(|b| String::from_utf8_lossy(b).contains(text));
            let on_disk = std::fs::read_to_string(out.join(file)).is_ok_and(|t| t.contains(text));
            let _ = seen_tx.send((kind, served, on_disk));
        })
    });
    assert_eq!(seen.recv_timeout(WAIT).unwrap(), ("built", false, false));
    example(&site, "Freshly edited text.");
    assert_eq!(seen.recv_timeout(WAIT).unwrap(), ("ready", true, false));
    assert_eq!(seen.recv_timeout(WAIT).unwrap(), ("built", true, true));

    want_tx
        .send(("examples/fresh/index.html", "A new page"))
        .unwrap();
    site.write(
        "content/examples/fresh.md",
        b"+++\ntitle = \"Fresh\"\ndate = 2026-05-01\nact = \"ask-the-quiet-voice\"\n+++\nA new page.\n",
    );
    assert_eq!(seen.recv_timeout(WAIT).unwrap(), ("ready", true, false));
    assert_eq!(seen.recv_timeout(WAIT).unwrap(), ("built", true, true));
    assert!(site.read("public/examples/index.html").contains("Fresh"));
    drop(stop_tx);
    thread.join().unwrap().unwrap();
}
