//! Dates as feeds, sitemaps and readers want them.

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

pub fn display_date(d: &Datetime) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match d.date {
        Some(date) => {
            let month = MONTHS
                .get(usize::from(date.month).saturating_sub(1))
                .unwrap_or(&"");
            format!("{} {month} {}", date.day, date.year)
        }
        None => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_display_in_words() {
        let d: Datetime = "2026-04-07".parse().unwrap();
        assert_eq!(display_date(&d), "7 April 2026");
        assert_eq!(iso_date(&d), "2026-04-07");
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
