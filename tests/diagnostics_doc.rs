//! `docs/diagnostics.md` is a spec: every code is documented, and each example, built in its own
//! small site by the real binary, produces that code and exactly the output the page shows.
//! `HANDBOOK_BLESS=1 cargo test diagnostics_doc` rewrites the page's output blocks from the
//! binary (review the diff before committing it).

use crate::SiteTest;
use handbook::diagnostics::Code;
use std::path::Path;

const DOC: &str = "docs/diagnostics.md";

/// One `### \`code\`` section of the page.
#[derive(Debug, Default)]
struct Example {
    code: String,
    files: Vec<(String, String)>,
    commands: Vec<String>,
    run: bool,
    /// Line range (0-based, exclusive end) of the `text` block's contents in the page.
    output: std::ops::Range<usize>,
    expected: String,
}

/// The example project's files, and the examples in page order.
fn parse(doc: &str) -> (Vec<(String, String)>, Vec<Example>) {
    let lines: Vec<&str> = doc.lines().collect();
    let mut base = Vec::new();
    let mut examples: Vec<Example> = Vec::new();
    let mut in_base = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(title) = line.strip_prefix("### ") {
            in_base = title == "The example project";
            if let Some(code) = title.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
                examples.push(Example {
                    code: code.to_string(),
                    run: true,
                    ..Example::default()
                });
            }
        } else if line.starts_with("*Not run.*") {
            examples
                .last_mut()
                .expect("*Not run.* inside a code's section")
                .run = false;
        } else if let Some(info) = line.strip_prefix("```").filter(|i| !i.is_empty()) {
            let start = i + 1;
            let mut end = start;
            while !lines[end].starts_with("```") {
                end += 1;
            }
            let body = lines[start..end].join("\n");
            let file = info.split_once(" file=").map(|(_, f)| f.to_string());
            match (file, examples.last_mut()) {
                (Some(f), _) if in_base => base.push((f, format!("{body}\n"))),
                (Some(f), Some(e)) => e.files.push((f, format!("{body}\n"))),
                (None, Some(e)) if info == "console" => e.commands.extend(
                    body.lines()
                        .filter_map(|l| l.strip_prefix("$ handbook "))
                        .map(str::to_string),
                ),
                (None, Some(e)) if info == "text" => {
                    e.output = start..end;
                    e.expected = body;
                }
                _ => {}
            }
            i = end;
        }
        i += 1;
    }
    (base, examples)
}

/// Runs the example's commands (`check` when it names none) in a site made of the example
/// project and its files. Returns the diagnostics as printed, and the codes `--format json` gave.
fn run(base: &[(String, String)], e: &Example) -> (String, Vec<String>) {
    let mut t = SiteTest::empty();
    for (path, text) in base.iter().chain(&e.files) {
        t = t.file(path, text);
    }
    let commands = if e.commands.is_empty() {
        vec!["check".to_string()]
    } else {
        e.commands.clone()
    };
    let mut printed = String::new();
    let mut codes = Vec::new();
    for command in &commands {
        let args = split(command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = t.run(&args);
        printed.push_str(&String::from_utf8_lossy(&out.stderr));
        if args[0] == "check" {
            let json = t.run(&[&args[..], &["--format", "json"]].concat());
            let stdout = String::from_utf8_lossy(&json.stdout);
            codes.extend(stdout.split("\"code\":\"").skip(1).map(|s| {
                s.split('"')
                    .next()
                    .expect("a code ends with a quote")
                    .to_string()
            }));
        }
    }
    (diagnostics_only(&printed), codes)
}

/// The printed diagnostics, without the summary lines around them.
fn diagnostics_only(stderr: &str) -> String {
    let summary = [
        "build failed:",
        "check failed:",
        "checked ",
        "built ",
        "note:",
        "search index:",
    ];
    stderr
        .lines()
        .filter(|l| !summary.iter().any(|s| l.starts_with(s)))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Splits a command line at spaces, keeping `"quoted words"` together.
fn split(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn every_code_is_documented_once_in_order() {
    let doc = std::fs::read_to_string(DOC).expect("docs/diagnostics.md");
    let (_, examples) = parse(&doc);
    let documented: Vec<&str> = examples.iter().map(|e| e.code.as_str()).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        documented, codes,
        "docs/diagnostics.md and `Code::ALL` differ"
    );
    for e in &examples {
        assert!(!e.expected.is_empty(), "`{}` shows no output", e.code);
    }
}

#[test]
fn every_documented_example_prints_what_the_page_shows() {
    let doc = std::fs::read_to_string(DOC).expect("docs/diagnostics.md");
    let (base, examples) = parse(&doc);
    assert!(base.len() >= 4, "the example project is missing");
    let bless = std::env::var_os("HANDBOOK_BLESS").is_some();
    let mut lines: Vec<String> = doc.lines().map(str::to_string).collect();
    let mut failures = Vec::new();
    // Later blocks first, so that rewriting one keeps the line numbers of those before it.
    for e in examples.iter().rev().filter(|e| e.run) {
        let (printed, codes) = run(&base, e);
        if !codes.is_empty() && !codes.contains(&e.code) {
            failures.push(format!(
                "`{}`: the example gave the codes {codes:?}",
                e.code
            ));
        }
        if printed != e.expected {
            if bless {
                lines.splice(e.output.clone(), printed.lines().map(str::to_string));
            } else {
                failures.push(format!(
                    "`{}`: the page shows\n{}\nbut the binary printed\n{printed}",
                    e.code, e.expected
                ));
            }
        }
    }
    if bless {
        std::fs::write(Path::new(DOC), lines.join("\n") + "\n").expect("write the page");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
