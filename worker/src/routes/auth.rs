//! `/api/auth/*`: sign in, sign out, who is signed in, change one's own password.

use convene_types::auth::{SessionUser, SignInRequest};
use convene_types::user::PasswordChange;
use worker::{Env, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, client_address, is_local_host, json_body};
use crate::store::{Command, SignInCandidate, SignInOutcome, Store};
use crate::{password, session, signin};

/// Checks the password against the user's hash (PBKDF2, `password.rs`); while no user
/// exists, against the `ADMIN_USERNAME` variable and the `ADMIN_PASSWORD` secret, which make
/// the first administrator. The store refuses while the address or the user name has too
/// many recent failures, counts this one's outcome and starts the session.
pub async fn sign_in(mut req: Request, env: &Env, url: &Url) -> ApiResult<Response> {
    let body: SignInRequest = json_body(&mut req).await?;
    body.validate().map_err(ApiError::Validation)?;
    let username = body.username.trim().to_string();
    let client = client_address(req.headers());
    let store = Store::config(env)?;
    let start = Command::SignInStart {
        client: client.clone(),
        username: username.clone(),
    };
    let candidate: SignInCandidate = store.call(&start).await?;
    let outcome = outcome(env, &username, &body.password, candidate).await?;
    let (id, session) = session::new_session()?;
    let command = Command::SignIn {
        client,
        username,
        outcome,
        session,
    };
    let user: SessionUser = store.call(&command).await?;
    let mut response = http::json(&user, 200)?;
    response
        .headers_mut()
        .set("set-cookie", &session::set_cookie(&id, local(url)))?;
    Ok(response)
}

async fn outcome(
    env: &Env,
    username: &str,
    given: &str,
    candidate: SignInCandidate,
) -> ApiResult<SignInOutcome> {
    if let Some(user) = candidate.user {
        return Ok(if password::verify(given, &user.password).await? {
            let rehash = match user.password.is_outdated() {
                true => Some(password::hash(given).await?),
                false => None,
            };
            SignInOutcome::Matched {
                user_id: user.id,
                rehash,
            }
        } else {
            SignInOutcome::Wrong
        });
    }
    if !candidate.bootstrap {
        password::verify_nothing(given).await?;
        return Ok(SignInOutcome::Wrong);
    }
    let Ok(bootstrap_password) = env.secret("ADMIN_PASSWORD") else {
        return Err(ApiError::NotConfigured(
            "Sign-in is not configured: set the ADMIN_PASSWORD secret.".into(),
        ));
    };
    let bootstrap_username = env
        .var("ADMIN_USERNAME")
        .map(|v| v.to_string())
        .unwrap_or_else(|_| "admin".into());
    // Both comparisons always run, so timing does not tell which one failed.
    let user_ok = signin::secret_matches(username, &bootstrap_username);
    let password_ok = signin::secret_matches(given, &bootstrap_password.to_string());
    Ok(if user_ok & password_ok {
        SignInOutcome::Bootstrap {
            password: password::hash(given).await?,
        }
    } else {
        SignInOutcome::Wrong
    })
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
    http::json(&session::require(env, &req).await?, 200)
}

/// The signed-in user's new password, given their current one; their other sessions end.
pub async fn change_password(mut req: Request, env: &Env) -> ApiResult<Response> {
    let user = session::require(env, &req).await?;
    let body: PasswordChange = json_body(&mut req).await?;
    body.validate().map_err(ApiError::Validation)?;
    // As the user: the audit log records the change.
    let store = Store::config(env)?.acting(&user)?;
    let stored = store
        .call(&Command::UserPassword {
            id: user.id.clone(),
        })
        .await?;
    if !password::verify(&body.current_password, &stored).await? {
        return Err(ApiError::Validation(vec![convene_types::FieldError::new(
            "currentPassword",
            "is not your current password",
        )]));
    }
    let keep = session::of_request(&req)?.unwrap_or_default();
    let command = Command::SetOwnPassword {
        id: user.id,
        password: password::hash(&body.new_password).await?,
        keep,
    };
    store.call::<()>(&command).await?;
    http::no_content()
}

fn local(url: &Url) -> bool {
    is_local_host(url.host_str().unwrap_or_default())
}
