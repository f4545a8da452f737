//! Administrator sessions: a random id in an `HttpOnly` cookie. The configuration store
//! keeps the session under the id's SHA-256 (so storage never holds a usable session id),
//! beside the users, and answers for it on every admin request (`store/sessions.rs`).

use convene_types::auth::SessionUser;
use sha2::{Digest, Sha256};
use worker::{Env, Request};

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::store::{Command, Store};

pub const COOKIE: &str = "convene_session";
/// Sessions last 8 hours from sign-in (the store keeps the same expiry).
pub const TTL_SECS: u64 = 8 * 60 * 60;

/// A new session's id (the cookie's value) and its hash (what the store keeps).
pub fn new_session() -> ApiResult<(String, String)> {
    let id = ids::new_token()?;
    let hash = hash(&id);
    Ok((id, hash))
}

/// The SHA-256 of a session id, as the store keys it.
pub fn hash(session_id: &str) -> String {
    ids::hex(&Sha256::digest(session_id.as_bytes()))
}

/// The hash of the request's session id, if it carries one.
pub fn of_request(req: &Request) -> ApiResult<Option<String>> {
    let cookies = req.headers().get("cookie")?.unwrap_or_default();
    Ok(cookie_value(&cookies, COOKIE).map(hash))
}

/// The signed-in user, or 401.
pub async fn require(env: &Env, req: &Request) -> ApiResult<SessionUser> {
    let session =
        of_request(req)?.ok_or_else(|| ApiError::Unauthorized("Sign in to continue.".into()))?;
    Store::config(env)?
        .call(&Command::Session { session })
        .await
}

/// Ends the request's session server-side, if it has one.
pub async fn end(env: &Env, req: &Request) -> ApiResult<()> {
    if let Some(session) = of_request(req)? {
        Store::config(env)?
            .call::<()>(&Command::EndSession { session })
            .await?;
    }
    Ok(())
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty()).then_some(v)
    })
}

/// `Set-Cookie` for a new session; `Secure` everywhere but on a loopback host.
pub fn set_cookie(id: &str, local: bool) -> String {
    let secure = if local { "" } else { "; Secure" };
    format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={TTL_SECS}{secure}")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(local: bool) -> String {
    let secure = if local { "" } else { "; Secure" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let header = "theme=dark; convene_session=abc123; other=1";
        assert_eq!(cookie_value(header, COOKIE), Some("abc123"));
        assert_eq!(cookie_value("convene_session=", COOKIE), None);
        assert_eq!(cookie_value("xconvene_session=1", COOKIE), None);
        assert_eq!(cookie_value("", COOKIE), None);
    }

    #[test]
    fn cookies_are_http_only_strict_and_secure_off_localhost() {
        let prod = set_cookie("id", false);
        for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(prod.contains(part), "{prod}");
        }
        assert!(!set_cookie("id", true).contains("Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_stored_key_is_not_the_session_id() {
        let k = hash("supersecretid");
        assert!(!k.contains("supersecretid"));
        assert_eq!(k.len(), 64);
        assert_eq!(k, hash("supersecretid"));
    }
}
