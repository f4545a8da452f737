//! Keeping a webinar provider in step with registrations: the retry policy of the
//! delivery, what the provider tells back (attendance), and the health figures an
//! administrator sees on a webinar configuration.

use crate::prelude::*;
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

/// Whether an event starting at `start` (local, `YYYY-MM-DDTHH:MM`) in a zone that is
/// `offset_minutes` ahead of UTC has started at `now_ms` (milliseconds since the epoch).
/// Attendance is pulled only for webinars that have started. An unreadable start has not.
pub fn has_started(start: &str, offset_minutes: i32, now_ms: f64) -> bool {
    let Some(local) = crate::event::parse_local(start) else {
        return false;
    };
    let Ok(offset) = time::UtcOffset::from_whole_seconds(offset_minutes.saturating_mul(60)) else {
        return false;
    };
    let starts_ms = local.assume_offset(offset).unix_timestamp() as f64 * 1000.0;
    starts_ms <= now_ms
}

/// Minutes ahead of UTC from a `GMT+01:00` / `GMT-09:30` / `GMT` zone name (what
/// `Intl.DateTimeFormat` gives for `timeZoneName: "longOffset"`).
pub fn gmt_offset_minutes(name: &str) -> Option<i32> {
    let rest = name.trim().strip_prefix("GMT")?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = digits.split_once(':').unwrap_or((digits, "0"));
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
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

/// A registration at the webinar of one of its sessions (a session with a webinar of its
/// own): what the provider answered, and later the attendance it reported.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SessionWebinar {
    pub session_id: String,
    pub registrant_id: Option<String>,
    pub join_url: Option<String>,
    pub attendance: Option<Attendance>,
}

/// `value` rounded half away from zero, as `f64::round` (std's, not core's) would: the
/// fraction `value - trunc` of a float is exact, so comparing it with one half is too.
fn round_half_away(value: f64) -> i64 {
    let trunc = value as i64;
    match value - trunc as f64 {
        fraction if fraction >= 0.5 => trunc + 1,
        fraction if fraction <= -0.5 => trunc - 1,
        _ => trunc,
    }
}

/// An engagement score as people read it, one decimal at most: `7.5` → "7.5", `7.0` →
/// "7", `6.66` → "6.7". Integer formatting only: Rust's float formatting adds kilobytes to
/// each WASM that uses it.
pub fn score_text(value: f64) -> String {
    let tenths = round_half_away(value * 10.0);
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    match tenth {
        0 => format!("{sign}{whole}"),
        t => format!("{sign}{whole}.{t}"),
    }
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

impl SyncHealth {
    /// The health over two sets of events: counts added, the later send and the later
    /// error (with its message) kept. Times are ISO 8601 in UTC, so they compare as text.
    pub fn merge(self, other: SyncHealth) -> SyncHealth {
        let (last_error, last_error_at) = if other.last_error_at > self.last_error_at {
            (other.last_error, other.last_error_at)
        } else {
            (self.last_error, self.last_error_at)
        };
        SyncHealth {
            counts: SyncCounts {
                pending: self.counts.pending + other.counts.pending,
                synced: self.counts.synced + other.counts.synced,
                failed: self.counts.failed + other.counts.failed,
            },
            last_error,
            last_error_at,
            last_sent_at: self.last_sent_at.max(other.last_sent_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_over_two_event_sets_adds_counts_and_keeps_the_latest_times() {
        let a = SyncHealth {
            counts: SyncCounts {
                pending: 1,
                synced: 2,
                failed: 0,
            },
            last_error: Some("older".into()),
            last_error_at: Some("2026-01-01T00:00:00Z".into()),
            last_sent_at: Some("2026-03-01T00:00:00Z".into()),
        };
        let b = SyncHealth {
            counts: SyncCounts {
                pending: 0,
                synced: 1,
                failed: 3,
            },
            last_error: Some("newer".into()),
            last_error_at: Some("2026-02-01T00:00:00Z".into()),
            last_sent_at: None,
        };
        let merged = a.clone().merge(b);
        assert_eq!(
            merged.counts,
            SyncCounts {
                pending: 1,
                synced: 3,
                failed: 3
            }
        );
        assert_eq!(merged.last_error.as_deref(), Some("newer"));
        assert_eq!(merged.last_sent_at, a.last_sent_at);
        assert_eq!(SyncHealth::default().merge(a.clone()), a);
    }

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
    fn a_webinar_has_started_once_its_local_start_has_passed_in_its_zone() {
        // 2026-06-01 14:30 in Paris (UTC+2 in June) is 12:30 UTC.
        let twelve_thirty_utc = 1_780_317_000_000.0;
        assert!(has_started("2026-06-01T14:30", 120, twelve_thirty_utc));
        assert!(!has_started(
            "2026-06-01T14:30",
            120,
            twelve_thirty_utc - 1.0
        ));
        // The same local time in New York (UTC-4) is four hours later.
        assert!(!has_started(
            "2026-06-01T14:30",
            -240,
            twelve_thirty_utc + 5.0 * 3_600_000.0
        ));
        assert!(has_started(
            "2026-06-01T14:30",
            -240,
            twelve_thirty_utc + 6.0 * 3_600_000.0
        ));
        assert!(!has_started("not a time", 0, f64::MAX));
    }

    #[test]
    fn scores_show_one_decimal_at_most() {
        assert_eq!(score_text(6.66), "6.7");
        assert_eq!(score_text(7.5), "7.5");
        assert_eq!(score_text(10.0), "10");
        assert_eq!(score_text(0.04), "0");
        assert_eq!(score_text(-1.25), "-1.3");
    }

    #[test]
    fn rounding_matches_std() {
        for i in -4000..4000 {
            // Quarters hit every half exactly; sevenths fall between.
            for value in [
                f64::from(i) / 4.0,
                f64::from(i) / 7.0,
                0.499_999_999_999_999_94,
            ] {
                assert_eq!(round_half_away(value), value.round() as i64, "{value}");
            }
        }
    }

    #[test]
    fn offsets_are_read_from_gmt_names() {
        assert_eq!(gmt_offset_minutes("GMT"), Some(0));
        assert_eq!(gmt_offset_minutes("GMT+02:00"), Some(120));
        assert_eq!(gmt_offset_minutes("GMT-09:30"), Some(-570));
        assert_eq!(gmt_offset_minutes("GMT+5"), Some(300));
        for bad in ["UTC", "GMT+", "GMT*01:00", "GMT+99:00", "GMT+01:75"] {
            assert_eq!(gmt_offset_minutes(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_policy_gives_an_outage_hours_before_failing() {
        let total: u64 = (1..MAX_ATTEMPTS)
            .map(|a| retry_delay_ms(a, None, 0.0))
            .sum();
        assert!(total > 4 * 60 * 60 * 1_000, "{total} ms");
    }
}
