//! The users of the back office (Settings › Team › Users), and a user's change of their own
//! password.

use convene_types::user::{PasswordChange, User, UserInput};
use gloo_net::http::Request;

use super::{ApiResult, empty, encode, read, send, send_json};

const USERS: &str = "/api/admin/users";

fn user_url(id: &str) -> String {
    format!("{USERS}/{}", encode(id))
}

/// All users, disabled ones included.
pub async fn users() -> ApiResult<Vec<User>> {
    read(send(Request::get(USERS)).await?)
}

pub async fn user(id: &str) -> ApiResult<User> {
    read(send(Request::get(&user_url(id))).await?)
}

pub async fn create_user(input: &UserInput) -> ApiResult<User> {
    read(send_json(Request::post(USERS), input).await?)
}

/// An empty password keeps the current one; a new one ends that user's sessions.
pub async fn update_user(id: &str, input: &UserInput) -> ApiResult<User> {
    read(send_json(Request::put(&user_url(id)), input).await?)
}

/// Disabling ends the user's sessions. Refused (409) for yourself and for the last active
/// administrator.
pub async fn set_user_active(id: &str, active: bool) -> ApiResult<User> {
    let action = if active { "enable" } else { "disable" };
    let url = format!("{}/{action}", user_url(id));
    read(send(Request::post(&url)).await?)
}

/// The signed-in user's own password; their other sessions end, this one stays.
pub async fn change_password(change: &PasswordChange) -> ApiResult<()> {
    empty(send_json(Request::post("/api/auth/password"), change).await?)
}
