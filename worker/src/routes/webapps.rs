//! `/api/admin/web-applications`: the token is generated here, shown once, stored hashed.

use convene_types::list;
use convene_types::webapp::{IssuedToken, TOKEN_PREFIX, WebApplication};
use sha2::{Digest, Sha256};
use worker::{Request, Response, Url};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::ids;
use crate::store::{Body, Command};

/// The SHA-256 of a token, as stored and as looked up.
pub fn token_hash(token: &str) -> String {
    ids::hex(&Sha256::digest(token.as_bytes()))
}

/// A new token, its hash and its hint (last 4 characters).
fn new_token() -> ApiResult<(String, String, String)> {
    let token = format!("{TOKEN_PREFIX}{}", ids::new_token()?);
    let hint = token[token.len() - 4..].to_string();
    Ok((token_hash(&token), hint, token))
}

fn issued(application: WebApplication, token: String, url: &Url) -> IssuedToken {
    IssuedToken {
        application,
        token,
        endpoint: format!("{}/api/v1/", url.origin().ascii_serialization()),
    }
}

pub async fn list(env: &Admin<'_>) -> ApiResult<Response> {
    let mut apps: Vec<WebApplication> = env.store()?.call(&Command::ListWebApps).await?;
    list::sort_by_key(&mut apps, |a| convene_types::validate::name_key(&a.name));
    http::json(&apps, 200)
}

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .relay(&Command::GetWebApp { id: id.into() }, 200)
        .await
}

pub async fn create(mut req: Request, env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    // The store decodes and validates the body.
    let body = Body::read(&mut req).await?;
    let (token_hash, token_hint, token) = new_token()?;
    let app: WebApplication = env
        .store()?
        .call(&Command::CreateWebApp {
            body,
            token_hash,
            token_hint,
        })
        .await?;
    http::json(&issued(app, token, url), 201)
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::UpdateWebApp {
        id: id.into(),
        body: Body::read(&mut req).await?,
    };
    env.store()?.relay(&command, 200).await
}

pub async fn rotate(env: &Admin<'_>, id: &str, url: &Url) -> ApiResult<Response> {
    let (token_hash, token_hint, token) = new_token()?;
    let app: WebApplication = env
        .store()?
        .call(&Command::RotateWebApp {
            id: id.into(),
            token_hash,
            token_hint,
        })
        .await?;
    http::json(&issued(app, token, url), 200)
}

pub async fn set_active(env: &Admin<'_>, id: &str, active: bool) -> ApiResult<Response> {
    env.store()?
        .relay(
            &Command::SetWebAppActive {
                id: id.into(),
                active,
            },
            200,
        )
        .await
}

pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .call::<()>(&Command::DeleteWebApp { id: id.into() })
        .await?;
    http::no_content()
}
