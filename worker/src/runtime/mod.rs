//! The Workers runtime's own objects, used as they are.
//!
//! workers-rs wraps the runtime's request, response, Durable Object stub and bindings in
//! types that read every property of the JS object when made (a request's `cf` getter
//! included), build a new JS `Response` at each conversion, and check a binding's class on
//! every use. On the paths every public request takes that glue was most of the CPU per
//! request, so those paths use the runtime's objects directly (each step kept for what an
//! A/B bench run measured: docs/benchmarks.md). All of that code is here, behind small
//! types with workers-rs-like methods; route handlers and the objects' logic do not touch
//! `web_sys`, `worker_sys` or `Reflect`.
//!
//! - [`RawRequest`] / [`RawResponse`]: the fetch handler's request and response;
//! - [`ObjectStub`]: calling a Durable Object (the transport of `objects.rs`'s protocol);
//! - [`bindings`]: rate limiters and namespaces taken from `env` as they are;
//! - [`clock`]: the time;
//! - [`crypto`]: the runtime's WebCrypto (password hashing);
//! - `classes`: the two Durable Object classes the runtime instantiates, exported with
//!   `#[wasm_bindgen]` (not workers-rs's `#[durable_object]`).

pub mod bindings;
#[cfg(feature = "objects")]
mod classes;
pub mod clock;
pub mod crypto;
mod http;
mod stub;

#[cfg(feature = "objects")]
pub use classes::{ConfigStore, Registry};
pub use http::{RawRequest, RawResponse};
#[cfg(feature = "objects")]
pub use stub::OBJECT_ORIGIN;
pub use stub::{ObjectAnswer, ObjectStub};

use worker::wasm_bindgen::JsValue;

use crate::error::ApiError;

/// A JS exception as an internal error.
pub fn js(e: JsValue) -> ApiError {
    worker::Error::from(e).into()
}
