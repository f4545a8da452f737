//! An optional, per-isolate cache of the Events API's public read answers, for a bounded
//! window (`PUBLIC_READ_CACHE_MS`, off by default).
//!
//! Off (0), every public read asks the configuration store, so a change (publication, a
//! website table configuration, a rotated or deactivated token) shows on the next request
//! everywhere. On, an isolate answers a read it answered less than the window ago from
//! memory, without the Durable Object round trip: a change then shows within the window.
//! Only successful answers are kept, keyed by token hash, origin and route, so a cached
//! answer is only ever given to the credential and origin the store accepted for it.
//!
//! Plain Rust (times are passed in), so the rules are tested natively.

use std::collections::HashMap;
use std::rc::Rc;

/// The worker variable that sets the window, in milliseconds.
pub const WINDOW_VAR: &str = "PUBLIC_READ_CACHE_MS";
/// The largest window accepted, in milliseconds.
pub const WINDOW_MAX_MS: u32 = 60_000;
/// The most answer bytes one isolate keeps (the runtime gives an isolate 128 MB).
pub const CAPACITY_BYTES: usize = 8 << 20;

/// The window set by `value` (the variable's text; absent or empty is 0, off).
pub fn parse_window(value: Option<&str>) -> Result<u32, String> {
    let text = value.map(str::trim).unwrap_or("");
    if text.is_empty() {
        return Ok(0);
    }
    match text.parse::<u32>() {
        Ok(ms) if ms <= WINDOW_MAX_MS => Ok(ms),
        _ => Err(format!(
            "{WINDOW_VAR} must be a whole number of milliseconds from 0 to {WINDOW_MAX_MS}, not {text:?}"
        )),
    }
}

/// The cache key of a public read: the credential that was accepted for it and the route.
pub fn key(token_hash: &str, origin: Option<&str>, route: &[&str]) -> String {
    format!("{token_hash} {} {}", origin.unwrap_or("-"), route.join("/"))
}

struct Entry {
    body: Rc<str>,
    stored_at: f64,
}

/// Whether `entry` was stored less than `window_ms` before `now`; a clock that went back
/// counts as expired.
fn fresh(entry: &Entry, now: f64, window_ms: f64) -> bool {
    now >= entry.stored_at && now - entry.stored_at < window_ms
}

/// Answers kept for `window_ms`, at most [`CAPACITY_BYTES`] of them.
pub struct ReadCache {
    window_ms: f64,
    capacity: usize,
    bytes: usize,
    entries: HashMap<String, Entry>,
}

impl ReadCache {
    pub fn new(window_ms: u32) -> Self {
        Self::with_capacity(window_ms, CAPACITY_BYTES)
    }

    fn with_capacity(window_ms: u32, capacity: usize) -> Self {
        ReadCache {
            window_ms: f64::from(window_ms),
            capacity,
            bytes: 0,
            entries: HashMap::new(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.window_ms > 0.0
    }

    /// The answer stored for `key` less than the window before `now` (milliseconds).
    pub fn get(&self, key: &str, now: f64) -> Option<Rc<str>> {
        let entry = self.entries.get(key)?;
        fresh(entry, now, self.window_ms).then(|| entry.body.clone())
    }

    /// Keeps `body` for `key` from `now`. When the cache would grow past its capacity, the
    /// expired answers go first, then all the others.
    pub fn put(&mut self, key: String, body: Rc<str>, now: f64) {
        if !self.enabled() || body.len() > self.capacity {
            return;
        }
        if let Some(old) = self.entries.remove(&key) {
            self.bytes -= old.body.len();
        }
        if self.bytes + body.len() > self.capacity {
            let window = self.window_ms;
            self.entries.retain(|_, e| fresh(e, now, window));
            self.bytes = self.entries.values().map(|e| e.body.len()).sum();
            if self.bytes + body.len() > self.capacity {
                self.entries.clear();
                self.bytes = 0;
            }
        }
        self.bytes += body.len();
        self.entries.insert(
            key,
            Entry {
                body,
                stored_at: now,
            },
        );
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str) -> Rc<str> {
        s.into()
    }

    #[test]
    fn the_window_is_off_by_default_and_bounded() {
        assert_eq!(parse_window(None), Ok(0));
        assert_eq!(parse_window(Some(" ")), Ok(0));
        assert_eq!(parse_window(Some("1000")), Ok(1000));
        assert_eq!(parse_window(Some("60000")), Ok(60_000));
        for bad in ["60001", "-1", "1.5", "soon"] {
            let error = parse_window(Some(bad)).expect_err(bad);
            assert!(error.contains("PUBLIC_READ_CACHE_MS"), "{error}");
        }
    }

    #[test]
    fn an_answer_is_served_only_within_the_window() {
        let mut cache = ReadCache::new(1000);
        cache.put("k".into(), body("a"), 5000.0);
        assert_eq!(cache.get("k", 5000.0).as_deref(), Some("a"));
        assert_eq!(cache.get("k", 5999.0).as_deref(), Some("a"));
        assert_eq!(cache.get("k", 6000.0), None);
        assert_eq!(cache.get("k", 4999.0), None, "a clock that went back");
        assert_eq!(cache.get("other", 5000.0), None);
        cache.put("k".into(), body("b"), 6000.0);
        assert_eq!(cache.get("k", 6500.0).as_deref(), Some("b"));
        assert_eq!(cache.bytes(), 1);
    }

    #[test]
    fn a_zero_window_keeps_nothing() {
        let mut cache = ReadCache::new(0);
        assert!(!cache.enabled());
        cache.put("k".into(), body("a"), 0.0);
        assert_eq!(cache.get("k", 0.0), None);
        assert_eq!(cache.bytes(), 0);
    }

    #[test]
    fn keys_separate_credentials_origins_and_routes() {
        let keys = [
            key("h1", Some("https://a.example"), &["events", "published"]),
            key("h2", Some("https://a.example"), &["events", "published"]),
            key("h1", Some("https://b.example"), &["events", "published"]),
            key("h1", None, &["events", "published"]),
            key("h1", Some("https://a.example"), &["events", "e1"]),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn the_capacity_drops_expired_answers_first_then_all() {
        let mut cache = ReadCache::with_capacity(1000, 10);
        cache.put("old".into(), body("1234"), 0.0);
        cache.put("new".into(), body("1234"), 900.0);
        // 8 bytes kept; 4 more at 1500: "old" has expired and goes, "new" stays.
        cache.put("third".into(), body("1234"), 1500.0);
        assert_eq!(cache.get("old", 1500.0), None);
        assert_eq!(cache.get("new", 1500.0).as_deref(), Some("1234"));
        assert_eq!(cache.bytes(), 8);
        // Still too big with nothing expired: everything goes.
        cache.put("big".into(), body("123456"), 1600.0);
        assert_eq!(cache.get("new", 1600.0), None);
        assert_eq!(cache.get("big", 1600.0).as_deref(), Some("123456"));
        assert_eq!(cache.bytes(), 6);
        // An answer larger than the whole capacity is not kept.
        cache.put("huge".into(), body("12345678901"), 1600.0);
        assert_eq!(cache.get("huge", 1600.0), None);
        assert_eq!(cache.bytes(), 6);
    }
}
