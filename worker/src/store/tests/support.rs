//! What the store's native tests share: an executor, inputs from JSON, the refusals they
//! expect, and the few records most tests start from.

use std::fmt::Debug;
use std::future::Future;

use convene_types::configuration::WebinarConfiguration;
use convene_types::event::Event;
use convene_types::provider::WebinarProvider;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::Records;
use crate::error::{ApiError, ApiResult};
use crate::store::{configurations, custom, events, providers};
use crate::vault::Sealed;

/// Runs a store command to completion: with the in-memory backend nothing ever waits.
pub fn run<F: Future>(future: F) -> F::Output {
    futures_executor::block_on(future)
}

/// An input as the API receives it: from its JSON body.
pub fn input<T: DeserializeOwned>(body: Value) -> T {
    serde_json::from_value(body).expect("the body has the input's shape")
}

/// The error a command was expected to refuse with.
pub fn refusal<T: Debug>(result: ApiResult<T>) -> ApiError {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(error) => error,
    }
}

/// The (field, message) pairs of a validation refusal.
pub fn field_errors<T: Debug>(result: ApiResult<T>) -> Vec<(String, String)> {
    match refusal(result) {
        ApiError::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The message of a conflict refusal.
pub fn conflict<T: Debug>(result: ApiResult<T>) -> String {
    match refusal(result) {
        ApiError::Conflict(message) => message,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The message of a not-found refusal.
pub fn not_found<T: Debug>(result: ApiResult<T>) -> String {
    match refusal(result) {
        ApiError::NotFound(message) => message,
        other => panic!("expected not found, got {other:?}"),
    }
}

/// Sealed credentials told apart by `tag` (the store never opens them).
pub fn sealed(tag: &str) -> Sealed {
    Sealed {
        version: 1,
        kek_id: "k1".into(),
        wrapped_key: format!("wrapped-{tag}"),
        nonce: format!("nonce-{tag}"),
        ciphertext: format!("ciphertext-{tag}"),
    }
}

pub async fn provider(records: &Records, name: &str, max_minutes: u32) -> WebinarProvider {
    providers::create(
        records,
        input(json!({
            "name": name,
            "maxDurationMinutes": max_minutes,
            "termsOfServiceUrl": "https://provider.example/terms",
            "privacyPolicyUrl": "https://provider.example/privacy",
        })),
    )
    .await
    .expect("provider created")
}

pub async fn configuration(
    records: &Records,
    name: &str,
    provider_id: &str,
) -> WebinarConfiguration {
    let id = crate::ids::new_id().expect("random id");
    let body = json!({ "name": name, "providerId": provider_id });
    configurations::create(records, id.clone(), input(body), None)
        .await
        .expect("configuration created");
    activated(records, &id).await
}

/// The configuration `id` with its provider's terms accepted, then activated (events may
/// choose only active configurations).
pub async fn activated(records: &Records, id: &str) -> WebinarConfiguration {
    configurations::accept_terms(records, id, "admin")
        .await
        .expect("terms accepted");
    configurations::set_active(records, id, true)
        .await
        .expect("activated")
}

/// `body` with the members of `changes` set on it.
pub fn merged(mut body: Value, changes: Value) -> Value {
    if let (Some(body), Value::Object(changes)) = (body.as_object_mut(), changes) {
        body.extend(changes);
    }
    body
}

/// A valid in-person event body (14 March 2026, 09:00–18:00 in Paris), with `changes` on top.
pub fn event_body(changes: Value) -> Value {
    let body = json!({
        "name": "Spring Summit",
        "start": "2026-03-14T09:00",
        "end": "2026-03-14T18:00",
        "timeZone": "Europe/Paris",
        "format": "in_person",
    });
    merged(body, changes)
}

pub async fn event(records: &Records, changes: Value) -> Event {
    events::create(records, input(event_body(changes)))
        .await
        .expect("event created")
}

/// A text custom field `name` on `entity`'s records (`event`, `session`, `speaker`, `pass`).
pub async fn text_field(records: &Records, entity: &str, name: &str) {
    let body = json!({ "entity": entity, "name": name, "label": name, "fieldType": "text" });
    custom::create_field(records, input(body))
        .await
        .expect("custom field");
}
