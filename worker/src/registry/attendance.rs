//! Attendance pulled from the webinar provider, recorded on the registrations it covers.

use convene_types::contact::normalize_email;
use convene_types::sync::Attendance;
use serde::Deserialize;

use super::AttendeeReport;
use super::schema::Db;
use crate::error::ApiResult;

#[derive(Deserialize)]
struct SentRow {
    id: String,
    provider_registrant_id: Option<String>,
    email: String,
}

/// Sets the attendance of every confirmed registration of `event_id` that the provider
/// has (synced): its line of the report, matched by the provider's registrant id, else by
/// email; a registrant absent from the report did not attend. Returns how many were set.
pub fn record(db: &Db, event_id: &str, attendees: &[AttendeeReport]) -> ApiResult<u32> {
    let sent: Vec<SentRow> = db.rows(
        "SELECT r.id, r.provider_registrant_id, COALESCE(r.email, c.email) AS email \
         FROM registrations r JOIN contacts c ON c.id = r.contact_id \
         WHERE r.event_id = ? AND r.status = 'confirmed' AND r.sync_state = 'synced'",
        vec![event_id.into()],
    )?;
    for row in &sent {
        let by_id = row.provider_registrant_id.as_ref().and_then(|id| {
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
        db.run(
            "UPDATE registrations SET attendance = ? WHERE id = ?",
            vec![
                serde_json::to_string(&attendance)?.into(),
                row.id.as_str().into(),
            ],
        )?;
    }
    Ok(sent.len() as u32)
}
