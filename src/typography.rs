//! Smart punctuation for plain text that does not go through Markdown (titles, descriptions), so
//! cards and headings match the curly quotes and dashes of the body text.

/// Straight quotes to curly ones, `--`/`---` to en/em dashes, `...` to an ellipsis; the same
/// conventions as pulldown-cmark's smart punctuation.
pub fn smarten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–".contains(p));
        match chars[i] {
            '\'' if prev.is_some_and(char::is_alphanumeric) => out.push('’'),
            '\'' if opens && next.is_some_and(|n| !n.is_whitespace()) => out.push('‘'),
            '\'' => out.push('’'),
            '"' if opens => out.push('“'),
            '"' => out.push('”'),
            '-' if next == Some('-') => {
                if chars.get(i + 2) == Some(&'-') {
                    out.push('—');
                    i += 1;
                } else {
                    out.push('–');
                }
                i += 1;
            }
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::smarten;

    #[test]
    fn smarten_table() {
        for (input, expected) in [
            (
                "The tiles I didn't let slide",
                "The tiles I didn’t let slide",
            ),
            ("Say \"no\" -- then 'yes'", "Say “no” – then ‘yes’"),
            ("Wait... what", "Wait… what"),
            ("A---B", "A—B"),
            ("the '90s", "the ‘90s"),
            ("plain-text stays", "plain-text stays"),
            ("\"Quoted\" at start", "“Quoted” at start"),
            ("", ""),
        ] {
            assert_eq!(smarten(input), expected, "{input}");
        }
    }
}
