//! What the webinar provider reported of a registrant's attendance, as one line, and the
//! totals of an event and of each of its sessions. Used by an event's registrations list
//! and a contact's page.

use convene_types::event::Session;
use convene_types::i18n::Lang;
use convene_types::registration::{Registration, RegistrationStatus};
use convene_types::sync::{Attendance, score_text};
use leptos::prelude::*;

use crate::display::decimal;
use crate::i18n::{self, admin::registrations as words};

/// "Attended · 42 min live · 3 min replay · score 7.5", "Did not attend", or "—" when the
/// provider has reported nothing yet; in `lang`.
pub fn attendance_text(lang: Lang, attendance: Option<&Attendance>) -> String {
    match attendance {
        None => "—".into(),
        Some(a) if !a.attended => words::DID_NOT_ATTEND.get(lang).into(),
        Some(a) => {
            let mut parts = vec![
                words::ATTENDED.get(lang).to_string(),
                words::live_minutes(lang, a.live_minutes),
                words::replay_minutes(lang, a.archive_minutes),
            ];
            if let Some(score) = a.engagement_score {
                let score = decimal(lang, &score_text(score));
                parts.push(words::engagement_score(lang, &score));
            }
            parts.join(" · ")
        }
    }
}

/// How many of an event's (or one of its sessions') confirmed registrations attended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttendanceTotals {
    pub attended: usize,
    pub registered: usize,
}

/// The totals over what the provider reported of each registration (`None`: nothing yet,
/// which counts as registered), or `None` while it has reported nothing for any of them.
fn totals<'a>(
    reported: impl IntoIterator<Item = Option<&'a Attendance>>,
) -> Option<AttendanceTotals> {
    let (mut known, mut attended, mut registered) = (false, 0, 0);
    for attendance in reported {
        registered += 1;
        known |= attendance.is_some();
        attended += usize::from(attendance.is_some_and(|a| a.attended));
    }
    known.then_some(AttendanceTotals {
        attended,
        registered,
    })
}

/// The confirmed ones of `registrations`.
fn confirmed(registrations: &[Registration]) -> impl Iterator<Item = &Registration> {
    registrations
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed)
}

/// The totals of the event's webinar over `registrations` (the confirmed ones count), or
/// `None` while the provider has reported no attendance for any of them.
pub fn attendance_totals(registrations: &[Registration]) -> Option<AttendanceTotals> {
    totals(confirmed(registrations).map(|r| r.attendance.as_ref()))
}

/// The same for each of `sessions` (by its name, in their order) over the confirmed
/// registrations to it, at its own webinar: only the sessions for which the provider
/// reported attendance (so only sessions with their own webinar) have totals.
pub fn session_attendance_totals(
    registrations: &[Registration],
    sessions: &[Session],
) -> Vec<(String, AttendanceTotals)> {
    sessions
        .iter()
        .filter_map(|session| {
            let id = session.id.as_str();
            let reported = confirmed(registrations)
                .filter(|r| r.session_ids.iter().any(|s| s == id))
                .map(|r| {
                    r.session_webinars
                        .iter()
                        .find(|w| w.session_id == id)
                        .and_then(|w| w.attendance.as_ref())
                });
            totals(reported).map(|t| (session.name.clone(), t))
        })
        .collect()
}

/// One registration's attendance.
#[component]
pub fn AttendanceSummary(attendance: Option<Attendance>) -> impl IntoView {
    let class = match &attendance {
        Some(a) if a.attended => "attendance attended",
        Some(_) => "attendance absent",
        None => "attendance muted",
    };
    let text = move || attendance_text(i18n::lang(), attendance.as_ref());
    view! { <span class=class data-testid="attendance">{text}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use convene_types::sync::SessionWebinar;

    fn attended(live: u32, archive: u32, score: Option<f64>) -> Attendance {
        Attendance {
            attended: true,
            live_minutes: live,
            archive_minutes: archive,
            engagement_score: score,
        }
    }

    /// A confirmed registration, to no session, of which the provider reported nothing.
    fn registration() -> Registration {
        serde_json::from_value(serde_json::json!({
            "id": "r", "eventId": "e", "sessionIds": [], "contactId": "c",
            "email": "a@example.com", "firstName": "", "lastName": "", "company": "",
            "status": "confirmed", "createdAt": "2026-01-01T09:00:00.000Z",
            "syncState": "synced", "syncAttempts": 0, "syncError": null,
            "idempotencyKey": null
        }))
        .unwrap_or_else(|e| panic!("a registration: {e}"))
    }

    #[test]
    fn one_line_per_registrant() {
        let en = |a: Option<&Attendance>| attendance_text(Lang::En, a);
        assert_eq!(
            en(Some(&attended(42, 3, Some(7.5)))),
            "Attended · 42 min live · 3 min replay · score 7.5"
        );
        assert_eq!(
            en(Some(&attended(0, 12, None))),
            "Attended · 0 min live · 12 min replay"
        );
        assert_eq!(
            en(Some(&attended(5, 0, Some(7.0)))),
            "Attended · 5 min live · 0 min replay · score 7"
        );
        assert_eq!(en(Some(&Attendance::default())), "Did not attend");
        assert_eq!(en(None), "—");

        let fr = |a: Option<&Attendance>| attendance_text(Lang::Fr, a);
        assert_eq!(
            fr(Some(&attended(42, 3, Some(7.5)))),
            "Présent · 42 min en direct · 3 min en différé · score d’engagement 7,5"
        );
        assert_eq!(fr(Some(&Attendance::default())), "Absent");
        assert_eq!(fr(None), "—");
    }

    #[test]
    fn totals_count_confirmed_registrations_once_attendance_is_known() {
        let base = registration();
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

    #[test]
    fn session_totals_count_its_confirmed_registrations_once_its_attendance_is_known() {
        let base = registration();
        let session = |id: &str, name: &str| -> Session {
            serde_json::from_value(serde_json::json!({
                "id": id, "eventId": "e", "name": name, "start": "2026-06-01T14:30",
                "end": "2026-06-01T15:00", "webinarConfigurationId": null,
                "createdAt": "2026-01-01T09:00:00.000Z", "updatedAt": "2026-01-01T09:00:00.000Z"
            }))
            .unwrap_or_else(|e| panic!("a session: {e}"))
        };
        let sessions = [
            session("s1", "Keynote"),
            session("s2", "Workshop"),
            session("s3", "Panel"),
        ];
        let with = |status, held: &[(&str, Option<Attendance>)]| Registration {
            status,
            session_ids: held.iter().map(|(id, _)| id.to_string()).collect(),
            session_webinars: held
                .iter()
                .map(|(id, attendance)| SessionWebinar {
                    session_id: id.to_string(),
                    attendance: attendance.clone(),
                    ..SessionWebinar::default()
                })
                .collect(),
            // The event's own attendance counts for the event only.
            attendance: Some(attended(60, 0, None)),
            ..base.clone()
        };
        let confirmed = RegistrationStatus::Confirmed;
        let list = [
            with(
                confirmed,
                &[("s1", Some(attended(30, 0, None))), ("s2", None)],
            ),
            with(confirmed, &[("s1", Some(Attendance::default()))]),
            with(confirmed, &[("s1", None), ("s3", None)]),
            with(confirmed, &[]),
            with(
                RegistrationStatus::Cancelled,
                &[
                    ("s1", Some(attended(1, 0, None))),
                    ("s2", Some(attended(1, 0, None))),
                ],
            ),
        ];
        // s2: only a cancelled registration attended; s3: nothing reported.
        assert_eq!(
            session_attendance_totals(&list, &sessions),
            vec![(
                "Keynote".to_string(),
                AttendanceTotals {
                    attended: 1,
                    registered: 3
                }
            )]
        );
        assert_eq!(session_attendance_totals(&[], &sessions), vec![]);
        assert_eq!(session_attendance_totals(&list, &[]), vec![]);
    }
}
