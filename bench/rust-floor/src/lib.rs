//! The bench's calibration worker (`cargo xtask bench`): Convene's `/api/health` answer and
//! its fixed headers, from the least a workers-rs worker does per request (no routing, no
//! request id, no URL parsing). Against the JavaScript baseline, it measures what the
//! runtime's WASM path and workers-rs cost by themselves; against Convene's `/api/health`,
//! what Convene's own per-request work adds.
use worker::{Context, Env, Request, Response, Result, event};

#[event(fetch)]
async fn fetch(_req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    let mut response = Response::from_bytes(br#"{"status":"ok"}"#.to_vec())?;
    let headers = response.headers_mut();
    headers.set("content-type", "application/json; charset=utf-8")?;
    headers.set("cache-control", "no-store")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(response)
}
