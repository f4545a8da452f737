//! Webhook endpoints. The store keeps each endpoint with its signing secret sealed by the
//! vault (the API worker seals and opens it: only it holds the keyring); the registry
//! keeps a copy of who subscribes to what ([`Subscription`]), so that it can queue a
//! message in the same step as the change it tells of.
//!
//! The API worker validates an endpoint before it comes here: the address rule parses
//! URLs with the `url` crate, which that script links anyway (workers-rs's `Url`) and
//! the objects' script then does not (about 75 KB gzip, measured).

use convene_types::webhook::{EventType, ValidWebhook, WebhookEndpoint};
use serde::{Deserialize, Serialize};

use super::records::Records;

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::objects::{Reply, reply};
use crate::vault::Sealed;

const PREFIX: &str = "webhook:";

/// What the worker asks of the store about webhooks.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum WebhookCommand {
    List,
    Get {
        id: String,
    },
    /// `id` and the sealed secret come from the worker, which generated the secret.
    Create {
        id: String,
        webhook: ValidWebhook,
        secret: Sealed,
    },
    Update {
        id: String,
        webhook: ValidWebhook,
    },
    RotateSecret {
        id: String,
        secret: Sealed,
    },
    Delete {
        id: String,
    },
    /// The endpoints a delivery sends to, with their sealed secrets.
    Targets {
        ids: Vec<String>,
    },
    /// Who subscribes to what, for the registry's copy.
    Subscriptions,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoredWebhook {
    #[serde(flatten)]
    pub endpoint: WebhookEndpoint,
    pub secret: Sealed,
}

/// An endpoint's subscriptions, as the registry keeps them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    pub events: Vec<EventType>,
    pub active: bool,
}

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

pub async fn run(records: &Records, command: WebhookCommand) -> Reply {
    match command {
        WebhookCommand::List => reply(all(records).await),
        WebhookCommand::Get { id } => reply(stored(records, &id).await.map(|w| w.endpoint)),
        WebhookCommand::Create {
            id,
            webhook,
            secret,
        } => reply(create(records, id, webhook, secret).await),
        WebhookCommand::Update { id, webhook } => reply(update(records, &id, webhook).await),
        WebhookCommand::RotateSecret { id, secret } => reply(rotate(records, &id, secret).await),
        WebhookCommand::Delete { id } => reply(delete(records, &id).await),
        WebhookCommand::Targets { ids } => {
            let all: ApiResult<Vec<StoredWebhook>> = records.list(PREFIX).await;
            reply(all.map(|all| {
                all.into_iter()
                    .filter(|w| ids.contains(&w.endpoint.id))
                    .collect::<Vec<_>>()
            }))
        }
        WebhookCommand::Subscriptions => reply(subscriptions(records).await),
    }
}

async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    stored(records, id).await?;
    records.delete(&key(id)).await?;
    Ok(())
}

async fn stored(records: &Records, id: &str) -> ApiResult<StoredWebhook> {
    records
        .get(&key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no webhook with id {id}.")))
}

async fn all(records: &Records) -> ApiResult<Vec<WebhookEndpoint>> {
    let stored: Vec<StoredWebhook> = records.list(PREFIX).await?;
    let mut endpoints: Vec<WebhookEndpoint> = stored.into_iter().map(|s| s.endpoint).collect();
    endpoints.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(endpoints)
}

pub async fn subscriptions(records: &Records) -> ApiResult<Vec<Subscription>> {
    Ok(all(records)
        .await?
        .into_iter()
        .map(|e| Subscription {
            id: e.id,
            events: e.events,
            active: e.active,
        })
        .collect())
}

async fn create(
    records: &Records,
    id: String,
    valid: ValidWebhook,
    secret: Sealed,
) -> ApiResult<WebhookEndpoint> {
    let now = ids::now_iso();
    let webhook = StoredWebhook {
        endpoint: WebhookEndpoint {
            id,
            url: valid.url,
            description: valid.description,
            events: valid.events,
            active: valid.active,
            secret_issued_at: now.clone(),
            created_at: now.clone(),
            updated_at: now,
        },
        secret,
    };
    records.put(&key(&webhook.endpoint.id), &webhook).await?;
    Ok(webhook.endpoint)
}

async fn update(records: &Records, id: &str, valid: ValidWebhook) -> ApiResult<WebhookEndpoint> {
    let mut webhook = stored(records, id).await?;
    webhook.endpoint.url = valid.url;
    webhook.endpoint.description = valid.description;
    webhook.endpoint.events = valid.events;
    webhook.endpoint.active = valid.active;
    webhook.endpoint.updated_at = ids::now_iso();
    records.put(&key(id), &webhook).await?;
    Ok(webhook.endpoint)
}

async fn rotate(records: &Records, id: &str, secret: Sealed) -> ApiResult<WebhookEndpoint> {
    let mut webhook = stored(records, id).await?;
    webhook.secret = secret;
    webhook.endpoint.secret_issued_at = ids::now_iso();
    webhook.endpoint.updated_at = webhook.endpoint.secret_issued_at.clone();
    records.put(&key(id), &webhook).await?;
    Ok(webhook.endpoint)
}

/// Every endpoint's sealed secret, for a key rotation (`routes/configurations.rs`).
pub async fn list_sealed(records: &Records) -> ApiResult<Vec<(String, Sealed)>> {
    let stored: Vec<StoredWebhook> = records.list(PREFIX).await?;
    Ok(stored
        .into_iter()
        .map(|w| (w.endpoint.id, w.secret))
        .collect())
}

/// Replaces a secret re-wrapped by a key rotation if it is still `previous`. `None` when
/// `id` is no webhook.
pub async fn replace_sealed(
    records: &Records,
    id: &str,
    previous: &Sealed,
    sealed: Sealed,
) -> ApiResult<Option<bool>> {
    let Some(mut webhook) = records.get::<StoredWebhook>(&key(id)).await? else {
        return Ok(None);
    };
    if &webhook.secret != previous {
        return Ok(Some(false));
    }
    webhook.secret = sealed;
    records.put(&key(id), &webhook).await?;
    Ok(Some(true))
}

#[cfg(test)]
#[path = "tests/webhooks.rs"]
mod tests;
