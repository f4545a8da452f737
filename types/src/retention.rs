//! Retention: how long registrations keep their attendees' personal data after their event
//! has ended. Off by default; when on, the scheduled job erases the personal data of
//! registrations of events that ended more than `months` months ago.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::FieldError;

pub const MONTHS_MAX: u32 = 120;

/// The setting; `months: None` is off.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSetting {
    #[serde(default)]
    pub months: Option<u32>,
}

impl RetentionSetting {
    pub fn validate(&self) -> Result<RetentionSetting, Vec<FieldError>> {
        match self.months {
            Some(m) if !(1..=MONTHS_MAX).contains(&m) => Err(vec![FieldError::new(
                "months",
                format!("must be from 1 to {MONTHS_MAX}, or null to keep data"),
            )]),
            _ => Ok(self.clone()),
        }
    }
}

/// The first day (`YYYY-MM-DD`) whose events keep their data on `today` (`YYYY-MM-DD`):
/// `months` months before it, the day clamped to the month's length.
pub fn cutoff(today: &str, months: u32) -> Option<String> {
    let year: i32 = today.get(0..4)?.parse().ok()?;
    let month: i32 = today.get(5..7)?.parse().ok()?;
    let day: u32 = today.get(8..10)?.parse().ok()?;
    let index = year * 12 + (month - 1) - months as i32;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let length = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some(format!("{year:04}-{month:02}-{:02}", day.min(length)))
}

/// Whether an event that ended at `end` (its local `YYYY-MM-DDTHH:MM`) ended before
/// `cutoff`: by its local end date, which is within a day of UTC's, on a scale of months.
pub fn expired(end: &str, cutoff: &str) -> bool {
    end.get(0..10).is_some_and(|day| day < cutoff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_whole_months_back_with_the_day_clamped() {
        assert_eq!(cutoff("2026-12-06", 1).as_deref(), Some("2026-11-06"));
        assert_eq!(cutoff("2026-01-15", 1).as_deref(), Some("2025-12-15"));
        assert_eq!(cutoff("2026-03-31", 1).as_deref(), Some("2026-02-28"));
        assert_eq!(cutoff("2028-03-31", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(cutoff("2026-12-06", 24).as_deref(), Some("2024-12-06"));
        assert_eq!(cutoff("nonsense", 1), None);
    }

    #[test]
    fn an_event_expires_when_it_ended_before_the_cutoff_day() {
        assert!(expired("2026-10-05T18:00", "2026-11-06"));
        assert!(!expired("2026-11-06T09:00", "2026-11-06"));
        assert!(!expired("", "2026-11-06"));
    }

    #[test]
    fn months_are_off_or_from_1_to_120() {
        assert!(RetentionSetting { months: None }.validate().is_ok());
        assert!(RetentionSetting { months: Some(1) }.validate().is_ok());
        for months in [0, MONTHS_MAX + 1] {
            let errors = RetentionSetting {
                months: Some(months),
            }
            .validate()
            .expect_err("out of range");
            assert_eq!(errors[0].field, "months");
        }
    }
}
