//! Web applications. The store keeps each application with the SHA-256 of its token, and
//! mirrors a grant (`webapp-token:<hash>` → application, origins, active) into KV, where the
//! public Events API checks tokens without calling this object.

use convene_types::webapp::{WebApplication, WebApplicationInput};
use serde::{Deserialize, Serialize};
use worker::Env;

use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::session::KV_BINDING;

const PREFIX: &str = "webapp:";

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StoredWebApp {
    #[serde(flatten)]
    pub app: WebApplication,
    pub token_hash: String,
}

/// What the public API needs to accept a token: read from KV on every public request.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TokenGrant {
    pub application_id: String,
    pub allowed_origins: Vec<String>,
}

pub fn grant_key(token_hash: &str) -> String {
    format!("webapp-token:{token_hash}")
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

/// Writes the record, then makes KV agree: the current token grants access only while the
/// application is active; a replaced token's grant is deleted.
async fn save(
    records: &Records,
    env: &Env,
    app: &StoredWebApp,
    old_hash: Option<&str>,
) -> ApiResult<()> {
    records.put(&key(&app.app.id), app).await?;
    let kv = env.kv(KV_BINDING)?;
    if let Some(old) = old_hash.filter(|old| *old != app.token_hash) {
        kv.delete(&grant_key(old)).await?;
    }
    if app.app.active {
        let grant = TokenGrant {
            application_id: app.app.id.clone(),
            allowed_origins: app.app.allowed_origins.clone(),
        };
        kv.put(&grant_key(&app.token_hash), serde_json::to_string(&grant)?)?
            .execute()
            .await?;
    } else {
        kv.delete(&grant_key(&app.token_hash)).await?;
    }
    Ok(())
}

/// `input` validated by the worker; the worker generated the token and passes its hash.
pub async fn create(
    records: &Records,
    env: &Env,
    input: WebApplicationInput,
    token_hash: String,
    token_hint: String,
) -> ApiResult<WebApplication> {
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
    save(records, env, &app, None).await?;
    Ok(app.app)
}

pub async fn update(
    records: &Records,
    env: &Env,
    id: &str,
    input: WebApplicationInput,
) -> ApiResult<WebApplication> {
    let mut app = stored(records, id).await?;
    app.app.name = input.name;
    app.app.allowed_origins = input.allowed_origins;
    app.app.updated_at = ids::now_iso();
    save(records, env, &app, None).await?;
    Ok(app.app)
}

pub async fn rotate(
    records: &Records,
    env: &Env,
    id: &str,
    token_hash: String,
    token_hint: String,
) -> ApiResult<WebApplication> {
    let mut app = stored(records, id).await?;
    let old = std::mem::replace(&mut app.token_hash, token_hash);
    app.app.token_hint = token_hint;
    app.app.token_issued_at = ids::now_iso();
    app.app.updated_at = app.app.token_issued_at.clone();
    save(records, env, &app, Some(&old)).await?;
    Ok(app.app)
}

pub async fn set_active(
    records: &Records,
    env: &Env,
    id: &str,
    active: bool,
) -> ApiResult<WebApplication> {
    let mut app = stored(records, id).await?;
    app.app.active = active;
    app.app.updated_at = ids::now_iso();
    save(records, env, &app, None).await?;
    Ok(app.app)
}

pub async fn delete(records: &Records, env: &Env, id: &str) -> ApiResult<()> {
    let app = stored(records, id).await?;
    env.kv(KV_BINDING)?
        .delete(&grant_key(&app.token_hash))
        .await?;
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
