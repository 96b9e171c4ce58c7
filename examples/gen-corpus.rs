//! Generates a deterministic benchmark corpus: a handbook project with N word-salad examples, ten
//! long concept chapters, the eight acts and their section pages, and optionally the same content
//! as a Hugo site, so both generators can be timed on identical Markdown.
//!
//! ```text
//! cargo run --release --example gen-corpus -- N DIR [--hugo HUGO_DIR] [--minimal]
//! handbook build --root DIR
//! cd HUGO_DIR && hugo
//! ```
//!
//! Two corpora share one project shape (book.toml, the acts as the relation collection, twenty
//! tags); our side is always rendered by the default theme:
//!
//! - The repo's corpus (the default): examples of about 210 words, chapters of about 4,000 words,
//!   and Hugo layouts that render what our theme renders (site navigation with every chapter and
//!   act, cards with dates, context, description and tags in every listing).
//! - `--minimal`: the minimal-chrome corpus of the performance issue. Examples of about 280
//!   words, chapters of about 3,000 words with exactly eight `##` sections, and Hugo layouts with
//!   as little around the content as a site can have: a one-line nav of the chapters; on a page
//!   its title, contributor and date, content, act and tag links, previous and next; and plain
//!   lists of links on section, act and tag pages. Hugo paginates nothing, so its examples page
//!   lists every example.
//!
//! The same N and flags always give byte-identical files. Text is drawn from a fixed word list by a
//! splitmix64 generator seeded per page, so a page never depends on the order pages are written
//! in, and example `i` is the same whatever N is. Every internal link points at a file that
//! exists (an example only links to a lower-numbered one), so a correct build reports nothing.
//!
//! The Hugo copy differs only where Hugo needs it to: links are `relref` shortcodes, and the acts
//! are the terms of an `acts` taxonomy (`content/acts/<slug>/_index.md`, `acts = [...]` in each
//! example) so that, as in our build, each act's page lists its examples.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus N DIR [--hugo HUGO_DIR] [--minimal]";
const SEED: u64 = 0x6861_6e64_626f_6f6b;
const TITLE: &str = "The Benchmark Handbook";
const CHAPTERS: usize = 10;
/// About 800 words.
const ACT_BYTES: usize = 4_400;

/// The sizes that set one corpus apart from the other; everything else is shared.
#[derive(Clone, Copy)]
struct Shape {
    /// Paragraph text of one example, links and list excluded.
    example_body_bytes: usize,
    chapter_bytes: usize,
    /// `Some(n)`: exactly n `##` sections share `chapter_bytes`; `None`: sections are added
    /// until the chapter is `chapter_bytes` long.
    chapter_sections: Option<usize>,
}

/// The repo's corpus: examples of about 210 words (files of about 1.8 KB with front matter) and
/// chapters of about 4,000 words.
const REPO: Shape = Shape {
    example_body_bytes: 1_140,
    chapter_bytes: 27_000,
    chapter_sections: None,
};

/// The minimal-chrome corpus: examples of about 280 words (files of about 2.3 KB) and chapters of
/// about 3,000 words in eight `##` sections.
const MINIMAL: Shape = Shape {
    example_body_bytes: 1_710,
    chapter_bytes: 21_000,
    chapter_sections: Some(8),
};

const ACTS: [(&str, &str); 8] = [
    ("ask-the-quiet-voice", "Ask the quiet voice"),
    ("meet-anger-with-kindness", "Meet anger with kindness"),
    ("own-the-problem", "Own the problem"),
    ("share-the-credit", "Share the credit"),
    ("go-against-the-room", "Go against the room"),
    ("give-careful-feedback", "Give careful feedback"),
    ("ask-the-unasked-question", "Ask the unasked question"),
    ("set-up-and-clean-up", "Set up and clean up"),
];
const CONTEXTS: [&str; 5] = ["work", "school", "home", "community", "online"];
/// Twenty tags, separated by spaces.
const TAGS: &str = "meetings mistakes feedback conflict credit family volunteering teaching \
    customer-service remote-work onboarding decisions safety events students neighbors \
    engineering healthcare retail sports";
/// Ordinary lowercase words; titles, slugs and TOML strings rely on them being plain letters.
const WORDS: &str = "able about above across after afternoon again agree ahead almost alone \
    along already always among animal answer apple april area arrive asked autumn away baker \
    balance basket beach became before began behind believe bench better between bicycle bird \
    blanket board boat book borrow bottle bread bridge bright bring brother brought budget build \
    busy cabinet calendar call calm camera candle careful carry castle chair change chapter \
    choose city class clean clear clock close cloud coffee cold colleague common corner counter \
    country course cousin cover crowd cup curtain dance daughter decide deep desk dinner door \
    double draft drawer dream drive early earth easy edge either empty engine enough evening \
    every exactly explain fair family farm fast father feather field final finger finish first \
    floor flower follow forest forget fresh friend front garden gather gentle gift glass good \
    grass great green group guest half hall hammer handle happen harbor heavy helpful hidden \
    highway hill history holiday honest hope hour house hundred idea island jacket journey \
    kettle kind kitchen ladder lake lamp language large later laugh lesson letter library light \
    listen little lunch machine market meadow meeting middle minute mirror moment monday morning \
    mother mountain music narrow nearly neighbor never night noise normal notebook notice number \
    ocean office often orange order outside paper parent party patient pencil people perhaps \
    picture piece planet plate pocket polite quiet question quick rain reason remember repair \
    report river road room rough round ruler sailor salad sandwich school season second shadow \
    shelf shift short shoulder simple sister slowly small smile soft soup spring square stairs \
    station steady stone story street student summer sunday supper table teacher ticket together \
    tomorrow tonight towel tower train travel tree trouble tuesday umbrella uncle under usual \
    valley village visit voice wagon waiting walk wall warm watch water weather window winter \
    wonder wooden worker yellow yesterday young";

/// Independent random streams, so each kind of page can be generated on its own.
const STREAM_TITLE: u64 = 1;
const STREAM_EXAMPLE: u64 = 2;
const STREAM_CHAPTER: u64 = 3;
const STREAM_ACT: u64 = 4;
const STREAM_SECTION: u64 = 5;

/// splitmix64: tiny, fast and well mixed, which is all a corpus needs.
struct Rng(u64);

impl Rng {
    fn new(stream: u64, index: usize) -> Rng {
        Rng(SEED
            ^ stream.wrapping_mul(0xA076_1D64_78BD_642F)
            ^ (index as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// Word-salad Markdown from one random stream.
struct Text<'w> {
    rng: Rng,
    words: &'w [&'w str],
}

impl<'w> Text<'w> {
    fn new(words: &'w [&'w str], stream: u64, index: usize) -> Self {
        Text {
            rng: Rng::new(stream, index),
            words,
        }
    }

    fn word(&mut self) -> &'w str {
        self.words[self.rng.below(self.words.len())]
    }

    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }

    fn title(&mut self, lo: usize, hi: usize) -> String {
        capitalize(&self.phrase(lo, hi))
    }

    /// A sentence without markup, for front matter and list items.
    fn plain(&mut self, lo: usize, hi: usize) -> String {
        format!("{}.", self.title(lo, hi))
    }

    /// A sentence with the occasional emphasis, strong emphasis, code span and comma.
    fn sentence(&mut self, out: &mut String) {
        let n = self.rng.range(7, 18);
        for k in 0..n {
            if k > 0 {
                let comma = k + 1 < n && self.rng.one_in(12);
                out.push_str(if comma { ", " } else { " " });
            }
            let w = self.word();
            let w = if k == 0 { capitalize(w) } else { w.to_string() };
            match self.rng.below(40) {
                0 | 1 => out.push_str(&format!("*{w}*")),
                2 => out.push_str(&format!("**{w}**")),
                3 => out.push_str(&format!("`{w}`")),
                _ => out.push_str(&w),
            }
        }
        out.push(if self.rng.one_in(10) { '?' } else { '.' });
    }

    /// Sentences until the paragraph is about `bytes` long; the caller ends the paragraph.
    fn paragraph(&mut self, out: &mut String, bytes: usize) {
        let start = out.len();
        while out.len() - start < bytes {
            if out.len() > start {
                out.push(' ');
            }
            self.sentence(out);
        }
    }

    fn list(&mut self, out: &mut String, ordered: bool) {
        for k in 1..=self.rng.range(3, 5) {
            let item = self.plain(3, 9);
            if ordered {
                out.push_str(&format!("{k}. {item}\n"));
            } else {
                out.push_str(&format!("- {item}\n"));
            }
        }
        out.push('\n');
    }

    fn quote(&mut self, out: &mut String) {
        out.push_str("> ");
        self.paragraph(out, 160);
        out.push_str("\n\n");
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Which generator the Markdown is written for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Handbook,
    Hugo,
}

impl Flavor {
    /// The link destination from a page in section folder `from` to content file `to`.
    fn href(self, from: &str, to: &str) -> String {
        match self {
            Flavor::Handbook if from.is_empty() => to.to_string(),
            Flavor::Handbook => match to.strip_prefix(from).and_then(|r| r.strip_prefix('/')) {
                Some(rest) => rest.to_string(),
                None => format!("../{to}"),
            },
            Flavor::Hugo => {
                let page = to.strip_suffix("/_index.md").unwrap_or(to);
                let page = page.strip_suffix(".md").unwrap_or(page);
                format!("{{{{< relref \"/{page}\" >}}}}")
            }
        }
    }

    /// Where an act's file lives: in Hugo it is the content of its taxonomy term.
    fn act_path(self, slug: &str) -> String {
        match self {
            Flavor::Handbook => format!("acts/{slug}.md"),
            Flavor::Hugo => format!("acts/{slug}/_index.md"),
        }
    }
}

fn front_matter(title: &str, description: &str, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndescription = \"{description}\"\n{extra}+++\n\n")
}

/// File names and titles of every linkable page, fixed before any page is written.
struct Corpus<'w> {
    words: &'w [&'w str],
    shape: Shape,
    /// `(content-relative path, title)` of each example, index 0 being example 1.
    examples: Vec<(String, String)>,
    chapters: Vec<(String, String)>,
}

impl<'w> Corpus<'w> {
    fn new(words: &'w [&'w str], n: usize, shape: Shape) -> Self {
        // Chapters draw their titles from the far end of the title stream, clear of the examples.
        let named = |dir: &str, stem: String, index: usize, lo, hi| {
            let title = Text::new(words, STREAM_TITLE, index).title(lo, hi);
            let slug = title
                .to_lowercase()
                .split(' ')
                .take(3)
                .collect::<Vec<_>>()
                .join("-");
            (format!("{dir}/{stem}-{slug}.md"), title)
        };
        Corpus {
            words,
            shape,
            examples: (1..=n)
                .map(|i| named("examples", format!("example-{i:05}"), i, 4, 8))
                .collect(),
            chapters: (1..=CHAPTERS)
                .map(|c| named("concept", format!("chapter-{c:02}"), usize::MAX - c, 3, 6))
                .collect(),
        }
    }

    /// Hands every content file to `emit` as (content-relative path, Markdown), one at a time.
    fn each_page(
        &self,
        flavor: Flavor,
        mut emit: impl FnMut(&str, &str) -> Result<(), String>,
    ) -> Result<(), String> {
        let sections = [
            ("_index.md", "", TITLE),
            ("concept/_index.md", "weight = 1\n", "The concept"),
            ("acts/_index.md", "weight = 2\n", "The eight acts"),
            ("examples/_index.md", "weight = 3\n", "Examples"),
        ];
        for (k, (rel, extra, title)) in sections.into_iter().enumerate() {
            emit(rel, &self.section(flavor, k, rel, extra, title))?;
        }
        for (c, (rel, _)) in self.chapters.iter().enumerate() {
            emit(rel, &self.chapter(flavor, c))?;
        }
        for (a, (slug, _)) in ACTS.iter().enumerate() {
            emit(&flavor.act_path(slug), &self.act(flavor, a))?;
        }
        for (i, (rel, _)) in self.examples.iter().enumerate() {
            emit(rel, &self.example(flavor, i))?;
        }
        Ok(())
    }

    fn section(&self, flavor: Flavor, k: usize, rel: &str, extra: &str, title: &str) -> String {
        let mut t = Text::new(self.words, STREAM_SECTION, k);
        let mut out = front_matter(title, &t.plain(10, 20), extra);
        let from = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        t.paragraph(&mut out, 600);
        out.push_str("\n\n## Where to go next\n\n");
        let targets = [
            ("the concept", "concept/_index.md"),
            ("the eight acts", "acts/_index.md"),
            ("the examples", "examples/_index.md"),
            ("the first chapter", &self.chapters[0].0),
        ];
        for (label, to) in targets.iter().filter(|(_, to)| *to != rel) {
            out.push_str(&format!("- Read [{label}]({}).\n", flavor.href(from, to)));
        }
        out.push('\n');
        t.paragraph(&mut out, 400);
        out.push('\n');
        out
    }

    fn chapter(&self, flavor: Flavor, c: usize) -> String {
        let mut t = Text::new(self.words, STREAM_CHAPTER, c);
        let extra = format!("weight = {}\n", c + 1);
        let mut out = front_matter(&self.chapters[c].1, &t.plain(12, 22), &extra);
        t.paragraph(&mut out, 700);
        out.push_str("\n\n");
        let bytes = self.shape.chapter_bytes;
        match self.shape.chapter_sections {
            None => {
                while out.len() < bytes {
                    self.section_start(&mut t, &mut out);
                    for _ in 0..t.rng.range(2, 3) {
                        self.subsection(flavor, &mut t, c, &mut out);
                    }
                }
            }
            Some(sections) => {
                // Each section ends where its share of the chapter does, after one subsection
                // at least, so the chapter has exactly `sections` sections and about `bytes`.
                let (start, share) = (out.len(), bytes.saturating_sub(out.len()) / sections);
                for s in 1..=sections {
                    self.section_start(&mut t, &mut out);
                    loop {
                        self.subsection(flavor, &mut t, c, &mut out);
                        if out.len() >= start + s * share {
                            break;
                        }
                    }
                }
            }
        }
        out
    }

    /// A chapter's `##` heading and its opening paragraph.
    fn section_start(&self, t: &mut Text<'_>, out: &mut String) {
        out.push_str(&format!("## {}\n\n", t.title(2, 5)));
        t.paragraph(out, 500);
        out.push_str("\n\n");
    }

    /// A chapter's `###` subsection: paragraphs, perhaps a list or a quote, and a link.
    fn subsection(&self, flavor: Flavor, t: &mut Text<'_>, c: usize, out: &mut String) {
        out.push_str(&format!("### {}\n\n", t.title(2, 5)));
        t.paragraph(out, 600);
        out.push_str("\n\n");
        match t.rng.below(4) {
            0 => t.list(out, false),
            1 => t.list(out, true),
            2 => t.quote(out),
            _ => {}
        }
        t.paragraph(out, 500);
        out.push_str(&format!(" {}\n\n", self.chapter_link(flavor, t, c)));
    }

    /// A sentence linking a chapter to an act, another chapter or an example.
    fn chapter_link(&self, flavor: Flavor, t: &mut Text<'_>, c: usize) -> String {
        let (to, label) = match t.rng.below(3) {
            0 => {
                let (slug, title) = ACTS[t.rng.below(ACTS.len())];
                (format!("acts/{slug}.md"), title.to_string())
            }
            1 => self.chapters[(c + 1 + t.rng.below(CHAPTERS - 1)) % CHAPTERS].clone(),
            _ => self.examples[t.rng.below(self.examples.len())].clone(),
        };
        format!("See [{label}]({}).", flavor.href("concept", &to))
    }

    fn act(&self, flavor: Flavor, a: usize) -> String {
        const HEADINGS: [&str; 5] = [
            "What it looks like",
            "Why it matters",
            "Try it this week",
            "Where it goes wrong",
            "Questions to take away",
        ];
        let mut t = Text::new(self.words, STREAM_ACT, a);
        let extra = format!("weight = {}\n", a + 1);
        let mut out = front_matter(ACTS[a].1, &t.plain(10, 18), &extra);
        let part = ACT_BYTES / (HEADINGS.len() + 1);
        t.paragraph(&mut out, part);
        out.push_str("\n\n");
        for (h, heading) in HEADINGS.iter().enumerate() {
            out.push_str(&format!("## {heading}\n\n"));
            t.paragraph(&mut out, part / 2);
            out.push_str("\n\n");
            if h == 2 || h == 4 {
                t.list(&mut out, h == 2);
            }
            t.paragraph(&mut out, part / 2);
            out.push_str("\n\n");
        }
        let (other, title) = ACTS[(a + 1) % ACTS.len()];
        let chapter = flavor.href("acts", &self.chapters[a % CHAPTERS].0);
        let other = flavor.href("acts", &format!("acts/{other}.md"));
        let read = &self.chapters[a % CHAPTERS].1;
        let title = title.to_lowercase();
        out.push_str(&format!(
            "For the thinking behind this act, read [{read}]({chapter}). \
             It pairs well with [{title}]({other}).\n"
        ));
        out
    }

    fn example(&self, flavor: Flavor, i: usize) -> String {
        let mut t = Text::new(self.words, STREAM_EXAMPLE, i);
        let (act, act_title) = ACTS[t.rng.below(ACTS.len())];
        let context = CONTEXTS[t.rng.below(CONTEXTS.len())];
        let pool: Vec<&str> = TAGS.split_whitespace().collect();
        let mut tags = Vec::new();
        let want = t.rng.range(1, 3);
        while tags.len() < want {
            let tag = format!("\"{}\"", pool[t.rng.below(pool.len())]);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let (year, month, day) = (
            2020 + t.rng.below(6),
            t.rng.range(1, 12),
            t.rng.range(1, 28),
        );
        let act_field = match flavor {
            Flavor::Handbook => format!("act = \"{act}\""),
            Flavor::Hugo => format!("acts = [\"{act}\"]"),
        };
        let extra = format!(
            "date = {year}-{month:02}-{day:02}\n{act_field}\ncontributor = \"Benchmark corpus\"\n\
             context = \"{context}\"\ntags = [{}]\n",
            tags.join(", ")
        );
        let mut out = front_matter(&self.examples[i].1, &t.plain(12, 22), &extra);

        let paragraphs = t.rng.range(4, 7);
        let list_after = t.rng.one_in(3).then(|| t.rng.below(paragraphs));
        let act_in = t.rng.below(paragraphs);
        let other_in = t.rng.below(paragraphs);
        let budget = self.shape.example_body_bytes / paragraphs;
        for p in 0..paragraphs {
            let bytes = t.rng.range(budget * 3 / 4, budget);
            t.paragraph(&mut out, bytes);
            if p == act_in {
                let href = flavor.href("examples", &format!("acts/{act}.md"));
                let label = act_title.to_lowercase();
                out.push_str(&format!(
                    " Looking back, it was my attempt to [{label}]({href})."
                ));
            }
            if p == other_in && i > 0 {
                let (to, title) = &self.examples[t.rng.below(i)];
                let href = flavor.href("examples", to);
                out.push_str(&format!(" It reminded me of [{title}]({href})."));
            }
            out.push_str("\n\n");
            if list_after == Some(p) {
                t.list(&mut out, false);
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

const BOOK_TOML: &str = r#"[book]
title = "The Benchmark Handbook"
description = "A generated corpus for timing builds; the text is deliberately meaningless."
language = "en"

[build]
content = "content"
output = "public"
theme = "default"
"#;

/// Output kinds match ours: home, sections, pages, the tags list and per-tag pages, the acts
/// (as taxonomy terms) and a 404 page; no feeds or sitemap, which we do not produce either.
const HUGO_TOML: &str = r#"baseURL = "http://localhost/"
title = "The Benchmark Handbook"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
tag = "tags"
act = "acts"
"#;

/// The repo corpus's layouts, close to what our theme renders: head, nav of the top-level
/// sections with every chapter and act, main, footer; cards with title, date, context,
/// description and tags; prev/next within a section.
const HUGO_LAYOUTS: [(&str, &str); 9] = [
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<nav aria-label="Handbook contents"><ul>
<li><a href="{{ "/" | relURL }}">Home</a></li>
{{ range slice "/concept" "/acts" }}{{ with site.GetPage . }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></li>
{{ end }}{{ end }}
{{ with site.GetPage "/examples" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><a href="{{ "/tags/" | relURL }}">Tags</a></li>
</ul></nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ partial "meta.html" . }}
{{ .Content }}
<nav aria-label="Previous and next pages">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
</article>{{ end }}
"#,
    ),
    (
        "layouts/_default/taxonomy.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>
{{ end }}</ul>
</article>{{ end }}
"#,
    ),
    (
        "layouts/_default/term.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<p>{{ len .Pages }} pages, newest first.</p>
<ul>{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
</article>{{ end }}
"#,
    ),
    (
        "layouts/index.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Description }}</li>
{{ end }}</ul>
</article>{{ end }}
"#,
    ),
    (
        "layouts/404.html",
        r#"{{ define "main" }}<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Back to the start</a></p>{{ end }}
"#,
    ),
    (
        "layouts/partials/card.html",
        r#"<li>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "meta.html" . }}
<p>{{ .Description }}</p>
</li>
"#,
    ),
    (
        "layouts/partials/meta.html",
        r#"{{ if not .Date.IsZero }}<p>
{{ with .Params.context }}{{ . }} · {{ end }}
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}
</p>{{ end }}
"#,
    ),
];

/// The minimal-chrome corpus's layouts: a one-line nav of the chapters; on a page its title,
/// contributor and date, content, act and tag links, prev/next; everywhere else (home, sections,
/// the tags and acts lists, each tag and act) the content, if any, and a plain list of links.
const HUGO_MINIMAL_LAYOUTS: [(&str, &str); 4] = [
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
</head>
<body>
<nav>{{ with site.GetPage "/concept" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.contributor }}<p>{{ . }}{{ if not $.Date.IsZero }}, <time datetime="{{ $.Date.Format "2006-01-02" }}">{{ $.Date.Format "2 January 2006" }}</time>{{ end }}</p>{{ end }}
{{ .Content }}
{{ with .GetTerms "acts" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ with .GetTerms "tags" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
<p>{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "layouts/404.html",
        r#"{{ define "main" }}<h1>Page not found</h1>{{ end }}
"#,
    ),
];

struct Args {
    n: usize,
    dir: PathBuf,
    hugo: Option<PathBuf>,
    minimal: bool,
}

/// `Ok(None)` means help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut positional = Vec::new();
    let mut hugo = None;
    let mut minimal = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--hugo" => hugo = Some(PathBuf::from(args.next().ok_or("--hugo needs a folder")?)),
            "--minimal" => minimal = true,
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            _ => positional.push(arg),
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional)
        .map_err(|p| format!("expected two arguments, N and DIR, got {}", p.len()))?;
    let n = match n.parse::<usize>() {
        Ok(n) if n > 0 => n,
        _ => return Err(format!("N must be a whole number of at least 1, got `{n}`")),
    };
    let dir = PathBuf::from(dir);
    if hugo.as_ref() == Some(&dir) {
        return Err("DIR and HUGO_DIR must be different folders".into());
    }
    Ok(Some(Args {
        n,
        dir,
        hugo,
        minimal,
    }))
}

/// Refuses to mix generated files with anything already there.
fn ensure_empty(dir: &Path) -> Result<(), String> {
    match fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            Some(_) => Err(format!(
                "{} exists and is not empty; choose a new or empty folder",
                dir.display()
            )),
            None => Ok(()),
        },
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read {}: {e}", dir.display())),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes one project and returns how many Markdown files and bytes it holds.
fn write_project(
    corpus: &Corpus<'_>,
    flavor: Flavor,
    root: &Path,
    files: &[(&str, &str)],
) -> Result<(usize, usize), String> {
    for (rel, text) in files {
        write_file(&root.join(rel), text)?;
    }
    let (mut count, mut bytes) = (0, 0);
    let content = root.join("content");
    corpus.each_page(flavor, |rel, text| {
        count += 1;
        bytes += text.len();
        write_file(&content.join(rel), text)
    })?;
    Ok((count, bytes))
}

fn run(args: &Args) -> Result<(), String> {
    ensure_empty(&args.dir)?;
    if let Some(hugo) = &args.hugo {
        ensure_empty(hugo)?;
    }
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let (shape, layouts) = match args.minimal {
        false => (REPO, &HUGO_LAYOUTS[..]),
        true => (MINIMAL, &HUGO_MINIMAL_LAYOUTS[..]),
    };
    let corpus = Corpus::new(&words, args.n, shape);

    let (count, bytes) = write_project(
        &corpus,
        Flavor::Handbook,
        &args.dir,
        &[("book.toml", BOOK_TOML)],
    )?;
    println!(
        "wrote {count} Markdown files ({bytes} bytes, {} examples) into {}",
        args.n,
        args.dir.display()
    );
    if let Some(hugo) = &args.hugo {
        let files: Vec<_> = [("hugo.toml", HUGO_TOML)]
            .into_iter()
            .chain(layouts.iter().copied())
            .collect();
        let (count, bytes) = write_project(&corpus, Flavor::Hugo, hugo, &files)?;
        println!(
            "wrote {count} Markdown files ({bytes} bytes) as a Hugo site into {}",
            hugo.display()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen-corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen-corpus: error: {message}");
            ExitCode::FAILURE
        }
    }
}
