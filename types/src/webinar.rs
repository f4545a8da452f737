//! An event's webinar at the provider: what Convene sends to create it (ON24's rules,
//! checked before anything is sent), what it keeps of the answer, and whether the
//! provider's copy still matches the event.

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::FieldError;
use crate::event::{Event, Session, parse_local};

/// ON24's bounds on `liveDuration`, in minutes.
pub const LIVE_DURATION_MIN: i64 = 15;
pub const LIVE_DURATION_MAX: i64 = 480;
/// Up to this length durations go in 15-minute steps; beyond it, in 30-minute steps.
pub const FINE_STEPS_UNTIL: i64 = 120;
/// ON24's limit: a title must be under 251 characters.
pub const TITLE_MAX: usize = 250;
/// Longest provider event id accepted when linking an existing webinar.
pub const PROVIDER_EVENT_ID_MAX: usize = 64;

/// Whether ON24 accepts `minutes` as a live duration; the message says the rule.
pub fn live_duration(minutes: i64) -> Result<u32, String> {
    let step = if minutes <= FINE_STEPS_UNTIL { 15 } else { 30 };
    if (LIVE_DURATION_MIN..=LIVE_DURATION_MAX).contains(&minutes) && minutes % step == 0 {
        return u32::try_from(minutes).map_err(|_| duration_rule(minutes));
    }
    Err(duration_rule(minutes))
}

fn duration_rule(minutes: i64) -> String {
    format!(
        "makes the webinar {minutes} minutes long; the provider accepts 15 to 480 minutes, \
         in 15-minute steps up to 120 (15, 30, … 120) and 30-minute steps after (150, 180, … 480)"
    )
}

/// What Convene sends to create the webinar, and keeps to compare with the event later.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebinarCopy {
    pub title: String,
    /// The event's local start, `YYYY-MM-DDTHH:MM`, in `time_zone`.
    pub start: String,
    pub live_duration: u32,
    pub time_zone: String,
}

impl WebinarCopy {
    /// The webinar an event asks for, or the fields (of the event) ON24 would refuse.
    pub fn of_event(event: &Event) -> Result<WebinarCopy, Vec<FieldError>> {
        Self::of(&event.name, &event.start, &event.end, &event.time_zone)
    }

    /// The webinar a session asks for (its name, times, and the event's time zone), or the
    /// fields (of the session) ON24 would refuse.
    pub fn of_session(event: &Event, session: &Session) -> Result<WebinarCopy, Vec<FieldError>> {
        Self::of(
            &session.name,
            &session.start,
            &session.end,
            &event.time_zone,
        )
    }

    fn of(
        name: &str,
        start: &str,
        end: &str,
        time_zone: &str,
    ) -> Result<WebinarCopy, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = name.trim().to_string();
        if title.chars().count() > TITLE_MAX {
            errors.push(FieldError::new(
                "name",
                format!("must be at most {TITLE_MAX} characters to be a webinar title"),
            ));
        }
        let (parsed_start, parsed_end) = (parse_local(start), parse_local(end));
        let live_duration = match (parsed_start, parsed_end) {
            (Some(s), Some(e)) => live_duration((e - s).whole_minutes())
                .map_err(|message| errors.push(FieldError::new("end", message)))
                .ok(),
            _ => {
                errors.push(FieldError::new("start", "must be a date and time"));
                None
            }
        };
        match live_duration {
            Some(live_duration) if errors.is_empty() => Ok(WebinarCopy {
                title,
                start: start.to_string(),
                live_duration,
                time_zone: time_zone.to_string(),
            }),
            _ => Err(errors),
        }
    }

    /// `liveStart` in ON24's first documented form, `MM/DD/YYYY hh:mm a` (local to
    /// `timeZone`).
    pub fn live_start(&self) -> String {
        parse_local(&self.start).map_or_else(|| self.start.clone(), on24_time)
    }

    /// The fields of `current` that differ from this copy, by the event's field names.
    pub fn differences(&self, current: &WebinarCopy) -> Vec<&'static str> {
        let mut fields = Vec::new();
        if self.title != current.title {
            fields.push("name");
        }
        if self.start != current.start {
            fields.push("start");
        }
        if self.live_duration != current.live_duration {
            fields.push("end");
        }
        if self.time_zone != current.time_zone {
            fields.push("timeZone");
        }
        fields
    }
}

fn on24_time(t: PrimitiveDateTime) -> String {
    let (hour, half) = match t.hour() {
        0 => (12, "AM"),
        h @ 1..=11 => (h, "AM"),
        12 => (12, "PM"),
        h => (h - 12, "PM"),
    };
    format!(
        "{:02}/{:02}/{:04} {hour:02}:{:02} {half}",
        u8::from(t.month()),
        t.day(),
        t.year(),
        t.minute()
    )
}

/// A webinar created or linked for an event, as the store records it on the event.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EventWebinar {
    pub provider_event_id: String,
    /// Empty when linked (the provider's URLs are not known then).
    pub audience_url: String,
    pub preview_url: String,
    /// What Convene sent when it created the webinar; `None` for a linked one.
    pub sent: Option<WebinarCopy>,
}

/// Whether the provider's copy still matches the event, as shown on the event page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct CopyState {
    /// The event fields changed since the webinar was created (empty: same).
    pub differs: Vec<String>,
    pub message: String,
}

/// Compares what was sent to the provider with the event now. A linked webinar was not
/// sent by Convene, so there is nothing to compare.
pub fn copy_state(event: &Event) -> CopyState {
    compare(
        event.provider_copy.as_ref(),
        &event.name,
        &event.start,
        &event.end,
        &event.time_zone,
    )
}

/// [`copy_state`] for a session's own webinar: its name and times, the event's time zone
/// (as [`WebinarCopy::of_session`] sends them).
pub fn session_copy_state(event: &Event, session: &Session) -> CopyState {
    compare(
        session.provider_copy.as_ref(),
        &session.name,
        &session.start,
        &session.end,
        &event.time_zone,
    )
}

fn compare(
    sent: Option<&WebinarCopy>,
    name: &str,
    start: &str,
    end: &str,
    time_zone: &str,
) -> CopyState {
    let Some(sent) = sent else {
        return CopyState::default();
    };
    let now = WebinarCopy {
        title: name.trim().to_string(),
        start: start.to_string(),
        live_duration: parse_local(start)
            .zip(parse_local(end))
            .and_then(|(s, e)| u32::try_from((e - s).whole_minutes()).ok())
            .unwrap_or_default(),
        time_zone: time_zone.to_string(),
    };
    let differs: Vec<String> = sent
        .differences(&now)
        .into_iter()
        .map(str::to_string)
        .collect();
    let message = if differs.is_empty() {
        String::new()
    } else {
        format!(
            "The provider's copy differs: {} changed since the webinar was created. The \
             provider's API offers no call to update a webinar, so change it at the provider too.",
            differs.join(", ")
        )
    };
    CopyState { differs, message }
}

/// Body of `POST /events/{id}/webinar`: empty to create the webinar at the provider, or an
/// existing provider event id to link.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebinarRequest {
    #[serde(default)]
    pub provider_event_id: Option<String>,
}

impl WebinarRequest {
    /// The id to link, if any: digits only (ON24 event ids are numbers), at most
    /// [`PROVIDER_EVENT_ID_MAX`] of them.
    pub fn link(&self) -> Result<Option<String>, Vec<FieldError>> {
        let Some(id) = &self.provider_event_id else {
            return Ok(None);
        };
        let id = id.trim();
        let problem = if id.is_empty() {
            Some("is required to link a webinar")
        } else if id.len() > PROVIDER_EVENT_ID_MAX || !id.bytes().all(|b| b.is_ascii_digit()) {
            Some("must be the provider's numeric event id")
        } else {
            None
        };
        match problem {
            Some(message) => Err(vec![FieldError::new("providerEventId", message)]),
            None => Ok(Some(id.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventFormat;

    fn event(start: &str, end: &str) -> Event {
        Event {
            id: "e".into(),
            readable_id: "e".into(),
            name: "Launch webinar".into(),
            description: String::new(),
            start: start.into(),
            end: end.into(),
            time_zone: "Europe/Paris".into(),
            format: EventFormat::Webinar,
            webinar_configuration_id: Some("c".into()),
            capacity: None,
            waitlist_allowed: false,
            published: false,
            registration_closed: false,
            custom_fields: Default::default(),
            provider_event_id: None,
            audience_url: None,
            preview_url: None,
            provider_copy: None,
            created_at: "t".into(),
            updated_at: "t".into(),
        }
    }

    #[test]
    fn durations_follow_on24s_steps() {
        for ok in [15, 30, 45, 105, 120, 150, 180, 450, 480] {
            assert_eq!(live_duration(ok), Ok(ok as u32), "{ok}");
        }
        for bad in [0, 10, 14, 20, 125, 135, 165, 490, 510, -15] {
            let message = live_duration(bad).expect_err("refused");
            assert!(message.contains("15 to 480 minutes"), "{bad}: {message}");
        }
    }

    #[test]
    fn an_event_becomes_what_is_sent() {
        let copy =
            WebinarCopy::of_event(&event("2026-06-01T14:30", "2026-06-01T16:00")).expect("ok");
        assert_eq!(copy.live_duration, 90);
        assert_eq!(copy.title, "Launch webinar");
        assert_eq!(copy.live_start(), "06/01/2026 02:30 PM");
        let midnight =
            WebinarCopy::of_event(&event("2026-06-01T00:05", "2026-06-01T00:20")).expect("ok");
        assert_eq!(midnight.live_start(), "06/01/2026 12:05 AM");
        let noon =
            WebinarCopy::of_event(&event("2026-06-01T12:00", "2026-06-01T12:15")).expect("ok");
        assert_eq!(noon.live_start(), "06/01/2026 12:00 PM");
    }

    #[test]
    fn what_on24_would_refuse_is_named_before_sending() {
        let errors = WebinarCopy::of_event(&event("2026-06-01T09:00", "2026-06-01T11:05"))
            .expect_err("125 minutes");
        assert_eq!(errors[0].field, "end");
        assert!(
            errors[0].message.contains("125 minutes"),
            "{}",
            errors[0].message
        );
        let long = Event {
            name: "x".repeat(TITLE_MAX + 1),
            ..event("2026-06-01T09:00", "2026-06-01T10:00")
        };
        let errors = WebinarCopy::of_event(&long).expect_err("title");
        assert_eq!(errors[0].field, "name");
        assert!(
            WebinarCopy::of_event(&Event {
                name: "x".repeat(TITLE_MAX),
                ..event("2026-06-01T09:00", "2026-06-01T10:00")
            })
            .is_ok()
        );
    }

    #[test]
    fn a_changed_title_or_time_shows_as_a_difference() {
        let e = event("2026-06-01T09:00", "2026-06-01T10:00");
        assert_eq!(copy_state(&e), CopyState::default(), "nothing sent");
        let created = Event {
            provider_copy: Some(WebinarCopy::of_event(&e).expect("ok")),
            ..e
        };
        assert_eq!(copy_state(&created), CopyState::default());
        let moved = Event {
            name: "Renamed".into(),
            end: "2026-06-01T10:30".into(),
            ..created.clone()
        };
        let state = copy_state(&moved);
        assert_eq!(state.differs, ["name", "end"]);
        assert!(
            state.message.contains("change it at the provider"),
            "{}",
            state.message
        );
        let later = Event {
            start: "2026-06-02T09:00".into(),
            end: "2026-06-02T10:00".into(),
            ..created
        };
        assert_eq!(copy_state(&later).differs, ["start"]);
    }

    #[test]
    fn a_session_compares_its_own_name_and_times() {
        let e = event("2026-06-01T09:00", "2026-06-01T12:00");
        let session = Session {
            id: "s".into(),
            event_id: "e".into(),
            name: "Keynote".into(),
            start: "2026-06-01T09:00".into(),
            end: "2026-06-01T10:00".into(),
            webinar_configuration_id: None,
            custom_fields: Default::default(),
            provider_event_id: Some("42".into()),
            audience_url: None,
            preview_url: None,
            provider_copy: None,
            created_at: "t".into(),
            updated_at: "t".into(),
        };
        assert_eq!(
            session_copy_state(&e, &session),
            CopyState::default(),
            "linked"
        );
        let created = Session {
            provider_copy: Some(WebinarCopy::of_session(&e, &session).expect("ok")),
            ..session
        };
        assert_eq!(session_copy_state(&e, &created), CopyState::default());
        let renamed = Event {
            name: "Another event name".into(),
            ..e.clone()
        };
        assert_eq!(session_copy_state(&renamed, &created), CopyState::default());
        let moved = Session {
            end: "2026-06-01T10:30".into(),
            ..created.clone()
        };
        assert_eq!(session_copy_state(&e, &moved).differs, ["end"]);
        let elsewhere = Event {
            time_zone: "America/New_York".into(),
            ..e
        };
        assert_eq!(
            session_copy_state(&elsewhere, &created).differs,
            ["timeZone"]
        );
    }

    #[test]
    fn a_linked_id_must_be_numeric() {
        let link = |id: Option<&str>| {
            WebinarRequest {
                provider_event_id: id.map(str::to_string),
            }
            .link()
        };
        assert_eq!(link(None), Ok(None));
        assert_eq!(link(Some(" 1000001 ")), Ok(Some("1000001".into())));
        for bad in ["", "12a", "../x", &"1".repeat(65)] {
            let errors = link(Some(bad)).expect_err("refused");
            assert_eq!(errors[0].field, "providerEventId", "{bad}");
        }
    }
}
