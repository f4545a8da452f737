//! Sign-in rules: constant-time password check and the per-address failure limit.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Failed sign-ins allowed per client address within [`WINDOW_MS`]; the next is refused.
pub const MAX_FAILURES: usize = 5;
pub const WINDOW_MS: f64 = 60_000.0;

/// Compares secrets in time independent of where they differ (and of their lengths:
/// both sides are hashed to 32 bytes first).
pub fn secret_matches(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    bool::from(a.ct_eq(&b))
}

/// The failure times still inside the window at `now` (milliseconds since the epoch).
pub fn recent(failures: &[f64], now: f64) -> Vec<f64> {
    failures
        .iter()
        .copied()
        .filter(|t| now - t < WINDOW_MS)
        .collect()
}

/// `Err(seconds to wait)` when `recent` failures already reach the limit.
pub fn allowed(recent: &[f64], now: f64) -> Result<(), u64> {
    if recent.len() < MAX_FAILURES {
        return Ok(());
    }
    let oldest = recent.iter().copied().fold(f64::INFINITY, f64::min);
    let wait_ms = (oldest + WINDOW_MS - now).max(1000.0);
    Err((wait_ms / 1000.0).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_exactly() {
        assert!(secret_matches("correct horse", "correct horse"));
        assert!(!secret_matches("correct horse", "correct horse "));
        assert!(!secret_matches("", "x"));
        assert!(!secret_matches("Correct horse", "correct horse"));
    }

    #[test]
    fn five_failures_a_minute_then_wait() {
        let now = 1_000_000.0;
        let four = [now - 50_000.0, now - 40_000.0, now - 1.0, now - 2.0];
        assert_eq!(allowed(&four, now), Ok(()));
        let five = [
            now - 50_000.0,
            now - 40_000.0,
            now - 3.0,
            now - 1.0,
            now - 2.0,
        ];
        assert_eq!(allowed(&five, now), Err(10));
        // Failures older than a minute no longer count.
        let stale = [
            now - 61_000.0,
            now - 70_000.0,
            now - 1.0,
            now - 2.0,
            now - 3.0,
        ];
        assert_eq!(recent(&stale, now).len(), 3);
        assert_eq!(allowed(&recent(&stale, now), now), Ok(()));
    }
}
