//! `/api/admin/webinar-providers`: list, read, create, update, delete.

use convene_types::list::Page;
use convene_types::provider::{self, ProviderInput, WebinarProvider};
use worker::{Env, Request, Response, Url};

use crate::error::ApiResult;
use crate::http::{self, json_body};
use crate::store::{Command, Store};

pub async fn list(env: &Env, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let all: Vec<WebinarProvider> = Store::config(env)?.call(&Command::ListProviders).await?;
    http::json(&Page::of(provider::list(all, &query), &query), 200)
}

pub async fn get(env: &Env, id: &str) -> ApiResult<Response> {
    let command = Command::GetProvider(id.to_string());
    let found: WebinarProvider = Store::config(env)?.call(&command).await?;
    http::json(&found, 200)
}

pub async fn create(mut req: Request, env: &Env) -> ApiResult<Response> {
    let input: ProviderInput = json_body(&mut req).await?;
    // Field rules fail fast here; uniqueness is decided inside the store.
    input
        .validate()
        .map_err(crate::error::ApiError::Validation)?;
    let created: WebinarProvider = Store::config(env)?
        .call(&Command::CreateProvider(input))
        .await?;
    http::json(&created, 201)
}

pub async fn update(mut req: Request, env: &Env, id: &str) -> ApiResult<Response> {
    let input: ProviderInput = json_body(&mut req).await?;
    input
        .validate()
        .map_err(crate::error::ApiError::Validation)?;
    let command = Command::UpdateProvider(id.to_string(), input);
    let updated: WebinarProvider = Store::config(env)?.call(&command).await?;
    http::json(&updated, 200)
}

pub async fn delete(env: &Env, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteProvider(id.to_string());
    Store::config(env)?.call::<()>(&command).await?;
    http::no_content()
}
