//! `application/x-www-form-urlencoded` bodies and query strings, and the registrant fields read
//! from them.

pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Name/value pairs in order (`+` and `%XX` decoded; invalid UTF-8 replaced).
pub fn parse(input: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(input).into_owned().collect()
}

/// The last value of `name` (exact name), as ON24's forms would keep it.
pub fn last<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The last value of `name`, ignoring the name's case (for `isDeleted`, `honorrequired`...).
pub fn last_ignore_case<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A `Y`/`N` flag (case-insensitive). `Ok(None)` when absent.
pub fn yes_no(name: &str, value: Option<&str>) -> Result<Option<bool>, String> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(v) if v.eq_ignore_ascii_case("Y") => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case("N") => Ok(Some(false)),
        Some(v) => Err(format!("{name} must be Y or N, not {v:?}")),
    }
}

/// Whether a `Content-Type` header value names a form body (parameters like charset allowed).
pub fn is_form(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case(FORM_CONTENT_TYPE))
}

/// A plausible email: one `@`, something on both sides, a dot in the domain, no spaces.
/// (ON24's own validation rules are unknown; this is what `honorvalidation=Y` checks here.)
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode_in_order() {
        let pairs = parse(b"email=ada%40example.com&firstname=Ada+B&company=A%26B&x=1&x=2&empty=");
        assert_eq!(
            pairs,
            [
                ("email", "ada@example.com"),
                ("firstname", "Ada B"),
                ("company", "A&B"),
                ("x", "1"),
                ("x", "2"),
                ("empty", ""),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!(last(&pairs, "x"), Some("2"));
        assert_eq!(last(&pairs, "Email"), None);
        assert_eq!(last_ignore_case(&pairs, "EMAIL"), Some("ada@example.com"));
        assert!(parse(b"").is_empty());
        assert_eq!(parse("prénom=Zoé".as_bytes())[0].1, "Zoé");
    }

    #[test]
    fn yes_no_flags() {
        assert_eq!(yes_no("honorrequired", None), Ok(None));
        assert_eq!(yes_no("honorrequired", Some("Y")), Ok(Some(true)));
        assert_eq!(yes_no("honorrequired", Some("n")), Ok(Some(false)));
        assert!(yes_no("honorrequired", Some("yes")).is_err());
    }

    #[test]
    fn content_types_and_emails() {
        assert!(is_form(Some("application/x-www-form-urlencoded")));
        assert!(is_form(Some(
            "Application/X-WWW-Form-Urlencoded; charset=UTF-8"
        )));
        assert!(!is_form(Some("application/json")));
        assert!(!is_form(None));
        assert!(plausible_email("ada@example.com"));
        for bad in [
            "ada",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "a@b@c.d",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
