//! Attendance pulled from the webinar provider, recorded on the registrations it covers.

use convene_types::contact::normalize_email;
use convene_types::sync::{Attendance, SessionWebinar};
use serde::Deserialize;

use super::AttendeeReport;
use super::outbox::{self, session_webinar};
use super::schema::Db;
use crate::error::ApiResult;

#[derive(Deserialize)]
struct SentRow {
    id: String,
    provider_registrant_id: Option<String>,
    email: String,
    webinar_sessions: String,
    session_webinars: String,
}

/// Sets the attendance at the webinar of `event_id` (or of its session `session_id`) of
/// every confirmed registration the provider has (synced): its line of the report,
/// matched by the provider's registrant id, else by email; a registrant absent from the
/// report did not attend. Returns how many were set.
pub fn record(
    db: &Db,
    event_id: &str,
    session_id: Option<&str>,
    attendees: &[AttendeeReport],
) -> ApiResult<u32> {
    let sent: Vec<SentRow> = db.rows(
        "SELECT r.id, r.provider_registrant_id, COALESCE(r.email, c.email) AS email, \
             r.webinar_sessions, r.session_webinars \
         FROM registrations r JOIN contacts c ON c.id = r.contact_id \
         WHERE r.event_id = ? AND r.status = 'confirmed' AND r.sync_state = 'synced'",
        vec![event_id.into()],
    )?;
    let mut set = 0;
    for row in &sent {
        let registrant_id = match session_id {
            None => row.provider_registrant_id.clone(),
            Some(session_id) => {
                if !outbox::webinar_sessions(&row.webinar_sessions)?
                    .iter()
                    .any(|s| s == session_id)
                {
                    continue;
                }
                let held: Vec<SessionWebinar> = serde_json::from_str(&row.session_webinars)?;
                held.into_iter()
                    .find(|w| w.session_id == session_id)
                    .and_then(|w| w.registrant_id)
            }
        };
        let by_id = registrant_id.as_ref().and_then(|id| {
            attendees
                .iter()
                .find(|a| a.registrant_id.as_ref() == Some(id))
        });
        let email = normalize_email(&row.email);
        let found = by_id.or_else(|| {
            attendees
                .iter()
                .find(|a| normalize_email(&a.email) == email)
        });
        let attendance = found.map_or_else(Attendance::default, |a| a.attendance.clone());
        match session_id {
            None => db.run(
                "UPDATE registrations SET attendance = ? WHERE id = ?",
                vec![
                    serde_json::to_string(&attendance)?.into(),
                    row.id.as_str().into(),
                ],
            )?,
            Some(session_id) => session_webinar(db, &row.id, session_id, |w| {
                w.attendance = Some(attendance);
            })?,
        }
        set += 1;
    }
    Ok(set)
}
