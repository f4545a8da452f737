//! How values read in lists and forms.

/// A local wall-clock time `YYYY-MM-DDTHH:MM` as `YYYY-MM-DD HH:MM`.
pub fn local_time(text: &str) -> String {
    text.replacen('T', " ", 1)
}

/// An RFC 3339 UTC timestamp (`2026-01-01T09:30:00.000Z`) to the minute, marked UTC.
pub fn timestamp(text: &str) -> String {
    match text.get(..16) {
        Some(minutes) if text.ends_with('Z') => format!("{} UTC", local_time(minutes)),
        _ => local_time(text),
    }
}

pub use convene_types::custom::yes_no;

/// "First Last", or the email when the names are empty.
pub fn person(first: &str, last: &str, email: &str) -> String {
    let name = format!("{} {}", first.trim(), last.trim());
    match name.trim() {
        "" => email.to_string(),
        n => n.to_string(),
    }
}
