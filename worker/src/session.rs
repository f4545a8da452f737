//! Administrator sessions: a random id in an `HttpOnly` cookie, the record in KV under the
//! id's SHA-256 (so KV never holds a usable session id), with an expiry.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use worker::{Env, Request};

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::runtime::clock;

pub const KV_BINDING: &str = "KV";
pub const COOKIE: &str = "convene_session";
/// Sessions last 8 hours from sign-in.
pub const TTL_SECS: u64 = 8 * 60 * 60;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionRecord {
    username: String,
    /// Milliseconds since the epoch; KV's own expiry also removes the record.
    expires_at: f64,
}

fn key(session_id: &str) -> String {
    format!(
        "session:{}",
        ids::hex(&Sha256::digest(session_id.as_bytes()))
    )
}

/// Starts a session and returns its id (the cookie value).
pub async fn create(env: &Env, username: &str) -> ApiResult<String> {
    let id = ids::new_token()?;
    let record = SessionRecord {
        username: username.to_string(),
        expires_at: clock::now_ms() + (TTL_SECS * 1000) as f64,
    };
    env.kv(KV_BINDING)?
        .put(&key(&id), serde_json::to_string(&record)?)?
        .expiration_ttl(TTL_SECS)
        .execute()
        .await?;
    Ok(id)
}

/// The signed-in administrator's name, or 401.
pub async fn require(env: &Env, req: &Request) -> ApiResult<String> {
    let unauthorized = || ApiError::Unauthorized("Sign in to continue.".into());
    let cookies = req.headers().get("cookie")?.unwrap_or_default();
    let id = cookie_value(&cookies, COOKIE).ok_or_else(unauthorized)?;
    let text = env.kv(KV_BINDING)?.get(&key(id)).text().await?;
    let record: SessionRecord = match text {
        Some(text) => serde_json::from_str(&text)?,
        None => return Err(unauthorized()),
    };
    if record.expires_at <= clock::now_ms() {
        return Err(unauthorized());
    }
    Ok(record.username)
}

/// Ends the request's session server-side, if it has one.
pub async fn end(env: &Env, req: &Request) -> ApiResult<()> {
    let cookies = req.headers().get("cookie")?.unwrap_or_default();
    if let Some(id) = cookie_value(&cookies, COOKIE) {
        env.kv(KV_BINDING)?.delete(&key(id)).await?;
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
    fn kv_keys_do_not_contain_the_session_id() {
        let k = key("supersecretid");
        assert!(!k.contains("supersecretid"));
        assert_eq!(k.len(), "session:".len() + 64);
    }
}
