//! Webhook delivery: the registry queues a message per subscribed endpoint in the same step
//! as the change it tells of (`registry/webhooks.rs`) and hands due ones to the outbox
//! Queue; this worker, which alone holds the keyring that opens the endpoints' secrets,
//! signs and sends each one and reports what became of it. Retries follow the webinar
//! outbox's backoff; each attempt is in the endpoint's delivery log.
//!
//! Deliveries follow the Standard Webhooks convention: `webhook-id` (the message id, the
//! same on every attempt), `webhook-timestamp` (seconds since the epoch, of the attempt)
//! and `webhook-signature` (`v1,` and the base64 HMAC-SHA256, keyed by the secret's bytes,
//! of `id.timestamp.body`).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use convene_types::sync::{MAX_ATTEMPTS, retry_delay_ms};
use convene_types::webhook::{self, DeliveryStatus, Destinations, EventType, SECRET_PREFIX};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use worker::Env;

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::on24::retry_after_ms;
use crate::registry::{Registry, RegistryCommand, across};
use crate::store::{Command, Deployment, Store, StoredWebhook, WebhookCommand};
use crate::vault::{self, Keyring};

/// A receiver that has not answered within this long is tried again later.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// One message due to one endpoint.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub seq: i64,
    pub endpoint_id: String,
    pub message_id: String,
    pub event_type: EventType,
    pub body: String,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// What became of one attempt.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The receiver answered 2xx.
    Delivered { code: u16 },
    /// Not this time: again after `delay_ms`, unless that was the last attempt.
    Retry {
        code: Option<u16>,
        delay_ms: u64,
        error: String,
    },
    /// Never: the address is refused.
    Failed { error: String },
    /// Not sent: the endpoint is inactive or gone.
    Skipped { reason: String },
}

impl Outcome {
    /// What attempt number `attempt` with this outcome is in the delivery log: its status,
    /// the receiver's response code and the error. A retry is `retrying` unless it was
    /// the last attempt allowed.
    pub fn logged(&self, attempt: u32) -> (DeliveryStatus, Option<u16>, Option<String>) {
        match self {
            Outcome::Delivered { code } => (DeliveryStatus::Delivered, Some(*code), None),
            Outcome::Retry { code, error, .. } if attempt >= MAX_ATTEMPTS => {
                (DeliveryStatus::Failed, *code, Some(error.clone()))
            }
            Outcome::Retry { code, error, .. } => {
                (DeliveryStatus::Retrying, *code, Some(error.clone()))
            }
            Outcome::Failed { error } => (DeliveryStatus::Failed, None, Some(error.clone())),
            Outcome::Skipped { reason } => (DeliveryStatus::Skipped, None, Some(reason.clone())),
        }
    }
}

/// What became of the message `seq` of the outbox that handed it out.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub seq: i64,
    pub outcome: Outcome,
}

/// One attempt, for the endpoint's delivery log (kept by the hub, `registry/placement.rs`,
/// whichever registry instance sent the message).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub endpoint_id: String,
    pub message_id: String,
    pub event_type: EventType,
    pub body: String,
    /// From 1.
    pub attempt: u32,
    pub status: DeliveryStatus,
    pub response_code: Option<u16>,
    pub error: Option<String>,
}

/// A new secret: the convention's prefix and 32 random bytes in base64.
pub fn new_secret() -> ApiResult<String> {
    Ok(format!(
        "{SECRET_PREFIX}{}",
        STANDARD.encode(ids::random_bytes::<32>()?)
    ))
}

/// The `webhook-signature` header's value for a delivery.
pub fn signature(
    secret: &str,
    message_id: &str,
    timestamp_s: u64,
    body: &str,
) -> ApiResult<String> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .map_err(|_| ApiError::internal("a webhook secret is not base64"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key)
        .map_err(|_| ApiError::internal("a webhook secret has no bytes"))?;
    mac.update(webhook::signed_content(message_id, timestamp_s, body).as_bytes());
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// Seals a secret for endpoint `id` (the id is bound to the ciphertext).
pub fn seal(env: &Env, id: &str, secret: &str) -> ApiResult<vault::Sealed> {
    Ok(vault::seal(
        &crate::routes::keyring(env)?,
        id,
        secret.as_bytes(),
    )?)
}

fn open(keyring: &Keyring, webhook: &StoredWebhook) -> ApiResult<String> {
    let bytes = vault::open(keyring, &webhook.endpoint.id, &webhook.secret)?;
    String::from_utf8(bytes).map_err(|_| ApiError::internal("a webhook secret is not text"))
}

/// Where this deployment may send webhooks.
pub fn destinations(env: &Env) -> Destinations {
    match Deployment::of(env) {
        Deployment::Production => Destinations::Public,
        Deployment::Development => Destinations::Any,
    }
}

/// Tells every registry instance who subscribes to what now (after an endpoint changed,
/// and from the Cron Trigger, which repairs a copy left behind by a failed call).
pub async fn share_subscriptions(env: &Env) -> ApiResult<()> {
    let event_ids = crate::deliver::all_event_ids(env).await?;
    let endpoints = subscriptions(env).await?;
    across::share_subscriptions(env, endpoints, &event_ids).await
}

/// [`share_subscriptions`] with a new event's instance only.
pub async fn share_with_event(env: &Env, event_id: &str) -> ApiResult<()> {
    let endpoints = subscriptions(env).await?;
    Registry::event(env, event_id)?
        .call(&RegistryCommand::SetWebhookEndpoints { endpoints })
        .await
}

async fn subscriptions(env: &Env) -> ApiResult<Vec<crate::store::Subscription>> {
    Store::config(env)?
        .call(&Command::Webhook(WebhookCommand::Subscriptions))
        .await
}

/// Sends one Queue message's webhooks, reports every outcome to `origin` (the registry
/// instance whose outbox they came from) and logs every attempt with the hub.
pub async fn deliver(env: &Env, origin: &str, due: Vec<Due>) -> ApiResult<()> {
    let mut ids: Vec<String> = due.iter().map(|d| d.endpoint_id.clone()).collect();
    ids.dedup();
    let targets: Vec<StoredWebhook> = Store::config(env)?
        .call(&Command::Webhook(WebhookCommand::Targets { ids }))
        .await?;
    let keyring = crate::routes::keyring(env);
    let destinations = destinations(env);
    let mut reports = Vec::with_capacity(due.len());
    for d in &due {
        let target = targets.iter().find(|t| t.endpoint.id == d.endpoint_id);
        let outcome = match (target, &keyring) {
            (None, _) => Outcome::Skipped {
                reason: "The webhook was deleted.".into(),
            },
            (Some(t), _) if !t.endpoint.active => Outcome::Skipped {
                reason: "The webhook is inactive.".into(),
            },
            (Some(t), _) if webhook::destination(&t.endpoint.url, destinations).is_err() => {
                Outcome::Failed {
                    error: format!("The address {} is refused in production.", t.endpoint.url),
                }
            }
            (Some(_), Err(e)) => retry(d, None, format!("{e:?}"), None),
            (Some(t), Ok(keyring)) => match open(keyring, t) {
                Ok(secret) => send(&t.endpoint.url, &secret, d).await,
                Err(e) => retry(d, None, format!("{e:?}"), None),
            },
        };
        reports.push(Report {
            seq: d.seq,
            outcome,
        });
    }
    let attempts = due
        .iter()
        .zip(&reports)
        .map(|(d, report)| {
            let attempt = d.attempts + 1;
            let (status, response_code, error) = report.outcome.logged(attempt);
            Attempt {
                endpoint_id: d.endpoint_id.clone(),
                message_id: d.message_id.clone(),
                event_type: d.event_type,
                body: d.body.clone(),
                attempt,
                status,
                response_code,
                error,
            }
        })
        .collect();
    let now = ids::now_iso();
    Registry::hub(env)?
        .call::<()>(&RegistryCommand::LogWebhookAttempts { attempts, now })
        .await?;
    Registry::named(env, origin)?
        .call::<()>(&RegistryCommand::WebhooksDelivered { reports })
        .await
}

fn retry(d: &Due, code: Option<u16>, error: String, retry_after: Option<u64>) -> Outcome {
    Outcome::Retry {
        code,
        delay_ms: retry_delay_ms(d.attempts + 1, retry_after, crate::deliver::jitter()),
        error,
    }
}

/// One signed POST. Redirects are not followed: a receiver's redirect could lead anywhere.
async fn send(url: &str, secret: &str, d: &Due) -> Outcome {
    use futures_util::future::{Either, select};
    use worker::{Delay, Fetch, Headers, Method, Request, RequestInit, RequestRedirect};

    let timestamp_s = (crate::runtime::clock::now_ms() / 1000.0) as u64;
    let signature = match signature(secret, &d.message_id, timestamp_s, &d.body) {
        Ok(signature) => signature,
        Err(e) => return retry(d, None, format!("{e:?}"), None),
    };
    let call = async {
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        headers.set("user-agent", "Convene-Webhooks/1")?;
        headers.set("webhook-id", &d.message_id)?;
        headers.set("webhook-timestamp", &timestamp_s.to_string())?;
        headers.set("webhook-signature", &signature)?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_headers(headers)
            .with_redirect(RequestRedirect::Manual)
            .with_body(Some(d.body.as_str().into()));
        let response = Fetch::Request(Request::new_with_init(url, &init)?)
            .send()
            .await?;
        let retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|v| retry_after_ms(&v));
        Ok::<_, worker::Error>((response.status_code(), retry_after))
    };
    match select(std::pin::pin!(call), std::pin::pin!(Delay::from(TIMEOUT))).await {
        Either::Left((Ok((code, _)), _)) if (200..300).contains(&code) => {
            Outcome::Delivered { code }
        }
        Either::Left((Ok((code, retry_after)), _)) => retry(
            d,
            Some(code),
            format!("The receiver answered {code}."),
            retry_after,
        ),
        Either::Left((Err(e), _)) => {
            retry(d, None, format!("Could not reach the receiver: {e}"), None)
        }
        Either::Right(_) => retry(
            d,
            None,
            format!(
                "The receiver did not answer within {} seconds.",
                TIMEOUT.as_secs()
            ),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The convention's own example (its specification and reference libraries).
    #[test]
    fn signs_as_the_standard_webhooks_example() {
        let signature = signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        )
        .expect("signed");
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn a_new_secret_has_the_prefix_and_32_bytes() {
        let secret = new_secret().expect("secret");
        let encoded = secret.strip_prefix(SECRET_PREFIX).expect("prefix");
        let bytes = STANDARD.decode(encoded).expect("base64");
        assert_eq!(bytes.len(), 32);
    }
}
