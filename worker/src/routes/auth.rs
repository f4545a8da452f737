//! `/api/auth/*`: sign in, sign out, who is signed in.

use convene_types::auth::{SessionUser, SignInRequest};
use worker::{Env, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, client_address, is_local_host, json_body};
use crate::store::{Command, Credentials, Store};
use crate::{session, signin};

/// Checks the credentials against the `ADMIN_USERNAME` variable and the `ADMIN_PASSWORD`
/// secret; the store counts failures per client address and refuses while they are too many.
pub async fn sign_in(mut req: Request, env: &Env, url: &Url) -> ApiResult<Response> {
    let body: SignInRequest = json_body(&mut req).await?;
    body.validate().map_err(ApiError::Validation)?;
    let Ok(password) = env.secret("ADMIN_PASSWORD") else {
        return Err(ApiError::NotConfigured(
            "Sign-in is not configured: set the ADMIN_PASSWORD secret.".into(),
        ));
    };
    let username = env
        .var("ADMIN_USERNAME")
        .map(|v| v.to_string())
        .unwrap_or_else(|_| "admin".into());
    // Both comparisons always run, so timing does not tell which one failed.
    let user_ok = signin::secret_matches(body.username.trim(), &username);
    let password_ok = signin::secret_matches(&body.password, &password.to_string());
    let command = Command::SignIn {
        client: client_address(req.headers()),
        credentials: if user_ok & password_ok {
            Credentials::Matched
        } else {
            Credentials::Wrong
        },
    };
    Store::config(env)?.call::<()>(&command).await?;
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
