//! Slugs for URLs, heading ids and tags: lowercase words joined by `-`.

/// Lowercases, keeps letters and digits (any script), turns every other run into one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c == '_' && !out.is_empty() {
            if dash {
                out.push('-');
            }
            dash = false;
            out.push('_');
        } else {
            dash = true;
        }
    }
    out
}

/// A heading's id as mdBook makes it: letters, digits, `_` and `-` kept (lowercased), each
/// white space a `-`, everything else dropped; runs are not merged (`a + b` -> `a--b`).
pub fn mdbook_id(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Hands out unique ids within one page: `intro`, `intro-1`, `intro-2`...
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: std::collections::HashSet<String>,
}

impl UniqueIds {
    /// Reserves `id` exactly; returns false if it was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unbounded counter always finds a free id")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdbook_ids_table() {
        for (input, expected) in [
            (
                "Concatenating with + or format!",
                "concatenating-with--or-format",
            ),
            ("Where's the -> Operator?", "wheres-the---operator"),
            ("Shared Access to Mutex<T>", "shared-access-to-mutext"),
            ("Über_Uns 2", "Über_uns-2"),
        ] {
            assert_eq!(mdbook_id(input), expected, "{input}");
        }
    }

    #[test]
    fn slugify_table() {
        for (input, expected) in [
            ("Share the credit", "share-the-credit"),
            ("  Why it matters?  ", "why-it-matters"),
            ("Remote work", "remote-work"),
            ("remote-work", "remote-work"),
            ("Café au lait", "café-au-lait"),
            ("日本語 テキスト", "日本語-テキスト"),
            ("C++ & Rust", "c-rust"),
            ("../../etc/passwd", "etc-passwd"),
            ("snake_case", "snake_case"),
            ("!!!", ""),
        ] {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn unique_ids_are_deduplicated_in_order() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("intro"), "intro");
        assert_eq!(ids.unique("intro"), "intro-1");
        assert!(ids.reserve("custom"));
        assert!(!ids.reserve("custom"));
        assert_eq!(ids.unique("custom"), "custom-1");
        assert_eq!(ids.unique(""), "section");
    }
}
