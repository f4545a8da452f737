//! `/api/admin/users`: the administrators' user accounts. Passwords are hashed here and
//! never stored, shown or passed on as text.

use convene_types::auth::SessionUser;
use convene_types::user::{User, UserInput};
use worker::{Request, Response};

use super::Admin;
use crate::error::{ApiError, ApiResult};
use crate::http::{self, json_body};
use crate::password;
use crate::store::Command;

pub async fn list(env: &Admin<'_>) -> ApiResult<Response> {
    let users: Vec<User> = env.store()?.call(&Command::ListUsers).await?;
    http::json(&users, 200)
}

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::GetUser { id: id.into() };
    http::json(&env.store()?.call::<User>(&command).await?, 200)
}

/// The input, checked, with its password taken out and hashed (`None`: keep the current).
async fn take_password(
    req: &mut Request,
    creating: bool,
) -> ApiResult<(UserInput, Option<password::PasswordHash>)> {
    let body: UserInput = json_body(req).await?;
    let mut input = body.validate(creating).map_err(ApiError::Validation)?;
    let password = match input.password.is_empty() {
        true => None,
        false => Some(password::hash(&input.password).await?),
    };
    input.password.clear();
    Ok((input, password))
}

pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let (input, password) = take_password(&mut req, true).await?;
    let password = password.ok_or_else(|| ApiError::internal("validated without a password"))?;
    let command = Command::CreateUser { input, password };
    http::json(&env.store()?.call::<User>(&command).await?, 201)
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let (input, password) = take_password(&mut req, false).await?;
    let command = Command::UpdateUser {
        id: id.into(),
        input,
        password,
    };
    http::json(&env.store()?.call::<User>(&command).await?, 200)
}

pub async fn set_active(
    env: &Admin<'_>,
    id: &str,
    active: bool,
    actor: &SessionUser,
) -> ApiResult<Response> {
    let command = Command::SetUserActive {
        id: id.into(),
        active,
        actor: actor.id.clone(),
    };
    http::json(&env.store()?.call::<User>(&command).await?, 200)
}
