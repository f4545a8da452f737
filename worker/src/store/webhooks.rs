//! Webhook endpoints. The store keeps each endpoint with its signing secret sealed by the
//! vault (the API worker seals and opens it: only it holds the keyring); the registry
//! keeps a copy of who subscribes to what ([`Subscription`]), so that it can queue a
//! message in the same step as the change it tells of.

use convene_types::webhook::{EventType, WebhookEndpoint, WebhookInput};
use serde::{Deserialize, Serialize};

use super::records::Records;
use super::{Body, Deployment};
use crate::error::{ApiError, ApiResult};
use crate::ids;
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
        body: Body,
        deployment: Deployment,
        secret: Sealed,
    },
    Update {
        id: String,
        body: Body,
        deployment: Deployment,
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

pub async fn run(records: &Records, command: WebhookCommand) -> ApiResult<serde_json::Value> {
    let value = match command {
        WebhookCommand::List => serde_json::to_value(all(records).await?)?,
        WebhookCommand::Get { id } => serde_json::to_value(stored(records, &id).await?.endpoint)?,
        WebhookCommand::Create {
            id,
            body,
            deployment,
            secret,
        } => serde_json::to_value(create(records, id, body.decode()?, deployment, secret).await?)?,
        WebhookCommand::Update {
            id,
            body,
            deployment,
        } => serde_json::to_value(update(records, &id, body.decode()?, deployment).await?)?,
        WebhookCommand::RotateSecret { id, secret } => {
            serde_json::to_value(rotate(records, &id, secret).await?)?
        }
        WebhookCommand::Delete { id } => {
            stored(records, &id).await?;
            records.delete(&key(&id)).await?;
            serde_json::Value::Null
        }
        WebhookCommand::Targets { ids } => {
            let all: Vec<StoredWebhook> = records.list(PREFIX).await?;
            let wanted: Vec<StoredWebhook> = all
                .into_iter()
                .filter(|w| ids.contains(&w.endpoint.id))
                .collect();
            serde_json::to_value(wanted)?
        }
        WebhookCommand::Subscriptions => serde_json::to_value(subscriptions(records).await?)?,
    };
    Ok(value)
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

fn destinations(deployment: Deployment) -> convene_types::webhook::Destinations {
    use convene_types::webhook::Destinations;
    if deployment.is_production() {
        Destinations::Public
    } else {
        Destinations::Any
    }
}

async fn create(
    records: &Records,
    id: String,
    input: WebhookInput,
    deployment: Deployment,
    secret: Sealed,
) -> ApiResult<WebhookEndpoint> {
    let valid = input
        .validate(destinations(deployment))
        .map_err(ApiError::Validation)?;
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

async fn update(
    records: &Records,
    id: &str,
    input: WebhookInput,
    deployment: Deployment,
) -> ApiResult<WebhookEndpoint> {
    let valid = input
        .validate(destinations(deployment))
        .map_err(ApiError::Validation)?;
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
