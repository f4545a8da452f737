//! `/api/admin/webinar-providers`: list, read, create, update, delete.

use convene_types::list::Page;
use convene_types::provider::{self, WebinarProvider};
use worker::{Env, Request, Response, Url};

use crate::error::ApiResult;
use crate::http;
use crate::store::{Body, Command, Store};

pub async fn list(env: &Env, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let all: Vec<WebinarProvider> = Store::config(env)?.call(&Command::ListProviders).await?;
    http::json(&Page::of(provider::list(all, &query), &query), 200)
}

pub async fn get(env: &Env, id: &str) -> ApiResult<Response> {
    Store::config(env)?
        .relay(&Command::GetProvider { id: id.into() }, 200)
        .await
}

/// The store decodes and validates the body: field rules, then the unique name.
pub async fn create(mut req: Request, env: &Env) -> ApiResult<Response> {
    let command = Command::CreateProvider {
        body: Body::read(&mut req).await?,
    };
    Store::config(env)?.relay(&command, 201).await
}

pub async fn update(mut req: Request, env: &Env, id: &str) -> ApiResult<Response> {
    let command = Command::UpdateProvider {
        id: id.into(),
        body: Body::read(&mut req).await?,
    };
    Store::config(env)?.relay(&command, 200).await
}

pub async fn delete(env: &Env, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteProvider { id: id.into() };
    Store::config(env)?.call::<()>(&command).await?;
    http::no_content()
}
