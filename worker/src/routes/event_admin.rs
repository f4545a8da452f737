//! `/api/admin/event-administrations`, `/api/admin/deployment`, `/api/admin/match-strategy`.

use convene_types::contact::MatchStrategy;
use convene_types::event_admin::EventAdministration;
use convene_types::list::{self, Page};
use serde_json::json;
use worker::{Request, Response, Url};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::registry::rehoming;
use crate::store::{Body, Command, Deployment};

pub fn show_deployment(env: &Admin<'_>) -> ApiResult<Response> {
    http::json(
        &json!({ "production": Deployment::of(env).is_production() }),
        200,
    )
}

pub async fn match_strategy(env: &Admin<'_>) -> ApiResult<Response> {
    let strategy: MatchStrategy = env.store()?.call(&Command::MatchStrategy).await?;
    http::json(&json!({ "matchStrategy": strategy }), 200)
}

pub async fn list(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let (query, pairs) = http::list_query(url);
    let view = pairs
        .iter()
        .find(|(k, _)| k == "view")
        .map(|(_, v)| v.as_str());
    let mut items: Vec<EventAdministration> = env
        .store()?
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

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .relay(&Command::GetEventAdministration { id: id.into() }, 200)
        .await
}

/// The store decodes and validates the body (the production rule included).
pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let command = Command::CreateEventAdministration {
        body,
        deployment: Deployment::of(env),
    };
    keeping_contacts_findable(env, env.store()?.relay(&command, 201)).await
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let command = Command::UpdateEventAdministration {
        id: id.into(),
        body,
        deployment: Deployment::of(env),
    };
    keeping_contacts_findable(env, env.store()?.relay(&command, 200)).await
}

pub async fn set_active(env: &Admin<'_>, id: &str, active: bool) -> ApiResult<Response> {
    let command = Command::SetEventAdministrationActive {
        id: id.into(),
        active,
    };
    keeping_contacts_findable(env, env.store()?.relay(&command, 200)).await
}

pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteEventAdministration { id: id.into() };
    keeping_contacts_findable(env, env.store()?.call::<()>(&command)).await?;
    http::no_content()
}

/// Runs a change of the event administration records; when it changes the key the
/// active matching strategy compares people by (emails, or names), the contact
/// directory's shards follow (`registry::rehoming`), so existing contacts are found under
/// the new strategy, and no registration is matched while they move.
async fn keeping_contacts_findable<T>(
    env: &Admin<'_>,
    change: impl Future<Output = ApiResult<T>>,
) -> ApiResult<T> {
    rehoming::changing_strategy(env, change).await
}
