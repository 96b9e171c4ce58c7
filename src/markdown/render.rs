//! Rendering a parsed page (see `mod.rs`): link destinations as linking resolved them, heading
//! ids with a prefix (the print page), footnotes numbered, callouts as labelled notes, and the
//! theme's words in the site's language. No HTML is pattern-matched.

use super::{Parsed, heading_number};
use crate::html::escape_attr;
use crate::slug::slugify;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Tag, TagEnd, html};
use std::collections::HashMap;

/// A callout's class and its place in [`Words::callouts`].
fn callout(kind: BlockQuoteKind) -> (&'static str, usize) {
    match kind {
        BlockQuoteKind::Note => ("note", 0),
        BlockQuoteKind::Tip => ("tip", 1),
        BlockQuoteKind::Important => ("important", 2),
        BlockQuoteKind::Warning => ("warning", 3),
        BlockQuoteKind::Caution => ("caution", 4),
    }
}

/// The theme's words a page's text shows, in the site's language.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// The label of a heading's anchor link: `{title}`, the heading's.
    pub anchor: &'a str,
    /// The labels of note, tip, important, warning and caution callouts.
    pub callouts: [&'a str; 5],
}

impl Words<'_> {
    pub const ENGLISH: Words<'static> = Words {
        anchor: "Link to this section: {title}",
        callouts: ["Note", "Tip", "Important", "Warning", "Caution"],
    };
}

/// What rewrites a relative URL of raw HTML, if anything (see [`render`]).
pub type RawUrls<'a> = Option<&'a dyn Fn(&str) -> Option<String>>;

/// Renders a parsed page's `events` (see [`super::events`]) to HTML: link `i` goes to `hrefs[i]`, and every id the page defines
/// (headings, footnotes) gets `id_prefix`, so that pages can share one document (the print page).
/// Heading anchors are labelled `anchor_label` (the theme's text, `{title}` the heading's).
/// `raw_urls`, when given, rewrites relative URLs in the page's raw HTML
/// ([`super::map_relative_urls`]).
pub fn render(
    parsed: &Parsed,
    events: &[Event<'_>],
    hrefs: &[String],
    id_prefix: &str,
    words: &Words<'_>,
    raw_urls: RawUrls<'_>,
) -> String {
    let anchor_label = words.anchor;
    let mut link = 0;
    let mut heading = 0;
    // Footnotes are numbered in order of first appearance, reference or definition.
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut number = |label: &str| -> usize {
        let next = footnotes.len() + 1;
        *footnotes.entry(label.to_string()).or_insert(next)
    };
    let id_attr = |id: &str| {
        let mut out = String::new();
        escape_attr(&mut out, &format!("{id_prefix}{id}"));
        out
    };
    // Links and images take their destinations in order.
    let mut next_href = || {
        let dest = hrefs.get(link).cloned().unwrap_or_default();
        link += 1;
        CowStr::from(dest)
    };
    let mapped = events.iter().map(|e| match e {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: next_href(),
            title: title.clone(),
            id: id.clone(),
        }),
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: next_href(),
            title: title.clone(),
            id: id.clone(),
        }),
        Event::Start(Tag::Heading { level, classes, .. }) => {
            let h = parsed
                .headings
                .get(heading)
                .expect("parse records a Heading for each heading event");
            Event::Html(heading_open(*level, &id_attr(&h.id), classes).into())
        }
        Event::End(TagEnd::Heading(level)) => {
            let h = parsed
                .headings
                .get(heading)
                .expect("parse records a Heading for each heading event");
            heading += 1;
            Event::Html(heading_close(*level, &id_attr(&h.id), &h.title, anchor_label).into())
        }
        Event::FootnoteReference(label) => {
            let n = number(label);
            let id = slugify(label);
            Event::Html(
                format!(
                    "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"#{}\">{n}</a></sup>",
                    id_attr(&format!("fnref-{id}")),
                    id_attr(&format!("fn-{id}"))
                )
                .into(),
            )
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let n = number(label);
            let id = slugify(label);
            Event::Html(
                format!(
                    "<div class=\"footnote-definition\" id=\"{}\"><span class=\"footnote-label\">{n}.</span> ",
                    id_attr(&format!("fn-{id}"))
                )
                .into(),
            )
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
        // Callouts are notes: `<div role="note">`, not `<aside>`, which would make each a
        // landmark that must be named uniquely.
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, at) = callout(*kind);
            let mut label = String::new();
            escape_attr(&mut label, words.callouts[at]);
            Event::Html(
                format!("<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{label}\">\n")
                    .into(),
            )
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
        Event::Html(html) if raw_urls.is_some() => {
            Event::Html(super::map_relative_urls(html, raw_urls.expect("just checked")).into())
        }
        Event::InlineHtml(html) if raw_urls.is_some() => {
            Event::InlineHtml(super::map_relative_urls(html, raw_urls.expect("just checked")).into())
        }
        other => other.clone(),
    });
    let mut out = String::new();
    html::push_html(&mut out, mapped);
    out
}

/// A heading's opening tag, with its (escaped) id and classes.
fn heading_open(level: HeadingLevel, id: &str, classes: &[CowStr<'_>]) -> String {
    let mut open = format!("<h{} id=\"{id}\"", heading_number(level));
    if !classes.is_empty() {
        open.push_str(" class=\"");
        let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        escape_attr(&mut open, &joined.join(" "));
        open.push('"');
    }
    open.push('>');
    open
}

/// A heading's anchor link (to its `id`), labelled `label` as it is, and closing tag.
fn heading_close(level: HeadingLevel, id: &str, title: &str, label: &str) -> String {
    let mut escaped = String::new();
    escape_attr(&mut escaped, title);
    let (label, n) = (label.replace("{title}", &escaped), heading_number(level));
    format!(" <a class=\"anchor\" href=\"#{id}\" aria-label=\"{label}\">#</a></h{n}>\n")
}
