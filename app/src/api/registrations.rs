//! An event's registrations: list, register, cancel, the CSV export, and sending one
//! to the webinar provider again.

use convene_types::list::{MAX_PAGE_SIZE, Page};
use convene_types::registration::{
    DailyCount, Registration, RegistrationInput, RegistrationStatus,
};
use gloo_net::http::Request;

use super::events::event_url;
use super::{ApiResult, encode, read, send, send_json};

/// `status`: only registrations in that state; `None` for all.
pub async fn registrations(
    event_id: &str,
    query: &str,
    status: Option<RegistrationStatus>,
) -> ApiResult<Page<Registration>> {
    let status = status
        .map(|s| format!("&status={}", s.key()))
        .unwrap_or_default();
    let url = format!("{}/registrations{query}{status}", event_url(event_id));
    read(send(Request::get(&url)).await?)
}

/// Confirmed or waitlisted; 409 when the event is full and has no waitlist.
pub async fn register(event_id: &str, input: &RegistrationInput) -> ApiResult<Registration> {
    let url = format!("{}/registrations", event_url(event_id));
    read(send_json(Request::post(&url), input).await?)
}

pub async fn cancel_registration(event_id: &str, registration_id: &str) -> ApiResult<Registration> {
    let url = format!(
        "{}/registrations/{}/cancel",
        event_url(event_id),
        encode(registration_id)
    );
    read(send(Request::post(&url)).await?)
}

/// The event's registrations per UTC day of creation, by status now (for its chart).
pub async fn registrations_per_day(event_id: &str) -> ApiResult<Vec<DailyCount>> {
    let url = format!("{}/registrations-per-day", event_url(event_id));
    read(send(Request::get(&url)).await?)
}

/// The CSV export's address, for a plain download link (the session cookie goes with it).
pub fn registrations_csv_url(event_id: &str) -> String {
    format!("{}/registrations.csv", event_url(event_id))
}

/// Sends a failed or pending registration to the webinar provider again (now); 409 when it
/// has nothing to send.
pub async fn retry_registration_sync(
    event_id: &str,
    registration_id: &str,
) -> ApiResult<Registration> {
    let url = format!(
        "{}/registrations/{}/retry-sync",
        event_url(event_id),
        encode(registration_id)
    );
    read(send(Request::post(&url)).await?)
}

/// Every registration of the event in `status`, read a full page at a time.
pub async fn all_registrations(
    event_id: &str,
    status: RegistrationStatus,
) -> ApiResult<Vec<Registration>> {
    let mut all = Vec::new();
    for page in 1.. {
        let query = format!("?sort=createdAt&pageSize={MAX_PAGE_SIZE}&page={page}");
        let answer = registrations(event_id, &query, Some(status)).await?;
        let done = answer.items.is_empty() || page >= answer.page_count();
        all.extend(answer.items);
        if done {
            break;
        }
    }
    Ok(all)
}
