//! What a word is to search: tokenizing, case and accent folding, stop words and stemming.
//! The client (`assets/search-engine.js`) does exactly the same to queries and to the text it marks; a
//! unit test keeps the tables equal and the browser suite compares both sides' output over a
//! word list of more than 10,000 words.
//!
//! - Words are runs of Unicode letters and digits; Han, Hiragana and Katakana characters are
//!   words of their own (those scripts do not separate words with spaces).
//! - A word is lowercased, decomposed (NFD) and stripped of combining marks, so `Café` is
//!   `cafe`; final sigma is folded to sigma. One letter keeps its mark: Cyrillic `и` directly
//!   followed by the combining breve (U+0306, as NFD writes `й` and `Й`) is `й`. In Russian,
//!   Ukrainian, Belarusian and Bulgarian `й` is a letter of its own, not an accented `и`, and
//!   Russian stemming needs it: folded to `и`, `новый` and `нового` would get different stems.
//!   Every other letter loses its marks: `ё` is `е` (Russian writes them interchangeably), `ў`
//!   is `у`, `ї` is `і`.
//! - Its stem comes from the Snowball stemmer of the book's language (English, Spanish, German,
//!   French, Italian, Portuguese, Dutch, Swedish and Russian: the client carries a port of each,
//!   applied like here to folded words); other languages are matched by folded words and
//!   prefixes, without stems.

use super::stops;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest indexed word, in characters (longer runs are noise: hashes, base64).
pub const MAX_WORD: usize = 40;

/// The languages whose words search knows, as the client does: code, Snowball stemmer and stop
/// words. English is built into the client (`assets/search-engine.js`); each other has a file of
/// its own in the theme, `assets/search-<code>.js`, with the same stop words and a port of the
/// stemmer (tested here and in the browser suite). A language not listed uses English's stop
/// words and no stemmer.
const LANGUAGES: &[(&str, Algorithm, &[&str])] = &[
    ("en", Algorithm::English, stops::EN),
    ("es", Algorithm::Spanish, stops::ES),
    ("de", Algorithm::German, stops::DE),
    ("pt", Algorithm::Portuguese, stops::PT),
    ("nl", Algorithm::Dutch, stops::NL),
    ("sv", Algorithm::Swedish, stops::SV),
    ("ru", Algorithm::Russian, stops::RU),
    ("fr", Algorithm::French, stops::FR),
    ("it", Algorithm::Italian, stops::IT),
];

/// The entry of [`LANGUAGES`] for a BCP 47 tag such as `en` or `es-MX`.
fn known(language: &str) -> Option<&'static (&'static str, Algorithm, &'static [&'static str])> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|(code, ..)| primary.eq_ignore_ascii_case(code))
}

/// The stop words of a language (English's for a language search does not know).
pub fn stop_words(language: &str) -> &'static [&'static str] {
    known(language).map_or(stops::EN, |l| l.2)
}

/// Characters that are words by themselves: CJK ideographs, Hiragana, Katakana.
pub const SINGLE_CHAR_RANGES: &[(u32, u32)] = &[
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
];

fn is_single(c: char) -> bool {
    let c = c as u32;
    SINGLE_CHAR_RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The combining breve: after Cyrillic `и` it makes `й`, which folding keeps.
const BREVE: char = '\u{306}';

/// A word as the index stores it: lowercased, accents removed, `й` kept (see the module docs).
pub fn fold(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    let mut folded = String::with_capacity(lower.len());
    let mut chars = lower.nfd().peekable();
    while let Some(c) = chars.next() {
        match c {
            'и' if chars.next_if_eq(&BREVE).is_some() => folded.push('й'),
            'ς' => folded.push('σ'),
            c if is_combining_mark(c) => {}
            c => folded.push(c),
        }
    }
    Cow::Owned(folded)
}

/// Whether a folded word is indexed: not a stop word, not too long, and at least two
/// characters unless it is a digit or a CJK character.
fn keep(w: &str, stops: &[&str]) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let len = 1 + chars.count();
    if len == 1 {
        return first.is_numeric() || is_single(first);
    }
    len <= MAX_WORD && !stops.contains(&w)
}

/// Calls `f` with each indexed word of `text`, folded: borrowed when it already was; `stops`
/// are the language's stop words ([`stop_words`]).
pub fn scan<'t>(text: &'t str, stops: &[&str], mut f: impl FnMut(Cow<'t, str>)) {
    let word = |raw: &'t str, f: &mut dyn FnMut(Cow<'t, str>)| {
        let w = fold(raw);
        if keep(&w, stops) {
            f(w);
        }
    };
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_single(c) {
            if let Some(s) = start.take() {
                word(&text[s..i], &mut f);
            }
            f(Cow::Borrowed(&text[i..i + c.len_utf8()]));
        } else if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            word(&text[s..i], &mut f);
        }
    }
    if let Some(s) = start {
        word(&text[s..], &mut f);
    }
}

/// The indexed words of `text` in `language`, folded, in order (with repeats).
pub fn words(text: &str, language: &str) -> Vec<String> {
    let mut out = Vec::new();
    scan(text, stop_words(language), |w| out.push(w.into_owned()));
    out
}

/// Stems words of one language; without a stemmer for it, a word is its own stem.
pub struct Stems(Option<Stemmer>);

impl Stems {
    /// The stemmer for a book's `language` (a BCP 47 tag such as `en` or `en-GB`).
    pub fn for_language(language: &str) -> Stems {
        Stems(known(language).map(|l| Stemmer::create(l.1)))
    }

    /// The language code the client needs to stem queries the same way, if any.
    pub fn code(language: &str) -> Option<&'static str> {
        known(language).map(|l| l.0)
    }

    /// The stem of a folded word.
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        match &self.0 {
            // Numbers and CJK characters are not English words.
            Some(s) if word.chars().any(char::is_alphabetic) => s.stem(word),
            _ => Cow::Borrowed(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_table() {
        for (text, want) in [
            ("Ask the quiet voice", vec!["ask", "quiet", "voice"]),
            ("Don't stop—café OK?", vec!["don", "stop", "cafe", "ok"]),
            (
                "ÉCOLE École naïve Ærø",
                vec!["ecole", "ecole", "naive", "ærø"],
            ),
            ("ΣΟΦΟΣ σοφός", vec!["σοφοσ", "σοφοσ"]),
            ("领导力 is 小さな", vec!["领", "导", "力", "小", "さ", "な"]),
            ("2026 x 7", vec!["2026", "7"]),
            // `й` is a letter of its own, `ё` is `е` with a mark.
            ("Йогурт ёлка ЙОД", vec!["йогурт", "елка", "йод"]),
            (
                "<img src=x onerror=alert(1)>",
                vec!["img", "src", "onerror", "alert", "1"],
            ),
        ] {
            assert_eq!(words(text, "en"), want, "{text}");
        }
    }

    /// Cyrillic `й` is kept however it is written (precomposed, upper case or decomposed), and
    /// only after `и`: the same breve leaves `ў` as `у`.
    #[test]
    fn fold_keeps_short_i() {
        for (word, want) in [
            ("й", "й"),
            ("Й", "й"),
            ("и\u{306}", "й"),
            ("И\u{306}\u{306}", "й"),
            ("ёЁ", "ее"),
            ("ўї", "уі"),
            ("и\u{301}", "и"),
            ("ĭ", "i"),
        ] {
            assert_eq!(fold(word), want, "{word}");
        }
    }

    #[test]
    fn known_languages_stem_and_other_languages_do_not() {
        let en = Stems::for_language("en-GB");
        for (word, stem) in [
            ("apologizing", "apolog"),
            ("apologized", "apolog"),
            ("leadership", "leadership"),
            ("volunteers", "volunt"),
            ("2026", "2026"),
            ("领", "领"),
        ] {
            assert_eq!(en.stem(word), stem, "{word}");
        }
        assert_eq!(Stems::for_language("ja").stem("apologizing"), "apologizing");
        assert_eq!(Stems::code("EN"), Some("en"));
        assert_eq!(Stems::code("es-MX"), Some("es"));
        assert_eq!(Stems::code("de"), Some("de"));
        assert_eq!(Stems::code("pt-BR"), Some("pt"));
        assert_eq!(Stems::code("nl-BE"), Some("nl"));
        assert_eq!(Stems::code("fr-CA"), Some("fr"));
        assert_eq!(Stems::code("it"), Some("it"));
        assert_eq!(Stems::code("ja"), None);
        let de = Stems::for_language("de");
        assert_eq!(de.stem("fuhrungskrafte"), de.stem("fuhrungskraft"));
        assert_eq!(de.stem("bedurfnissen"), "bedurfnis");
        // Portuguese and Dutch stem folded words: `ações` is `acoes`.
        let pt = Stems::for_language("pt-BR");
        assert_eq!(pt.stem("perguntas"), pt.stem("pergunta"));
        assert_eq!(pt.stem("acoes"), "aco");
        assert_eq!(pt.stem("liderancas"), "lideranc");
        let nl = Stems::for_language("nl");
        assert_eq!(nl.stem("vrijwilligers"), nl.stem("vrijwilliger"));
        assert_eq!(nl.stem("leiderschap"), "leiderschap");
        assert_eq!(nl.stem("vragen"), "vrag");
        let sv = Stems::for_language("sv-SE");
        assert_eq!(sv.stem("ledarskapen"), "ledarskap");
        assert_eq!(sv.stem("fragorna"), sv.stem("fraga"));
        let ru = Stems::for_language("ru");
        assert_eq!(ru.stem("вопросами"), "вопрос");
        assert_eq!(ru.stem("красивого"), "красив");
        // `й` survives folding, so the algorithm's endings with it apply: `новый` meets
        // `нового` (folded to `новыи`, it stemmed to `новы`), and `музей` loses `-ей` as `музею`
        // loses `-ею`. `музея` keeps `музе` with either folding: Snowball has no ending `-ея`.
        assert_eq!(ru.stem(&fold("новый")), "нов");
        assert_eq!(ru.stem(&fold("нового")), "нов");
        assert_eq!(ru.stem(&fold("музей")), "муз");
        assert_eq!(ru.stem(&fold("музею")), "муз");
        assert_eq!(ru.stem(&fold("музея")), "музе");
        assert_eq!(Stems::code("ru-RU"), Some("ru"));
        let fr = Stems::for_language("fr-CA");
        assert_eq!(fr.stem("questions"), fr.stem("question"));
        assert_eq!(fr.stem("heureuse"), "heureux");
        assert_eq!(fr.stem("chanterons"), "chant");
        let it = Stems::for_language("it");
        assert_eq!(it.stem("lavoratori"), it.stem("lavoratore"));
        assert_eq!(it.stem("mangiandolo"), "mang");
    }

    #[test]
    fn client_uses_the_same_tables() {
        let engine = include_str!("../../themes/default/static/assets/search-engine.js");
        for (lo, hi) in SINGLE_CHAR_RANGES {
            let range = format!("\\u{{{lo:X}}}-\\u{{{hi:X}}}");
            assert!(engine.contains(&range), "search-engine.js lacks {range}");
        }
        assert!(engine.contains(&format!("MAX_WORD = {MAX_WORD}")));
        for &(code, _, list) in LANGUAGES {
            let (file, client, open) = if code == "en" {
                (
                    "search-engine.js".to_string(),
                    engine,
                    "STOPS_EN = new Set([",
                )
            } else {
                let file = format!("search-{code}.js");
                let path = format!("static/assets/{file}");
                let (_, source) = crate::theme::DEFAULT_THEME
                    .iter()
                    .find(|(p, _)| *p == path)
                    .unwrap_or_else(|| panic!("the default theme has no {path}"));
                assert!(source.contains(&format!("languages.{code} = {{")), "{file}");
                (file, *source, "stops: [")
            };
            let start = client
                .find(open)
                .unwrap_or_else(|| panic!("{file} has no stop words"));
            let table = &client[start..start + client[start..].find(']').unwrap()];
            assert_eq!(
                table.matches('"').count(),
                2 * list.len(),
                "{file}: same number of stop words"
            );
            for w in list {
                assert!(table.contains(&format!("\"{w}\"")), "{file} lacks {w}");
            }
        }
    }
}
