//! The JSON path of the value at a position of a JSON text: `attendees[1].email`, `.` for
//! the whole document (the notation of `serde_path_to_error`).
//!
//! A type error from serde_json gives a line and column, not a field. Request bodies are
//! decoded plainly and, on a type error, this finds the field by reading the text up to that
//! position. Decoding through `serde_path_to_error` gave the same paths, but it wraps every
//! visitor of every input type: 15.3 KB gzip of the worker (docs/benchmarks.md).
//! The tests below check this against `serde_path_to_error` itself.

/// The path of the innermost value that contains byte `offset` of `text`, which must be
/// valid JSON up to `offset` (serde_json reports a type error only after reading the value).
/// A closing bracket belongs to its container, so a missing field names its object.
pub fn at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    // One frame per open container: the key or index of its member being read, if any.
    let mut stack: Vec<Member> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' => {
                i += 1;
                continue;
            }
            b'}' | b']' => {
                if start >= offset {
                    stack.pop();
                    return render(&stack);
                }
                stack.pop();
                // The container was its parent's member: an object expects its next key.
                if let Some(Member::Key(key)) = stack.last_mut() {
                    *key = None;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        // A key: a string where an object expects one.
        if let Some(Member::Key(key @ None)) = stack.last_mut() {
            let end = string_end(bytes, i);
            *key = Some(serde_json::from_str(&text[i..end]).unwrap_or_default());
            if end > offset {
                return render(&stack);
            }
            i = end;
            continue;
        }
        // A value: it is the next member of the container it is in.
        if let Some(Member::Index(index)) = stack.last_mut() {
            *index = Some(index.map_or(0, |n| n + 1));
        }
        let end = match bytes[i] {
            b'{' | b'[' => i + 1,
            b'"' => string_end(bytes, i),
            _ => scalar_end(bytes, i),
        };
        if end > offset {
            return render(&stack);
        }
        match bytes[i] {
            b'{' => stack.push(Member::Key(None)),
            b'[' => stack.push(Member::Index(None)),
            _ => {
                // The member is read: an object expects its next key.
                if let Some(Member::Key(key)) = stack.last_mut() {
                    *key = None;
                }
            }
        }
        i = end;
    }
    render(&stack)
}

/// What an open container is reading: an object's key, an array's index.
enum Member {
    Key(Option<String>),
    Index(Option<usize>),
}

fn render(stack: &[Member]) -> String {
    let mut path = String::new();
    for member in stack {
        match member {
            Member::Key(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Member::Index(Some(index)) => path.push_str(&format!("[{index}]")),
            Member::Key(None) | Member::Index(None) => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The end (exclusive) of the string that starts at `start` (its opening quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The end (exclusive) of the number or literal that starts at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r'
        )
    {
        i += 1;
    }
    i.max(start + 1)
}

/// The byte offset of serde_json's 1-based `line` and `column` (the last byte it read).
pub fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Attendee {
        email: String,
        seats: Option<u32>,
        tags: Vec<String>,
        kind: Kind,
        #[serde(default)]
        answers: Vec<Vec<bool>>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Person,
        Group { size: u32 },
    }

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Body {
        name: String,
        #[serde(default)]
        attendees: Vec<Attendee>,
        #[serde(default)]
        lead: Option<Attendee>,
        #[serde(default)]
        flag: bool,
    }

    /// serde_path_to_error's path and this module's, for a body that fails with a data error.
    fn both(text: &str) -> (String, String) {
        let de = &mut serde_json::Deserializer::from_str(text);
        let error = serde_path_to_error::deserialize::<_, Body>(de).expect_err(text);
        let expected = error.path().to_string();
        let inner = error.into_inner();
        assert!(inner.is_data(), "{text}: {inner}");
        let found = at(text, offset(text, inner.line(), inner.column()));
        (expected, found)
    }

    const ATTENDEE: &str = r#"{"email": "a@b.c", "seats": 1, "tags": ["x"], "kind": "person"}"#;

    #[test]
    fn agrees_with_serde_path_to_error() {
        let cases = [
            r#"{"name": 5}"#.to_string(),
            r#"{"name": {"a": [1, {"b": 2}]}}"#.into(),
            r#"{"name": [1, 2]}"#.into(),
            r#"{"name": "x", "flag": "yes"}"#.into(),
            r#"{"name": "x", "flag": null}"#.into(),
            r#"{"flag": true}"#.into(),
            r#"{}"#.into(),
            r#"{"name": "x", "attendees": {"email": "a"}}"#.into(),
            r#"{"name": "x", "attendees": [1]}"#.into(),
            r#"{"name": "x", "lead": {"email": "a\"}\\", "seats": -1, "tags": [], "kind": "person"}}"#.into(),
            r#"{"name": "x", "lead": {"email": "a", "seats": 1.5, "tags": [], "kind": "person"}}"#.into(),
            r#"{"name": "x", "lead": {"email": "a", "tags": [], "kind": "nobody"}}"#.into(),
            r#"{"name": "x", "lead": {"email": "a", "tags": [], "kind": {"group": {"size": "9"}}}}"#.into(),
            r#"{"name": "x", "lead": {"email": "a", "tags": [], "kind": "person", "answers": [[true], [false, 0]]}}"#.into(),
            r#"{"name": "x", "lead": {"email": "a", "tags": []}}"#.into(),
            "{\n  \"name\": \"é\",\n  \"lead\": {\"email\": true}\n}".into(),
            r#"{"ignored": {"deep": [1, {"x": "}"}]}, "name": "x", "flag": 2}"#.into(),
            r#"{"name": "x", "\u0066lag": 3}"#.into(),
            format!(r#"{{"name": "x", "attendees": [{ATTENDEE}, {ATTENDEE}, {{"email": 3}}]}}"#),
            format!(r#"{{"name": "x", "attendees": [{ATTENDEE}, {{"email": "a", "tags": ["ok", 7]}}]}}"#),
            format!(r#"{{"name": "x", "attendees": [{ATTENDEE}, {{"email": "a", "tags": []}}]}}"#),
            format!(r#"{{"name": "x", "attendees": [{ATTENDEE}], "lead": {ATTENDEE}, "flag": "no"}}"#),
        ];
        for text in &cases {
            let (expected, found) = both(text);
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn offsets_count_bytes_and_lines() {
        assert_eq!(offset("{\"a\": 1}", 1, 7), 6);
        assert_eq!(offset("{\n\"é\": 1}", 2, 7), 8);
    }

    #[test]
    fn the_root_and_keys() {
        assert_eq!(at(r#"{"a": 1}"#, 0), ".");
        assert_eq!(at(r#"{"a": 1}"#, 7), ".");
        assert_eq!(at(r#"{"a": 1}"#, 2), "a");
        assert_eq!(at(r#"{"a": [10, 20]}"#, 12), "a[1]");
        assert_eq!(at(r#"[{"a": 1}]"#, 7), "[0].a");
    }
}
