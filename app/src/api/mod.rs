//! Every HTTP call the SPA makes, returning typed results. Pages never build requests.

//!
//! One module per concern: `configurations` (webinar providers and configurations, with
//! the integration's actions), `events` (events, sessions, an event's webinar and items),
//! `registrations`, `contacts`, `event_management` (Settings › Event management records),
//! `users` (Settings › Team › Users, and changing your own password), `audit` (the audit
//! log and the retention setting), `webhooks` (Settings › Integrations › Webhooks and their
//! delivery log).
//! Their calls are re-exported here: pages call `api::<call>`.

mod audit;
mod configurations;
mod contacts;
mod event_management;
mod events;
mod registrations;
mod users;
mod webhooks;

pub use audit::*;
pub use configurations::*;
pub use contacts::*;
pub use event_management::*;
pub use events::*;
pub use registrations::*;
pub use users::*;
pub use webhooks::*;

use convene_types::auth::{SessionUser, SignInRequest};
use convene_types::contact::MatchStrategy;
use convene_types::i18n::{admin::common, admin_message};
use convene_types::{ErrorBody, ErrorCode, FieldError};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;

use crate::i18n;

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
            ApiError::Server { body, .. } => admin_message(&body.error.message, i18n::current()),
            ApiError::Network(detail) => common::unreachable(i18n::current(), detail),
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
        // Once the caller has its answer and the page has shown it: signing out disposes the
        // page, and a page disposed while its read settles touches disposed signals (a panic).
        leptos::prelude::set_timeout(
            || {
                ON_UNAUTHORIZED.with(|slot| {
                    if let Some(hook) = slot.borrow().as_ref() {
                        hook();
                    }
                })
            },
            std::time::Duration::ZERO,
        );
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

/// Query string for a list request.
pub fn list_query(q: &str, sort: &str, desc: bool, page: usize) -> String {
    let q = String::from(js_sys::encode_uri_component(q.trim()));
    format!("?q={q}&sort={sort}&desc={desc}&page={page}")
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
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
