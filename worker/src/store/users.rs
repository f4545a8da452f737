//! Users: who may sign in, with which role. The store keeps each user with their password
//! hash (made by the worker, which holds no user records) and refuses changes that would
//! leave no active administrator: a deployment can always be administered.

use convene_types::user::{Role, User, UserInput, username_key};
use serde::{Deserialize, Serialize};

use super::records::Records;
use super::sessions;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::password::PasswordHash;

const PREFIX: &str = "user:";

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StoredUser {
    #[serde(flatten)]
    pub user: User,
    pub password: PasswordHash,
}

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

pub async fn stored(records: &Records, id: &str) -> ApiResult<StoredUser> {
    records
        .get(&key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no user with id {id}.")))
}

pub async fn save(records: &Records, user: &StoredUser) -> ApiResult<()> {
    records.put(&key(&user.user.id), user).await
}

async fn all_stored(records: &Records) -> ApiResult<Vec<StoredUser>> {
    records.list(PREFIX).await
}

/// Every user, by user name.
pub async fn all(records: &Records) -> ApiResult<Vec<User>> {
    let mut users: Vec<User> = all_stored(records)
        .await?
        .into_iter()
        .map(|s| s.user)
        .collect();
    convene_types::list::sort_by_key(&mut users, |u| username_key(&u.username));
    Ok(users)
}

pub async fn get(records: &Records, id: &str) -> ApiResult<User> {
    Ok(stored(records, id).await?.user)
}

/// The user signing in as `username` (any case).
pub async fn by_username(records: &Records, username: &str) -> ApiResult<Option<StoredUser>> {
    let wanted = username_key(username);
    Ok(all_stored(records)
        .await?
        .into_iter()
        .find(|s| username_key(&s.user.username) == wanted))
}

pub async fn any(records: &Records) -> ApiResult<bool> {
    Ok(!all_stored(records).await?.is_empty())
}

async fn check_unique(records: &Records, username: &str, id: Option<&str>) -> ApiResult<()> {
    match by_username(records, username).await? {
        Some(other) if Some(other.user.id.as_str()) != id => {
            Err(ApiError::Validation(vec![convene_types::FieldError::new(
                "username",
                "is already taken by another user",
            )]))
        }
        _ => Ok(()),
    }
}

/// A new user, active. The worker validated the input and hashed its password.
pub async fn create(
    records: &Records,
    input: UserInput,
    password: PasswordHash,
) -> ApiResult<User> {
    let input = input.validate(false).map_err(ApiError::Validation)?;
    check_unique(records, &input.username, None).await?;
    let now = ids::now_iso();
    let user = StoredUser {
        user: User {
            id: ids::new_id()?,
            username: input.username,
            role: input.role.unwrap_or(Role::Viewer),
            active: true,
            created_at: now.clone(),
            updated_at: now,
        },
        password,
    };
    save(records, &user).await?;
    Ok(user.user)
}

/// Refuses a change that would take away the last active administrator.
async fn keep_an_administrator(records: &Records, before: &User, after: &User) -> ApiResult<()> {
    let administers = |user: &User| user.active && user.role == Role::Administrator;
    if !administers(before) || administers(after) {
        return Ok(());
    }
    let others = all_stored(records)
        .await?
        .iter()
        .any(|s| s.user.id != before.id && administers(&s.user));
    if others {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            "At least one active administrator must remain.".into(),
        ))
    }
}

/// Changes a user's name and role, and their password when one is given (which ends their
/// sessions: whoever knew the old one is signed out).
pub async fn update(
    records: &Records,
    id: &str,
    input: UserInput,
    password: Option<PasswordHash>,
) -> ApiResult<User> {
    let input = input.validate(false).map_err(ApiError::Validation)?;
    let mut user = stored(records, id).await?;
    check_unique(records, &input.username, Some(id)).await?;
    let before = user.user.clone();
    user.user.username = input.username;
    user.user.role = input.role.unwrap_or(user.user.role);
    keep_an_administrator(records, &before, &user.user).await?;
    if let Some(password) = password {
        user.password = password;
        sessions::end_all(records, id, None).await?;
    }
    user.user.updated_at = ids::now_iso();
    save(records, &user).await?;
    Ok(user.user)
}

/// Disables or enables a user; disabling ends their sessions at once. `actor` (the signed-in
/// user's id) cannot disable themselves.
pub async fn set_active(records: &Records, id: &str, active: bool, actor: &str) -> ApiResult<User> {
    let mut user = stored(records, id).await?;
    if !active && id == actor {
        return Err(ApiError::Conflict(
            "You cannot disable your own user.".into(),
        ));
    }
    let before = user.user.clone();
    user.user.active = active;
    keep_an_administrator(records, &before, &user.user).await?;
    if !active {
        sessions::end_all(records, id, None).await?;
    }
    user.user.updated_at = ids::now_iso();
    save(records, &user).await?;
    Ok(user.user)
}

/// A user's new password, chosen by themselves: their other sessions end, `keep` (the
/// session that made the change) stays.
pub async fn set_own_password(
    records: &Records,
    id: &str,
    password: PasswordHash,
    keep: &str,
) -> ApiResult<()> {
    let mut user = stored(records, id).await?;
    user.password = password;
    user.user.updated_at = ids::now_iso();
    save(records, &user).await?;
    sessions::end_all(records, id, Some(keep)).await
}

#[cfg(test)]
#[path = "tests/users.rs"]
pub mod tests;
