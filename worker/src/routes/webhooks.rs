//! `/api/admin/webhooks`: endpoints (their secret generated here, sealed, shown once), a
//! test message, the delivery log and "resend". After an endpoint changes, the registry's
//! copy of the subscriptions is replaced (`crate::webhooks::share_subscriptions`).

use convene_types::list::{ListQuery, Page};
use convene_types::webhook::{Delivery, IssuedSecret, ValidWebhook, WebhookEndpoint, WebhookInput};
use serde_json::json;
use worker::{Request, Response, Url};

use super::Admin;
use crate::error::{ApiError, ApiResult};
use crate::http;
use crate::ids;
use crate::registry::{Registry, RegistryCommand};
use crate::store::{Command, WebhookCommand};
use crate::webhooks::{destinations, new_secret, seal, share_subscriptions};

async fn run<T: serde::de::DeserializeOwned>(
    env: &Admin<'_>,
    command: WebhookCommand,
) -> ApiResult<T> {
    env.store()?.call(&Command::Webhook(command)).await
}

/// The body, validated here against this deployment's address rule (see `store/webhooks.rs`
/// for why here).
async fn valid(req: &mut Request, env: &Admin<'_>) -> ApiResult<ValidWebhook> {
    let input: WebhookInput = http::parse_json(&http::json_text(req).await?)?;
    input
        .validate(destinations(env))
        .map_err(ApiError::Validation)
}

pub async fn list(env: &Admin<'_>) -> ApiResult<Response> {
    let endpoints: Vec<WebhookEndpoint> = run(env, WebhookCommand::List).await?;
    http::json(&endpoints, 200)
}

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let endpoint: WebhookEndpoint = run(env, WebhookCommand::Get { id: id.into() }).await?;
    http::json(&endpoint, 200)
}

pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let webhook = valid(&mut req, env).await?;
    let id = ids::new_id()?;
    let secret = new_secret()?;
    let command = WebhookCommand::Create {
        secret: seal(env, &id, &secret)?,
        id,
        webhook,
    };
    let endpoint: WebhookEndpoint = run(env, command).await?;
    share_subscriptions(env).await?;
    http::json(&IssuedSecret { endpoint, secret }, 201)
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = WebhookCommand::Update {
        id: id.into(),
        webhook: valid(&mut req, env).await?,
    };
    let endpoint: WebhookEndpoint = run(env, command).await?;
    share_subscriptions(env).await?;
    http::json(&endpoint, 200)
}

pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    run::<()>(env, WebhookCommand::Delete { id: id.into() }).await?;
    share_subscriptions(env).await?;
    http::no_content()
}

pub async fn rotate_secret(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let secret = new_secret()?;
    let command = WebhookCommand::RotateSecret {
        id: id.into(),
        secret: seal(env, id, &secret)?,
    };
    let endpoint: WebhookEndpoint = run(env, command).await?;
    http::json(&IssuedSecret { endpoint, secret }, 200)
}

/// `POST …/test`: a `webhook.test` message queued for this endpoint (202: it is sent by
/// the outbox, and its delivery shows in the log).
pub async fn test(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let endpoint: WebhookEndpoint = run(env, WebhookCommand::Get { id: id.into() }).await?;
    let command = RegistryCommand::TestWebhook {
        endpoint_id: endpoint.id,
        now: ids::now_iso(),
    };
    let message_id: String = Registry::hub(env)?.call(&command).await?;
    http::json(&json!({ "messageId": message_id }), 202)
}

/// `GET …/deliveries`: the endpoint's delivery log, newest first, paged.
pub async fn deliveries(env: &Admin<'_>, id: &str, url: &Url) -> ApiResult<Response> {
    let endpoint: WebhookEndpoint = run(env, WebhookCommand::Get { id: id.into() }).await?;
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let query = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let command = RegistryCommand::WebhookDeliveries {
        endpoint_id: endpoint.id,
        page: query.page(),
        page_size: query.page_size(),
    };
    let page: Page<Delivery> = Registry::hub(env)?.call(&command).await?;
    http::json(&page, 200)
}

/// `POST …/deliveries/{deliveryId}/resend`: that delivery's message queued again.
pub async fn resend(env: &Admin<'_>, id: &str, delivery_id: &str) -> ApiResult<Response> {
    let endpoint: WebhookEndpoint = run(env, WebhookCommand::Get { id: id.into() }).await?;
    let command = RegistryCommand::ResendWebhook {
        endpoint_id: endpoint.id,
        delivery_id: delivery_id.into(),
    };
    let message_id: String = Registry::hub(env)?.call(&command).await?;
    http::json(&json!({ "messageId": message_id }), 202)
}
