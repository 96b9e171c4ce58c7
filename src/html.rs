//! Escaping text for HTML written by hand (heading markup, the error overlay); templates escape
//! through Tera and raw HTML from contributors goes through [`crate::sanitize`].

/// Escapes text for use inside a double-quoted HTML attribute (or element text).
pub fn escape_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        let mut out = String::new();
        escape_attr(&mut out, "a&b<c>\"d'e");
        assert_eq!(out, "a&amp;b&lt;c&gt;&quot;d&#39;e");
    }
}
