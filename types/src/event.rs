//! Events and their sessions.
//!
//! Times are local wall-clock times (`YYYY-MM-DDTHH:MM`) in the event's IANA time zone, as
//! an organiser types them; comparisons and durations use those wall-clock values.

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::custom::CustomValues;
use crate::list::{self, ListQuery};
use crate::validate::{integer_in_range, multi_line, name_key, required_name};
use crate::webinar::WebinarCopy;
use crate::{FieldError, text};

pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const READABLE_ID_MAX: usize = 100;
pub const CAPACITY_MAX: i64 = 1_000_000;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventFormat {
    #[default]
    InPerson,
    Webinar,
    Hybrid,
}

impl EventFormat {
    pub const ALL: [EventFormat; 3] = [
        EventFormat::InPerson,
        EventFormat::Webinar,
        EventFormat::Hybrid,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventFormat::InPerson => "In person",
            EventFormat::Webinar => "Webinar",
            EventFormat::Hybrid => "Hybrid",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            EventFormat::InPerson => "in_person",
            EventFormat::Webinar => "webinar",
            EventFormat::Hybrid => "hybrid",
        }
    }

    /// Webinar and hybrid events run on a webinar provider account.
    pub fn needs_webinar(self) -> bool {
        self != EventFormat::InPerson
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    /// Unique, URL-safe, derived from the name unless given.
    pub readable_id: String,
    pub name: String,
    pub description: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub format: EventFormat,
    pub webinar_configuration_id: Option<String>,
    pub capacity: Option<u32>,
    pub waitlist_allowed: bool,
    pub published: bool,
    /// Registration is closed: the Events API and the widget refuse new registrations
    /// (administrators may still add them).
    #[serde(default)]
    pub registration_closed: bool,
    #[serde(default)]
    pub custom_fields: CustomValues,
    /// The event's webinar at the provider, once created or linked (`POST
    /// /events/{id}/webinar`); never set through the event form.
    #[serde(default)]
    pub provider_event_id: Option<String>,
    #[serde(default)]
    pub audience_url: Option<String>,
    #[serde(default)]
    pub preview_url: Option<String>,
    /// What Convene sent when it created the webinar (`None` when linked), compared with the
    /// event to show that the provider's copy differs ([`crate::webinar::copy_state`]).
    #[serde(default)]
    pub provider_copy: Option<WebinarCopy>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    /// Empty: derived from the name.
    #[serde(default)]
    pub readable_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub format: EventFormat,
    #[serde(default)]
    pub webinar_configuration_id: Option<String>,
    /// Raw JSON: null or absent means unlimited.
    #[serde(default)]
    pub capacity: Value,
    #[serde(default)]
    pub waitlist_allowed: bool,
    #[serde(default)]
    pub published: bool,
    #[serde(default)]
    pub registration_closed: bool,
    /// Checked against the event custom fields by the store.
    #[serde(default)]
    pub custom_fields: CustomValues,
}

/// What the rules need to know about a webinar configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigurationFacts {
    pub id: String,
    pub name: String,
    pub active: bool,
    pub provider_name: String,
    pub max_duration_minutes: u32,
}

/// Parses a local wall-clock time `YYYY-MM-DDTHH:MM` (seconds allowed and ignored). The
/// fields are read by position; `time` decides which dates and times exist. (Not `time`'s
/// format descriptions: their interpreter cost 13.0 KB gzip in the SPA and 11.2 in the
/// worker, docs/benchmarks.md.)
pub fn parse_local(text: &str) -> Option<PrimitiveDateTime> {
    // The widget runs this: it slices as `plain_search` says why.
    let t = text.trim();
    let t = match t.get(..16) {
        Some(minutes) if t.len() == 19 && t.as_bytes()[16] == b':' => minutes,
        _ => t,
    };
    let b = t.as_bytes();
    if !t.is_ascii()
        || b.len() != 16
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
    {
        return None;
    }
    // Digits only: `parse` alone would also take a sign.
    let number = |range: core::ops::Range<usize>| -> Option<u16> {
        let digits = t.get(range)?;
        if digits.bytes().all(|c| c.is_ascii_digit()) {
            digits.parse().ok()
        } else {
            None
        }
    };
    let two_digits = |range| number(range).and_then(|n| u8::try_from(n).ok());
    let month = Month::try_from(two_digits(5..7)?).ok()?;
    let date = Date::from_calendar_date(i32::from(number(0..4)?), month, two_digits(8..10)?);
    let time = Time::from_hms(two_digits(11..13)?, two_digits(14..16)?, 0);
    Some(PrimitiveDateTime::new(date.ok()?, time.ok()?))
}

fn local_time(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<PrimitiveDateTime> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, "is required"));
        return None;
    }
    let parsed = parse_local(text);
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            "must be a date and time like 2026-03-14T09:30",
        ));
    }
    parsed
}

fn format_local(t: PrimitiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// A syntactic IANA zone check: `UTC`, or `Area/Location[/Sub]` with letters, digits, `_+-`.
pub fn plausible_time_zone(zone: &str) -> bool {
    if zone == "UTC" {
        return true;
    }
    let parts: Vec<&str> = zone.split('/').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 30
                && p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
        })
}

/// A readable id from a name: ASCII letters and digits (accents removed), other runs as `-`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in text::strip_marks(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.chars().take(READABLE_ID_MAX - 4).collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "event".into()
    } else {
        slug
    }
}

/// `slug`, or `slug-2`, `slug-3`… whichever is not in `taken`.
pub fn unique_slug(slug: &str, taken: &[&str]) -> String {
    if !taken.contains(&slug) {
        return slug.to_string();
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_default()
}

pub fn valid_readable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= READABLE_ID_MAX
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Validated event values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    pub readable_id: String,
    pub name: String,
    pub description: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub format: EventFormat,
    pub webinar_configuration_id: Option<String>,
    pub capacity: Option<u32>,
    pub waitlist_allowed: bool,
    pub published: bool,
    pub registration_closed: bool,
}

fn webinar_configuration(
    field: &str,
    chosen: Option<&str>,
    configurations: &[ConfigurationFacts],
    errors: &mut Vec<FieldError>,
) -> Option<ConfigurationFacts> {
    let Some(id) = chosen.map(str::trim).filter(|id| !id.is_empty()) else {
        errors.push(FieldError::new(
            field,
            "is required for webinar and hybrid formats",
        ));
        return None;
    };
    match configurations.iter().find(|c| c.id == id) {
        None => {
            errors.push(FieldError::new(
                field,
                "is not a known webinar configuration",
            ));
            None
        }
        Some(c) if !c.active => {
            errors.push(FieldError::new(
                field,
                format!("“{}” is inactive: choose an active one", c.name),
            ));
            None
        }
        Some(c) => Some(c.clone()),
    }
}

impl EventInput {
    /// Field rules only (the SPA checks these before submitting; it passes no configurations
    /// and `check_references = false`).
    pub fn validate(
        &self,
        configurations: &[ConfigurationFacts],
        check_references: bool,
    ) -> Result<EventDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let readable_id = self.readable_id.trim().to_string();
        if !readable_id.is_empty() && !valid_readable_id(&readable_id) {
            errors.push(FieldError::new(
                "readableId",
                format!("must be lowercase letters, digits and single dashes, at most {READABLE_ID_MAX} characters"),
            ));
        }
        let description = self.description.trim().to_string();
        if let Err(message) = multi_line(&description) {
            errors.push(FieldError::new("description", message));
        } else if description.chars().count() > DESCRIPTION_MAX {
            errors.push(FieldError::new(
                "description",
                format!("must be at most {DESCRIPTION_MAX} characters"),
            ));
        }
        let start = local_time("start", &self.start, &mut errors);
        let end = local_time("end", &self.end, &mut errors);
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            errors.push(FieldError::new("end", "must be after the start"));
        }
        let time_zone = self.time_zone.trim().to_string();
        if !plausible_time_zone(&time_zone) {
            errors.push(FieldError::new(
                "timeZone",
                "must be an IANA time zone such as Europe/Paris",
            ));
        }
        let webinar_configuration_id = if self.format.needs_webinar() {
            let chosen = self.webinar_configuration_id.as_deref();
            if check_references {
                webinar_configuration(
                    "webinarConfigurationId",
                    chosen,
                    configurations,
                    &mut errors,
                )
                .map(|c| c.id)
            } else if chosen.is_none_or(|c| c.trim().is_empty()) {
                errors.push(FieldError::new(
                    "webinarConfigurationId",
                    "is required for webinar and hybrid formats",
                ));
                None
            } else {
                chosen.map(|c| c.trim().to_string())
            }
        } else {
            None
        };
        let capacity = match &self.capacity {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            v => match integer_in_range(v, 1, CAPACITY_MAX) {
                Ok(n) => u32::try_from(n).ok(),
                Err(m) => {
                    errors.push(FieldError::new("capacity", m));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EventDraft {
            readable_id,
            name,
            description,
            start: start.map(format_local).unwrap_or_default(),
            end: end.map(format_local).unwrap_or_default(),
            time_zone,
            format: self.format,
            webinar_configuration_id,
            capacity,
            waitlist_allowed: self.waitlist_allowed,
            published: self.published,
            registration_closed: self.registration_closed,
        })
    }
}

impl EventDraft {
    /// Settles the readable id among `others` (id, readable id) other than `self_id`:
    /// a derived one gets a numeric suffix, a chosen one that is taken is refused.
    pub fn settle_readable_id(
        mut self,
        others: &[(String, String)],
        self_id: Option<&str>,
    ) -> Result<EventDraft, Vec<FieldError>> {
        let taken: Vec<&str> = others
            .iter()
            .filter(|(id, _)| Some(id.as_str()) != self_id)
            .map(|(_, readable)| readable.as_str())
            .collect();
        if self.readable_id.is_empty() {
            self.readable_id = unique_slug(&slugify(&self.name), &taken);
        } else if taken.contains(&self.readable_id.as_str()) {
            return Err(vec![FieldError::new(
                "readableId",
                "is already used by another event",
            )]);
        }
        Ok(self)
    }
}

/// Filters and sorts events: search over name and readable id; sort `start` (default), `name`.
pub fn list(mut events: Vec<Event>, query: &ListQuery) -> Vec<Event> {
    events.retain(|e| query.matches(&[&e.name, &e.readable_id]));
    match query.sort.as_str() {
        "name" => list::sort_by_key(&mut events, |e| name_key(&e.name)),
        _ => list::sort_by(&mut events, |a, b| {
            (&a.start, &a.name).cmp(&(&b.start, &b.name))
        }),
    }
    if query.desc {
        events.reverse();
    }
    events
}

mod fill;
mod session;

pub use fill::{EventFill, UPCOMING_MAX, upcoming};
pub use session::{Session, SessionDraft, SessionInput};

#[cfg(test)]
mod tests;
