//! What the Events API keeps in an isolate's memory, and how it reads the configuration
//! store. Every read names its credential, so the store accepts or refuses the token and
//! origin in the same step as the read.
//!
//! With `PUBLIC_READ_CACHE_MS` set, an isolate keeps for that window the answers it got,
//! keyed by credential and route (`read_cache.rs`): the published reads, a count's answer,
//! and what a registration reads (the event's registration context). A registration then
//! reaches the configuration store once per window per isolate, event and credential, and
//! otherwise only its attendee's directory shard and its event's registry object: no
//! object is on every registration's path. It also keeps which events were full
//! (`sold_out.rs`), so a sold-out event's object is not asked each refusal. Off (the
//! default), every read asks, so every change shows on the next request.

use std::cell::RefCell;
use std::rc::Rc;

use convene_types::registration::{Capacity, Registration};
use serde::de::DeserializeOwned;
use worker::Env;

use crate::error::ApiResult;
use crate::http;
use crate::read_cache::{self, ReadCache};
use crate::registry::NewRegistration;
use crate::routes::registrations::register;
use crate::runtime::{RawResponse, clock};
use crate::sold_out::SoldOut;
use crate::store::{Command, Credential, PublicRead, Store};

/// An isolate's memory, both parts with the window of `PUBLIC_READ_CACHE_MS`.
struct Memory {
    answers: ReadCache,
    sold_out: SoldOut,
}

thread_local! {
    /// Set up from `PUBLIC_READ_CACHE_MS` by the first request that uses it.
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
}

/// `f` of this isolate's memory (set up now if it is not yet).
fn with_memory<T>(env: &Env, f: impl FnOnce(&mut Memory) -> T) -> T {
    MEMORY.with_borrow_mut(|memory| {
        f(memory.get_or_insert_with(|| {
            let window = read_window(env);
            Memory {
                answers: ReadCache::new(window),
                sold_out: SoldOut::new(window),
            }
        }))
    })
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

/// The JSON answer `answer` makes for `credential` and `route`: kept from less than the
/// window ago, or made now (and kept when the window is on: only successful answers are,
/// so a refusal is made again).
pub async fn kept_answer(
    env: &Env,
    credential: &Credential,
    route: &[&str],
    answer: impl Future<Output = ApiResult<String>>,
) -> ApiResult<RawResponse> {
    let body = if enabled(env) {
        kept(credential, route, answer).await?
    } else {
        answer.await?.into()
    };
    Ok(http::json_response(body.as_bytes().to_vec(), 200)?.into())
}

/// Registers `group` (one event's, whose context gave `capacity`) as
/// `routes::registrations::register` does, unless this isolate was told less than the
/// window ago that the event is full and nothing can change the answer (`sold_out.rs`).
/// A closed event's registrations always ask the registry (which says so).
pub async fn register_unless_sold_out(
    env: &Env,
    capacity: Capacity,
    closed: bool,
    idempotency_key: Option<&str>,
    group: Vec<NewRegistration>,
) -> ApiResult<Vec<Registration>> {
    let Some(event_id) = group.first().map(|r| r.event_id.clone()) else {
        return Ok(Vec::new());
    };
    let attendees = group.len();
    let refusal = with_memory(env, |m| {
        let now = clock::now_ms();
        m.sold_out
            .refusal(&event_id, capacity, idempotency_key, attendees, now)
            .filter(|_| !closed)
    });
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
    let answer = register(env, group).await;
    if let Err(e) = &answer {
        with_memory(env, |m| {
            m.sold_out.learn(&event_id, capacity, e, clock::now_ms());
        });
    }
    answer
}

/// Whether the window is on.
fn enabled(env: &Env) -> bool {
    with_memory(env, |m| m.answers.enabled())
}

/// The store's answer to `read`, kept as [`kept`] keeps answers.
async fn remembered(
    env: &Env,
    credential: Credential,
    read: PublicRead,
    route: &[&str],
) -> ApiResult<Rc<str>> {
    let key_credential = credential.clone();
    let store = Store::config(env)?;
    let read = async move { store.text(&Command::Public { credential, read }).await };
    kept(&key_credential, route, read).await
}

/// The text kept for `credential` and `route` less than the window ago, or `answer`'s,
/// kept now when it is a success. The memory must be set up (by [`enabled`]).
async fn kept(
    credential: &Credential,
    route: &[&str],
    answer: impl Future<Output = ApiResult<String>>,
) -> ApiResult<Rc<str>> {
    let key = read_cache::key(&credential.token_hash, credential.origin.as_deref(), route);
    let now = clock::now_ms();
    let kept = MEMORY.with_borrow(|m| m.as_ref().and_then(|m| m.answers.get(&key, now)));
    if let Some(body) = kept {
        return Ok(body);
    }
    let body: Rc<str> = answer.await?.into();
    let now = clock::now_ms();
    MEMORY.with_borrow_mut(|m| {
        if let Some(m) = m {
            m.answers.put(key, body.clone(), now);
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
