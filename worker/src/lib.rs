//! Convene's edge API: admin API under `/api/admin/`, sign-in under `/api/auth/`.
//!
//! Handlers are thin: parse, authorize, ask the store (a Durable Object) or KV, map the
//! error. Rules live in `convene-types`; errors become HTTP in `error.rs` only.
//!
//! One crate, two scripts: feature `api` exports the router, feature `objects` the Durable
//! Object classes (see `Cargo.toml`). A script built with one of them leaves the other's
//! code unused, so dead code is linted in the default build, which has both.
#![cfg_attr(not(all(feature = "api", feature = "objects")), allow(dead_code))]

mod deliver;
mod error;
mod http;
mod ids;
mod json_path;
mod metrics;
mod objects;
mod on24;
mod outbox;
mod password;
mod read_cache;
mod registry;
mod retention;
mod routes;
mod runtime;
mod session;
mod signin;
mod sold_out;
mod store;
mod vault;
mod webhooks;

#[cfg(feature = "objects")]
pub use runtime::{ConfigStore, Registry};

#[cfg(feature = "api")]
use worker::{Context, Env, MessageBatch, Result, ScheduleContext, ScheduledEvent, event};

#[cfg(feature = "api")]
/// Takes and gives the runtime's request and response as they are (see `runtime`): only
/// the routes that need workers-rs's types convert them.
#[event(fetch)]
async fn fetch(req: runtime::RawRequest, env: Env, _ctx: Context) -> Result<runtime::RawResponse> {
    let request_id = ids::new_id().unwrap_or_else(|_| "unavailable".into());
    let response = routes::handle(req, &env, &request_id).await;
    let headers = response.headers();
    headers.set("x-request-id", &request_id)?;
    headers.set("cache-control", "no-store")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(response)
}

#[cfg(feature = "api")]
/// The outbox Queue's consumer (`deliver.rs`). Every message is acknowledged: a record
/// whose outcome was not reported is handed out again by the registry when its lease ends.
#[event(queue)]
async fn queue(batch: MessageBatch<String>, env: Env, _ctx: Context) -> Result<()> {
    // Reports go to instances the move creates: after it, not before.
    if let Err(e) = registry::migration::ensure(&env).await {
        return Err(worker::Error::RustError(format!(
            "the registry's move: {e:?}"
        )));
    }
    for message in batch.messages()? {
        if let Err(e) = deliver::deliver(&env, message.body()).await {
            worker::console_error!("outbox delivery: {e:?}");
        }
    }
    batch.ack_all();
    Ok(())
}

#[cfg(feature = "api")]
/// The Cron Trigger (`wrangler.toml`): attendance of started webinars (`metrics.rs`),
/// retention (`retention.rs`), the registry's copies of the webhook subscriptions made
/// right again should an endpoint's change have failed to reach them, and the contact
/// directory placed by the key of the strategy in force (`registry::migration`).
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(e) = registry::migration::ensure(&env).await {
        worker::console_error!("scheduled: the registry's move: {e:?}");
        return;
    }
    if let Err(e) = metrics::update_all(&env).await {
        worker::console_error!("scheduled metrics: {e:?}");
    }
    if let Err(e) = retention::run(&env).await {
        worker::console_error!("scheduled retention: {e:?}");
    }
    if let Err(e) = webhooks::share_subscriptions(&env).await {
        worker::console_error!("scheduled webhook subscriptions: {e:?}");
    }
    if let Err(e) = registry::rehoming::follow_current_strategy(&env).await {
        worker::console_error!("scheduled contact directory: {e:?}");
    }
    match registry::sweep::settle_links(&env, runtime::clock::now_ms()).await {
        Ok(settled) if settled.released > 0 => worker::console_log!(
            "scheduled: {} contact links of registrations never stored released",
            settled.released
        ),
        Ok(_) => {}
        Err(e) => worker::console_error!("scheduled contact links: {e:?}"),
    }
}
