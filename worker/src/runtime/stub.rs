//! Calling a Durable Object through the runtime's own stub, request and response: one JS
//! `Request` out and the object's `Response` back, relayed as is when the client gets it
//! unchanged. The protocol itself (what goes in the header, what marks an error) is
//! `objects.rs`'s.

use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::worker_sys::DurableObject;
use worker::{Env, Headers, ObjectNamespace, web_sys};

use super::{RawResponse, bindings, js};
use crate::error::{ApiError, ApiResult};
use crate::objects::{ACTOR_HEADER, COMMAND_HEADER, ERROR_HEADER, JSON_TYPE, in_header};

/// One Durable Object instance, by binding and name.
pub struct ObjectStub {
    stub: DurableObject,
    /// The requests' URL, which names the instance (`OBJECT_ORIGIN` and the name): an
    /// object learns its own name from it (`runtime::classes::instance_of`).
    url: String,
}

/// The origin of the URL of every request to an object.
pub const OBJECT_ORIGIN: &str = "https://object.internal/";

impl ObjectStub {
    pub fn open(env: &Env, binding: &str, instance: &str) -> ApiResult<Self> {
        let stub = bindings::get::<ObjectNamespace>(env, binding)?
            .get_by_name(instance)?
            .into_rpc::<DurableObject>();
        Ok(ObjectStub {
            stub,
            url: format!("{OBJECT_ORIGIN}{instance}"),
        })
    }

    /// Sends a command's JSON text: in [`COMMAND_HEADER`] when [`in_header`] allows it,
    /// else as the body.
    /// `actor`: the JSON of the user whose admin request this is, in [`ACTOR_HEADER`].
    pub async fn send(&self, command: &str, actor: Option<&str>) -> ApiResult<ObjectAnswer> {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        let headers = Headers::new();
        if in_header(command) {
            headers.set(COMMAND_HEADER, command)?;
        } else {
            init.set_body(&JsValue::from_str(command));
        }
        if let Some(actor) = actor {
            headers.set(ACTOR_HEADER, actor)?;
        }
        init.set_headers(&headers.0);
        let request = web_sys::Request::new_with_str_and_init(&self.url, &init).map_err(js)?;
        let answer = JsFuture::from(self.stub.fetch_with_request(&request).map_err(js)?)
            .await
            .map_err(js)?;
        Ok(ObjectAnswer(answer.dyn_into().map_err(js)?))
    }
}

/// An object's answer, not yet read.
pub struct ObjectAnswer(web_sys::Response);

impl ObjectAnswer {
    /// Whether the body is an `ApiError` (marked with [`ERROR_HEADER`]).
    pub fn is_error(&self) -> bool {
        self.0.headers().has(ERROR_HEADER).unwrap_or(false)
    }

    /// The whole body as text, read by the runtime in one call. (workers-rs's
    /// `Response::text` reads a fetched body as a stream, chunk by chunk: a JS call and
    /// microtasks per chunk.)
    pub async fn text(self) -> ApiResult<String> {
        let text = JsFuture::from(self.0.text().map_err(js)?)
            .await
            .map_err(js)?;
        text.as_string()
            .ok_or_else(|| ApiError::internal("an object's answer is not text"))
    }

    /// An `application/json` response with `status` whose body is this answer's stream,
    /// never copied into WASM. (A fetched response's headers are immutable: a new response,
    /// same body.)
    pub fn relay(self, status: u16) -> ApiResult<RawResponse> {
        let headers = Headers::new();
        headers.set("content-type", JSON_TYPE)?;
        let init = web_sys::ResponseInit::new();
        init.set_status(status);
        init.set_headers(&headers.0);
        web_sys::Response::new_with_opt_readable_stream_and_init(self.0.body().as_ref(), &init)
            .map(RawResponse)
            .map_err(js)
    }
}
