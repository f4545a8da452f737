//! How the Events API reads the configuration store. Every read names its credential, so
//! the store accepts or refuses the token and origin in the same step as the read.
//!
//! With `PUBLIC_READ_CACHE_MS` set (see `read_cache.rs`), an isolate keeps the answers it
//! got for the window, keyed by credential and route: the published reads, and also what a
//! registration reads (the event's registration context) and what a count reads. A
//! registration then reaches the configuration store once per window per isolate, event
//! and credential, and otherwise only its attendee's directory shard and its event's
//! registry object: no object is on every registration's path. Off (the default), every
//! read asks the store, so every change shows on the next request.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use worker::Env;

use crate::error::ApiResult;
use crate::http;
use crate::read_cache::{self, ReadCache};
use crate::runtime::{RawResponse, clock};
use crate::store::{Command, Credential, PublicRead, Store};

thread_local! {
    /// This isolate's cache of public read answers, set up from `PUBLIC_READ_CACHE_MS` by
    /// the first read.
    static READ_CACHE: RefCell<Option<ReadCache>> = const { RefCell::new(None) };
}

/// A read from the store, as `T`, never cached (the token checks of preflights and of
/// refused requests, which must not outlive a deactivation).
pub async fn public<T: DeserializeOwned>(
    env: &Env,
    credential: Credential,
    read: PublicRead,
) -> ApiResult<T> {
    Store::config(env)?
        .call(&Command::Public { credential, read })
        .await
}

/// A read from the store for `route`, as `T`: from this isolate's cache within the window.
pub async fn cached<T: DeserializeOwned>(
    env: &Env,
    credential: Credential,
    read: PublicRead,
    route: &[&str],
) -> ApiResult<T> {
    if !enabled(env) {
        return public(env, credential, read).await;
    }
    let text = remembered(env, credential, read, route).await?;
    Ok(serde_json::from_str(&text)?)
}

/// A read from the store for `route`, as the JSON answer to send: from this isolate's cache
/// within the window, otherwise the store's answer relayed untouched.
pub async fn cached_answer(
    env: &Env,
    credential: Credential,
    read: PublicRead,
    route: &[&str],
) -> ApiResult<RawResponse> {
    if !enabled(env) {
        return Store::config(env)?
            .relay_raw(&Command::Public { credential, read }, 200)
            .await;
    }
    let body = remembered(env, credential, read, route).await?;
    Ok(http::json_response(body.as_bytes().to_vec(), 200)?.into())
}

/// Whether the window is on (the cache is set up by the first call).
fn enabled(env: &Env) -> bool {
    READ_CACHE.with_borrow_mut(|cache| {
        cache
            .get_or_insert_with(|| ReadCache::new(read_window(env)))
            .enabled()
    })
}

/// The answer's text, kept from less than the window ago or asked now (and kept: only
/// successful answers are, so a refusal is asked again).
async fn remembered(
    env: &Env,
    credential: Credential,
    read: PublicRead,
    route: &[&str],
) -> ApiResult<Rc<str>> {
    let key = read_cache::key(&credential.token_hash, credential.origin.as_deref(), route);
    let kept =
        READ_CACHE.with_borrow(|cache| cache.as_ref().and_then(|c| c.get(&key, clock::now_ms())));
    if let Some(body) = kept {
        return Ok(body);
    }
    let body: Rc<str> = Store::config(env)?
        .text(&Command::Public { credential, read })
        .await?
        .into();
    let now = clock::now_ms();
    READ_CACHE.with_borrow_mut(|cache| {
        if let Some(cache) = cache {
            cache.put(key, body.clone(), now);
        }
    });
    Ok(body)
}

/// The cache window from `PUBLIC_READ_CACHE_MS`; a value that is not one is logged and
/// read as 0 (off: the strict behaviour).
fn read_window(env: &Env) -> u32 {
    let value = env.var(read_cache::WINDOW_VAR).ok().map(|v| v.to_string());
    read_cache::parse_window(value.as_deref()).unwrap_or_else(|message| {
        worker::console_error!("{message}; public reads are not cached");
        0
    })
}
