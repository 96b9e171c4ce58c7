//! Author-facing problems (`path:line:col: error: message`), their collection and terminal
//! formatting. Plumbing errors (I/O, OS) are `anyhow` chains instead and never come through here.

mod code;
pub mod format;

pub use code::Code;

use std::fmt;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem an author must fix, located in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path as the user should see it (relative to the project root where possible).
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub col: usize,
    /// Where the offending text ends (line, column just past it), when known; else it is a
    /// point. `u32`, so that a diagnostic stays small enough to return by value.
    pub end: Option<(u32, u32)>,
    pub message: String,
    /// The offending source line, shown under the message.
    pub source_line: Option<Box<str>>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: 0,
            col: 0,
            end: None,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// Places the diagnostic at byte `offset` of `text` (the whole original file).
    pub fn at(mut self, text: &str, offset: usize) -> Self {
        let loc = Location::of(text, offset);
        self.line = loc.line;
        self.col = loc.col;
        self.source_line = Some(loc.line_text.into());
        self
    }

    /// Places the diagnostic on the bytes `span` of `text`: at its start, ending at its end.
    pub fn span(self, text: &str, span: std::ops::Range<usize>) -> Self {
        let mut d = self.at(text, span.start);
        if span.end > span.start {
            let end = Location::of(text, span.end);
            let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            d.end = Some((clamp(end.line), clamp(end.col)));
        }
        d
    }

    pub fn at_line_col(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just `path` for whole-file problems).
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.path.clone()
        } else {
            format!("{}:{}:{}", self.path, self.line, self.col)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location(), self.message)?;
        if let Some(line) = &self.source_line {
            // Control characters (a NUL, an escape sequence) must not reach the terminal raw.
            let line: String = line
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = line
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{num} | {line}\n{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A line/column position computed from a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location<'a> {
    pub line: usize,
    pub col: usize,
    pub line_text: &'a str,
}

impl<'a> Location<'a> {
    pub fn of(text: &'a str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..line_start].matches('\n').count() + 1;
        let col = text[line_start..offset].chars().count() + 1;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        Location {
            line,
            col,
            line_text,
        }
    }
}

/// Collects diagnostics from every stage (and from parallel workers) of one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.items
            .lock()
            .expect("diagnostics mutex is never poisoned: pushes cannot panic")
            .push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for d in diagnostics {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .expect("diagnostics mutex is never poisoned")
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so output is stable across runs.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self
            .items
            .into_inner()
            .expect("diagnostics mutex is never poisoned");
        items.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        items.dedup();
        items
    }
}

/// A source file's bytes as text, or the error at its first byte that is not UTF-8.
pub fn utf8_text(bytes: Vec<u8>, shown: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        // Positions count characters of the lossy text; the bad byte is the first past `valid`.
        let at = lossy
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= valid)
            .unwrap_or(valid);
        Diagnostic::error(Code::NotUtf8, shown, "file is not valid UTF-8")
            .at(&lossy, at)
            .hint("save the file with UTF-8 encoding")
    })
}

/// The closest candidate to `word`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: like Levenshtein, but a swap of two neighbours costs 1,
/// the most common typo (`titel`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "+++\ntitle = \"é\"\nwhat = 1\n";
        let off = text.find("what").unwrap();
        let loc = Location::of(text, off);
        assert_eq!((loc.line, loc.col, loc.line_text), (3, 1, "what = 1"));
        let loc = Location::of(text, text.find('"').unwrap() + 3);
        assert_eq!((loc.line, loc.col), (2, 11));
    }

    #[test]
    fn location_clamps_out_of_range_offsets() {
        let loc = Location::of("ab\ncd", 99);
        assert_eq!((loc.line, loc.col), (2, 3));
    }

    #[test]
    fn suggestions_only_for_close_words() {
        let keys = ["title", "description", "weight"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("wieght", keys), Some("weight"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn display_replaces_control_characters() {
        let d = Diagnostic::error(Code::UnknownKey, "x.md", "bad").at("a\0b\u{1b}[31m", 1);
        assert!(d.to_string().contains("1 | a\u{fffd}b\u{fffd}[31m"), "{d}");
    }

    #[test]
    fn display_shows_line_caret_and_hint() {
        let text = "a\n  bad = 1\n";
        let d = Diagnostic::error(Code::UnknownKey, "x.md", "unknown key `bad`")
            .at(text, 4)
            .hint("did you mean `bar`?");
        assert_eq!(
            d.to_string(),
            "x.md:2:3: error: unknown key `bad`\n  |\n2 |   bad = 1\n  |   ^\n  = hint: did you mean `bar`?"
        );
    }
}
