//! Registrations: capacity, waitlist, cancellation and the CSV export.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::contact::{AttendeeInput, MatchStrategy};
use crate::custom::{Answer, RegistrationQuestion, validate_answers};
use crate::sync::{Attendance, SessionWebinar};

pub const IDEMPOTENCY_KEY_MAX: usize = 200;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl RegistrationStatus {
    pub fn key(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "confirmed" => Some(RegistrationStatus::Confirmed),
            "waitlisted" => Some(RegistrationStatus::Waitlisted),
            "cancelled" => Some(RegistrationStatus::Cancelled),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "Confirmed",
            RegistrationStatus::Waitlisted => "Waitlisted",
            RegistrationStatus::Cancelled => "Cancelled",
        }
    }
}

/// Where a registration stands with the webinar provider.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Not sent yet (or no webinar: nothing to send).
    #[default]
    Pending,
    Synced,
    Failed,
    /// In-person event: there is no webinar provider to sync with.
    NotRequired,
}

impl SyncState {
    pub fn key(self) -> &'static str {
        match self {
            SyncState::Pending => "pending",
            SyncState::Synced => "synced",
            SyncState::Failed => "failed",
            SyncState::NotRequired => "not_required",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "synced" => SyncState::Synced,
            "failed" => SyncState::Failed,
            "not_required" => SyncState::NotRequired,
            _ => SyncState::Pending,
        }
    }
}

/// Capacity, as the registration decision sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity {
    /// `None`: unlimited.
    pub limit: Option<u32>,
    pub waitlist_allowed: bool,
}

/// The message when an event is full and has no waitlist.
pub const FULL: &str = "This event is full and has no waitlist.";

/// The message when an event's registration is closed.
pub const CLOSED: &str = "Registration for this event is closed.";

/// Whether a new registration can be made, as an event website shows it before anyone
/// types: with a seat, on the waitlist only, or not at all.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Open,
    Waitlist,
    Full,
    Closed,
}

impl Availability {
    /// Of an event with `capacity` and `confirmed` confirmed registrations, whose
    /// registration is `closed` or not ([`decide`] for the next registration).
    pub fn of(capacity: Capacity, confirmed: u32, closed: bool) -> Availability {
        match decide(capacity, confirmed) {
            _ if closed => Availability::Closed,
            Ok(RegistrationStatus::Waitlisted) => Availability::Waitlist,
            Ok(_) => Availability::Open,
            Err(_) => Availability::Full,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Availability::Open => "open",
            Availability::Waitlist => "waitlist",
            Availability::Full => "full",
            Availability::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Availability::Open,
            Availability::Waitlist,
            Availability::Full,
            Availability::Closed,
        ]
        .into_iter()
        .find(|a| a.key() == text)
    }
}

/// The status of a new registration, given how many are confirmed already.
pub fn decide(capacity: Capacity, confirmed: u32) -> Result<RegistrationStatus, &'static str> {
    match capacity.limit {
        Some(limit) if confirmed >= limit => {
            if capacity.waitlist_allowed {
                Ok(RegistrationStatus::Waitlisted)
            } else {
                Err(FULL)
            }
        }
        _ => Ok(RegistrationStatus::Confirmed),
    }
}

/// The message when a pass is sold out and the event has no waitlist.
pub const PASS_FULL: &str = "This pass is sold out and the event has no waitlist.";

/// Like [`decide`], then the pass's own capacity (`pass_limit`, with `pass_confirmed`
/// confirmed registrations holding that pass) applies the same way.
pub fn decide_with_pass(
    capacity: Capacity,
    confirmed: u32,
    pass_limit: Option<u32>,
    pass_confirmed: u32,
) -> Result<RegistrationStatus, &'static str> {
    match decide(capacity, confirmed)? {
        RegistrationStatus::Confirmed if pass_limit.is_some_and(|l| pass_confirmed >= l) => {
            if capacity.waitlist_allowed {
                Ok(RegistrationStatus::Waitlisted)
            } else {
                Err(PASS_FULL)
            }
        }
        status => Ok(status),
    }
}

/// After a confirmed registration is cancelled: may the oldest waitlisted one move up?
pub fn promotes(capacity: Capacity, confirmed_after_cancel: u32) -> bool {
    capacity
        .limit
        .is_none_or(|limit| confirmed_after_cancel < limit)
}

/// A registration as an administrator (or, later, the Events API) submits it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationInput {
    #[serde(flatten)]
    pub attendee: AttendeeInput,
    #[serde(default)]
    pub session_ids: Vec<String>,
    /// A retried submission with the same key never creates a second registration.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub pass_id: Option<String>,
    /// Answers to the event's custom registration fields.
    #[serde(default)]
    pub responses: Vec<Answer>,
}

impl RegistrationInput {
    /// Every check of a registration, as the API makes it and as the registration widget
    /// makes it before sending: the attendee for `strategy`, then [`Self::validate_extras`];
    /// all errors together. Returns the trimmed attendee and the cleaned answers.
    pub fn validate(
        &self,
        strategy: MatchStrategy,
        sessions: &[String],
        passes: &[String],
        questions: &[RegistrationQuestion],
    ) -> Result<(AttendeeInput, Vec<Answer>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let attendee = self
            .attendee
            .validate(strategy)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        let answers = self
            .validate_extras(sessions, passes, questions)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        match (attendee, answers) {
            (Some(attendee), Some(answers)) => Ok((attendee, answers)),
            _ => Err(errors),
        }
    }

    /// Checks the idempotency key, the session ids and pass against the event's, and the
    /// answers against its questions; returns the cleaned answers.
    pub fn validate_extras(
        &self,
        sessions: &[String],
        passes: &[String],
        questions: &[RegistrationQuestion],
    ) -> Result<Vec<Answer>, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(pass) = &self.pass_id
            && !passes.contains(pass)
        {
            errors.push(FieldError::new(
                "passId",
                format!("{pass} is not a pass of this event"),
            ));
        }
        let answers = validate_answers(questions, &self.responses)
            .map_err(|mut e| errors.append(&mut e))
            .unwrap_or_default();
        if let Some(key) = &self.idempotency_key {
            let k = key.trim();
            if k.is_empty() || k.len() > IDEMPOTENCY_KEY_MAX || k.chars().any(char::is_control) {
                errors.push(FieldError::new(
                    "idempotencyKey",
                    format!("must be 1 to {IDEMPOTENCY_KEY_MAX} printable characters"),
                ));
            }
        }
        if let Some(unknown) = self.session_ids.iter().find(|s| !sessions.contains(s)) {
            errors.push(FieldError::new(
                "sessionIds",
                format!("{unknown} is not a session of this event"),
            ));
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

/// A registration as the API returns it, with its contact.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub id: String,
    pub event_id: String,
    pub session_ids: Vec<String>,
    pub contact_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub status: RegistrationStatus,
    pub created_at: String,
    pub sync_state: SyncState,
    pub sync_attempts: u32,
    pub sync_error: Option<String>,
    /// The provider's id of this registrant, once it has answered.
    #[serde(default)]
    pub provider_registrant_id: Option<String>,
    /// The attendee's own link to the webinar, once the provider has given it.
    #[serde(default)]
    pub join_url: Option<String>,
    /// What the provider reported after the webinar (`None`: nothing pulled yet).
    #[serde(default)]
    pub attendance: Option<Attendance>,
    /// The same for the webinars of its sessions that have their own.
    #[serde(default)]
    pub session_webinars: Vec<SessionWebinar>,
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub pass_id: Option<String>,
    #[serde(default)]
    pub responses: Vec<Answer>,
    /// True when this answer replays an earlier registration with the same idempotency key.
    #[serde(default)]
    pub replayed: bool,
}

/// One CSV field: quoted when needed (RFC 4180), and text a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with `'`.
pub fn csv_field(value: &str) -> String {
    let safe = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

pub const CSV_HEADER: &str = "registration_id,status,created_at,email,first_name,last_name,\
    company,sessions,sync_state,sync_error,provider_registrant_id,join_url,attended,live_minutes,\
    archive_minutes,engagement_score";

/// The CSV export of `registrations`, header first, CRLF line ends.
pub fn csv(registrations: &[Registration]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in registrations {
        let attendance = r.attendance.as_ref();
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let row = [
            r.id.as_str(),
            r.status.key(),
            r.created_at.as_str(),
            r.email.as_str(),
            r.first_name.as_str(),
            r.last_name.as_str(),
            r.company.as_str(),
            &r.session_ids.join(" "),
            r.sync_state.key(),
            r.sync_error.as_deref().unwrap_or_default(),
            r.provider_registrant_id.as_deref().unwrap_or_default(),
            r.join_url.as_deref().unwrap_or_default(),
            attendance.map_or("", |a| if a.attended { "yes" } else { "no" }),
            &number(attendance.map(|a| a.live_minutes)),
            &number(attendance.map(|a| a.archive_minutes)),
            &attendance
                .and_then(|a| a.engagement_score)
                .map(crate::sync::score_text)
                .unwrap_or_default(),
        ]
        .map(csv_field)
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: Capacity = Capacity {
        limit: Some(10),
        waitlist_allowed: true,
    };

    #[test]
    fn availability_is_the_next_registrations_decision_unless_closed() {
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(Availability::of(TEN, 9, false), Availability::Open);
        assert_eq!(Availability::of(TEN, 10, false), Availability::Waitlist);
        assert_eq!(Availability::of(no_waitlist, 10, false), Availability::Full);
        assert_eq!(Availability::of(TEN, 0, true), Availability::Closed);
        for a in [Availability::Open, Availability::Full, Availability::Closed] {
            let json = serde_json::to_value(a).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json, serde_json::json!(a.key()));
            assert_eq!(Availability::parse(a.key()), Some(a));
        }
    }

    #[test]
    fn capacity_then_waitlist_then_refusal() {
        assert_eq!(decide(TEN, 9), Ok(RegistrationStatus::Confirmed));
        assert_eq!(decide(TEN, 10), Ok(RegistrationStatus::Waitlisted));
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(decide(no_waitlist, 10), Err(FULL));
        assert_eq!(
            decide(no_waitlist, 11),
            Err(FULL),
            "never more than capacity"
        );
        let unlimited = Capacity {
            limit: None,
            waitlist_allowed: false,
        };
        assert_eq!(
            decide(unlimited, 1_000_000),
            Ok(RegistrationStatus::Confirmed)
        );
    }

    #[test]
    fn a_sold_out_pass_waitlists_or_refuses() {
        assert_eq!(
            decide_with_pass(TEN, 3, Some(2), 1),
            Ok(RegistrationStatus::Confirmed)
        );
        assert_eq!(
            decide_with_pass(TEN, 3, Some(2), 2),
            Ok(RegistrationStatus::Waitlisted)
        );
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(decide_with_pass(no_waitlist, 3, Some(2), 2), Err(PASS_FULL));
        assert_eq!(decide_with_pass(no_waitlist, 10, None, 0), Err(FULL));
    }

    #[test]
    fn cancelling_promotes_only_below_capacity() {
        assert!(promotes(TEN, 9));
        assert!(!promotes(TEN, 10));
        assert!(promotes(
            Capacity {
                limit: None,
                waitlist_allowed: true
            },
            500
        ));
    }

    #[test]
    fn extras_are_checked() {
        let sessions = vec!["s1".to_string()];
        let ok = RegistrationInput {
            session_ids: vec!["s1".into()],
            idempotency_key: Some("k-1".into()),
            ..Default::default()
        };
        assert!(ok.validate_extras(&sessions, &[], &[]).is_ok());
        let bad = RegistrationInput {
            session_ids: vec!["s9".into()],
            idempotency_key: Some(" ".into()),
            ..Default::default()
        };
        let errors = bad.validate_extras(&sessions, &[], &[]).expect_err("bad");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["idempotencyKey", "sessionIds"]);
    }

    #[test]
    fn the_attendee_is_flattened_in_json() {
        let input: RegistrationInput = serde_json::from_str(
            r#"{"email":"a@example.com","firstName":"A","sessionIds":["s1"],"idempotencyKey":"k"}"#,
        )
        .expect("parses");
        assert_eq!(input.attendee.email, "a@example.com");
        assert_eq!(input.attendee.first_name, "A");
        assert_eq!(input.idempotency_key.as_deref(), Some("k"));
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+33 1 23"), "'+33 1 23");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_registration() {
        let r = Registration {
            id: "r1".into(),
            event_id: "e1".into(),
            session_ids: vec!["s1".into(), "s2".into()],
            contact_id: "c1".into(),
            email: "élodie@example.com".into(),
            first_name: "Élodie".into(),
            last_name: "Martin, Jr".into(),
            company: String::new(),
            status: RegistrationStatus::Waitlisted,
            created_at: "2026-01-01T00:00:00.000Z".into(),
            sync_state: SyncState::Pending,
            sync_attempts: 0,
            sync_error: None,
            provider_registrant_id: None,
            join_url: None,
            attendance: None,
            session_webinars: vec![],
            idempotency_key: None,
            pass_id: None,
            responses: vec![],
            replayed: false,
        };
        let synced = Registration {
            id: "r2".into(),
            status: RegistrationStatus::Confirmed,
            sync_state: SyncState::Synced,
            provider_registrant_id: Some("901".into()),
            join_url: Some("https://event.example/j/901".into()),
            attendance: Some(Attendance {
                attended: true,
                live_minutes: 42,
                archive_minutes: 3,
                engagement_score: Some(7.5),
            }),
            ..r.clone()
        };
        let text = csv(&[r, synced]);
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "r1,waitlisted,2026-01-01T00:00:00.000Z,élodie@example.com,Élodie,\"Martin, Jr\",,s1 s2,pending,,,,,,,"
        );
        assert_eq!(
            lines[2],
            "r2,confirmed,2026-01-01T00:00:00.000Z,élodie@example.com,Élodie,\"Martin, Jr\",,s1 s2,synced,,901,https://event.example/j/901,yes,42,3,7.5"
        );
        assert_eq!(lines.len(), 4);
    }
}
