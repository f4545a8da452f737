//! What the webinar provider reported of a registrant's attendance, as one line, and an
//! event's totals. Used by an event's registrations list and a contact's page.

use convene_types::registration::{Registration, RegistrationStatus};
use convene_types::sync::{Attendance, score_text};
use leptos::prelude::*;

/// "Attended · 42 min live · 3 min replay · score 7.5", "Did not attend", or "—" when the
/// provider has reported nothing yet.
pub fn attendance_text(attendance: Option<&Attendance>) -> String {
    match attendance {
        None => "—".into(),
        Some(a) if !a.attended => "Did not attend".into(),
        Some(a) => {
            let mut parts = vec![
                "Attended".to_string(),
                format!("{} min live", a.live_minutes),
                format!("{} min replay", a.archive_minutes),
            ];
            if let Some(score) = a.engagement_score {
                parts.push(format!("score {}", score_text(score)));
            }
            parts.join(" · ")
        }
    }
}

/// How many of an event's confirmed registrations attended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttendanceTotals {
    pub attended: usize,
    pub registered: usize,
}

/// The totals over `registrations` (the confirmed ones count), or `None` while the provider
/// has reported no attendance for any of them.
pub fn attendance_totals(registrations: &[Registration]) -> Option<AttendanceTotals> {
    let confirmed = || {
        registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Confirmed)
    };
    confirmed()
        .any(|r| r.attendance.is_some())
        .then(|| AttendanceTotals {
            attended: confirmed()
                .filter(|r| r.attendance.as_ref().is_some_and(|a| a.attended))
                .count(),
            registered: confirmed().count(),
        })
}

/// One registration's attendance.
#[component]
pub fn AttendanceSummary(attendance: Option<Attendance>) -> impl IntoView {
    let class = match &attendance {
        Some(a) if a.attended => "attendance attended",
        Some(_) => "attendance absent",
        None => "attendance muted",
    };
    view! { <span class=class data-testid="attendance">{attendance_text(attendance.as_ref())}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attended(live: u32, archive: u32, score: Option<f64>) -> Attendance {
        Attendance {
            attended: true,
            live_minutes: live,
            archive_minutes: archive,
            engagement_score: score,
        }
    }

    #[test]
    fn one_line_per_registrant() {
        assert_eq!(
            attendance_text(Some(&attended(42, 3, Some(7.5)))),
            "Attended · 42 min live · 3 min replay · score 7.5"
        );
        assert_eq!(
            attendance_text(Some(&attended(0, 12, None))),
            "Attended · 0 min live · 12 min replay"
        );
        assert_eq!(
            attendance_text(Some(&attended(5, 0, Some(7.0)))),
            "Attended · 5 min live · 0 min replay · score 7"
        );
        assert_eq!(
            attendance_text(Some(&Attendance::default())),
            "Did not attend"
        );
        assert_eq!(attendance_text(None), "—");
    }

    #[test]
    fn totals_count_confirmed_registrations_once_attendance_is_known() {
        let base: Registration = serde_json::from_value(serde_json::json!({
            "id": "r", "eventId": "e", "sessionIds": [], "contactId": "c",
            "email": "a@example.com", "firstName": "", "lastName": "", "company": "",
            "status": "confirmed", "createdAt": "2026-01-01T09:00:00.000Z",
            "syncState": "synced", "syncAttempts": 0, "syncError": null,
            "idempotencyKey": null
        }))
        .unwrap_or_else(|e| panic!("a registration: {e}"));
        let with = |status, attendance: Option<Attendance>| Registration {
            status,
            attendance,
            ..base.clone()
        };
        assert_eq!(attendance_totals(&[base.clone(), base.clone()]), None);
        let list = [
            with(RegistrationStatus::Confirmed, Some(attended(30, 0, None))),
            with(RegistrationStatus::Confirmed, Some(Attendance::default())),
            with(RegistrationStatus::Confirmed, None),
            with(RegistrationStatus::Cancelled, Some(attended(1, 0, None))),
        ];
        assert_eq!(
            attendance_totals(&list),
            Some(AttendanceTotals {
                attended: 1,
                registered: 3
            })
        );
    }
}
