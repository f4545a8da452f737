//! Where a registration stands with the webinar provider: its state as a pill, the
//! provider's (or Convene's) words when it waits or failed, the attendee's join link once
//! known, and a Retry button where sending again is possible; the join link and attendance
//! of each of its sessions' own webinars. Used by an event's registrations list and a
//! contact's page.

use convene_types::event::Session;
use convene_types::i18n::Lang;
use convene_types::registration::{Registration, RegistrationStatus, SyncState};
use convene_types::sync::SessionWebinar;
use convene_types::validate::web_link;
use leptos::prelude::*;

use crate::components::attendance::AttendanceSummary;
use crate::components::globe::GlobeIcon;
use crate::i18n::admin::registrations as words;
use crate::i18n::{self, t};
use crate::use_auth;

/// The state as a short label in `lang`, with the failed attempts when there were some.
pub fn sync_label(lang: Lang, r: &Registration) -> String {
    let state = words::sync_state(r.sync_state).get(lang);
    match r.sync_state {
        SyncState::Pending if r.status == RegistrationStatus::Waitlisted => {
            words::PENDING_UNTIL_CONFIRMED.get(lang).into()
        }
        SyncState::Pending | SyncState::Failed if r.sync_attempts > 0 => {
            words::with_failed_attempts(lang, state, r.sync_attempts)
        }
        _ => state.into(),
    }
}

/// Whether the API takes a retry of `r`: failed ones, and pending ones that are sent at all
/// (a waitlisted registration is sent only once confirmed).
pub fn can_retry(r: &Registration) -> bool {
    match r.sync_state {
        SyncState::Failed => true,
        SyncState::Pending => r.status != RegistrationStatus::Waitlisted,
        SyncState::Synced | SyncState::NotRequired => false,
    }
}

/// The first wait before a list is read again to show deliveries as they happen.
pub const FIRST_REFRESH_MS: u32 = 2_000;
/// The longest wait between two reads.
pub const LONGEST_REFRESH_MS: u32 = 30_000;

/// How soon a list showing `items` is read again, after `polls` reads in a row that only
/// this made: while a registration is on its way to the provider, after 2 s, then twice as
/// long each time up to 30 s; never when none is on its way.
pub fn refresh_after_ms<'a>(
    items: impl IntoIterator<Item = &'a Registration>,
    polls: u32,
) -> Option<u32> {
    items
        .into_iter()
        .any(|r| r.sync_state == SyncState::Pending && can_retry(r))
        .then(|| {
            FIRST_REFRESH_MS
                .saturating_mul(1 << polls.min(8))
                .min(LONGEST_REFRESH_MS)
        })
}

/// The attendee's own link to a webinar, opening in a new tab (a web address only:
/// [`web_link`]).
fn join_link(url: &str) -> impl IntoView + use<> {
    let url = url.to_string();
    view! {
        <a class="join-link" href=url target="_blank" rel="noopener noreferrer"
            title=t(words::JOIN_LINK_TITLE)>
            {t(words::JOIN_LINK)} <GlobeIcon />
        </a>
    }
}

/// The session's name as a registration's webinars show it.
pub fn session_name(lang: Lang, sessions: &[Session], session_id: &str) -> String {
    sessions.iter().find(|s| s.id == session_id).map_or_else(
        || words::DELETED_SESSION.get(lang).into(),
        |s| s.name.clone(),
    )
}

/// A registration's sessions' own webinars, by the session's name (from `sessions`): the
/// join link and attendance of each, once its provider answered. Nothing when it has none.
/// Made in the language read (tracked) now.
pub fn session_webinars(
    webinars: &[SessionWebinar],
    sessions: &[Session],
) -> Option<impl IntoView + use<>> {
    let lang = i18n::lang();
    let items = webinars
        .iter()
        .map(|w| {
            let name = session_name(lang, sessions, &w.session_id);
            let join = w.join_url.as_deref().and_then(web_link).map(join_link);
            let attendance = w.attendance.clone();
            view! {
                <li data-testid="session-webinar">
                    <span class="session-name">{words::before_colon(lang, &name)}</span>
                    {join}
                    " "
                    <AttendanceSummary attendance=attendance />
                </li>
            }
        })
        .collect::<Vec<_>>();
    (!items.is_empty()).then(|| {
        view! {
            <ul class="plain-list compact session-webinars" data-testid="session-webinars"
                aria-label=t(words::SESSIONS_WEBINARS)>
                {items}
            </ul>
        }
    })
}

/// The sync cell of a registration. `retry`, when given, is offered where [`can_retry`], to
/// a role that may change events.
#[component]
pub fn SyncStatus(
    registration: Registration,
    #[prop(optional)] retry: Option<Callback<()>>,
    /// Whether a retry is in flight (the button is disabled meanwhile).
    #[prop(optional, into)]
    retrying: Signal<bool>,
) -> impl IntoView {
    let class = format!("status sync-{}", registration.sync_state.key());
    let error = registration
        .sync_error
        .clone()
        .filter(|_| registration.sync_state != SyncState::Synced)
        .map(|e| view! { <p class="sync-error" data-testid="sync-error">{e}</p> });
    let join = registration
        .join_url
        .as_deref()
        .and_then(web_link)
        .map(join_link);
    let writable = use_auth().can_write_events();
    let retry = retry
        .filter(|_| writable && can_retry(&registration))
        .map(|retry| {
            view! {
                <button class="button subtle" type="button" disabled=move || retrying.get()
                    on:click=move |_| retry.run(())>{t(words::RETRY)}</button>
            }
        });
    let label = move || sync_label(i18n::lang(), &registration);
    view! {
        <div class="sync" data-testid="sync-state">
            <span class=class>{label}</span>
            {error}
            {join}
            {retry}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(state: SyncState, attempts: u32, error: Option<&str>) -> Registration {
        Registration {
            id: "r1".into(),
            event_id: "e1".into(),
            session_ids: vec![],
            contact_id: "c1".into(),
            email: "a@example.com".into(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            company: String::new(),
            status: RegistrationStatus::Confirmed,
            created_at: "2026-01-01T09:00:00.000Z".into(),
            sync_state: state,
            sync_attempts: attempts,
            sync_error: error.map(str::to_string),
            provider_registrant_id: None,
            join_url: None,
            attendance: None,
            idempotency_key: None,
            pass_id: None,
            responses: vec![],
            replayed: false,
            session_webinars: vec![],
        }
    }

    #[test]
    fn labels_say_the_state_and_the_failed_attempts() {
        let label = |s, n| sync_label(Lang::En, &registration(s, n, None));
        assert_eq!(label(SyncState::Pending, 0), "Pending");
        assert_eq!(label(SyncState::Pending, 1), "Pending (1 failed attempt)");
        assert_eq!(label(SyncState::Failed, 20), "Failed (20 failed attempts)");
        assert_eq!(label(SyncState::Failed, 0), "Failed");
        assert_eq!(label(SyncState::Synced, 0), "Synced");
        assert_eq!(
            label(SyncState::NotRequired, 0),
            "Not applicable (no webinar)"
        );
        let mut waitlisted = registration(SyncState::Pending, 0, None);
        waitlisted.status = RegistrationStatus::Waitlisted;
        assert_eq!(
            sync_label(Lang::En, &waitlisted),
            "Pending: sent once confirmed"
        );

        let french = |s, n| sync_label(Lang::Fr, &registration(s, n, None));
        assert_eq!(french(SyncState::Pending, 0), "En attente");
        assert_eq!(
            french(SyncState::Pending, 1),
            "En attente (1 tentative échouée)"
        );
        assert_eq!(
            french(SyncState::Failed, 20),
            "Échec (20 tentatives échouées)"
        );
        assert_eq!(french(SyncState::Synced, 0), "Synchronisée");
        assert_eq!(
            sync_label(Lang::Fr, &waitlisted),
            "En attente : envoyée une fois confirmée"
        );
    }

    #[test]
    fn retry_is_offered_where_the_api_takes_it() {
        assert!(can_retry(&registration(SyncState::Failed, 3, None)));
        assert!(can_retry(&registration(SyncState::Pending, 0, None)));
        assert!(!can_retry(&registration(SyncState::Synced, 0, None)));
        assert!(!can_retry(&registration(SyncState::NotRequired, 0, None)));
        let mut waitlisted = registration(SyncState::Pending, 0, None);
        waitlisted.status = RegistrationStatus::Waitlisted;
        assert!(!can_retry(&waitlisted));
    }

    #[test]
    fn a_list_is_read_again_only_while_something_is_on_its_way() {
        let synced = registration(SyncState::Synced, 0, None);
        let failed = registration(SyncState::Failed, 20, Some("Refused"));
        assert_eq!(refresh_after_ms([&synced, &failed], 0), None);
        let mut waitlisted = registration(SyncState::Pending, 0, None);
        waitlisted.status = RegistrationStatus::Waitlisted;
        assert_eq!(refresh_after_ms([&waitlisted], 0), None);
        let waiting = registration(SyncState::Pending, 0, Some("Waiting: no webinar yet."));
        let waits: Vec<_> = (0..6)
            .map(|polls| refresh_after_ms([&synced, &waiting], polls))
            .collect();
        assert_eq!(
            waits,
            [2_000, 4_000, 8_000, 16_000, 30_000, 30_000].map(Some)
        );
        assert_eq!(refresh_after_ms([&waiting], u32::MAX), Some(30_000));
    }
}
