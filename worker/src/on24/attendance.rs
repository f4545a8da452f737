//! Pulling a webinar's attendance from ON24 (`GET …/event/{eventId}/attendee`).

use std::time::Duration;

use convene_types::configuration::{CredentialsInput, ServiceStatus};
use convene_types::sync::Attendance;
use serde_json::Value;
use worker::Method;

use super::{Failure, client_url, interpret, send};

/// An attendance report may be long: it gets more time than a registrant call.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One registrant's line of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Attendee {
    /// ON24's `eventuserid` (the registration's `providerRegistrantId`).
    pub registrant_id: Option<String>,
    pub email: String,
    pub attendance: Attendance,
}

/// A whole number of minutes (or views) from a number or numeric text; anything else is 0.
/// Text is read with serde_json, not `str::parse::<f64>` (see ARCHITECTURE.md, size rules).
fn minutes(row: &Value, name: &str) -> u32 {
    let number = match row.get(name) {
        Some(Value::String(s)) => convene_types::validate::number_from_text(s).as_f64(),
        Some(v) => v.as_f64(),
        None => None,
    };
    number.map_or(0, |m| m.max(0.0).round() as u32)
}

/// The attendees of a report (`{"attendees": [...]}`, or a bare array).
pub fn parse(body: &str) -> Result<Vec<Attendee>, String> {
    let json: Value = serde_json::from_str(body)
        .map_err(|_| "The provider's attendance report is not JSON.".to_string())?;
    let rows = match &json {
        Value::Array(rows) => rows,
        other => other
            .get("attendees")
            .and_then(Value::as_array)
            .ok_or("The provider's attendance report lists no attendees.")?,
    };
    Ok(rows
        .iter()
        .map(|row| {
            let live_minutes = minutes(row, "liveminutes");
            let archive_minutes = minutes(row, "archiveminutes");
            Attendee {
                registrant_id: match row.get("eventuserid") {
                    Some(Value::Number(n)) => Some(n.to_string()),
                    Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    _ => None,
                },
                email: row
                    .get("email")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                attendance: Attendance {
                    attended: live_minutes > 0
                        || archive_minutes > 0
                        || minutes(row, "liveviewed") > 0
                        || minutes(row, "archiveviewed") > 0,
                    live_minutes,
                    archive_minutes,
                    engagement_score: row.get("engagementscore").and_then(Value::as_f64),
                },
            }
        })
        .collect())
}

/// The attendance report of `provider_event_id`, or why not.
pub async fn pull(
    base: &str,
    credentials: &CredentialsInput,
    provider_event_id: &str,
) -> Result<Vec<Attendee>, Failure> {
    let url = client_url(
        base,
        &credentials.client_id,
        &["event", provider_event_id, "attendee"],
    )
    .map_err(|e| (ServiceStatus::ProviderError, e))?;
    let answer = send(Method::Get, &url, credentials, None, TIMEOUT).await?;
    if !(200..=299).contains(&answer.status) {
        return Err(interpret(answer.status, &answer.body));
    }
    parse(&answer.body).map_err(|e| (ServiceStatus::ProviderError, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_gives_each_registrants_attendance() {
        let body = r#"{"totalattendees":3,"attendees":[
            {"eventuserid":300000001,"email":"a@example.com","liveminutes":42,"archiveminutes":0,"liveviewed":1,"engagementscore":7.5},
            {"eventuserid":"300000002","email":"b@example.com","liveminutes":0,"archiveminutes":"12","engagementscore":2},
            {"eventuserid":300000003,"email":"c@example.com","liveminutes":0,"archiveminutes":0,"engagementscore":0.0}
        ]}"#;
        let attendees = parse(body).expect("parses");
        assert_eq!(
            attendees[0],
            Attendee {
                registrant_id: Some("300000001".into()),
                email: "a@example.com".into(),
                attendance: Attendance {
                    attended: true,
                    live_minutes: 42,
                    archive_minutes: 0,
                    engagement_score: Some(7.5),
                },
            }
        );
        assert_eq!(attendees[1].registrant_id.as_deref(), Some("300000002"));
        assert!(attendees[1].attendance.attended);
        assert_eq!(attendees[1].attendance.archive_minutes, 12);
        assert!(!attendees[2].attendance.attended);
    }

    #[test]
    fn odd_reports_are_refused_or_read_leniently() {
        assert!(parse("<html>").is_err());
        assert!(parse(r#"{"message":"x"}"#).is_err());
        let lenient = parse(r#"[{"email":"x@example.com","liveminutes":-3}]"#).expect("array");
        assert_eq!(lenient[0].attendance.live_minutes, 0);
        assert_eq!(lenient[0].registrant_id, None);
    }
}
