//! `/api/admin/event-administrations`, `/api/admin/deployment`, `/api/admin/match-strategy`.

use convene_types::contact::MatchStrategy;
use convene_types::event_admin::{EventAdministration, EventAdministrationInput};
use convene_types::list::{self, Page};
use serde_json::json;
use worker::{Env, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, json_body};
use crate::store::{Command, Store};

/// Whether this deployment is marked production (`DEPLOYMENT = "production"` in wrangler.toml).
pub fn production(env: &Env) -> bool {
    env.var("DEPLOYMENT")
        .map(|v| v.to_string() == "production")
        .unwrap_or(false)
}

pub fn deployment(env: &Env) -> ApiResult<Response> {
    http::json(&json!({ "production": production(env) }), 200)
}

pub async fn match_strategy(env: &Env) -> ApiResult<Response> {
    let strategy: MatchStrategy = Store::config(env)?.call(&Command::MatchStrategy).await?;
    http::json(&json!({ "matchStrategy": strategy }), 200)
}

pub async fn list(env: &Env, url: &Url) -> ApiResult<Response> {
    let (query, pairs) = http::list_query(url);
    let view = pairs
        .iter()
        .find(|(k, _)| k == "view")
        .map(|(_, v)| v.as_str());
    let mut items: Vec<EventAdministration> = Store::config(env)?
        .call(&Command::ListEventAdministrations)
        .await?;
    items.retain(|r| match view {
        Some("inactive") => !r.active,
        Some("all") => true,
        _ => r.active,
    });
    items.retain(|r| query.matches(&[&r.name]));
    list::sort_by_key(&mut items, |r| convene_types::validate::name_key(&r.name));
    if query.desc {
        items.reverse();
    }
    http::json(&Page::of(items, &query), 200)
}

pub async fn get(env: &Env, id: &str) -> ApiResult<Response> {
    let found: EventAdministration = Store::config(env)?
        .call(&Command::GetEventAdministration(id.into()))
        .await?;
    http::json(&found, 200)
}

async fn input(req: &mut Request, env: &Env) -> ApiResult<EventAdministrationInput> {
    let input: EventAdministrationInput = json_body(req).await?;
    input
        .validate(production(env))
        .map_err(ApiError::Validation)
}

pub async fn create(mut req: Request, env: &Env) -> ApiResult<Response> {
    let input = input(&mut req, env).await?;
    let created: EventAdministration = Store::config(env)?
        .call(&Command::CreateEventAdministration(input))
        .await?;
    http::json(&created, 201)
}

pub async fn update(mut req: Request, env: &Env, id: &str) -> ApiResult<Response> {
    let input = input(&mut req, env).await?;
    let command = Command::UpdateEventAdministration(id.into(), input);
    let updated: EventAdministration = Store::config(env)?.call(&command).await?;
    http::json(&updated, 200)
}

pub async fn set_active(env: &Env, id: &str, active: bool) -> ApiResult<Response> {
    let command = Command::SetEventAdministrationActive(id.into(), active);
    let updated: EventAdministration = Store::config(env)?.call(&command).await?;
    http::json(&updated, 200)
}

pub async fn delete(env: &Env, id: &str) -> ApiResult<Response> {
    Store::config(env)?
        .call::<()>(&Command::DeleteEventAdministration(id.into()))
        .await?;
    http::no_content()
}
