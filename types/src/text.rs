//! Unicode normalization, for comparing names and making slugs.
//!
//! Natively (tests, tools) it comes from the `unicode-normalization` crate. In WASM it comes
//! from the JavaScript host (`String.prototype.normalize`, `\p{M}`), whose ICU already holds
//! the Unicode tables: shipping a second copy (with a case-folding crate's) made the worker
//! 75.6 KB gzip bigger (docs/benchmarks.md). Both follow the Unicode standard's normalization
//! forms, which are stable for every assigned character, so both give the same answers; the
//! HTTP tests run the WASM side.
//!
//! Case mappings ([`lowercase`], [`fold_case`]) follow the same split: the standard
//! library's natively, the host's `toLowerCase`/`toUpperCase` in WASM. Both implement
//! Unicode's default full case mappings (with the final sigma rule), so they agree on every
//! character both Unicode versions assign. The standard library's tables cost 10.4 KB gzip
//! in the SPA, 10.0 in the API worker and 17.5 in the objects' script (docs/benchmarks.md).

use crate::prelude::*;
/// `text` in Normalization Form C (canonical composition).
pub fn nfc(text: &str) -> String {
    host::nfc(text)
}

/// `text` without its combining marks, after canonical decomposition ("Été" → "Ete").
pub fn strip_marks(text: &str) -> String {
    host::strip_marks(text)
}

/// `text` in lower case, as [`str::to_lowercase`] gives it.
pub fn lowercase(text: &str) -> String {
    host::lowercase(text)
}

/// A case-insensitive comparison key: lower case of the upper case of the lower case. It
/// equates everything Unicode's default case folding equates ("Straße" / "STRASSE",
/// "ẞ" / "ss", final and medial sigma, the Kelvin sign and "k"), which the tests check
/// character by character against the `caseless` crate; it also equates a few letters
/// that folding keeps apart, such as dotless "ı" and "i".
pub fn fold_case(text: &str) -> String {
    host::fold_case(text)
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use crate::prelude::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

    pub fn nfc(text: &str) -> String {
        text.nfc().collect()
    }

    pub fn strip_marks(text: &str) -> String {
        text.nfd().filter(|c| !is_combining_mark(*c)).collect()
    }

    pub fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }

    pub fn fold_case(text: &str) -> String {
        text.to_lowercase().to_uppercase().to_lowercase()
    }
}

#[cfg(target_arch = "wasm32")]
mod host {
    use crate::prelude::*;
    use js_sys::{JsString, RegExp};

    pub fn nfc(text: &str) -> String {
        JsString::from(text).normalize("NFC").into()
    }

    pub fn strip_marks(text: &str) -> String {
        let marks = RegExp::new(r"\p{M}", "gu");
        JsString::from(text)
            .normalize("NFD")
            .replace_by_pattern(&marks, "")
            .into()
    }

    pub fn lowercase(text: &str) -> String {
        JsString::from(text).to_lower_case().into()
    }

    pub fn fold_case(text: &str) -> String {
        JsString::from(text)
            .to_lower_case()
            .to_upper_case()
            .to_lower_case()
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_and_strip_marks_removes_accents() {
        assert_eq!(nfc("E\u{301}lodie"), "\u{c9}lodie");
        assert_eq!(strip_marks("\u{c9}t\u{e9} \u{f1}"), "Ete n");
        assert_eq!(
            strip_marks("Stra\u{df}e"),
            "Stra\u{df}e",
            "no mark to strip"
        );
    }

    #[test]
    fn fold_case_equates_all_that_default_case_folding_equates() {
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let folded: String = caseless::default_case_fold_str(&c.to_string());
            assert_eq!(
                fold_case(&c.to_string()),
                fold_case(&folded),
                "U+{:04X} and its case folding",
                c as u32
            );
            checked += 1;
        }
        assert!(checked > 1_000_000);
        assert_eq!(fold_case("Stra\u{df}e"), fold_case("STRASSE"));
        assert_eq!(fold_case("\u{1e9e}"), "ss");
        assert_ne!(fold_case("Elodie"), fold_case("\u{c9}lodie"));
    }
}
