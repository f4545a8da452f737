//! Searching text without the standard library's substring searcher or slicing that can
//! panic, for the registration widget's size.
//!
//! The widget runs this crate's registration rules in WASM. A `str::find`/`split` with a
//! text pattern, a `contains` of a character, or a `&text[a..b]` that can panic brings
//! into its module the two-way searcher, the slicing error path, and through it the
//! formatting of characters and ranges with their Unicode tables: 5.2 KB of the widget's
//! gzip size, and only all of them together (one such call left keeps all of it). So the
//! rules the widget reaches search with these, and slice with `str::get`. Messages and
//! addresses are short: a plain scan is fast enough.

use crate::prelude::*;
/// The byte position of the first `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// The pieces of `text` between the `separator`s (like `str::split`).
pub fn split<'a>(text: &'a str, separator: &str) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = find(rest, separator).filter(|_| !separator.is_empty()) {
        pieces.push(rest.get(..at).unwrap_or_default());
        rest = rest.get(at + separator.len()..).unwrap_or_default();
    }
    pieces.push(rest);
    pieces
}

/// Whether `text` holds the ASCII character `byte`.
pub fn has_byte(text: &str, byte: u8) -> bool {
    text.bytes().any(|b| b == byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_finds_and_splits_as_the_standard_library_does() {
        for (haystack, needle) in [
            ("is required: {}", "{}"),
            ("a{}b{}", "{}"),
            ("", "x"),
            ("abc", ""),
            ("ééa", "a"),
            ("{}{}", "{}"),
        ] {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?}"
            );
            if !needle.is_empty() {
                let standard: Vec<&str> = haystack.split(needle).collect();
                assert_eq!(split(haystack, needle), standard, "{haystack:?}");
            }
        }
        assert_eq!(split("abc", ""), vec!["abc"]);
        assert!(has_byte("a@b", b'@'));
        assert!(!has_byte("ab", b'.'));
    }
}
