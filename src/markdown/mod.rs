//! One pass over a page's Markdown: headings with unique ids, the links to resolve, plain text
//! and author warnings ([`parse`]), and the event stream to render once URLs are known
//! ([`events`]: the same pass again, so that a site's thousands of event streams are never held
//! at once). Rendering rewrites link destinations on the events; no HTML is ever
//! pattern-matched.

use crate::diagnostics::{Code, Diagnostic};
use crate::slug::{UniqueIds, slugify};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

mod render;

pub use render::{RawUrls, Words, render};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// Byte offset of the title in [`Parsed::text`]: the search index splits pages there.
    pub at: usize,
}

/// A link or image destination as written, with its position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub offset: usize,
    pub is_image: bool,
    /// Autolinks and e-mail links are always external.
    pub is_auto: bool,
}

#[derive(Debug, Clone)]
pub struct Parsed {
    pub headings: Vec<Heading>,
    /// In event order; `render` takes one resolved destination per entry.
    pub links: Vec<LinkRef>,
    /// Ids that links may point at with `#fragment` (headings, footnotes, explicit ids).
    pub anchors: Vec<String>,
    /// Plain text of the first paragraph.
    pub summary: String,
    /// Plain text of the whole body (headings and code included), for the search index.
    pub text: String,
    /// The author wrote raw HTML (which untrusted pages must have sanitized).
    pub has_raw_html: bool,
    /// `id`s (and `<a name>`s) in the author's raw HTML: anchors too, where the HTML is kept as
    /// written (not in untrusted pages, whose HTML loses them).
    pub html_ids: Vec<String>,
    pub word_count: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a body sits in its file, for diagnostics.
pub struct SourceRef<'a> {
    pub text: &'a str,
    pub body_offset: usize,
    pub shown: &'a str,
    /// An mdBook book's chapter: heading ids as mdBook makes them (so that links into the book
    /// keep their fragments), and Rust code blocks as mdBook reads them (fence attributes such
    /// as `rust,ignore`; `# ` lines hidden).
    pub mdbook: bool,
    /// Relative URLs in raw HTML were written for mdBook's `chapter.html` address, one folder
    /// up from this page's (`chapter/`): they get one more `../` (an mdBook chapter that is not
    /// a folder's index).
    pub raw_html_up: bool,
    /// The body is an mdBook chapter's with its `{{#include}}`s expanded: offsets map back to the
    /// file through it.
    pub expansion: Option<&'a crate::mdbook::include::Expanded>,
}

/// Parses a page body: everything derived from its events (headings, links, anchors, summary,
/// search text, word count, warnings).
pub fn parse(body: &str, src: &SourceRef<'_>) -> Parsed {
    pass(body, src).0
}

/// Where a page's Markdown body is in its file, and how it was read: what [`events`] needs to
/// go over it again as [`parse`] did.
#[derive(Debug, Clone, Default)]
pub struct BodyText {
    pub offset: usize,
    /// An mdBook chapter's body with its `{{#include}}`s expanded, which is parsed instead.
    pub expanded: Option<String>,
    pub mdbook: bool,
    pub raw_html_up: bool,
}

/// The events of the body of `text` (a page's whole file) that `body` places, exactly as
/// [`parse`] saw them (headings carry their unique ids), to render.
pub fn events<'b>(text: &'b str, body: &'b BodyText) -> Vec<Event<'b>> {
    // Positions only place warnings, which the parse already reported.
    let (text, offset) = match &body.expanded {
        Some(expanded) => (expanded.as_str(), 0),
        None => (text, body.offset),
    };
    let src = SourceRef {
        text,
        body_offset: offset,
        shown: "",
        mdbook: body.mdbook,
        raw_html_up: body.raw_html_up,
        expansion: None,
    };
    pass(&text[offset..], &src).1
}

/// The one pass [`parse`] and [`events`] share.
fn pass<'b>(body: &'b str, src: &SourceRef<'_>) -> (Parsed, Vec<Event<'b>>) {
    let raw: Vec<(Event<'b>, usize)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, r)| {
            let at = src.expansion.map_or(r.start, |x| x.original(r.start));
            (e, at + src.body_offset)
        })
        .collect();
    let mut pass = Pass {
        src,
        ids: UniqueIds::default(),
        out: Vec::with_capacity(raw.len()),
        parsed: Parsed {
            headings: Vec::new(),
            links: Vec::new(),
            anchors: Vec::new(),
            summary: String::new(),
            text: String::new(),
            has_raw_html: false,
            html_ids: Vec::new(),
            word_count: 0,
            diagnostics: Vec::new(),
        },
        summary_done: false,
        in_paragraph: false,
        code_depth: 0,
        rust_block: false,
    };
    pass.reserve_explicit_ids(&raw);
    let mut iter = raw.into_iter().peekable();
    while let Some((event, offset)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                // The heading's own events, up to its end.
                let inner: Vec<Event<'b>> = iter
                    .by_ref()
                    .map(|(e, _)| e)
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .collect();
                pass.heading(level, id, classes, inner);
            }
            Event::Start(Tag::Image { .. }) => {
                let has_alt =
                    matches!(iter.peek(), Some((Event::Text(t), _)) if !t.trim().is_empty());
                pass.image(event, offset, has_alt);
            }
            other => pass.event(other, offset),
        }
    }
    pass.finish()
}

/// The state of one parse; `'b` is the body's.
struct Pass<'s, 'b> {
    src: &'s SourceRef<'s>,
    ids: UniqueIds,
    out: Vec<Event<'b>>,
    /// Everything but the events, filled as they go by.
    parsed: Parsed,
    summary_done: bool,
    in_paragraph: bool,
    code_depth: usize,
    /// Inside an mdBook chapter's Rust code block, whose `# ` lines are hidden.
    rust_block: bool,
}

impl<'b> Pass<'_, 'b> {
    /// Explicit heading ids (`{#id}`) win over generated ones, wherever they are on the page.
    fn reserve_explicit_ids(&mut self, raw: &[(Event<'_>, usize)]) {
        for (event, offset) in raw {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event
                && !self.ids.reserve(id)
            {
                self.parsed.diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateId,
                        self.src.shown,
                        format!("heading id `{id}` is used twice on this page"),
                    )
                    .at(self.src.text, *offset)
                    .hint("links to it will go to the first heading; give each heading its own id"),
                );
            }
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'b>>,
        classes: Vec<CowStr<'b>>,
        inner: Vec<Event<'b>>,
    ) {
        let mut title = String::new();
        for e in &inner {
            if let Event::Text(t) | Event::Code(t) = e {
                title.push_str(t);
            }
        }
        self.parsed.word_count += count_words(&title);
        let at = self.parsed.text.len();
        self.parsed.text.push_str(&title);
        self.parsed.text.push('\n');
        let id = match id {
            Some(id) => id.to_string(),
            None if self.src.mdbook => self.ids.unique(&crate::slug::mdbook_id(&title)),
            None => self.ids.unique(&slugify(&title)),
        };
        // Markup (id, anchor link) is written by `render`, which may prefix the id.
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id.clone())),
            classes,
            attrs: Vec::new(),
        }));
        self.out.extend(inner);
        self.out.push(Event::End(TagEnd::Heading(level)));
        self.parsed.anchors.push(id.clone());
        self.parsed.headings.push(Heading {
            level: heading_number(level),
            id,
            title,
            at,
        });
    }

    fn image(&mut self, event: Event<'b>, offset: usize, has_alt: bool) {
        if let Event::Start(Tag::Image { dest_url, .. }) = &event {
            self.parsed.links.push(LinkRef {
                dest: dest_url.to_string(),
                offset,
                is_image: true,
                is_auto: false,
            });
        }
        if !has_alt {
            self.parsed.diagnostics.push(
                Diagnostic::warning(Code::MissingAlt, self.src.shown, "image has no alt text")
                    .at(self.src.text, offset)
                    .hint("describe the image for readers who cannot see it: `![what it shows](path)`"),
            );
        }
        self.out.push(event);
    }

    /// Any other event: recorded in what it contributes to, and passed on (callouts become
    /// notes: `<div role="note">`, not `<aside>`, which would make each a landmark that must be
    /// named uniquely on the page).
    fn event(&mut self, event: Event<'b>, offset: usize) {
        let parsed = &mut self.parsed;
        match &event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => parsed.links.push(LinkRef {
                dest: dest_url.to_string(),
                offset,
                is_image: false,
                is_auto: matches!(link_type, LinkType::Autolink | LinkType::Email),
            }),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                parsed.anchors.push(format!("fn-{}", slugify(label)));
            }
            // Callouts stay events: their label is in the site's language, known at render.
            Event::Start(Tag::Paragraph) => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) => {
                self.in_paragraph = false;
                parsed.text.push('\n');
                if !parsed.summary.is_empty() {
                    self.summary_done = true;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code_depth += 1;
                if self.src.mdbook
                    && let CodeBlockKind::Fenced(info) = kind
                    && is_rust(info)
                {
                    self.rust_block = true;
                    let rust = Tag::CodeBlock(CodeBlockKind::Fenced("rust".into()));
                    self.out.push(Event::Start(rust));
                    return;
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                self.code_depth = self.code_depth.saturating_sub(1);
                self.rust_block = false;
            }
            Event::Text(t) if self.rust_block => {
                for line in t.split_inclusive('\n') {
                    match hidden_line(line) {
                        Some(hidden) => {
                            let mut html = String::from("<span class=\"boring\">");
                            crate::html::escape_attr(&mut html, hidden);
                            html.push_str("</span>");
                            self.out.push(Event::Html(html.into()));
                        }
                        None => {
                            let shown = line
                                .strip_prefix('#')
                                .filter(|l| l.starts_with('#'))
                                .unwrap_or(line);
                            parsed.text.push_str(shown);
                            self.out.push(Event::Text(shown.to_string().into()));
                        }
                    }
                }
                return;
            }
            Event::Text(t) | Event::Code(t) => {
                parsed.text.push_str(t);
                if self.code_depth == 0 {
                    parsed.word_count += count_words(t);
                    if self.in_paragraph && !self.summary_done {
                        parsed.summary.push_str(t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                parsed.text.push(' ');
                if self.in_paragraph && !self.summary_done {
                    parsed.summary.push(' ');
                }
            }
            Event::End(
                TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock,
            ) => parsed.text.push('\n'),
            Event::Html(html) | Event::InlineHtml(html) => {
                parsed.has_raw_html = true;
                html_ids(html, &mut parsed.html_ids);
                if self.src.raw_html_up {
                    let up = one_folder_up(html);
                    let event = match event {
                        Event::InlineHtml(_) => Event::InlineHtml(up.into()),
                        _ => Event::Html(up.into()),
                    };
                    self.out.push(event);
                    return;
                }
            }
            _ => {}
        }
        self.out.push(event);
    }

    fn finish(self) -> (Parsed, Vec<Event<'b>>) {
        let mut parsed = self.parsed;
        parsed.summary = parsed
            .summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (parsed, self.out)
    }
}

/// Words are runs of non-space characters with at least one letter or digit.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

pub(crate) fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether a fence's info string is Rust as mdBook reads it: `rust` first, or only rustdoc's
/// attributes (`ignore`, `should_panic`, `compile_fail,E0597`, `edition2021`...), in any
/// mix of commas and spaces.
fn is_rust(info: &str) -> bool {
    let mut words = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty());
    let attribute = |w: &str| {
        matches!(
            w,
            "ignore"
                | "should_panic"
                | "no_run"
                | "compile_fail"
                | "editable"
                | "noplayground"
                | "mdbook-runnable"
                | "test_harness"
                | "allow_fail"
        ) || w.starts_with("edition")
            || w.starts_with('E') && w[1..].chars().all(|c| c.is_ascii_digit()) && w.len() > 1
            || w.starts_with("ignore-")
    };
    match words.next() {
        Some("rust") => true,
        Some(first) => attribute(first) && words.all(attribute),
        None => false,
    }
}

/// A Rust code line mdBook hides (`# ` or a lone `#`), as the text it shows when revealed.
fn hidden_line(line: &str) -> Option<&str> {
    let body = line.trim_start();
    match body.strip_prefix('#') {
        Some(rest) if rest.trim_end_matches(['\r', '\n']).is_empty() => Some(rest),
        _ => body.strip_prefix("# "),
    }
}

/// Raw HTML with every relative `src` and `href` one folder further up (`img/a.png` ->
/// `../img/a.png`); absolute URLs, `/paths`, `#fragments` and `?queries` as they are.
fn one_folder_up(html: &str) -> String {
    map_relative_urls(html, |value| Some(format!("../{value}")))
}

/// Raw HTML with each relative `src` and `href` value replaced by what `f` gives for it (kept
/// when `None`); absolute URLs, `/paths`, `#fragments` and `?queries` are not given to `f`.
pub fn map_relative_urls(html: &str, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + 8);
    let mut rest = html;
    loop {
        let next = ["src=", "href="]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            return out;
        };
        let attribute = rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        let value_at = at + len;
        out.push_str(&rest[..value_at]);
        rest = &rest[value_at..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        if let (true, Some(q)) = (attribute, quote) {
            out.push(q);
            rest = &rest[1..];
            let end = rest.find(q).unwrap_or(rest.len());
            let value = &rest[..end];
            let scheme = value
                .find(':')
                .is_some_and(|c| !value[..c].contains(['/', '?', '#']));
            let relative = !value.is_empty() && !scheme && !value.starts_with(['/', '#', '?']);
            if let Some(new) = relative.then(|| f(value)).flatten() {
                out.push_str(&new);
                rest = &rest[end..];
            }
        }
    }
}

/// The values of `id="…"` and `name="…"` attributes in a piece of raw HTML, in order.
fn html_ids(html: &str, out: &mut Vec<String>) {
    for attr in ["id=", "name="] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + attr.len()..];
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                let id = &rest[1..1 + end];
                if !id.is_empty() {
                    out.push(id.to_string());
                }
                rest = &rest[1 + end..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_fences_as_mdbook_reads_them() {
        for (info, rust) in [
            ("rust", true),
            ("rust,ignore", true),
            ("rust, editable", true),
            ("compile_fail,E0597", true),
            ("ignore", true),
            ("edition2021 no_run", true),
            ("toml", false),
            ("text", false),
            ("", false),
            ("E", false),
        ] {
            assert_eq!(is_rust(info), rust, "{info}");
        }
        assert_eq!(hidden_line("# use std::io;\n"), Some("use std::io;\n"));
        assert_eq!(hidden_line("    # let x = 1;\n"), Some("let x = 1;\n"));
        assert_eq!(hidden_line("#\n"), Some("\n"));
        assert_eq!(hidden_line("#[derive(Debug)]\n"), None);
        assert_eq!(hidden_line("## not hidden\n"), None);
    }

    #[test]
    fn raw_html_urls_one_folder_up() {
        assert_eq!(
            one_folder_up(
                "<img class=\"right\" src=\"images/logo.svg\" alt=\"x\"><a href='../b.html#c'>b</a>"
            ),
            "<img class=\"right\" src=\"../images/logo.svg\" alt=\"x\"><a href='../../b.html#c'>b</a>"
        );
        for kept in [
            "<a href=\"https://x.org/\">",
            "<a href=\"/root\">",
            "<a href=\"#here\">",
            "<a href=\"mailto:a@b.org\">",
            "<img data-src=\"x.png\">",
            "<a href=\"\">",
        ] {
            assert_eq!(one_folder_up(kept), kept);
        }
    }

    #[test]
    fn ids_in_raw_html() {
        let mut ids = Vec::new();
        html_ids("<a id=\"old-name\"></a><span class='x' id='two'>", &mut ids);
        html_ids(
            "<a name=\"legacy\"></a><div data-id=\"no\" grid=\"no\">",
            &mut ids,
        );
        assert_eq!(ids, ["old-name", "two", "legacy"]);
    }

    fn parse_str(body: &str) -> Parsed {
        parse(
            body,
            &SourceRef {
                mdbook: false,
                raw_html_up: false,
                expansion: None,
                text: body,
                body_offset: 0,
                shown: "a.md",
            },
        )
    }

    fn html_of(body: &str) -> String {
        let p = parse_str(body);
        let hrefs: Vec<String> = p.links.iter().map(|l| l.dest.clone()).collect();
        render(&p, &events_of(body), &hrefs, "", ANCHOR, None)
    }

    fn events_of(body: &str) -> Vec<Event<'_>> {
        static PLAIN: BodyText = BodyText {
            offset: 0,
            expanded: None,
            mdbook: false,
            raw_html_up: false,
        };
        events(body, &PLAIN)
    }

    /// The built-in English anchor label.
    const ANCHOR: &Words<'static> = &Words::ENGLISH;

    #[test]
    fn headings_get_stable_deduplicated_ids_and_anchors() {
        let p = parse_str("## Why it matters\n\n## Why it matters\n\n### Custom {#mine}\n");
        let ids: Vec<&str> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["why-it-matters", "why-it-matters-1", "mine"]);
        let html = html_of("## Why *it* matters\n");
        assert!(html.contains("<h2 id=\"why-it-matters\">Why <em>it</em> matters <a class=\"anchor\" href=\"#why-it-matters\""), "{html}");
    }

    #[test]
    fn custom_ids_win_over_earlier_automatic_ones() {
        let p = parse_str("## Intro\n\n## Other {#intro}\n");
        let ids: Vec<&str> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro-1", "intro"]);
    }

    #[test]
    fn heading_text_is_escaped_in_attributes() {
        let html = html_of("## A \"quoted\" <b>\n");
        assert!(
            html.contains("aria-label=\"Link to this section: A “quoted” \""),
            "{html}"
        );
        assert!(!html.contains("\"quoted\""));
    }

    #[test]
    fn links_are_recorded_with_file_offsets_and_rewritten() {
        let body = "See [x](../acts/a.md#why) and ![pic](p.png).\n";
        let p = parse_str(body);
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.links[0].dest, "../acts/a.md#why");
        assert_eq!(p.links[0].offset, body.find('[').unwrap());
        assert!(p.links[1].is_image);
        let html = render(
            &p,
            &events_of(body),
            &["../../acts/a/#why".into(), "p.png".into()],
            "",
            ANCHOR,
            None,
        );
        assert!(
            html.contains("<a href=\"../../acts/a/#why\">x</a>"),
            "{html}"
        );
    }

    #[test]
    fn image_without_alt_text_is_a_warning() {
        let p = parse_str("text\n\n![](p.png)\n");
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].location(), "a.md:3:1");
    }

    #[test]
    fn ids_take_a_prefix_for_shared_documents() {
        let body = "## Why\n\nClaim[^a].\n\n[^a]: Source.\n";
        let html = render(
            &parse_str(body),
            &events_of(body),
            &[],
            "p-x--",
            ANCHOR,
            None,
        );
        assert!(html.contains("<h2 id=\"p-x--why\">"), "{html}");
        assert!(html.contains("href=\"#p-x--why\""), "{html}");
        assert!(
            html.contains("id=\"p-x--fnref-a\"><a href=\"#p-x--fn-a\">1</a>"),
            "{html}"
        );
        assert!(html.contains("id=\"p-x--fn-a\""), "{html}");
    }

    #[test]
    fn footnote_ids_are_prefixed() {
        let html = html_of("Claim[^1].\n\n[^1]: Source.\n");
        assert!(html.contains("id=\"fnref-1\""), "{html}");
        assert!(html.contains("id=\"fn-1\""), "{html}");
    }

    #[test]
    fn extensions_are_on() {
        let html = html_of(
            "| a |\n|---|\n| b |\n\n~~old~~ \"quote\"\n\n- [x] done\n\n> [!TIP]\n> Try it.\n",
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("“quote”"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(
            html.contains("<div class=\"callout callout-tip\" role=\"note\" aria-label=\"Tip\">"),
            "{html}"
        );
    }

    #[test]
    fn summary_is_the_first_paragraph_and_words_are_counted() {
        let p =
            parse_str("## Head\n\nFirst line\nsecond `code`.\n\nLater.\n\n```\nnot counted\n```\n");
        assert_eq!(p.summary, "First line second code.");
        assert_eq!(p.word_count, 1 + 4 + 1);
    }
}
