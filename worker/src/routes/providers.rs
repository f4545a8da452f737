//! `/api/admin/webinar-providers`: list, read, create, update, delete.

use convene_types::list::Page;
use convene_types::provider::{self, WebinarProvider};
use worker::{Request, Response, Url};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::store::{Body, Command};

pub async fn list(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let all: Vec<WebinarProvider> = env.store()?.call(&Command::ListProviders).await?;
    http::json(&Page::of(provider::list(all, &query), &query), 200)
}

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .relay(&Command::GetProvider { id: id.into() }, 200)
        .await
}

/// The store decodes and validates the body: field rules, then the unique name.
pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let command = Command::CreateProvider {
        body: Body::read(&mut req).await?,
    };
    env.store()?.relay(&command, 201).await
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::UpdateProvider {
        id: id.into(),
        body: Body::read(&mut req).await?,
    };
    env.store()?.relay(&command, 200).await
}

pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteProvider { id: id.into() };
    env.store()?.call::<()>(&command).await?;
    http::no_content()
}
