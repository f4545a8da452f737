//! Every HTTP call the SPA makes, returning typed results. Pages never build requests.

use convene_types::auth::{SessionUser, SignInRequest};
use convene_types::catalog::{Pass, PassInput, Speaker, SpeakerInput};
use convene_types::configuration::{
    CheckRequest, CheckResult, ConfigurationInput, CredentialsInput, WebinarConfiguration,
};
use convene_types::contact::{Contact, MatchStrategy};
use convene_types::custom::{
    CustomField, CustomFieldInput, WebsiteTableConfiguration, WebsiteTableConfigurationInput,
};
use convene_types::event::{Event, EventInput, Session, SessionInput};
use convene_types::event_admin::{EventAdministration, EventAdministrationInput};
use convene_types::list::{MAX_PAGE_SIZE, Page};
use convene_types::provider::{ProviderInput, WebinarProvider};
use convene_types::registration::{Registration, RegistrationInput, RegistrationStatus};
use convene_types::webapp::{IssuedToken, WebApplication, WebApplicationInput};
use convene_types::{ErrorBody, ErrorCode, FieldError};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;

/// Why a call failed, as the UI shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The server answered with an error body.
    Server { status: u16, body: ErrorBody },
    /// No usable answer (offline, server down, unreadable body).
    Network(String),
}

impl ApiError {
    pub fn message(&self) -> String {
        match self {
            ApiError::Server { body, .. } => body.error.message.clone(),
            ApiError::Network(detail) => format!("Could not reach Convene: {detail}"),
        }
    }

    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            ApiError::Server { body, .. } => body.error.fields.clone(),
            ApiError::Network(_) => vec![],
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// An answer, read whole. Reading it is the only async step of a call, and it is not
/// generic: its code is compiled once instead of into every call's future (the SPA is
/// 11.0 KB gzip smaller for it, docs/benchmarks.md).
struct Answer {
    status: u16,
    ok: bool,
    text: String,
}

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What every 401 answer does, whichever call got it: the App signs out (set once, at
/// start). Pages and components never handle an ended session themselves.
pub fn on_unauthorized(hook: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|slot| *slot.borrow_mut() = Some(Box::new(hook)));
}

async fn exchange(request: Result<gloo_net::http::Request, gloo_net::Error>) -> ApiResult<Answer> {
    let network = |e: gloo_net::Error| ApiError::Network(e.to_string());
    let response = request.map_err(network)?.send().await.map_err(network)?;
    let text = response.text().await.map_err(network)?;
    if response.status() == 401 {
        ON_UNAUTHORIZED.with(|slot| {
            if let Some(hook) = slot.borrow().as_ref() {
                hook();
            }
        });
    }
    Ok(Answer {
        status: response.status(),
        ok: response.ok(),
        text,
    })
}

fn send(builder: RequestBuilder) -> impl Future<Output = ApiResult<Answer>> {
    exchange(builder.build())
}

fn send_json<B: Serialize>(
    builder: RequestBuilder,
    body: &B,
) -> impl Future<Output = ApiResult<Answer>> {
    exchange(builder.json(body))
}

/// The answer's `T`, or the error the server answered.
///
/// The text is parsed into a `serde_json::Value` by one non-generic step, and `T` is read
/// from that value: serde_json's text parser is compiled once, not into every answer type's
/// decoder.
fn read<T: DeserializeOwned>(answer: Answer) -> ApiResult<T> {
    T::deserialize(parse(answer)?).map_err(|e| ApiError::Network(e.to_string()))
}

/// A successful answer's JSON, or the error the server answered.
fn parse(answer: Answer) -> ApiResult<Value> {
    if answer.ok {
        return serde_json::from_str(&answer.text).map_err(|e| ApiError::Network(e.to_string()));
    }
    let status = answer.status;
    let body = serde_json::from_str::<Value>(&answer.text)
        .ok()
        .and_then(|value| ErrorBody::deserialize(value).ok())
        .unwrap_or_else(|| {
            ErrorBody::new(
                ErrorCode::Internal,
                format!("The server answered {status}."),
                vec![],
            )
        });
    Err(ApiError::Server { status, body })
}

/// For answers without a body (204): only an error answer is read.
fn empty(answer: Answer) -> ApiResult<()> {
    if answer.ok {
        return Ok(());
    }
    parse(answer).map(|_| ())
}

pub async fn session() -> ApiResult<SessionUser> {
    read(send(Request::get("/api/auth/session")).await?)
}

pub async fn sign_in(request: &SignInRequest) -> ApiResult<SessionUser> {
    read(send_json(Request::post("/api/auth/sign-in"), request).await?)
}

pub async fn sign_out() -> ApiResult<()> {
    empty(send(Request::post("/api/auth/sign-out")).await?)
}

const PROVIDERS: &str = "/api/admin/webinar-providers";

/// Query string for a list request.
pub fn list_query(q: &str, sort: &str, desc: bool, page: usize) -> String {
    let q = String::from(js_sys::encode_uri_component(q.trim()));
    format!("?q={q}&sort={sort}&desc={desc}&page={page}")
}

pub async fn providers(query: &str) -> ApiResult<Page<WebinarProvider>> {
    read(send(Request::get(&format!("{PROVIDERS}{query}"))).await?)
}

pub async fn provider(id: &str) -> ApiResult<WebinarProvider> {
    read(send(Request::get(&format!("{PROVIDERS}/{}", encode(id)))).await?)
}

pub async fn create_provider(input: &ProviderInput) -> ApiResult<WebinarProvider> {
    read(send_json(Request::post(PROVIDERS), input).await?)
}

pub async fn update_provider(id: &str, input: &ProviderInput) -> ApiResult<WebinarProvider> {
    let url = format!("{PROVIDERS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_provider(id: &str) -> ApiResult<()> {
    let url = format!("{PROVIDERS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

const CONFIGURATIONS: &str = "/api/admin/webinar-configurations";

pub async fn configurations(query: &str, view: &str) -> ApiResult<Page<WebinarConfiguration>> {
    let url = format!("{CONFIGURATIONS}{query}&view={view}");
    read(send(Request::get(&url)).await?)
}

pub async fn configuration(id: &str) -> ApiResult<WebinarConfiguration> {
    read(send(Request::get(&format!("{CONFIGURATIONS}/{}", encode(id)))).await?)
}

pub async fn create_configuration(input: &ConfigurationInput) -> ApiResult<WebinarConfiguration> {
    read(send_json(Request::post(CONFIGURATIONS), input).await?)
}

pub async fn update_configuration(
    id: &str,
    input: &ConfigurationInput,
) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_configuration(id: &str) -> ApiResult<()> {
    let url = format!("{CONFIGURATIONS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

pub async fn set_configuration_active(id: &str, active: bool) -> ApiResult<WebinarConfiguration> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{CONFIGURATIONS}/{}/{action}", encode(id));
    read(send(Request::post(&url)).await?)
}

/// The signed-in administrator accepts the provider's current terms and privacy policy.
pub async fn accept_terms(id: &str) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}/accept-terms", encode(id));
    read(send(Request::post(&url)).await?)
}

pub async fn remove_credentials(id: &str) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}/credentials", encode(id));
    read(send(Request::delete(&url)).await?)
}

/// Check: typed credentials if given, else the stored ones (`id`), else for a new record.
pub async fn check(
    id: Option<&str>,
    provider_id: &str,
    credentials: Option<CredentialsInput>,
) -> ApiResult<CheckResult> {
    let body = CheckRequest {
        provider_id: provider_id.to_string(),
        credentials,
    };
    match id {
        Some(id) => {
            let url = format!("{CONFIGURATIONS}/{}/check", encode(id));
            if body.credentials.is_some() {
                read(send_json(Request::post(&url), &body).await?)
            } else {
                read(send(Request::post(&url)).await?)
            }
        }
        None => read(send_json(Request::post(&format!("{CONFIGURATIONS}/check")), &body).await?),
    }
}

/// The active configurations, for a picker (events and sessions may only choose these).
pub async fn active_configurations() -> ApiResult<Vec<WebinarConfiguration>> {
    let query = format!("?sort=name&pageSize={MAX_PAGE_SIZE}");
    configurations(&query, "active").await.map(|p| p.items)
}

const EVENT_ADMINISTRATIONS: &str = "/api/admin/event-administrations";

/// `view`: `active`, `inactive` or `all`.
pub async fn event_administrations(
    query: &str,
    view: &str,
) -> ApiResult<Page<EventAdministration>> {
    let url = format!("{EVENT_ADMINISTRATIONS}{query}&view={view}");
    read(send(Request::get(&url)).await?)
}

pub async fn event_administration(id: &str) -> ApiResult<EventAdministration> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    read(send(Request::get(&url)).await?)
}

pub async fn create_event_administration(
    input: &EventAdministrationInput,
) -> ApiResult<EventAdministration> {
    read(send_json(Request::post(EVENT_ADMINISTRATIONS), input).await?)
}

pub async fn update_event_administration(
    id: &str,
    input: &EventAdministrationInput,
) -> ApiResult<EventAdministration> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_event_administration(id: &str) -> ApiResult<()> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

/// Activating while another record is active is refused (409 naming it).
pub async fn set_event_administration_active(
    id: &str,
    active: bool,
) -> ApiResult<EventAdministration> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{EVENT_ADMINISTRATIONS}/{}/{action}", encode(id));
    read(send(Request::post(&url)).await?)
}

/// `GET /api/admin/deployment`.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Deployment {
    /// Marked production: demo payment confirmation is refused.
    pub production: bool,
}

pub async fn deployment() -> ApiResult<Deployment> {
    read(send(Request::get("/api/admin/deployment")).await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CurrentStrategy {
    match_strategy: MatchStrategy,
}

/// The contact matching strategy registrations use now.
pub async fn match_strategy() -> ApiResult<MatchStrategy> {
    let answer: CurrentStrategy = read(send(Request::get("/api/admin/match-strategy")).await?)?;
    Ok(answer.match_strategy)
}

const EVENTS: &str = "/api/admin/events";

fn event_url(id: &str) -> String {
    format!("{EVENTS}/{}", encode(id))
}

/// Sort keys: `start` (default), `name`.
pub async fn events(query: &str) -> ApiResult<Page<Event>> {
    read(send(Request::get(&format!("{EVENTS}{query}"))).await?)
}

pub async fn event(id: &str) -> ApiResult<Event> {
    read(send(Request::get(&event_url(id))).await?)
}

/// Creates the event's webinar at its provider, or links `request.provider_event_id`.
pub async fn event_webinar(
    id: &str,
    request: &convene_types::webinar::WebinarRequest,
) -> ApiResult<Event> {
    let url = format!("{}/webinar", event_url(id));
    read(send_json(Request::post(&url), request).await?)
}

pub async fn create_event(input: &EventInput) -> ApiResult<Event> {
    read(send_json(Request::post(EVENTS), input).await?)
}

pub async fn update_event(id: &str, input: &EventInput) -> ApiResult<Event> {
    read(send_json(Request::put(&event_url(id)), input).await?)
}

/// Refused (409) while the event has registrations.
pub async fn delete_event(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&event_url(id))).await?)
}

pub async fn sessions(event_id: &str) -> ApiResult<Vec<Session>> {
    let url = format!("{}/sessions", event_url(event_id));
    read(send(Request::get(&url)).await?)
}

pub async fn create_session(event_id: &str, input: &SessionInput) -> ApiResult<Session> {
    let url = format!("{}/sessions", event_url(event_id));
    read(send_json(Request::post(&url), input).await?)
}

pub async fn update_session(
    event_id: &str,
    session_id: &str,
    input: &SessionInput,
) -> ApiResult<Session> {
    let url = format!("{}/sessions/{}", event_url(event_id), encode(session_id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_session(event_id: &str, session_id: &str) -> ApiResult<()> {
    let url = format!("{}/sessions/{}", event_url(event_id), encode(session_id));
    empty(send(Request::delete(&url)).await?)
}

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

/// The CSV export's address, for a plain download link (the session cookie goes with it).
pub fn registrations_csv_url(event_id: &str) -> String {
    format!("{}/registrations.csv", event_url(event_id))
}

const CONTACTS: &str = "/api/admin/contacts";

pub async fn contacts(query: &str) -> ApiResult<Page<Contact>> {
    read(send(Request::get(&format!("{CONTACTS}{query}"))).await?)
}

pub async fn contact(id: &str) -> ApiResult<Contact> {
    read(send(Request::get(&format!("{CONTACTS}/{}", encode(id)))).await?)
}

pub async fn contact_registrations(id: &str) -> ApiResult<Vec<Registration>> {
    let url = format!("{CONTACTS}/{}/registrations", encode(id));
    read(send(Request::get(&url)).await?)
}

const WEB_APPLICATIONS: &str = "/api/admin/web-applications";

fn web_application_url(id: &str) -> String {
    format!("{WEB_APPLICATIONS}/{}", encode(id))
}

/// All web applications, sorted by name.
pub async fn web_applications() -> ApiResult<Vec<WebApplication>> {
    read(send(Request::get(WEB_APPLICATIONS)).await?)
}

pub async fn web_application(id: &str) -> ApiResult<WebApplication> {
    read(send(Request::get(&web_application_url(id))).await?)
}

/// The answer carries the new token: show it once, keep it nowhere.
pub async fn create_web_application(input: &WebApplicationInput) -> ApiResult<IssuedToken> {
    read(send_json(Request::post(WEB_APPLICATIONS), input).await?)
}

pub async fn update_web_application(
    id: &str,
    input: &WebApplicationInput,
) -> ApiResult<WebApplication> {
    read(send_json(Request::put(&web_application_url(id)), input).await?)
}

pub async fn delete_web_application(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&web_application_url(id))).await?)
}

/// A new token; the old one stops working at once.
pub async fn rotate_web_application_token(id: &str) -> ApiResult<IssuedToken> {
    let url = format!("{}/rotate-token", web_application_url(id));
    read(send(Request::post(&url)).await?)
}

pub async fn set_web_application_active(id: &str, active: bool) -> ApiResult<WebApplication> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{}/{action}", web_application_url(id));
    read(send(Request::post(&url)).await?)
}

const CUSTOM_FIELDS: &str = "/api/admin/custom-fields";

/// All custom fields of every table.
pub async fn custom_fields() -> ApiResult<Vec<CustomField>> {
    read(send(Request::get(CUSTOM_FIELDS)).await?)
}

pub async fn create_custom_field(input: &CustomFieldInput) -> ApiResult<CustomField> {
    read(send_json(Request::post(CUSTOM_FIELDS), input).await?)
}

/// Only the label and choices may change (409 otherwise).
pub async fn update_custom_field(id: &str, input: &CustomFieldInput) -> ApiResult<CustomField> {
    let url = format!("{CUSTOM_FIELDS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

/// Refused (409) while a website table configuration lists the field.
pub async fn delete_custom_field(id: &str) -> ApiResult<()> {
    let url = format!("{CUSTOM_FIELDS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

const TABLE_CONFIGURATIONS: &str = "/api/admin/website-table-configurations";

fn table_configuration_url(id: &str) -> String {
    format!("{TABLE_CONFIGURATIONS}/{}", encode(id))
}

pub async fn website_table_configurations() -> ApiResult<Vec<WebsiteTableConfiguration>> {
    read(send(Request::get(TABLE_CONFIGURATIONS)).await?)
}

pub async fn website_table_configuration(id: &str) -> ApiResult<WebsiteTableConfiguration> {
    read(send(Request::get(&table_configuration_url(id))).await?)
}

pub async fn create_website_table_configuration(
    input: &WebsiteTableConfigurationInput,
) -> ApiResult<WebsiteTableConfiguration> {
    read(send_json(Request::post(TABLE_CONFIGURATIONS), input).await?)
}

pub async fn update_website_table_configuration(
    id: &str,
    input: &WebsiteTableConfigurationInput,
) -> ApiResult<WebsiteTableConfiguration> {
    read(send_json(Request::put(&table_configuration_url(id)), input).await?)
}

pub async fn delete_website_table_configuration(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&table_configuration_url(id))).await?)
}

/// Records kept per event under `/api/admin/events/{id}/<COLLECTION>`: speakers, passes and
/// custom registration fields (questions).
pub trait EventItem: DeserializeOwned + Clone + Send + Sync + 'static {
    type Input: Serialize + Clone + Send + Sync + 'static;
    const COLLECTION: &'static str;
    fn id(&self) -> &str;
}

impl EventItem for Speaker {
    type Input = SpeakerInput;
    const COLLECTION: &'static str = "speakers";
    fn id(&self) -> &str {
        &self.id
    }
}

impl EventItem for Pass {
    type Input = PassInput;
    const COLLECTION: &'static str = "passes";
    fn id(&self) -> &str {
        &self.id
    }
}

impl EventItem for convene_types::custom::RegistrationQuestion {
    type Input = convene_types::custom::RegistrationQuestionInput;
    const COLLECTION: &'static str = "registration-fields";
    fn id(&self) -> &str {
        &self.id
    }
}

fn event_item_url<T: EventItem>(event_id: &str, item_id: Option<&str>) -> String {
    let list = format!("{}/{}", event_url(event_id), T::COLLECTION);
    match item_id {
        Some(id) => format!("{list}/{}", encode(id)),
        None => list,
    }
}

/// An event's speakers, passes or registration fields.
pub async fn event_items<T: EventItem>(event_id: &str) -> ApiResult<Vec<T>> {
    read(send(Request::get(&event_item_url::<T>(event_id, None))).await?)
}

/// Creates one (`item_id` `None`) or replaces it.
pub async fn save_event_item<T: EventItem>(
    event_id: &str,
    item_id: Option<&str>,
    input: &T::Input,
) -> ApiResult<T> {
    let url = event_item_url::<T>(event_id, item_id);
    let builder = match item_id {
        Some(_) => Request::put(&url),
        None => Request::post(&url),
    };
    read(send_json(builder, input).await?)
}

pub async fn delete_event_item<T: EventItem>(event_id: &str, item_id: &str) -> ApiResult<()> {
    let url = event_item_url::<T>(event_id, Some(item_id));
    empty(send(Request::delete(&url)).await?)
}
