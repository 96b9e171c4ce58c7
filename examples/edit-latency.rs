//! Edit-to-page latency of `handbook watch` or `handbook serve`: starts it on a project, saves an
//! example again and again, and times each save until the updated page is on disk (`watch`) or
//! served (`--serve`: the page is fetched over HTTP when the live-reload channel announces a
//! rebuild, as a browser would, and the time is taken when the response holds the edit).
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen-corpus -- 10000 /tmp/corpus
//! cargo run --release --example edit-latency -- /tmp/corpus [--edits 25] [--kind body|summary|title|template] [--serve]
//! ```
//!
//! `body` appends a sentence to the end of an example (listings do not change), `summary` edits
//! its first paragraph (listings show it), `title` retitles it, `template` edits `base.html`
//! (every page changes). For `template`, the time is until the watcher reports the rebuild done.
//! Prints one line per edit and a summary (median, min, max); the numbers go in BENCHMARKS.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Args {
    root: PathBuf,
    edits: usize,
    kind: String,
    bin: PathBuf,
    serve: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut edits = 25;
    let mut kind = "body".to_string();
    let mut bin = PathBuf::from("target/release/handbook");
    let mut serve = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--serve" => serve = true,
            "--edits" => {
                edits = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--edits needs a number")?
            }
            "--kind" => kind = args.next().ok_or("--kind needs a value")?,
            "--bin" => bin = PathBuf::from(args.next().ok_or("--bin needs a path")?),
            _ if root.is_none() => root = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument `{a}`")),
        }
    }
    if !["body", "summary", "title", "template"].contains(&kind.as_str()) {
        return Err(format!("unknown --kind `{kind}`"));
    }
    Ok(Args {
        root: root
            .ok_or("usage: edit-latency DIR [--edits N] [--kind K] [--bin PATH] [--serve]")?,
        edits,
        kind,
        bin,
        serve,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("edit-latency: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("edit-latency: {e}");
        std::process::exit(1);
    }
}

struct Watcher {
    child: Child,
    lines: Receiver<String>,
    /// Under `serve`: its address (`127.0.0.1:PORT`) and the live-reload events.
    server: Option<(String, Receiver<()>)>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn start(bin: &Path, root: &Path, serve: bool) -> Result<Watcher, String> {
        let mut command = Command::new(bin);
        match serve {
            true => command.args(["serve", "--port", "0", "--root"]),
            false => command.args(["watch", "--root"]),
        };
        let mut child = command
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let (tx, lines) = channel();
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut w = Watcher {
            child,
            lines,
            server: None,
        };
        if serve {
            // `Serving http://127.0.0.1:PORT/ (…)` comes once the first build is done.
            let mut first = String::new();
            BufReader::new(stdout)
                .read_line(&mut first)
                .map_err(|e| e.to_string())?;
            let addr = first
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .ok_or_else(|| format!("unexpected first line from serve: {first}"))?
                .to_string();
            let events = subscribe(&addr)?;
            w.server = Some((addr, events));
        }
        w.wait_for(
            |l| l.starts_with("watching for changes"),
            Duration::from_secs(300),
        )?;
        Ok(w)
    }

    fn wait_for(&self, pred: impl Fn(&str) -> bool, limit: Duration) -> Result<String, String> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .ok_or("timed out waiting for the watcher")?;
            let line = self
                .lines
                .recv_timeout(left)
                .map_err(|_| "the watcher stopped or timed out".to_string())?;
            if line.contains("error") {
                return Err(format!("the watcher reported: {line}"));
            }
            if pred(&line) {
                return Ok(line);
            }
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let root = std::fs::canonicalize(&args.root).map_err(|e| format!("{e}"))?;
    let examples = root.join("content/examples");
    let mut names: Vec<String> = std::fs::read_dir(&examples)
        .map_err(|e| format!("{}: {e}", examples.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    names.sort();
    let target = names.get(names.len() / 2).ok_or("no examples")?.clone();
    let source = examples.join(&target);
    let original = std::fs::read_to_string(&source).map_err(|e| e.to_string())?;
    let page = root
        .join("public/examples")
        .join(target.trim_end_matches(".md"))
        .join("index.html");
    let base = root.join("themes/default/templates/base.html");
    let url_path = format!("/examples/{}/", target.trim_end_matches(".md"));
    let watcher = Watcher::start(&args.bin, &root, args.serve)?;
    // Let the first build's own file events settle.
    std::thread::sleep(Duration::from_millis(500));
    while watcher.lines.try_recv().is_ok() {}

    let mut times = Vec::with_capacity(args.edits);
    let result = (|| -> Result<(), String> {
        for n in 0..args.edits {
            let marker = format!("Edit number {n} of the latency run");
            let started;
            if args.kind == "template" {
                let text = template_with(&marker);
                std::fs::create_dir_all(base.parent().expect("has a folder"))
                    .map_err(|e| e.to_string())?;
                started = Instant::now();
                std::fs::write(&base, text).map_err(|e| e.to_string())?;
                watcher.wait_for(|l| l.contains("rendered"), Duration::from_secs(300))?;
            } else {
                let text = edited(&original, &args.kind, &marker);
                if let Some((_, events)) = &watcher.server {
                    while events.try_recv().is_ok() {}
                }
                started = Instant::now();
                std::fs::write(&source, text).map_err(|e| e.to_string())?;
                match &watcher.server {
                    Some((addr, events)) => wait_for_served(addr, events, &url_path, &marker)?,
                    None => wait_for_text(&page, &marker)?,
                }
                // Keep the watcher's log drained, and fail on errors.
                watcher.wait_for(|l| l.contains("rendered"), Duration::from_secs(60))?;
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!("edit {n:>3}: {ms:>8.1} ms");
            times.push(ms);
            std::thread::sleep(Duration::from_millis(150));
        }
        Ok(())
    })();
    // Leave the project as it was.
    let _ = std::fs::write(&source, &original);
    if args.kind == "template" {
        let _ = std::fs::remove_dir_all(root.join("themes"));
    }
    result?;
    times.sort_by(f64::total_cmp);
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        (times[times.len() / 2 - 1] + times[times.len() / 2]) / 2.0
    };
    println!(
        "{} kind={} edits={} median={median:.1} ms min={:.1} ms max={:.1} ms",
        if args.serve { "serve" } else { "watch" },
        args.kind,
        times.len(),
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

/// The example's text with the marker placed where the edit kind says.
fn edited(original: &str, kind: &str, marker: &str) -> String {
    let end = original[3..].find("+++").map_or(0, |i| i + 6);
    let (front, body) = original.split_at(end);
    match kind {
        "summary" => format!("{front}\n{marker}. {}", body.trim_start()),
        "title" => {
            let front = front
                .lines()
                .map(|l| {
                    if l.starts_with("title = ") {
                        format!("title = \"{marker}\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            format!("{front}\n{body}")
        }
        _ => format!("{original}\n{marker}.\n"),
    }
}

/// The default theme's `base.html` with the marker in a comment (changes every page).
fn template_with(marker: &str) -> String {
    let base = include_str!("../themes/default/templates/base.html");
    base.replacen("</body>", &format!("<!-- {marker} -->\n</body>"), 1)
}

/// Polls the page until it holds `text` (0.2 ms between reads).
fn wait_for_text(page: &Path, text: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if std::fs::read_to_string(page).is_ok_and(|t| t.contains(text)) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    Err(format!("{} never showed the edit", page.display()))
}

/// Opens the live-reload channel; each `reload` event arrives as a `()`.
fn subscribe(addr: &str) -> Result<Receiver<()>, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
    write!(
        stream,
        "GET /__handbook/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let (tx, events) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line.trim_end() == "event: reload" && tx.send(()).is_err() {
                break;
            }
        }
    });
    Ok(events)
}

/// Waits for a reload event, fetches the page as the reloading browser would, and repeats until
/// the response holds `text` (a save can reach the server as two events).
fn wait_for_served(
    addr: &str,
    events: &Receiver<()>,
    path: &str,
    text: &str,
) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .ok_or_else(|| format!("{path} was never served with the edit"))?;
        events
            .recv_timeout(left)
            .map_err(|_| format!("no reload event for {path}"))?;
        if get(addr, path)?.contains(text) {
            return Ok(());
        }
    }
}

fn get(addr: &str, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    if !response.starts_with("HTTP/1.1 200") {
        return Err(format!(
            "GET {path}: {}",
            response.lines().next().unwrap_or("")
        ));
    }
    Ok(response)
}
