//! Whether a build step's output is still up to date: a stamp file beside it records what
//! the output was made from.

use std::path::Path;

use crate::Result;

/// What a build step's output was made from: the input's size and a hash of its bytes, and a
/// variant of the step. By content, not time: the worker's two scripts share cargo's output
/// path, so cargo relinks each in turn, to the same bytes when nothing changed.
fn source_stamp(input: &Path, variant: &str) -> Option<String> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(input).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(format!(
        "{} {:016x} {variant}",
        bytes.len(),
        hasher.finish()
    ))
}

/// True when the output recorded by `stamp` was made from `input` as it is now.
pub fn up_to_date(stamp: &Path, input: &Path, variant: &str) -> bool {
    let recorded = std::fs::read_to_string(stamp).ok();
    recorded.is_some() && recorded == source_stamp(input, variant)
}

pub fn write_stamp(stamp: &Path, input: &Path, variant: &str) -> Result {
    let text =
        source_stamp(input, variant).ok_or_else(|| format!("{}: no metadata", input.display()))?;
    std::fs::write(stamp, text).map_err(|e| format!("{}: {e}", stamp.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_holds_until_the_input_or_the_variant_changes() {
        let dir = std::env::temp_dir().join(format!("xtask-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (input, stamp) = (dir.join("in.wasm"), dir.join("out.stamp"));
        std::fs::write(&input, "one").expect("input");
        assert!(!up_to_date(&stamp, &input, ""), "no stamp yet");
        write_stamp(&stamp, &input, "").expect("stamp");
        assert!(up_to_date(&stamp, &input, ""));
        assert!(!up_to_date(&stamp, &input, "names"), "another variant");
        // Another size (cargo putting back an older artifact changes size or mtime).
        std::fs::write(&input, "other").expect("input");
        assert!(!up_to_date(&stamp, &input, ""));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
