//! Webhooks (Settings › Integrations › Webhooks): the endpoints, their signing secret, the
//! delivery log, a test message and sending a logged message again.

use convene_types::list::Page;
use convene_types::webhook::{Delivery, IssuedSecret, WebhookEndpoint, WebhookInput};
use gloo_net::http::Request;
use serde::Deserialize;

use super::{ApiResult, empty, encode, read, send, send_json};

const WEBHOOKS: &str = "/api/admin/webhooks";

fn webhook_url(id: &str) -> String {
    format!("{WEBHOOKS}/{}", encode(id))
}

/// The answer of `…/test` and `…/resend` (202): the message queued.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Queued {
    message_id: String,
}

/// Every endpoint, never with its secret.
pub async fn webhooks() -> ApiResult<Vec<WebhookEndpoint>> {
    read(send(Request::get(WEBHOOKS)).await?)
}

pub async fn webhook(id: &str) -> ApiResult<WebhookEndpoint> {
    read(send(Request::get(&webhook_url(id))).await?)
}

/// The answer carries the signing secret: show it once, keep it nowhere.
pub async fn create_webhook(input: &WebhookInput) -> ApiResult<IssuedSecret> {
    read(send_json(Request::post(WEBHOOKS), input).await?)
}

pub async fn update_webhook(id: &str, input: &WebhookInput) -> ApiResult<WebhookEndpoint> {
    read(send_json(Request::put(&webhook_url(id)), input).await?)
}

pub async fn delete_webhook(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&webhook_url(id))).await?)
}

/// A new secret; the old one stops signing at once.
pub async fn rotate_webhook_secret(id: &str) -> ApiResult<IssuedSecret> {
    let url = format!("{}/rotate-secret", webhook_url(id));
    read(send(Request::post(&url)).await?)
}

/// Queues a `webhook.test` message; answers its id (its delivery shows in the log).
pub async fn test_webhook(id: &str) -> ApiResult<String> {
    let url = format!("{}/test", webhook_url(id));
    let queued: Queued = read(send(Request::post(&url)).await?)?;
    Ok(queued.message_id)
}

/// One page of the delivery log (the API's page size), newest first.
pub async fn webhook_deliveries(id: &str, page: usize) -> ApiResult<Page<Delivery>> {
    let url = format!("{}/deliveries?page={page}", webhook_url(id));
    read(send(Request::get(&url)).await?)
}

/// Queues that delivery's message again, with the same id; answers the id.
pub async fn resend_webhook_delivery(id: &str, delivery_id: &str) -> ApiResult<String> {
    let url = format!(
        "{}/deliveries/{}/resend",
        webhook_url(id),
        encode(delivery_id)
    );
    let queued: Queued = read(send(Request::post(&url)).await?)?;
    Ok(queued.message_id)
}
