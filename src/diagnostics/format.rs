//! Diagnostics for machines: a JSON array (`check --format json`) and GitHub workflow commands
//! (`check --format github`), which GitHub shows as annotations on a pull request's lines.
//! The terminal format is `Display` on [`Diagnostic`]; all three carry the same facts.

use super::{Diagnostic, Severity};
use crate::json;
use std::fmt::Write as _;

/// How `check` and `build` print diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: `path:line:col: error: message`, the line, a caret and a hint (stderr).
    #[default]
    Human,
    /// A JSON array on stdout, one object per diagnostic (one per line).
    Json,
    /// GitHub Actions workflow commands on stdout (`::error file=…,line=…::…`).
    Github,
}

/// `[{"path": …, "line": …, "column": …, "end": {"line": …, "column": …}, "severity": …,
/// "code": …, "message": …, "hint": …}, …]`, one object per line. A problem with a whole file
/// has `null` for its line, column and end; a diagnostic without a hint has `"hint": null`.
pub fn json(diags: &[Diagnostic]) -> String {
    let mut out = String::from("[");
    for (i, d) in diags.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("{\"path\":");
        json::string(&mut out, &d.path);
        if d.line == 0 {
            out.push_str(",\"line\":null,\"column\":null,\"end\":null");
        } else {
            let (end_line, end_col) = d
                .end
                .map_or((d.line, d.col), |(l, c)| (l as usize, c as usize));
            let _ = write!(
                out,
                ",\"line\":{},\"column\":{},\"end\":{{\"line\":{end_line},\"column\":{end_col}}}",
                d.line, d.col
            );
        }
        let _ = write!(
            out,
            ",\"severity\":\"{}\",\"code\":\"{}\",\"message\":",
            severity(d.severity),
            d.code
        );
        json::string(&mut out, &d.message);
        out.push_str(",\"hint\":");
        match &d.hint {
            Some(h) => json::string(&mut out, h),
            None => out.push_str("null"),
        }
        out.push('}');
    }
    out.push_str(if diags.is_empty() { "]\n" } else { "\n]\n" });
    out
}

/// One workflow command per diagnostic:
/// `::error file=content/a.md,line=3,col=7,title=handbook: broken-link::message%0Ahint: …`.
/// Paths must be relative to the repository's root for GitHub to place them on the diff.
pub fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = write!(out, "::{} file={}", severity(d.severity), property(&d.path));
        if d.line > 0 {
            let _ = write!(out, ",line={},col={}", d.line, d.col);
            if let Some((line, col)) = d.end {
                // GitHub takes an end column only on the start's line.
                if line as usize == d.line {
                    let _ = write!(out, ",endColumn={col}");
                } else {
                    let _ = write!(out, ",endLine={line}");
                }
            }
        }
        let _ = write!(
            out,
            ",title={}::",
            property(&format!("handbook {}", d.code))
        );
        out.push_str(&data(&d.message));
        if let Some(hint) = &d.hint {
            out.push_str("%0Ahint: ");
            out.push_str(&data(hint));
        }
        out.push('\n');
    }
    out
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A workflow command's message: `%`, CR and LF escaped (GitHub's `escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`, which end it (`escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn sample() -> Vec<Diagnostic> {
        let text = "+++\ntitle = \"A\"\nact = \"ask\"\n+++\n";
        let at = text.find("\"ask\"").unwrap();
        vec![
            Diagnostic::error(
                Code::UnknownRelation,
                "content/a, b.md",
                "unknown act `ask`: 100%",
            )
            .span(text, at..at + 5)
            .hint("did you mean `ask-the-quiet-voice`?\nvalid: …"),
            Diagnostic::warning(Code::UnreadableFile, "content/x.md", "cannot read"),
        ]
    }

    #[test]
    fn json_is_one_object_per_line() {
        assert_eq!(
            json(&sample()),
            "[\n\
             {\"path\":\"content/a, b.md\",\"line\":3,\"column\":7,\"end\":{\"line\":3,\"column\":12},\"severity\":\"error\",\"code\":\"unknown-relation\",\"message\":\"unknown act `ask`: 100%\",\"hint\":\"did you mean `ask-the-quiet-voice`?\\u000avalid: …\"},\n\
             {\"path\":\"content/x.md\",\"line\":null,\"column\":null,\"end\":null,\"severity\":\"warning\",\"code\":\"unreadable-file\",\"message\":\"cannot read\",\"hint\":null}\n\
             ]\n"
        );
        assert_eq!(json(&[]), "[]\n");
    }

    #[test]
    fn github_escapes_properties_and_data() {
        assert_eq!(
            github(&sample()),
            "::error file=content/a%2C b.md,line=3,col=7,endColumn=12,title=handbook unknown-relation::unknown act `ask`: 100%25%0Ahint: did you mean `ask-the-quiet-voice`?%0Avalid: …\n\
             ::warning file=content/x.md,title=handbook unreadable-file::cannot read\n"
        );
    }
}
