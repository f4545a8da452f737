//! How values read in lists and forms, in each language: dates and times (English keeps
//! the ISO order, French writes day/month/year), whole numbers (English `1,234`, French
//! `1 234` with a narrow no-break space) and one-decimal numbers (`12.5`, `12,5`).

use convene_types::i18n::Lang;

/// A local wall-clock time `YYYY-MM-DDTHH:MM` (or a date `YYYY-MM-DD`) as the language
/// writes it: `2026-06-01 09:30` or `01/06/2026 09:30`. Anything else is shown as it is.
pub fn local_time(lang: Lang, text: &str) -> String {
    let (date, time) = text.split_once('T').unwrap_or((text, ""));
    let date = match (lang, date.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Fr, [year, month, day]) => format!("{day}/{month}/{year}"),
        _ => date.to_string(),
    };
    match time {
        "" => date,
        time => format!("{date} {time}"),
    }
}

/// An RFC 3339 UTC timestamp (`2026-01-01T09:30:00.000Z`) to the minute, marked UTC.
pub fn timestamp(lang: Lang, text: &str) -> String {
    match text.get(..16) {
        Some(minutes) if text.ends_with('Z') => format!("{} UTC", local_time(lang, minutes)),
        _ => local_time(lang, text),
    }
}

/// A whole number with the language's thousands separator.
pub fn count(lang: Lang, n: impl Into<i64>) -> String {
    let n = n.into();
    let digits = n.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// A number written with one decimal (`one_decimal` text such as `12.5`) with the
/// language's decimal mark.
pub fn decimal(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Fr => text.replacen('.', ",", 1),
    }
}

/// "First Last", or the email when the names are empty.
pub fn person(first: &str, last: &str, email: &str) -> String {
    let name = format!("{} {}", first.trim(), last.trim());
    match name.trim() {
        "" => email.to_string(),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_in_each_language() {
        assert_eq!(local_time(Lang::En, "2026-06-01T09:30"), "2026-06-01 09:30");
        assert_eq!(local_time(Lang::Fr, "2026-06-01T09:30"), "01/06/2026 09:30");
        assert_eq!(local_time(Lang::Fr, "2026-06-01"), "01/06/2026");
        assert_eq!(local_time(Lang::Fr, "soon"), "soon");
        assert_eq!(
            timestamp(Lang::En, "2026-01-01T09:30:00.000Z"),
            "2026-01-01 09:30 UTC"
        );
        assert_eq!(
            timestamp(Lang::Fr, "2026-01-01T09:30:00.000Z"),
            "01/01/2026 09:30 UTC"
        );
    }

    #[test]
    fn numbers_read_in_each_language() {
        assert_eq!(count(Lang::En, 0), "0");
        assert_eq!(count(Lang::En, 999), "999");
        assert_eq!(count(Lang::En, 1234), "1,234");
        assert_eq!(count(Lang::En, -1_234_567), "-1,234,567");
        assert_eq!(count(Lang::Fr, 50_000), "50\u{202f}000");
        assert_eq!(decimal(Lang::En, "12.5"), "12.5");
        assert_eq!(decimal(Lang::Fr, "12.5"), "12,5");
    }
}
