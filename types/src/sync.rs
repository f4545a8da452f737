//! Keeping a webinar provider in step with registrations: the retry policy of the
//! delivery, what the provider tells back (attendance), and the health figures an
//! administrator sees on a webinar configuration.

use serde::{Deserialize, Serialize};

/// Attempts of one delivery before its registration is `failed`. With [`retry_delay_ms`]
/// the attempts span four and a half to nine hours of a provider being down.
pub const MAX_ATTEMPTS: u32 = 20;
/// The first retry waits about this long; each later one twice as long as the one before.
pub const FIRST_RETRY_MS: u64 = 1_000;
/// No retry waits longer than this (unless the provider asks for more with `Retry-After`).
pub const LONGEST_RETRY_MS: u64 = 60 * 60 * 1_000;
/// A delivery that cannot be sent yet (no webinar at the provider, integration off,
/// credentials refused) is looked at again after this long, or at once when an
/// administrator changes what stopped it.
pub const WAIT_MS: u64 = 60 * 60 * 1_000;

/// How long to wait before attempt `attempt + 1`, after `attempt` failed ones (1 or more).
///
/// Exponential backoff with "equal jitter": half the step is fixed, half is random
/// (`jitter` in `0.0..1.0`), so retries of many registrations after one outage spread out
/// instead of arriving together. A provider's `Retry-After` is a floor, never shortened.
pub fn retry_delay_ms(attempt: u32, retry_after_ms: Option<u64>, jitter: f64) -> u64 {
    let exponent = attempt.saturating_sub(1).min(32);
    let step = FIRST_RETRY_MS
        .saturating_mul(1u64 << exponent)
        .min(LONGEST_RETRY_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    let delay = step / 2 + ((step / 2) as f64 * jitter) as u64;
    delay.max(retry_after_ms.unwrap_or(0))
}

/// What a webinar provider reports of one registrant's attendance.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub attended: bool,
    pub live_minutes: u32,
    pub archive_minutes: u32,
    /// The provider's engagement score (ON24: 0 to 10), when it gives one.
    pub engagement_score: Option<f64>,
}

/// Registrations of a configuration's events by where they stand with its provider.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SyncCounts {
    /// Waiting to be sent, or sent without an answer yet.
    pub pending: u32,
    pub synced: u32,
    /// Given up after the last attempt, or refused by the provider: an administrator can
    /// retry them.
    pub failed: u32,
}

/// The integration's health on a webinar configuration: its counts, and the last error
/// and the last successful send over its events.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SyncHealth {
    pub counts: SyncCounts,
    pub last_error: Option<String>,
    pub last_error_at: Option<String>,
    pub last_sent_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_with_jitter_up_to_a_ceiling() {
        // Attempt 1 waits 0.5–1 s, attempt 2 1–2 s, attempt 3 2–4 s.
        assert_eq!(retry_delay_ms(1, None, 0.0), 500);
        assert_eq!(retry_delay_ms(1, None, 1.0), 1_000);
        assert_eq!(retry_delay_ms(2, None, 0.0), 1_000);
        assert_eq!(retry_delay_ms(3, None, 0.5), 3_000);
        // The step stops growing at an hour, and huge attempt numbers do not overflow.
        assert_eq!(retry_delay_ms(40, None, 1.0), LONGEST_RETRY_MS);
        assert_eq!(retry_delay_ms(u32::MAX, None, 0.0), LONGEST_RETRY_MS / 2);
        // Jitter outside 0..1 is clamped.
        assert_eq!(retry_delay_ms(1, None, 7.0), 1_000);
    }

    #[test]
    fn retry_after_is_a_floor() {
        assert_eq!(retry_delay_ms(1, Some(30_000), 0.3), 30_000);
        assert_eq!(retry_delay_ms(12, Some(1_000), 0.0), 1_024_000);
    }

    #[test]
    fn the_policy_gives_an_outage_hours_before_failing() {
        let total: u64 = (1..MAX_ATTEMPTS)
            .map(|a| retry_delay_ms(a, None, 0.0))
            .sum();
        assert!(total > 4 * 60 * 60 * 1_000, "{total} ms");
    }
}
