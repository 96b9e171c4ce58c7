//! Edit-to-page latency of `handbook watch` or `handbook serve`: starts it on a project, saves an
//! example again and again, and times each save until the updated page is on disk (`watch`) or
//! served (`--serve`: the page is fetched over HTTP when the live-reload channel announces a
//! rebuild, as a browser would, and the time is taken when the response holds the edit).
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen-corpus -- 10000 /tmp/corpus
//! cargo run --release --example edit-latency -- /tmp/corpus [--edits 25] [--kind K] [--serve]
//! ```
//!
//! The kinds (`--kind`, `body` unless said):
//!
//! - `body` appends a sentence to the end of an example (listings do not change).
//! - `summary` edits its first paragraph (listings show it).
//! - `title` retitles it.
//! - `tags` swaps one of its tags for another tag of the corpus, and back on the next edit; the
//!   page holds the edit when its links to the two tags' pages (`tags/<tag>/`) have changed by
//!   one each, which does not depend on how the theme shows them.
//! - `new` writes a new example, `content/examples/bench-new-<k>.md` (the front matter and body
//!   of the example the other kinds edit, under a new title), and times until its page is there.
//! - `template` edits `base.html` (every page changes); the time is until the watcher reports the
//!   rebuild done, or with `--serve` until the example's page is served with the edit.
//!
//! The project is left as it was: the example is restored, new examples and the theme override
//! are removed, and the watcher's rebuild after that is waited for. Prints one line per edit and
//! a summary (median, min, max); the numbers go in BENCHMARKS.md.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: edit-latency DIR [--edits N] [--bin PATH] [--serve] \
    [--kind body|summary|title|tags|new|template]";

/// What each edit changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Summary,
    Title,
    Tags,
    New,
    Template,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "body" => Kind::Body,
            "summary" => Kind::Summary,
            "title" => Kind::Title,
            "tags" => Kind::Tags,
            "new" => Kind::New,
            "template" => Kind::Template,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Summary => "summary",
            Kind::Title => "title",
            Kind::Tags => "tags",
            Kind::New => "new",
            Kind::Template => "template",
        }
    }
}

struct Args {
    root: PathBuf,
    edits: usize,
    kind: Kind,
    bin: PathBuf,
    serve: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut edits = 25;
    let mut kind = Kind::Body;
    let mut bin = PathBuf::from("target/release/handbook");
    let mut serve = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--serve" => serve = true,
            "--edits" => {
                edits = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--edits needs a number of at least 1")?
            }
            "--kind" => {
                let value = args.next().ok_or("--kind needs a value")?;
                kind = Kind::parse(&value).ok_or(format!("unknown --kind `{value}`"))?;
            }
            "--bin" => bin = PathBuf::from(args.next().ok_or("--bin needs a path")?),
            _ if root.is_none() => root = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument `{a}`")),
        }
    }
    Ok(Args {
        root: root.ok_or(USAGE)?,
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
    /// Under `watch`: the output folder, where pages are read from.
    public: PathBuf,
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
            public: root.join("public"),
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

    /// Forgets the reload events so far, so the next one is for the next save.
    fn forget_events(&self) {
        if let Some((_, events)) = &self.server {
            while events.try_recv().is_ok() {}
        }
    }

    /// The page of example `stem` as it is now, on disk or served; `None` if there is none.
    fn page(&self, stem: &str) -> Result<Option<String>, String> {
        match &self.server {
            Some((addr, _)) => get(addr, &format!("/examples/{stem}/")),
            None => Ok(std::fs::read_to_string(self.page_file(stem)).ok()),
        }
    }

    fn page_file(&self, stem: &str) -> PathBuf {
        self.public.join("examples").join(stem).join("index.html")
    }

    /// Waits until the page of example `stem` is `done`: under `serve`, fetched on each reload
    /// event as the reloading browser would (a save can reach the server as two events); under
    /// `watch`, read from disk every 0.2 ms.
    fn wait_for_page(&self, stem: &str, done: impl Fn(&str) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(120);
        let timed_out = || format!("the page of {stem} never showed the edit");
        match &self.server {
            Some((addr, events)) => loop {
                let left = deadline
                    .checked_duration_since(Instant::now())
                    .ok_or_else(timed_out)?;
                events
                    .recv_timeout(left)
                    .map_err(|_| format!("no reload event for the page of {stem}"))?;
                if get(addr, &format!("/examples/{stem}/"))?.is_some_and(|html| done(&html)) {
                    return Ok(());
                }
            },
            None => {
                let file = self.page_file(stem);
                while Instant::now() < deadline {
                    if std::fs::read_to_string(&file).is_ok_and(|html| done(&html)) {
                        return Ok(());
                    }
                    std::thread::sleep(Duration::from_micros(200));
                }
                Err(timed_out())
            }
        }
    }

    /// Waits for the rebuild that follows a change, and for any that come right after it.
    fn settle(&self) {
        if self
            .wait_for(|l| l.contains("rendered"), Duration::from_secs(300))
            .is_ok()
        {
            while self.wait_for(|_| true, Duration::from_secs(1)).is_ok() {}
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
        .filter(|n| n.ends_with(".md") && n != "_index.md" && !n.starts_with("bench-new-"))
        .collect();
    names.sort();
    let target = names.get(names.len() / 2).ok_or("no examples")?.clone();
    let stem = target.trim_end_matches(".md").to_string();
    let source = examples.join(&target);
    let original = std::fs::read_to_string(&source).map_err(|e| e.to_string())?;
    let swap = match args.kind {
        Kind::Tags => Some(TagSwap::find(&original, &examples, &names)?),
        _ => None,
    };
    let base = root.join("themes/default/templates/base.html");
    let watcher = Watcher::start(&args.bin, &root, args.serve)?;
    // Let the first build's own file events settle.
    std::thread::sleep(Duration::from_millis(500));
    while watcher.lines.try_recv().is_ok() {}
    let before = match args.kind {
        Kind::Tags => watcher
            .page(&stem)?
            .ok_or_else(|| format!("the page of {stem} is missing"))?,
        _ => String::new(),
    };

    let mut times = Vec::with_capacity(args.edits);
    let mut created = Vec::new();
    let result = (|| -> Result<(), String> {
        for n in 0..args.edits {
            let marker = format!("Edit number {n} of the latency run");
            watcher.forget_events();
            let started;
            // Under `serve`, a template edit is timed to the page served, not the rebuild's end.
            let mut served = None;
            match args.kind {
                Kind::Template => {
                    let text = template_with(&marker);
                    std::fs::create_dir_all(base.parent().expect("has a folder"))
                        .map_err(|e| e.to_string())?;
                    started = Instant::now();
                    write(&base, &text)?;
                    if args.serve {
                        watcher.wait_for_page(&stem, |html| html.contains(&marker))?;
                        served = Some(started.elapsed());
                    }
                    watcher.wait_for(|l| l.contains("rendered"), Duration::from_secs(300))?;
                }
                Kind::New => {
                    let name = format!("bench-new-{n}");
                    let path = examples.join(format!("{name}.md"));
                    let text = new_example(&original, n, &marker);
                    created.push(path.clone());
                    started = Instant::now();
                    write(&path, &text)?;
                    watcher.wait_for_page(&name, |html| html.contains(&marker))?;
                }
                Kind::Tags => {
                    let swap = swap.as_ref().expect("found for --kind tags");
                    started = Instant::now();
                    write(&source, &swap.text(&original, n))?;
                    watcher.wait_for_page(&stem, |html| swap.shown(html, &before, n))?;
                }
                Kind::Body | Kind::Summary | Kind::Title => {
                    let text = edited(&original, args.kind, &marker);
                    started = Instant::now();
                    write(&source, &text)?;
                    watcher.wait_for_page(&stem, |html| html.contains(&marker))?;
                }
            }
            let ms = served.unwrap_or_else(|| started.elapsed()).as_secs_f64() * 1000.0;
            if args.kind != Kind::Template {
                // Keep the watcher's log drained, and fail on errors.
                watcher.wait_for(|l| l.contains("rendered"), Duration::from_secs(120))?;
            }
            println!("edit {n:>3}: {ms:>8.1} ms");
            times.push(ms);
            std::thread::sleep(Duration::from_millis(150));
        }
        Ok(())
    })();
    // Leave the project as it was, and its output too: wait for the rebuild after the undoing.
    let undone = match args.kind {
        Kind::Template => std::fs::remove_dir_all(root.join("themes")).is_ok(),
        Kind::New => {
            created
                .iter()
                .filter(|p| std::fs::remove_file(p).is_ok())
                .count()
                > 0
        }
        _ => {
            std::fs::read_to_string(&source).ok().as_deref() != Some(original.as_str())
                && std::fs::write(&source, &original).is_ok()
        }
    };
    if undone {
        watcher.settle();
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
        args.kind.name(),
        times.len(),
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Splits an example into its front matter (both `+++` lines included) and its body.
fn split(original: &str) -> (&str, &str) {
    let end = original[3..].find("+++").map_or(0, |i| i + 6);
    original.split_at(end)
}

/// The front matter with the `key = …` line replaced by `line`.
fn with_line(front: &str, key: &str, line: &str) -> String {
    let prefix = format!("{key} = ");
    front
        .lines()
        .map(|l| if l.starts_with(&prefix) { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The example's text with the marker placed where the edit kind says.
fn edited(original: &str, kind: Kind, marker: &str) -> String {
    let (front, body) = split(original);
    match kind {
        Kind::Summary => format!("{front}\n{marker}. {}", body.trim_start()),
        Kind::Title => {
            let front = with_line(front, "title", &format!("title = \"{marker}\""));
            format!("{front}\n{body}")
        }
        _ => format!("{original}\n{marker}.\n"),
    }
}

/// A new example `n`: the edited example's front matter (valid as the corpus writes it) and
/// body under a title of its own, with the marker as its first paragraph.
fn new_example(original: &str, n: usize, marker: &str) -> String {
    let (front, body) = split(original);
    let title = format!("title = \"New example {n} of the latency run\"");
    let front = with_line(front, "title", &title);
    format!("{front}\n\n{marker}.\n\n{}", body.trim_start())
}

/// The tags of an example's `tags = ["a", "b"]` line.
fn tags_of(text: &str) -> Vec<String> {
    let (front, _) = split(text);
    front
        .lines()
        .find_map(|l| l.strip_prefix("tags = ["))
        .and_then(|rest| rest.strip_suffix(']'))
        .map(|list| {
            list.split(',')
                .map(|t| t.trim().trim_matches('"').to_string())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// An example's tag `from` swapped for `to`, a tag it does not have that other examples do.
struct TagSwap {
    from: String,
    to: String,
}

impl TagSwap {
    fn find(original: &str, examples: &Path, names: &[String]) -> Result<TagSwap, String> {
        let own = tags_of(original);
        let from = own
            .first()
            .ok_or("the example has no tags to swap")?
            .clone();
        let mut all = BTreeSet::new();
        for name in names {
            if let Ok(text) = std::fs::read_to_string(examples.join(name)) {
                all.extend(tags_of(&text));
            }
        }
        let to = all
            .into_iter()
            .find(|t| !own.contains(t))
            .ok_or("no tag in the corpus that the example does not have")?;
        Ok(TagSwap { from, to })
    }

    /// The example after edit `n`: `to` in place of `from` after an even edit, as it was after
    /// an odd one.
    fn text(&self, original: &str, n: usize) -> String {
        if !n.is_multiple_of(2) {
            return original.to_string();
        }
        let (front, body) = split(original);
        let line = front
            .lines()
            .find(|l| l.starts_with("tags = ["))
            .expect("the tags line was found before")
            .replacen(
                &format!("\"{}\"", self.from),
                &format!("\"{}\"", self.to),
                1,
            );
        format!("{}\n{body}", with_line(front, "tags", &line))
    }

    /// True if `html` shows the tags of edit `n`: against the page before the first edit, one
    /// more link to `to`'s page and one fewer to `from`'s after an even edit, the same after an
    /// odd one.
    fn shown(&self, html: &str, before: &str, n: usize) -> bool {
        let links = |page: &str, tag: &str| page.matches(&format!("tags/{tag}/\"")).count();
        let step = usize::from(n.is_multiple_of(2));
        links(html, &self.to) == links(before, &self.to) + step
            && links(html, &self.from) + step == links(before, &self.from)
    }
}

/// The default theme's `base.html` with the marker in a comment (changes every page).
fn template_with(marker: &str) -> String {
    let base = include_str!("../themes/default/templates/base.html");
    base.replacen("</body>", &format!("<!-- {marker} -->\n</body>"), 1)
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

/// The response to `GET path`; `None` for a 404 (a new page before it is built).
fn get(addr: &str, path: &str) -> Result<Option<String>, String> {
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
    let status = response.lines().next().unwrap_or("");
    match status.split(' ').nth(1) {
        Some("200") => Ok(Some(response)),
        Some("404") => Ok(None),
        _ => Err(format!("GET {path}: {status}")),
    }
}
