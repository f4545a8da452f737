//! Convene's edge API: admin API under `/api/admin/`, sign-in under `/api/auth/`.
//!
//! Handlers are thin: parse, authorize, ask the store (a Durable Object) or KV, map the
//! error. Rules live in `convene-types`; errors become HTTP in `error.rs` only.

mod error;
mod http;
mod ids;
mod json_path;
mod objects;
mod on24;
mod registry;
mod routes;
mod session;
mod signin;
mod store;
mod vault;

pub use registry::RegistryObject;
pub use store::ConfigStore;

use worker::{Context, Env, Request, Response, Result, event};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let request_id = ids::new_id().unwrap_or_else(|_| "unavailable".into());
    let mut response = match routes::handle(req, &env, &request_id).await {
        Ok(response) => response,
        Err(error) => error.into_response(&request_id),
    };
    let headers = response.headers_mut();
    headers.set("x-request-id", &request_id)?;
    headers.set("cache-control", "no-store")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(response)
}
