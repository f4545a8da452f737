//! How full the upcoming events are, for the chart on the Events list: the events that
//! have not ended, soonest first, each with its confirmed and waitlisted registrations
//! against its capacity.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Event, parse_local};
use crate::sync::has_started;

/// Most events the chart shows.
pub const UPCOMING_MAX: usize = 8;

/// One upcoming event's seats.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EventFill {
    pub id: String,
    pub name: String,
    /// Local wall-clock start, in `time_zone`.
    pub start: String,
    pub time_zone: String,
    /// `None`: unlimited.
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waitlisted: u32,
}

impl EventFill {
    /// The share of the capacity that is taken, in whole percent (at most 100); `None`
    /// without a capacity.
    pub fn percent(&self) -> Option<u32> {
        let capacity = self.capacity.filter(|c| *c > 0)?;
        Some((u64::from(self.confirmed) * 100 / u64::from(capacity)).min(100) as u32)
    }
}

/// The events of `events` that have not ended at `now_ms`, soonest first, at most
/// [`UPCOMING_MAX`]. `offset_minutes` gives how far a time zone is ahead of UTC now (the
/// runtime knows the zones; an unknown one counts as UTC); a change of offset between now
/// and an event (summer time) moves its end or start by that hour.
pub fn upcoming(
    events: &[Event],
    now_ms: f64,
    offset_minutes: impl Fn(&str) -> i32,
) -> Vec<&Event> {
    let mut open: Vec<&Event> = events
        .iter()
        .filter(|e| !has_started(&e.end, offset_minutes(&e.time_zone), now_ms))
        .collect();
    // By the instant each starts (local times in different zones do not compare).
    let starts = |e: &Event| {
        let offset = time::UtcOffset::from_whole_seconds(offset_minutes(&e.time_zone) * 60).ok();
        parse_local(&e.start)
            .zip(offset)
            .map(|(local, offset)| local.assume_offset(offset).unix_timestamp())
    };
    open.sort_by_cached_key(|e| (starts(e), e.name.clone()));
    open.truncate(UPCOMING_MAX);
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::tests::event_named;

    #[test]
    fn upcoming_events_are_the_ones_not_ended_soonest_first() {
        let mut events = vec![
            event_named("Later", "2027-03-01T09:00", "2027-03-01T18:00"),
            event_named("Past", "2026-01-01T09:00", "2026-01-01T18:00"),
            event_named("Sooner", "2027-01-01T09:00", "2027-01-01T18:00"),
        ];
        // Ends 2026-12-06 18:00 in Paris (UTC+1): 17:00 UTC.
        events.push(event_named("Today", "2026-12-06T09:00", "2026-12-06T18:00"));
        let five_pm_utc = 1_796_576_400_000.0;
        let paris = |_: &str| 60;
        let names = |listed: Vec<&Event>| listed.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(upcoming(&events, five_pm_utc - 1.0, paris)),
            ["Today", "Sooner", "Later"]
        );
        assert_eq!(
            names(upcoming(&events, five_pm_utc, paris)),
            ["Sooner", "Later"]
        );
        // 10:00 in New York (UTC-5) starts after 12:00 in Paris (UTC+1) the same day.
        let mut new_york = event_named("New York", "2027-01-01T10:00", "2027-01-01T11:00");
        new_york.time_zone = "America/New_York".into();
        let zones = |zone: &str| if zone == "America/New_York" { -300 } else { 60 };
        let both = [
            new_york,
            event_named("Paris", "2027-01-01T12:00", "2027-01-01T13:00"),
        ];
        assert_eq!(
            names(upcoming(&both, five_pm_utc, zones)),
            ["Paris", "New York"]
        );
        let many = vec![event_named("Later", "2027-03-01T09:00", "2027-03-01T18:00"); 12];
        assert_eq!(upcoming(&many, five_pm_utc, paris).len(), UPCOMING_MAX);
    }

    #[test]
    fn the_share_taken_is_whole_percent_and_needs_a_capacity() {
        let fill = |capacity, confirmed| EventFill {
            id: "e".into(),
            name: "E".into(),
            start: String::new(),
            time_zone: String::new(),
            capacity,
            confirmed,
            waitlisted: 0,
        };
        assert_eq!(fill(Some(3), 1).percent(), Some(33));
        assert_eq!(fill(Some(3), 5).percent(), Some(100));
        assert_eq!(fill(None, 5).percent(), None);
        assert_eq!(fill(Some(0), 0).percent(), None);
    }
}
