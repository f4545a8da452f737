//! Signing in and sessions. The worker checks a password against the hash this store gives
//! it ([`sign_in_start`]) and reports the outcome ([`sign_in`]); the store counts failures,
//! starts the session and answers for it on every admin request ([`session`]). Sessions live
//! here, beside the users, so that disabling a user or changing a password ends sessions in
//! the same step: the next request is already refused.
//!
//! A session is stored under the SHA-256 of its id (the cookie's value), so storage never
//! holds a usable session id.

use convene_types::audit::{AuditAction, AuditEntry, RecordType};
use convene_types::auth::SessionUser;
use convene_types::user::{Role, User, username_key};
use serde::{Deserialize, Serialize};

use super::audit_log::AuditLog;
use super::records::Records;
use super::users::{self, StoredUser};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::password::PasswordHash;
use crate::signin;

const PREFIX: &str = "user-session:";
const CLIENT_FAILURES: &str = "signin-failures:";
const USER_FAILURES: &str = "signin-user-failures:";
/// Sessions last as long as their cookie.
const TTL_MS: f64 = (crate::session::TTL_SECS * 1000) as f64;

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
struct StoredSession {
    user_id: String,
    /// Milliseconds since the epoch.
    expires_at: f64,
}

/// What the worker needs to check a sign-in's password.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct SignInCandidate {
    /// The user with that name, and their password hash.
    pub user: Option<Candidate>,
    /// No user exists yet: the deployment's `ADMIN_PASSWORD` makes the first administrator.
    pub bootstrap: bool,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: String,
    pub password: PasswordHash,
}

/// What the worker found.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum SignInOutcome {
    /// The password is the user's; `rehash` replaces a hash made with weaker parameters.
    Matched {
        user_id: String,
        rehash: Option<PasswordHash>,
    },
    /// No user existed and the user name and password were the deployment's bootstrap
    /// administrator's: the first administrator, with this hash of that password.
    Bootstrap {
        password: PasswordHash,
    },
    Wrong,
}

fn session_key(session: &str) -> String {
    format!("{PREFIX}{session}")
}

fn session_user(user: &User) -> SessionUser {
    SessionUser {
        id: user.id.clone(),
        username: user.username.clone(),
        role: user.role,
    }
}

/// The failure keys of a sign-in: its client address and the user name it tried.
fn failure_keys(client: &str, username: &str) -> [String; 2] {
    [
        format!("{CLIENT_FAILURES}{client}"),
        format!("{USER_FAILURES}{}", username_key(username)),
    ]
}

/// Refuses (429) while the client address or the user name has too many recent failures;
/// else what the worker needs to check the password.
pub async fn sign_in_start(
    records: &Records,
    client: &str,
    username: &str,
    now: f64,
) -> ApiResult<SignInCandidate> {
    for key in failure_keys(client, username) {
        let failures: Vec<f64> = records.get(&key).await?.unwrap_or_default();
        if let Err(retry_after_secs) = signin::allowed(&signin::recent(&failures, now), now) {
            return Err(ApiError::RateLimited { retry_after_secs });
        }
    }
    let user = users::by_username(records, username).await?;
    Ok(SignInCandidate {
        bootstrap: user.is_none() && !users::any(records).await?,
        user: user.map(|s| Candidate {
            id: s.user.id,
            password: s.password,
        }),
    })
}

fn wrong() -> ApiError {
    ApiError::Unauthorized("The user name or password is not correct.".into())
}

/// A sign-in attempt: from where, as whom, the session it would start (the SHA-256 of its
/// id), when.
pub struct Attempt<'a> {
    pub client: &'a str,
    pub username: &'a str,
    pub session: &'a str,
    pub now: f64,
}

/// The audit log's entry of a sign-in: the user's, or the name tried.
fn logged(user: Option<&User>, username: &str, action: AuditAction) -> AuditEntry {
    AuditEntry {
        id: String::new(),
        at: ids::now_iso(),
        user_id: user.map(|u| u.id.clone()),
        username: user.map_or(username, |u| &u.username).to_string(),
        action,
        record_type: RecordType::SignIn,
        record_id: user.map(|u| u.id.clone()).unwrap_or_default(),
        record_name: user.map_or(username, |u| &u.username).to_string(),
        changes: Vec::new(),
    }
}

/// Records a sign-in's outcome, in the audit log too: a failure counted against the address
/// and the user name, or a session started for the user.
pub async fn sign_in(
    records: &Records,
    log: &AuditLog,
    attempt: Attempt<'_>,
    outcome: SignInOutcome,
) -> ApiResult<SessionUser> {
    let Attempt {
        client,
        username,
        session,
        now,
    } = attempt;
    let user = match outcome {
        SignInOutcome::Matched { user_id, rehash } => {
            let mut user = users::stored(records, &user_id).await?;
            if let Some(password) = rehash {
                user.password = password;
                users::save(records, &user).await?;
            }
            Some(user)
        }
        SignInOutcome::Bootstrap { password } if !users::any(records).await? => {
            let input = convene_types::user::UserInput {
                username: username.to_string(),
                role: Some(Role::Administrator),
                password: String::new(),
            };
            let user = users::create(records, input, password.clone()).await?;
            Some(StoredUser { user, password })
        }
        SignInOutcome::Bootstrap { .. } | SignInOutcome::Wrong => None,
    };
    let keys = failure_keys(client, username);
    let Some(user) = user else {
        let known = users::by_username(records, username).await?;
        log.append(logged(
            known.as_ref().map(|u| &u.user),
            username,
            AuditAction::SignInFailed,
        ))?;
        for key in keys {
            let failures: Vec<f64> = records.get(&key).await?.unwrap_or_default();
            let mut recent = signin::recent(&failures, now);
            recent.push(now);
            records.put(&key, &recent).await?;
        }
        return Err(wrong());
    };
    if !user.user.active {
        log.append(logged(
            Some(&user.user),
            username,
            AuditAction::SignInFailed,
        ))?;
        return Err(ApiError::Unauthorized(
            "This user is disabled. Ask an administrator.".into(),
        ));
    }
    for key in keys {
        records.delete(&key).await?;
    }
    purge_expired(records, now).await?;
    let stored = StoredSession {
        user_id: user.user.id.clone(),
        expires_at: now + TTL_MS,
    };
    records.put(&session_key(session), &stored).await?;
    log.append(logged(Some(&user.user), username, AuditAction::SignedIn))?;
    Ok(session_user(&user.user))
}

/// The signed-in user of session `session`, or 401: unknown, expired, or its user disabled.
pub async fn session(records: &Records, session: &str, now: f64) -> ApiResult<SessionUser> {
    let unauthorized = || ApiError::Unauthorized("Sign in to continue.".into());
    let stored: StoredSession = records
        .get(&session_key(session))
        .await?
        .ok_or_else(unauthorized)?;
    if stored.expires_at <= now {
        records.delete(&session_key(session)).await?;
        return Err(unauthorized());
    }
    match users::stored(records, &stored.user_id).await {
        Ok(user) if user.user.active => Ok(session_user(&user.user)),
        _ => Err(unauthorized()),
    }
}

pub async fn end(records: &Records, session: &str) -> ApiResult<()> {
    records.delete(&session_key(session)).await?;
    Ok(())
}

/// Ends every session of `user_id` but `keep`.
pub async fn end_all(records: &Records, user_id: &str, keep: Option<&str>) -> ApiResult<()> {
    for (key, stored) in records.list_keyed::<StoredSession>(PREFIX).await? {
        if stored.user_id == user_id && Some(&key[PREFIX.len()..]) != keep {
            records.delete(&key).await?;
        }
    }
    Ok(())
}

/// Removes sessions that ended without a sign-out (sign-ins are rare; sessions few).
async fn purge_expired(records: &Records, now: f64) -> ApiResult<()> {
    for (key, stored) in records.list_keyed::<StoredSession>(PREFIX).await? {
        if stored.expires_at <= now {
            records.delete(&key).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests/sessions.rs"]
mod tests;
