//! Registrations per day, for the event's chart: how many were made each day, by the
//! status they have now. Days are UTC calendar days of `created_at`; every day from the
//! first to the last is listed, those without a registration at zero, so that a chart's
//! bars stand at even steps.

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::RegistrationStatus;
use crate::event::parse_local;

/// The registrations made on one day, by their status now.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct DailyCount {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub confirmed: u32,
    pub waitlisted: u32,
    pub cancelled: u32,
}

impl DailyCount {
    pub fn total(&self) -> u32 {
        self.confirmed + self.waitlisted + self.cancelled
    }
}

/// Most days a chart covers: a longer span keeps its last days (a registration period
/// longer than a year reads better as a list than as bars).
pub const DAYS_MAX: usize = 366;

/// The days from the first to the last of `counted` (a day, a status and how many), each
/// with its counts. A day that is not `YYYY-MM-DD` is left out.
pub fn per_day(counted: &[(String, RegistrationStatus, u32)]) -> Vec<DailyCount> {
    let dated: Vec<(Date, RegistrationStatus, u32)> = counted
        .iter()
        .filter_map(|(day, status, n)| Some((parse_day(day)?, *status, *n)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.0).min(),
        dated.iter().map(|d| d.0).max(),
    ) else {
        return Vec::new();
    };
    let span = (last - first).whole_days() as usize + 1;
    let start = if span > DAYS_MAX {
        last - Duration::days(DAYS_MAX as i64 - 1)
    } else {
        first
    };
    let mut days: Vec<DailyCount> = (0..span.min(DAYS_MAX))
        .map(|i| DailyCount {
            day: day_text(start + Duration::days(i as i64)),
            ..DailyCount::default()
        })
        .collect();
    for (date, status, n) in dated {
        let Ok(i) = usize::try_from((date - start).whole_days()) else {
            continue;
        };
        if let Some(day) = days.get_mut(i) {
            match status {
                RegistrationStatus::Confirmed => day.confirmed += n,
                RegistrationStatus::Waitlisted => day.waitlisted += n,
                RegistrationStatus::Cancelled => day.cancelled += n,
            }
        }
    }
    days
}

fn parse_day(day: &str) -> Option<Date> {
    if day.len() != 10 {
        return None;
    }
    parse_local(&[day, "T00:00"].concat()).map(|t| t.date())
}

fn day_text(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use RegistrationStatus::{Cancelled, Confirmed, Waitlisted};

    fn row(day: &str, status: RegistrationStatus, n: u32) -> (String, RegistrationStatus, u32) {
        (day.to_string(), status, n)
    }

    #[test]
    fn every_day_from_the_first_to_the_last_is_listed() {
        let days = per_day(&[
            row("2026-06-03", Confirmed, 2),
            row("2026-05-31", Confirmed, 1),
            row("2026-06-03", Cancelled, 1),
            row("2026-06-03", Waitlisted, 4),
            row("not a day", Confirmed, 9),
        ]);
        let listed: Vec<(&str, u32, u32, u32)> = days
            .iter()
            .map(|d| (d.day.as_str(), d.confirmed, d.waitlisted, d.cancelled))
            .collect();
        assert_eq!(
            listed,
            [
                ("2026-05-31", 1, 0, 0),
                ("2026-06-01", 0, 0, 0),
                ("2026-06-02", 0, 0, 0),
                ("2026-06-03", 2, 4, 1),
            ]
        );
        assert_eq!(days[3].total(), 7);
        assert!(per_day(&[]).is_empty());
    }

    #[test]
    fn a_long_span_keeps_its_last_days() {
        let days = per_day(&[
            row("2024-01-01", Confirmed, 1),
            row("2026-01-01", Confirmed, 3),
        ]);
        assert_eq!(days.len(), DAYS_MAX);
        assert_eq!(
            days.last().map(|d| (d.day.as_str(), d.confirmed)),
            Some(("2026-01-01", 3))
        );
        assert_eq!(
            days.iter().map(DailyCount::total).sum::<u32>(),
            3,
            "the first day is beyond the span"
        );
    }
}
