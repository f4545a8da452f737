//! Field rules shared by every record type. Each returns the message shown next to the field.

use crate::prelude::*;
use serde_json::Value;

/// Longest URL accepted anywhere (what browsers and proxies reliably carry).
pub const MAX_URL_LEN: usize = 2048;

/// The message of [`single_line`].
pub const SINGLE_LINE: &str = "must be one line without control characters";

/// A link a page may follow for the reader (a webinar's join link from a provider):
/// web addresses only, never `javascript:` or `data:`. The address as given, or `None`.
pub fn web_link(url: &str) -> Option<&str> {
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (scheme.starts_with("https://") || scheme.starts_with("http://")).then_some(url)
}

/// The rule for every one-line text (names, titles, labels, choices, answers typed in a
/// one-line input): no control character (NUL, tab, CR, LF, DEL, C1) and no Unicode line
/// or paragraph separator. Multi-line texts (descriptions, biographies) use [`multi_line`].
pub fn single_line(text: &str) -> Result<(), String> {
    if text
        .chars()
        .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
    {
        Err(SINGLE_LINE.into())
    } else {
        Ok(())
    }
}

/// The message of [`multi_line`].
pub const MULTI_LINE: &str = "must not contain control characters other than line breaks and tabs";

/// The rule for every multi-line text (descriptions, biographies): line breaks (CR, LF) and
/// tabs are kept; every other control character (NUL, DEL, C1…) is refused.
pub fn multi_line(text: &str) -> Result<(), String> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Err(MULTI_LINE.into())
    } else {
        Ok(())
    }
}

/// A required, trimmed display name of at most `max` characters, on one line.
pub fn required_name(raw: &str, max: usize) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("is required".into());
    }
    if name.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    single_line(name)?;
    Ok(name.to_string())
}

/// The key two names are compared by: trimmed, inner whitespace collapsed, lower-cased.
pub fn name_key(name: &str) -> String {
    crate::text::lowercase(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// An absolute `https://` URL with a plausible host, no whitespace or control characters.
///
/// This is a validation rule, not a parser: the value is stored as typed (trimmed) and only
/// ever used as a link target or a base URL, so what matters is the scheme, a host, and
/// nothing a browser would interpret differently from what the administrator sees.
pub fn https_url(raw: &str) -> Result<String, String> {
    const MESSAGE: &str = "must be an https URL";
    let url = raw.trim();
    if url.is_empty() {
        return Err("is required".into());
    }
    if url.len() > MAX_URL_LEN {
        return Err(format!("must be at most {MAX_URL_LEN} characters"));
    }
    let Some(rest) = strip_prefix_ignore_case(url, "https://") else {
        return Err(MESSAGE.into());
    };
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(MESSAGE.into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err("must not contain a user name or password".into());
    }
    let (host, port) = split_host_port(authority).ok_or_else(|| MESSAGE.to_string())?;
    if !valid_host(host) {
        return Err(MESSAGE.into());
    }
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MESSAGE.into());
        }
        if port.parse::<u32>().map_or(true, |p| p == 0 || p > 65535) {
            return Err(MESSAGE.into());
        }
    }
    Ok(url.to_string())
}

/// Like [`https_url`], but an empty value is allowed (and stored as empty).
pub fn optional_https_url(raw: &str) -> Result<String, String> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        https_url(raw)
    }
}

/// An optional https URL that Convene itself calls (a provider's base service URL). It must
/// be plain ASCII, an internationalized host name in its `xn--` form: the worker's URL parser
/// is built without Unicode host support (see the workspace `Cargo.toml`, `idna_adapter`).
pub fn optional_service_url(raw: &str) -> Result<String, String> {
    let url = optional_https_url(raw)?;
    if url.is_ascii() {
        Ok(url)
    } else {
        Err("must be plain ASCII: write an internationalized host name in its xn-- form".into())
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(v6) = authority.strip_prefix('[') {
        let (inner, after) = v6.split_once(']')?;
        let ok = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
        if !ok {
            return None;
        }
        return match after {
            "" => Some((authority, None)),
            _ => Some((authority, Some(after.strip_prefix(':')?))),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port))),
        None => Some((authority, None)),
    }
}

fn valid_host(host: &str) -> bool {
    if host.starts_with('[') {
        return true; // checked by split_host_port
    }
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels.len() - 1;
    labels.iter().enumerate().all(|(i, label)| {
        // A single trailing dot ("example.com.") is a valid fully-qualified name.
        (label.is_empty() && i == last && i > 0)
            || (!label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-'))
    })
}

/// A whole number in `min..=max`, given as JSON (the API) or converted from form text
/// with [`number_from_text`] (the SPA).
pub fn integer_in_range(value: &Value, min: i64, max: i64) -> Result<i64, String> {
    let range = || format!("must be a whole number from {min} to {max}");
    match value {
        Value::Null => Err("is required".into()),
        Value::Number(n) => match n.as_i64() {
            Some(i) if (min..=max).contains(&i) => Ok(i),
            Some(_) => Err(range()),
            None if n.as_f64().is_some_and(|f| f % 1.0 == 0.0) => Err(range()),
            None => Err("must be a whole number".into()),
        },
        Value::String(s) if s.trim().is_empty() => Err("is required".into()),
        _ => Err("must be a whole number".into()),
    }
}

/// What a number typed into a form field means as JSON: empty is null, a JSON number is
/// that number, anything else stays text (and fails validation with a clear message).
///
/// The text is read by serde_json's number grammar, not by `str::parse::<f64>`, whose
/// correctly rounded parser brings its own tables (the SPA's WASM is 14.0 KB gzip smaller
/// for it, docs/benchmarks.md). So "+5", ".5" and "5." stay text, as they would in JSON.
pub fn number_from_text(text: &str) -> Value {
    let t = text.trim();
    if t.is_empty() {
        return Value::Null;
    }
    match serde_json::from_str::<serde_json::Number>(t) {
        Ok(n) => Value::Number(n),
        Err(_) => Value::String(t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_link_to_follow_is_a_web_address() {
        assert_eq!(web_link("https://x.example/j"), Some("https://x.example/j"));
        assert_eq!(web_link("HTTP://x.example/j"), Some("HTTP://x.example/j"));
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("data:text/html,x"), None);
        assert_eq!(web_link("http"), None);
    }

    #[test]
    fn one_line_texts_refuse_control_characters_and_line_separators() {
        assert_eq!(single_line("Ada Lovelace, Ltd. (UK) é 日本"), Ok(()));
        for bad in [
            "a\0b",
            "a\rb",
            "a\nb",
            "a\tb",
            "a\u{7f}",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{2029}",
        ] {
            assert_eq!(single_line(bad), Err(SINGLE_LINE.into()), "{bad:?}");
        }
        assert_eq!(required_name("Ada\nLovelace", 100), Err(SINGLE_LINE.into()));
    }

    #[test]
    fn multi_line_texts_keep_line_breaks_and_refuse_other_controls() {
        assert_eq!(
            multi_line("First line.\r\nSecond\tline.\n\u{2028}é 日本"),
            Ok(())
        );
        for bad in [
            "a\0b",
            "a\u{7}",
            "a\u{b}b",
            "a\u{c}b",
            "a\u{1b}[31m",
            "a\u{7f}",
            "a\u{85}b",
        ] {
            assert_eq!(multi_line(bad), Err(MULTI_LINE.into()), "{bad:?}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(required_name("  ON24 ", 100), Ok("ON24".into()));
        assert_eq!(required_name("", 100), Err("is required".into()));
        assert_eq!(required_name(" \t ", 100), Err("is required".into()));
        assert!(required_name(&"a".repeat(100), 100).is_ok());
        assert_eq!(
            required_name(&"a".repeat(101), 100),
            Err("must be at most 100 characters".into())
        );
        // Characters, not bytes: 100 accented letters are 200 bytes and still fine.
        assert!(required_name(&"é".repeat(100), 100).is_ok());
        assert!(required_name("a\u{0}b", 100).is_err());
    }

    #[test]
    fn name_keys_ignore_case_and_spacing() {
        assert_eq!(name_key("  My   Provider "), name_key("my provider"));
        assert_eq!(name_key("ON24"), name_key("on24"));
        assert_ne!(name_key("ON24"), name_key("ON 24"));
    }

    #[test]
    fn https_urls_are_accepted() {
        for ok in [
            "https://www.on24.com/legal/terms-of-service/",
            "https://api.on24.com/v2",
            "HTTPS://Example.COM",
            "https://example.com:8443/x?y=1#z",
            "https://[::1]:8443/",
            "https://bücher.example/",
            "  https://example.com  ",
        ] {
            assert!(https_url(ok).is_ok(), "{ok} should be accepted");
        }
        assert_eq!(
            https_url("  https://example.com ").as_deref(),
            Ok("https://example.com")
        );
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "",
            "http://example.com",
            "javascript:alert(1)",
            "JavaScript://example.com/%0aalert(1)",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://-bad.example",
            "https://user:pass@example.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://example.com:",
            "https://example..com",
            "https://example..com.",
            "https://.",
            "https:\\\\example.com",
            "ftp://example.com",
            "//example.com",
            "example.com",
        ] {
            assert!(https_url(bad).is_err(), "{bad:?} should be refused");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_LEN));
        assert!(https_url(&long).is_err());
    }

    #[test]
    fn optional_urls_may_be_empty() {
        assert_eq!(optional_https_url("  "), Ok(String::new()));
        assert!(optional_https_url("http://x.example").is_err());
    }

    #[test]
    fn service_urls_must_be_ascii() {
        assert_eq!(optional_service_url(""), Ok(String::new()));
        assert_eq!(
            optional_service_url("https://xn--bcher-kva.example/v2"),
            Ok("https://xn--bcher-kva.example/v2".to_string())
        );
        // A valid link (browsers take it), but not an address the worker can call.
        assert!(https_url("https://bücher.example/v2").is_ok());
        assert_eq!(
            optional_service_url("https://bücher.example/v2"),
            Err(
                "must be plain ASCII: write an internationalized host name in its xn-- form".into()
            )
        );
        assert!(optional_service_url("http://x.example").is_err());
    }

    #[test]
    fn integers_are_checked_against_the_range() {
        assert_eq!(integer_in_range(&json!(1), 1, 1440), Ok(1));
        assert_eq!(integer_in_range(&json!(1440), 1, 1440), Ok(1440));
        let range = Err("must be a whole number from 1 to 1440".to_string());
        assert_eq!(integer_in_range(&json!(0), 1, 1440), range);
        assert_eq!(integer_in_range(&json!(1441), 1, 1440), range);
        assert_eq!(integer_in_range(&json!(-5), 1, 1440), range);
        assert_eq!(integer_in_range(&json!(60.0), 1, 1440), range);
        let whole = Err("must be a whole number".to_string());
        assert_eq!(integer_in_range(&json!(60.5), 1, 1440), whole);
        assert_eq!(integer_in_range(&json!("sixty"), 1, 1440), whole);
        assert_eq!(integer_in_range(&json!(true), 1, 1440), whole);
        assert_eq!(integer_in_range(&json!([1]), 1, 1440), whole);
        assert_eq!(
            integer_in_range(&json!(null), 1, 1440),
            Err("is required".into())
        );
    }

    #[test]
    fn form_text_becomes_json() {
        assert_eq!(number_from_text(" 90 "), json!(90));
        assert_eq!(number_from_text("1.5"), json!(1.5));
        assert_eq!(number_from_text(""), Value::Null);
        assert_eq!(number_from_text("ninety"), json!("ninety"));
        assert_eq!(number_from_text("NaN"), json!("NaN"));
        assert_eq!(number_from_text("1e400"), json!("1e400"), "out of range");
        assert_eq!(number_from_text("-3"), json!(-3));
        assert_eq!(number_from_text("2e2"), json!(200.0));
        assert_eq!(number_from_text("+5"), json!("+5"), "not JSON");
        assert_eq!(
            integer_in_range(&number_from_text("12.5"), 1, 1440),
            Err("must be a whole number".into())
        );
    }
}
