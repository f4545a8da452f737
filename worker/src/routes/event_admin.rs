//! `/api/admin/event-administrations`, `/api/admin/deployment`, `/api/admin/match-strategy`.

use convene_types::contact::MatchStrategy;
use convene_types::event_admin::EventAdministration;
use convene_types::list::{self, Page};
use serde_json::json;
use worker::{Env, Request, Response, Url};

use crate::error::ApiResult;
use crate::http;
use crate::store::{Body, Command, Deployment, Store};

/// This deployment's kind: production only when `DEPLOYMENT = "production"` (wrangler.toml).
fn deployment(env: &Env) -> Deployment {
    match env.var("DEPLOYMENT") {
        Ok(v) if v.to_string() == "production" => Deployment::Production,
        _ => Deployment::Development,
    }
}

pub fn show_deployment(env: &Env) -> ApiResult<Response> {
    http::json(
        &json!({ "production": deployment(env).is_production() }),
        200,
    )
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
    Store::config(env)?
        .relay(&Command::GetEventAdministration { id: id.into() }, 200)
        .await
}

/// The store decodes and validates the body (the production rule included).
pub async fn create(mut req: Request, env: &Env) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let command = Command::CreateEventAdministration {
        body,
        deployment: deployment(env),
    };
    Store::config(env)?.relay(&command, 201).await
}

pub async fn update(mut req: Request, env: &Env, id: &str) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let command = Command::UpdateEventAdministration {
        id: id.into(),
        body,
        deployment: deployment(env),
    };
    Store::config(env)?.relay(&command, 200).await
}

pub async fn set_active(env: &Env, id: &str, active: bool) -> ApiResult<Response> {
    let command = Command::SetEventAdministrationActive {
        id: id.into(),
        active,
    };
    Store::config(env)?.relay(&command, 200).await
}

pub async fn delete(env: &Env, id: &str) -> ApiResult<Response> {
    Store::config(env)?
        .call::<()>(&Command::DeleteEventAdministration { id: id.into() })
        .await?;
    http::no_content()
}
