//! JSON text written by hand for the few files and reports that need it (search index,
//! `check --format json`), without a JSON library for one escaping rule.

use std::fmt::Write;

/// A JSON string literal (also valid JavaScript).
pub fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_safe_in_script_files() {
        let mut s = String::new();
        super::string(&mut s, "a\"b\\c</script>\u{2028}\n");
        assert_eq!(s, r#""a\"b\\c\u003c/script>\u2028\u000a""#);
    }
}
