//! The runtime's bindings, taken as they are. workers-rs's `Env` accessors check each
//! binding's class name on every use (three JS calls and a string copy), and its rate
//! limiter goes through serde for `{key}` and `{success}`; a public read uses three
//! bindings.

use worker::Env;
use worker::js_sys::{Object, Reflect};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::worker_sys::RateLimiter;

use super::js;
use crate::error::{ApiError, ApiResult};

/// The binding `name` (declared in wrangler.toml), as `T`.
pub fn get<T: JsCast>(env: &Env, name: &str) -> ApiResult<T> {
    let binding = Reflect::get(env, &JsValue::from_str(name)).map_err(js)?;
    if binding.is_undefined() {
        return Err(ApiError::NotConfigured(format!(
            "The binding {name} is missing: declare it in wrangler.toml."
        )));
    }
    Ok(binding.unchecked_into())
}

/// Counts one request for `key` against the rate limiting binding `name`: whether it is
/// within the limit.
pub async fn within_limit(env: &Env, name: &str, key: &str) -> ApiResult<bool> {
    let limiter: RateLimiter = get(env, name)?;
    let options = Object::new();
    Reflect::set(&options, &JsValue::from_str("key"), &JsValue::from_str(key)).map_err(js)?;
    let outcome = JsFuture::from(limiter.limit(options).map_err(js)?)
        .await
        .map_err(js)?;
    Reflect::get(&outcome, &JsValue::from_str("success"))
        .map_err(js)?
        .as_bool()
        .ok_or_else(|| ApiError::internal(format!("{name} answered without `success`")))
}
