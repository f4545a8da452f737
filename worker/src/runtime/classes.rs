//! The two Durable Object classes the runtime instantiates (script `convene-objects`).
//! They export `fetch` themselves with `#[wasm_bindgen]`, not through workers-rs's
//! `#[durable_object]`, whose `Request` and `Response` conversions cost a JS call per
//! property: the command is read from the runtime's request and the answer is the
//! runtime's response. Everything else is the objects' own code
//! (`store::StoreObject`, `registry::RegistryObject`), which sees only the command's text.

use worker::wasm_bindgen::prelude::*;
use worker::wasm_bindgen_futures::JsFuture;
use worker::worker_sys::DurableObjectState;
use worker::{Env, State, web_sys};

use crate::objects::{ACTOR_HEADER, COMMAND_HEADER, ERROR_HEADER, Encoded, JSON_TYPE};
use crate::outbox::QUEUE_BINDING;
use crate::registry::RegistryObject;
use crate::registry::placement::HUB;
use crate::runtime::OBJECT_ORIGIN;
use crate::store::StoreObject;

/// The configuration store (see `store/object.rs`).
#[wasm_bindgen(wasm_bindgen = ::worker::wasm_bindgen)]
pub struct ConfigStore(StoreObject);

#[wasm_bindgen(
    wasm_bindgen = ::worker::wasm_bindgen,
    wasm_bindgen_futures = ::worker::wasm_bindgen_futures,
    js_sys = ::worker::js_sys
)]
impl ConfigStore {
    #[wasm_bindgen(constructor)]
    pub fn new(state: DurableObjectState, _env: Env) -> Self {
        Self(StoreObject::new(State::from(state)))
    }

    pub async fn fetch(&self, req: web_sys::Request) -> Result<JsValue, JsValue> {
        let command = command_text(&req).await?;
        let actor = match req.headers().get(ACTOR_HEADER)? {
            Some(text) => {
                Some(serde_json::from_str(&text).map_err(|e| JsValue::from_str(&e.to_string()))?)
            }
            None => None,
        };
        answer(&*self.0.handle(command, actor).await).map(JsValue::from)
    }
}

/// The registry (see `registry/object.rs`).
#[wasm_bindgen(wasm_bindgen = ::worker::wasm_bindgen)]
pub struct Registry(RegistryObject);

#[wasm_bindgen(
    wasm_bindgen = ::worker::wasm_bindgen,
    wasm_bindgen_futures = ::worker::wasm_bindgen_futures,
    js_sys = ::worker::js_sys
)]
impl Registry {
    #[wasm_bindgen(constructor)]
    pub fn new(state: DurableObjectState, env: Env) -> Self {
        let queue = env.queue(QUEUE_BINDING).ok();
        Self(RegistryObject::new(State::from(state), queue))
    }

    pub async fn fetch(&self, req: web_sys::Request) -> Result<JsValue, JsValue> {
        let command = command_text(&req).await?;
        let url = req.url();
        let instance = url.strip_prefix(OBJECT_ORIGIN).unwrap_or(HUB);
        answer(&self.0.handle(&command, instance).await).map(JsValue::from)
    }

    /// The outbox's alarm (see `crate::outbox`).
    pub async fn alarm(&self) -> Result<JsValue, JsValue> {
        self.0.alarm().await;
        Ok(JsValue::UNDEFINED)
    }
}

/// The command's JSON text, from its header or the body.
async fn command_text(req: &web_sys::Request) -> Result<String, JsValue> {
    if let Some(text) = req.headers().get(COMMAND_HEADER)? {
        return Ok(text);
    }
    let text = JsFuture::from(req.text()?).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("an object command is not text"))
}

/// The object's HTTP answer for an encoded reply.
fn answer(encoded: &Encoded) -> Result<web_sys::Response, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", JSON_TYPE)?;
    if encoded.error {
        headers.set(ERROR_HEADER, "1")?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_str_and_init(Some(&encoded.body), &init)
}
