//! Dates as feeds, sitemaps and readers want them; readers get them in the site's language.

use crate::theme::{Strings, fill, keys, word};
use toml::value::Datetime;

/// An ISO date or a TOML date-time as RFC 3339 (dates become midnight UTC).
pub fn rfc3339(iso: &str) -> String {
    match iso.len() {
        10 => format!("{iso}T00:00:00Z"),
        _ if iso.ends_with('Z') || iso[10..].contains(['+', '-']) => iso.replace(' ', "T"),
        _ => format!("{}Z", iso.replace(' ', "T")),
    }
}

pub fn iso_date(d: &Datetime) -> String {
    match d.date {
        Some(date) => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
        None => d.to_string(),
    }
}

/// How dates are written for readers, in the site's language: the theme's `date_format` with
/// `{day}`, `{month}` and `{year}` (`{day} de {month} de {year}`), and its month names
/// `month_1` to `month_12`. Feeds and sitemaps keep machine dates ([`rfc3339`]).
pub struct DateStyle<'a> {
    format: &'a str,
    months: [&'a str; 12],
}

impl<'a> DateStyle<'a> {
    pub fn new(strings: &'a Strings) -> Self {
        DateStyle {
            format: word(strings, keys::DATE_FORMAT),
            months: keys::MONTHS.map(|key| word(strings, key)),
        }
    }

    /// `6 January 2026` in English; a date-time shows as it is written.
    pub fn display(&self, d: &Datetime) -> String {
        let Some(date) = d.date else {
            return d.to_string();
        };
        let month = self
            .months
            .get(usize::from(date.month).saturating_sub(1))
            .unwrap_or(&"");
        let (day, year) = (date.day.to_string(), date.year.to_string());
        fill(
            self.format,
            &[("day", &day), ("month", month), ("year", &year)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(format: &str, months: [&str; 12]) -> Strings {
        let mut strings = Strings::new();
        strings.insert(keys::DATE_FORMAT.into(), format.into());
        for (key, name) in keys::MONTHS.iter().zip(months) {
            strings.insert((*key).into(), name.into());
        }
        strings
    }

    #[test]
    fn dates_display_in_the_languages_words() {
        let d: Datetime = "2026-04-07".parse().unwrap();
        assert_eq!(iso_date(&d), "2026-04-07");
        let months = |april: &'static str| {
            let mut m = [""; 12];
            m[3] = april;
            m
        };
        let table = [
            ("{day} {month} {year}", "April", "7 April 2026"),
            ("{day} de {month} de {year}", "abril", "7 de abril de 2026"),
            ("{day}. {month} {year}", "April", "7. April 2026"),
            ("{month} {day}, {year}", "April", "April 7, 2026"),
            // A month name is not read as a placeholder, nor is an unknown one.
            ("{day} {month} {era}", "{year}", "7 {year} {era}"),
        ];
        for (format, april, want) in table {
            let strings = style(format, months(april));
            assert_eq!(DateStyle::new(&strings).display(&d), want, "{format}");
        }
    }

    #[test]
    fn built_in_languages_write_dates_their_way() {
        let d: Datetime = "2026-01-06".parse().unwrap();
        let sources = crate::theme::DEFAULT_THEME
            .iter()
            .filter_map(|(path, text)| {
                let lang = path.strip_prefix("strings/")?.strip_suffix(".toml")?;
                let source = crate::theme::StringsSource {
                    shown: (*path).into(),
                    text: (*text).into(),
                };
                Some((lang.to_string(), source))
            })
            .collect();
        let diags = crate::diagnostics::Diagnostics::new();
        for (lang, want) in [
            ("en", "6 January 2026"),
            ("es", "6 de enero de 2026"),
            ("de", "6. Januar 2026"),
        ] {
            let strings = crate::theme::strings_for(&sources, lang, &diags);
            assert_eq!(DateStyle::new(&strings).display(&d), want);
        }
        assert!(diags.into_sorted().is_empty());
    }

    #[test]
    fn rfc3339_table() {
        assert_eq!(rfc3339("2026-04-07"), "2026-04-07T00:00:00Z");
        assert_eq!(rfc3339("2026-04-07 10:00:00"), "2026-04-07T10:00:00Z");
        assert_eq!(
            rfc3339("2026-04-07T10:00:00+02:00"),
            "2026-04-07T10:00:00+02:00"
        );
    }
}
