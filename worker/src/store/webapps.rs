//! Web applications. The store keeps each application with the SHA-256 of its token, and
//! checks the credential of every public Events API request itself ([`authorize`]), in the
//! same step as the read it guards: rotating, deactivating or deleting an application takes
//! effect on the next request, everywhere.

use convene_types::webapp::{WebApplication, WebApplicationInput};
use serde::{Deserialize, Serialize};

use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;

const PREFIX: &str = "webapp:";

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StoredWebApp {
    #[serde(flatten)]
    pub app: WebApplication,
    pub token_hash: String,
}

/// What a public request presents: the SHA-256 of its application token, and the browser's
/// `Origin` when it has one.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    pub token_hash: String,
    pub origin: Option<String>,
}

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

async fn stored(records: &Records, id: &str) -> ApiResult<StoredWebApp> {
    records
        .get(&key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no web application with id {id}.")))
}

pub async fn all(records: &Records) -> ApiResult<Vec<WebApplication>> {
    let stored: Vec<StoredWebApp> = records.list(PREFIX).await?;
    Ok(stored.into_iter().map(|s| s.app).collect())
}

pub async fn get(records: &Records, id: &str) -> ApiResult<WebApplication> {
    Ok(stored(records, id).await?.app)
}

async fn save(records: &Records, app: &StoredWebApp) -> ApiResult<()> {
    records.put(&key(&app.app.id), app).await
}

/// The worker generated the token and passes its hash.
pub async fn create(
    records: &Records,
    input: WebApplicationInput,
    token_hash: String,
    token_hint: String,
) -> ApiResult<WebApplication> {
    let input = input.validate().map_err(ApiError::Validation)?;
    let now = ids::now_iso();
    let app = StoredWebApp {
        app: WebApplication {
            id: ids::new_id()?,
            name: input.name,
            allowed_origins: input.allowed_origins,
            active: true,
            token_hint,
            token_issued_at: now.clone(),
            created_at: now.clone(),
            updated_at: now,
        },
        token_hash,
    };
    save(records, &app).await?;
    Ok(app.app)
}

pub async fn update(
    records: &Records,
    id: &str,
    input: WebApplicationInput,
) -> ApiResult<WebApplication> {
    let input = input.validate().map_err(ApiError::Validation)?;
    let mut app = stored(records, id).await?;
    app.app.name = input.name;
    app.app.allowed_origins = input.allowed_origins;
    app.app.updated_at = ids::now_iso();
    save(records, &app).await?;
    Ok(app.app)
}

pub async fn rotate(
    records: &Records,
    id: &str,
    token_hash: String,
    token_hint: String,
) -> ApiResult<WebApplication> {
    let mut app = stored(records, id).await?;
    app.token_hash = token_hash;
    app.app.token_hint = token_hint;
    app.app.token_issued_at = ids::now_iso();
    app.app.updated_at = app.app.token_issued_at.clone();
    save(records, &app).await?;
    Ok(app.app)
}

pub async fn set_active(records: &Records, id: &str, active: bool) -> ApiResult<WebApplication> {
    let mut app = stored(records, id).await?;
    app.app.active = active;
    app.app.updated_at = ids::now_iso();
    save(records, &app).await?;
    Ok(app.app)
}

pub async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    stored(records, id).await?;
    records.delete(&key(id)).await?;
    Ok(())
}

/// Whether any active application lists `origin` (CORS preflight without a token).
pub async fn origin_allowed(records: &Records, origin: &str) -> ApiResult<bool> {
    Ok(all(records)
        .await?
        .iter()
        .any(|a| a.active && a.allowed_origins.iter().any(|o| o == origin)))
}

/// 401 unless an active application has this token; 403 when a browser origin is not one of
/// that application's origins. Applications are few and the object caches the answers of
/// public reads, so this reads them all only after a change.
pub async fn authorize(records: &Records, credential: &Credential) -> ApiResult<()> {
    let apps: Vec<StoredWebApp> = records.list(PREFIX).await?;
    // Hashes of 256-bit random tokens: comparing them leaks nothing usable about a token.
    let app = apps
        .iter()
        .find(|a| a.app.active && a.token_hash == credential.token_hash)
        .ok_or_else(|| ApiError::Unauthorized("The application token is not valid.".into()))?;
    match &credential.origin {
        Some(origin) if !app.app.allowed_origins.iter().any(|o| o == origin) => {
            Err(ApiError::Forbidden(format!(
                "The origin {origin} is not allowed for this application."
            )))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "tests/webapps.rs"]
mod tests;
