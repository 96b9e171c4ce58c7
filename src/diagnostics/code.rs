//! The stable code of every diagnostic: what scripts, editors and pull-request checks match on,
//! while the message's wording may improve. Each code is documented, with an example that
//! produces it, in `docs/diagnostics.md`; a test keeps that page and this list in step.
//!
//! Codes are kebab-case names rather than numbers (as ESLint's and Clippy's are), so a line in
//! a CI log says what went wrong without a lookup. A code, once released, is never renamed or
//! reused: retire it instead.

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order `docs/diagnostics.md` documents them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed (`broken-link`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // The project: book.toml, folders, themes.
    /// No `book.toml` where the project should be.
    NoConfig = "no-config",
    /// A TOML document (book.toml or front matter) does not parse.
    InvalidToml = "invalid-toml",
    /// A TOML key holds a value of the wrong type (`authors = "me"`).
    WrongType = "wrong-type",
    /// A key that book.toml or front matter does not have (a typo, usually).
    UnknownKey = "unknown-key",
    /// A book.toml value that is well-typed but unusable (`edit_url` without `{path}`).
    InvalidConfig = "invalid-config",
    /// The content folder named in book.toml does not exist.
    MissingContent = "missing-content",
    /// The output folder would be the project, the content folder or another unsafe place.
    UnsafeOutput = "unsafe-output",
    /// `--base-url` is not an absolute http(s) URL.
    InvalidBaseUrl = "invalid-base-url",
    /// `[build] theme` names a theme folder that does not exist.
    MissingTheme = "missing-theme",
    /// A collection's `guide` names no page.
    MissingGuide = "missing-guide",
    /// A theme's strings file lacks a key, has a key that is not text, or a language has no
    /// strings file: those words show in English.
    MissingString = "missing-string",

    // Files.
    /// A file could not be read (permissions, a dangling or looping symbolic link).
    UnreadableFile = "unreadable-file",
    /// A file or file name is not UTF-8.
    NotUtf8 = "not-utf8",
    /// A text file contains a NUL byte.
    NulByte = "nul-byte",
    /// A symbolic link points outside the project; it is skipped.
    SymlinkOutside = "symlink-outside",
    /// A file name that cannot be a page on every system (a `\` in it).
    InvalidFileName = "invalid-file-name",

    // Front matter.
    /// A page does not start with `+++` front matter (or uses YAML's `---`).
    MissingFrontMatter = "missing-front-matter",
    /// The front matter's closing `+++` is missing.
    UnclosedFrontMatter = "unclosed-front-matter",
    /// A page has no `title`, or an empty one.
    MissingTitle = "missing-title",
    /// A front matter value is of the right type but not usable (a date that is not a date,
    /// a slug or template name with characters it cannot have, a tag without letters).
    InvalidValue = "invalid-value",
    /// A collection item lacks a required relation (an example without its `act`).
    MissingRelation = "missing-relation",
    /// A relation names a page that does not exist (`act = "ask-the-quite-voice"`).
    UnknownRelation = "unknown-relation",

    // Links and Markdown.
    /// A link to a file or page that does not exist, or outside the content folder.
    BrokenLink = "broken-link",
    /// A link to a heading that does not exist (`#fragment`).
    BrokenAnchor = "broken-anchor",
    /// A link to a draft page, which is not built.
    LinkToDraft = "link-to-draft",
    /// A root-relative link (`/acts/`), which breaks under a subpath.
    AbsoluteLink = "absolute-link",
    /// A link with a scheme contributed content may not use (`javascript:`).
    UnsafeLink = "unsafe-link",
    /// Two headings of a page claim the same id.
    DuplicateId = "duplicate-id",
    /// An image without alt text.
    MissingAlt = "missing-alt",

    // The site as a whole.
    /// Two pages map to the same URL (or to URLs that differ only in letter case).
    DuplicateUrl = "duplicate-url",
    /// Two outputs claim the same file, or a file is in the way of a folder.
    OutputCollision = "output-collision",
    /// An output path would leave the output folder.
    OutputOutside = "output-outside",

    // Templates.
    /// A template does not parse or fails to render.
    TemplateError = "template-error",
    /// A page names a template that does not exist.
    MissingTemplate = "missing-template",
    /// A theme template named one typo away from a built-in one, which it does not override.
    UnusedTemplate = "unused-template",

    // mdBook books.
    /// `SUMMARY.md` does not follow mdBook's format.
    InvalidSummary = "invalid-summary",
    /// A chapter listed in `SUMMARY.md` has no file.
    MissingChapter = "missing-chapter",
    /// An `{{#include}}` whose file is missing, that includes itself, or whose anchor is not found.
    InvalidInclude = "invalid-include",
    /// A translation records a version of its original (`translated_from`) that is no longer
    /// the original's: the original changed since it was translated.
    StaleTranslation = "stale-translation",
    /// A `book.toml` setting of mdBook's that handbook does not use (a warning: the book builds).
    IgnoredSetting = "ignored-setting",

    // Commands (`handbook new`, `handbook init`).
    /// A command's arguments are wrong (unknown kind or option, missing value).
    InvalidArgument = "invalid-argument",
    /// A command would overwrite an existing file or folder, and refused.
    AlreadyExists = "already-exists",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "`{s}` is used twice");
            assert!(
                s.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "`{s}` is not kebab-case"
            );
        }
    }
}
