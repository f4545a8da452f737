//! Convene's edge API: admin API under `/api/admin/`, sign-in under `/api/auth/`.
//!
//! Handlers are thin: parse, authorize, ask the store (a Durable Object) or KV, map the
//! error. Rules live in `convene-types`; errors become HTTP in `error.rs` only.
//!
//! One crate, two scripts: feature `api` exports the router, feature `objects` the Durable
//! Object classes (see `Cargo.toml`). A script built with one of them leaves the other's
//! code unused, so dead code is linted in the default build, which has both.
#![cfg_attr(not(all(feature = "api", feature = "objects")), allow(dead_code))]

mod bindings;
mod error;
mod http;
mod ids;
mod json_path;
mod objects;
mod on24;
mod read_cache;
mod registry;
mod routes;
mod session;
mod signin;
mod store;
mod vault;

#[cfg(feature = "objects")]
pub use registry::RegistryObject;
#[cfg(feature = "objects")]
pub use store::ConfigStore;

#[cfg(feature = "api")]
use worker::{Context, Env, Result, event, web_sys};

#[cfg(feature = "api")]
/// Takes and gives the runtime's request and response as they are: workers-rs's `Request`
/// reads `request.cf` when it is made (a JS getter, about 50 µs), and each conversion of a
/// `Response` builds a new one; only the routes that use them pay for that.
#[event(fetch)]
async fn fetch(req: web_sys::Request, env: Env, _ctx: Context) -> Result<web_sys::Response> {
    let request_id = ids::new_id().unwrap_or_else(|_| "unavailable".into());
    let response = routes::handle(req, &env, &request_id).await;
    let headers = response.headers();
    headers.set("x-request-id", &request_id)?;
    headers.set("cache-control", "no-store")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(response)
}
