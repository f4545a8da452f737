//! `/api/auth/*`: sign in, sign out, who is signed in.

use convene_types::auth::{SessionUser, SignInRequest};
use worker::{Env, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, client_address, is_local_host, json_body};
use crate::session;
use crate::store::{Command, Store};

pub async fn sign_in(mut req: Request, env: &Env, url: &Url) -> ApiResult<Response> {
    let body: SignInRequest = json_body(&mut req).await?;
    body.validate().map_err(ApiError::Validation)?;
    let command = Command::SignIn {
        client: client_address(&req),
        username: body.username,
        password: body.password,
    };
    let username: String = Store::config(env)?.call(&command).await?;
    let id = session::create(env, &username).await?;
    let mut response = http::json(&SessionUser { username }, 200)?;
    response
        .headers_mut()
        .set("set-cookie", &session::set_cookie(&id, local(url)))?;
    Ok(response)
}

pub async fn sign_out(req: Request, env: &Env, url: &Url) -> ApiResult<Response> {
    session::end(env, &req).await?;
    let mut response = http::no_content()?;
    response
        .headers_mut()
        .set("set-cookie", &session::clear_cookie(local(url)))?;
    Ok(response)
}

pub async fn current(req: Request, env: &Env) -> ApiResult<Response> {
    let username = session::require(env, &req).await?;
    http::json(&SessionUser { username }, 200)
}

fn local(url: &Url) -> bool {
    is_local_host(url.host_str().unwrap_or_default())
}
