//! What a word is to search: tokenizing, case and accent folding, stop words and stemming.
//! The client (`assets/search-engine.js`) does exactly the same to queries and to the text it marks; a
//! unit test keeps the tables equal and the browser suite compares both sides' output over a
//! word list of more than 10,000 words.
//!
//! - Words are runs of Unicode letters and digits; Han, Hiragana and Katakana characters are
//!   words of their own (those scripts do not separate words with spaces).
//! - A word is lowercased, decomposed (NFD) and stripped of combining marks, so `Café` is
//!   `cafe`; final sigma is folded to sigma.
//! - Its stem comes from the Snowball stemmer of the book's language (English and Spanish: the
//!   client carries a port of each, applied like here to folded words); other languages are
//!   matched by folded words and prefixes, without stems.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest indexed word, in characters (longer runs are noise: hashes, base64).
pub const MAX_WORD: usize = 40;

/// Words too common to be worth indexing (English; the client drops them from queries too).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my",
    "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Spanish words too common to be worth indexing, folded (`más` is `mas`).
pub const STOP_WORDS_ES: &[&str] = &[
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar",
    "estas", "este", "esto", "estos", "fue", "ha", "han", "hasta", "hay", "he", "la", "las", "le",
    "les", "lo", "los", "mas", "me", "mi", "mis", "mucho", "muchos", "muy", "nada", "ni", "no",
    "nos", "nosotros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por",
    "porque", "que", "quien", "quienes", "se", "ser", "si", "sin", "sobre", "son", "su", "sus",
    "tambien", "te", "ti", "tiene", "tienen", "todo", "todos", "tu", "tus", "un", "una", "uno",
    "unos", "y", "ya", "yo",
];

/// German words too common to be worth indexing, folded (`für` is `fur`).
pub const STOP_WORDS_DE: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
    "andere", "anderem", "anderen", "anderer", "anderes", "auch", "auf", "aus", "bei", "beim",
    "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den", "der", "des", "dich",
    "die", "dir", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines",
    "er", "es", "euch", "euer", "fur", "hat", "hatte", "hier", "ich", "ihm", "ihn", "ihr", "im",
    "in", "ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes", "kann", "kein", "keine",
    "man", "mein", "mich", "mir", "mit", "muss", "nach", "nicht", "noch", "nun", "nur", "ob",
    "oder", "ohne", "sehr", "sein", "sich", "sie", "sind", "so", "soll", "sondern", "uber", "um",
    "und", "uns", "unser", "vom", "von", "vor", "war", "waren", "was", "weil", "welche", "wenn",
    "wer", "werden", "wie", "wieder", "will", "wir", "wird", "wo", "zu", "zum", "zur", "zwischen",
];

/// The stop words of a language: Spanish's and German's for those, English's for every other
/// (as before languages had their own).
pub fn stop_words(language: &str) -> &'static [&'static str] {
    match language.split(['-', '_']).next().unwrap_or("") {
        l if l.eq_ignore_ascii_case("es") => STOP_WORDS_ES,
        l if l.eq_ignore_ascii_case("de") => STOP_WORDS_DE,
        _ => STOP_WORDS,
    }
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

/// A word as the index stores it: lowercased, accents removed.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.to_lowercase()
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| if c == 'ς' { 'σ' } else { c })
            .collect(),
    )
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
        Stems(stemmer_language(language).map(Stemmer::create))
    }

    /// The language code the client needs to stem queries the same way, if any.
    pub fn code(language: &str) -> Option<&'static str> {
        stemmer_language(language).map(|a| match a {
            Algorithm::Spanish => "es",
            Algorithm::German => "de",
            _ => "en",
        })
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

/// The languages whose stemmer the client has a port of.
fn stemmer_language(language: &str) -> Option<Algorithm> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "en" => Some(Algorithm::English),
        "es" => Some(Algorithm::Spanish),
        "de" => Some(Algorithm::German),
        _ => None,
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
            (
                "<img src=x onerror=alert(1)>",
                vec!["img", "src", "onerror", "alert", "1"],
            ),
        ] {
            assert_eq!(words(text, "en"), want, "{text}");
        }
    }

    #[test]
    fn english_spanish_and_german_stem_and_other_languages_do_not() {
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
        assert_eq!(Stems::for_language("fr").stem("apologizing"), "apologizing");
        assert_eq!(Stems::code("EN"), Some("en"));
        assert_eq!(Stems::code("es-MX"), Some("es"));
        assert_eq!(Stems::code("de"), Some("de"));
        assert_eq!(Stems::code("fr"), None);
        let de = Stems::for_language("de");
        assert_eq!(de.stem("fuhrungskrafte"), de.stem("fuhrungskraft"));
        assert_eq!(de.stem("bedurfnissen"), "bedurfnis");
    }

    #[test]
    fn client_uses_the_same_tables() {
        let client = include_str!("../../themes/default/static/assets/search-engine.js");
        for (lo, hi) in SINGLE_CHAR_RANGES {
            let range = format!("\\u{{{lo:X}}}-\\u{{{hi:X}}}");
            assert!(client.contains(&range), "search-engine.js lacks {range}");
        }
        for (lang, list) in [
            ("en", STOP_WORDS),
            ("es", STOP_WORDS_ES),
            ("de", STOP_WORDS_DE),
        ] {
            let start = client
                .find(&format!("{lang}: new Set(["))
                .unwrap_or_else(|| panic!("search-engine.js has no stop words for {lang}"));
            let table = &client[start..start + client[start..].find("])").unwrap()];
            let quoted: Vec<String> = list.iter().map(|w| format!("\"{w}\"")).collect();
            assert_eq!(
                table.matches('"').count(),
                2 * list.len(),
                "{lang}: same number of words"
            );
            for q in quoted {
                assert!(
                    table.contains(&q),
                    "search-engine.js lacks {lang} stop word {q}"
                );
            }
        }
        assert!(client.contains(&format!("MAX_WORD = {MAX_WORD}")));
    }
}
