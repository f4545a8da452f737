//! `/api/admin/custom-fields`, `/api/admin/website-table-configurations`, and per-event
//! speakers, passes and custom registration fields.

use worker::{Request, Response};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::registry::Target;
use crate::routes::registrations::delete_retired;
use crate::store::{Body, Command, Kind};

/// Runs `command` and answers its value with `status`. Bodies are decoded and validated
/// by the store.
async fn answer(env: &Admin<'_>, command: Command, status: u16) -> ApiResult<Response> {
    env.store()?.relay(&command, status).await
}

async fn deleted(env: &Admin<'_>, command: Command) -> ApiResult<Response> {
    env.store()?.call::<()>(&command).await?;
    http::no_content()
}

pub async fn fields(env: &Admin<'_>) -> ApiResult<Response> {
    answer(env, Command::ListCustomFields, 200).await
}

pub async fn create_field(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    answer(env, Command::CreateCustomField { body }, 201).await
}

pub async fn update_field(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    answer(
        env,
        Command::UpdateCustomField {
            id: id.into(),
            body,
        },
        200,
    )
    .await
}

pub async fn delete_field(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    deleted(env, Command::DeleteCustomField { id: id.into() }).await
}

pub async fn tables(env: &Admin<'_>) -> ApiResult<Response> {
    answer(env, Command::ListTables, 200).await
}

pub async fn table(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    answer(env, Command::GetTable { id: id.into() }, 200).await
}

pub async fn save_table(
    mut req: Request,
    env: &Admin<'_>,
    id: Option<&str>,
) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let status = if id.is_some() { 200 } else { 201 };
    answer(
        env,
        Command::SaveTable {
            id: id.map(Into::into),
            body,
        },
        status,
    )
    .await
}

pub async fn delete_table(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    deleted(env, Command::DeleteTable { id: id.into() }).await
}

/// Which per-event collection a path names.
pub fn kind(segment: &str) -> Option<Kind> {
    match segment {
        "speakers" => Some(Kind::Speaker),
        "passes" => Some(Kind::Pass),
        "registration-fields" => Some(Kind::Question),
        _ => None,
    }
}

pub async fn list(env: &Admin<'_>, kind: Kind, event_id: &str) -> ApiResult<Response> {
    answer(
        env,
        Command::ListCatalog {
            kind,
            event_id: event_id.into(),
        },
        200,
    )
    .await
}

pub async fn save(
    mut req: Request,
    env: &Admin<'_>,
    kind: Kind,
    event_id: &str,
    id: Option<&str>,
) -> ApiResult<Response> {
    let status = if id.is_some() { 200 } else { 201 };
    let body = Body::read(&mut req).await?;
    let command = Command::SaveCatalog {
        kind,
        event_id: event_id.into(),
        id: id.map(Into::into),
        body,
    };
    answer(env, command, status).await
}

/// A pass or question that registrations refer to cannot be deleted (see
/// [`delete_retired`]); a speaker always can.
pub async fn delete(env: &Admin<'_>, kind: Kind, event_id: &str, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteCatalog {
        kind,
        event_id: event_id.into(),
        id: id.into(),
    };
    match kind {
        Kind::Speaker => deleted(env, command).await,
        Kind::Pass => delete_retired(env, event_id, Target::Pass(id.into()), command).await,
        Kind::Question => delete_retired(env, event_id, Target::Question(id.into()), command).await,
    }
}
