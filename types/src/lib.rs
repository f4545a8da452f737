//! Convene's shared model: records, their validation, list paging and the error contract.
//!
//! Architecture invariant: this crate knows nothing of HTTP, KV, Durable Objects or the DOM.
//! It compiles natively (so `cargo test` covers every rule fast) and into both WASM crates,
//! so each rule is written once and runs in the SPA (inline errors) and the worker (authority).
//!
//! It is `no_std` (with `alloc`): the registration widget, which other websites download,
//! runs these rules too, and a `no_std` graph lets it leave out the standard library's
//! panic and formatting machinery (see widget/src/lib.rs). `prelude` brings back what
//! std's prelude would give.

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

/// The allocating names that std's prelude has and core's does not; each module starts
/// with `use crate::prelude::*;`.
mod prelude {
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

pub mod audit;
pub mod auth;
pub mod catalog;
pub mod configuration;
pub mod contact;
pub mod custom;
pub mod error;
pub mod event;
pub mod event_admin;
pub mod i18n;
pub mod integration;
pub mod list;
pub mod plain_search;
pub mod provider;
pub mod public;
pub mod registration;
pub mod retention;
pub mod sync;
pub mod text;
pub mod user;
pub mod validate;
pub mod webapp;
pub mod webhook;
pub mod webinar;

pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
