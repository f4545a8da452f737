//! Calling a Durable Object with a typed command and getting `Result<T, ApiError>` back.
//! Both objects (configuration store, registry) speak this one protocol: a JSON command in
//! a POST (in a header when short, see [`in_header`]); out, the value's JSON, or the
//! error's JSON marked by the [`ERROR_HEADER`] header.
//! An answer meant for the client as is passes through the worker without being copied
//! into WASM or parsed ([`ObjectClient::relay`]).
//!
//! This side speaks to the object with the runtime's own request, stub and response
//! (`web_sys`, `worker_sys`): workers-rs's `Request` and `Response` read every property of
//! the JS object (`cf` included) when made, and each conversion back builds a new one.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::worker_sys::DurableObject;
use worker::{Env, Headers, ObjectNamespace, Response, web_sys};

use crate::bindings::{self, js};
use crate::error::{ApiError, ApiResult};

/// What an object answers: a value's JSON text, or the error to return to the client.
pub type Reply = Result<String, ApiError>;

/// A client for one Durable Object instance that accepts commands of type `C`.
pub struct ObjectClient<C> {
    stub: DurableObject,
    command: PhantomData<C>,
}

impl<C: Serialize> ObjectClient<C> {
    pub fn open(env: &Env, binding: &str, instance: &str) -> ApiResult<Self> {
        let stub = bindings::get::<ObjectNamespace>(env, binding)?
            .get_by_name(instance)?
            .into_rpc::<DurableObject>();
        Ok(ObjectClient {
            stub,
            command: PhantomData,
        })
    }

    pub async fn call<T: DeserializeOwned>(&self, command: &C) -> ApiResult<T> {
        Ok(serde_json::from_str(&self.text(command).await?)?)
    }

    /// The answer's JSON text, unparsed (an error answer is returned as the error).
    pub async fn text(&self, command: &C) -> ApiResult<String> {
        let response = self.send(command).await?;
        let error = is_error(&response);
        let text = body_text(response).await?;
        if error {
            return Err(serde_json::from_str(&text)?);
        }
        Ok(text)
    }

    /// The answer as an `application/json` response with `status`, whose body is the
    /// object's, untouched: for answers passed straight to a client (the worker neither
    /// parses nor re-serializes them).
    pub async fn relay(&self, command: &C, status: u16) -> ApiResult<Response> {
        Ok(Response::from(self.relay_raw(command, status).await?))
    }

    /// [`Self::relay`] as the runtime's response, for a route that answers with it as is
    /// (the public reads: no conversion to and from workers-rs's `Response`).
    pub async fn relay_raw(&self, command: &C, status: u16) -> ApiResult<web_sys::Response> {
        let response = self.send(command).await?;
        if is_error(&response) {
            return Err(serde_json::from_str(&body_text(response).await?)?);
        }
        // A fetched response's headers are immutable: a new response, same body stream.
        let headers = Headers::new();
        headers.set("content-type", JSON_TYPE)?;
        let init = web_sys::ResponseInit::new();
        init.set_status(status);
        init.set_headers(&headers.0);
        web_sys::Response::new_with_opt_readable_stream_and_init(response.body().as_ref(), &init)
            .map_err(js)
    }

    async fn send(&self, command: &C) -> ApiResult<web_sys::Response> {
        let body = serde_json::to_string(command)?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        if in_header(&body) {
            let headers = Headers::new();
            headers.set(COMMAND_HEADER, &body)?;
            init.set_headers(&headers.0);
        } else {
            init.set_body(&JsValue::from_str(&body));
        }
        let request = web_sys::Request::new_with_str_and_init("https://object.internal/", &init)
            .map_err(js)?;
        let answer = JsFuture::from(self.stub.fetch_with_request(&request).map_err(js)?)
            .await
            .map_err(js)?;
        answer.dyn_into().map_err(js)
    }
}

/// An object's whole answer as text, read by the runtime in one call. (workers-rs's
/// `Response::text` reads a fetched body as a stream, chunk by chunk: a JS call and
/// microtasks per chunk.)
async fn body_text(response: web_sys::Response) -> ApiResult<String> {
    let text = JsFuture::from(response.text().map_err(js)?)
        .await
        .map_err(js)?;
    text.as_string()
        .ok_or_else(|| ApiError::internal("an object's answer is not text"))
}

/// Most commands (reads, a registration) are short: they travel in this header, which the
/// object reads with the request, where a body is a stream it must read to the end. That
/// saves 20% of the CPU per request of `events/{id}` and 14% of a registration's (A/B
/// medians in docs/benchmarks.md).
const COMMAND_HEADER: &str = "x-convene-command";
/// Well under the runtime's header limits.
const COMMAND_HEADER_MAX: usize = 4096;

/// Whether a command's JSON text goes in [`COMMAND_HEADER`]: short, and ASCII, since a
/// header value is a byte string (workerd passes UTF-8 through, but the Fetch standard does
/// not). Any other command goes in the body.
fn in_header(command: &str) -> bool {
    command.len() <= COMMAND_HEADER_MAX && command.is_ascii()
}

/// Marks an answer whose body is an [`ApiError`].
const ERROR_HEADER: &str = "x-convene-error";
const JSON_TYPE: &str = "application/json; charset=utf-8";

fn is_error(response: &web_sys::Response) -> bool {
    response.headers().has(ERROR_HEADER).unwrap_or(false)
}

/// The object side: reads the command, runs it, answers with the reply. The objects'
/// classes export `fetch` themselves (not through workers-rs's `#[durable_object]`, whose
/// `Request` and `Response` conversions cost a JS call per property): the request and the
/// answer stay the runtime's.
pub async fn serve<C, F, Fut>(req: web_sys::Request, run: F) -> Result<JsValue, JsValue>
where
    C: DeserializeOwned,
    F: FnOnce(C) -> Fut,
    Fut: std::future::Future<Output = Reply>,
{
    let reply: Reply = match serde_json::from_str::<C>(&command_text(&req).await?) {
        Ok(command) => run(command).await,
        Err(e) => Err(ApiError::internal(format!(
            "unreadable object command: {e}"
        ))),
    };
    answer(&encode(reply)?).map(JsValue::from)
}

/// The command's JSON text, from its header or the body.
pub async fn command_text(req: &web_sys::Request) -> Result<String, JsValue> {
    if let Some(text) = req.headers().get(COMMAND_HEADER)? {
        return Ok(text);
    }
    let text = JsFuture::from(req.text()?).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("an object command is not text"))
}

/// A reply's body, and whether it is an error.
pub struct Encoded {
    pub body: String,
    pub error: bool,
}

pub fn encode(reply: Reply) -> Result<Encoded, JsValue> {
    Ok(match reply {
        Ok(body) => Encoded { body, error: false },
        Err(e) => Encoded {
            body: serde_json::to_string(&e).map_err(|e| JsValue::from_str(&e.to_string()))?,
            error: true,
        },
    })
}

/// The object's HTTP answer for an encoded reply.
pub fn answer(encoded: &Encoded) -> Result<web_sys::Response, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", JSON_TYPE)?;
    if encoded.error {
        headers.set(ERROR_HEADER, "1")?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_str_and_init(Some(&encoded.body), &init)
}

/// Turns a command's result into a reply (serialized once, straight to text).
pub fn reply<T: Serialize>(value: ApiResult<T>) -> Reply {
    Ok(serde_json::to_string(&value?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ascii_commands_go_in_the_header_others_in_the_body() {
        assert!(in_header(r#"{"Public":[{"token":"t"},{"Event":"e"}]}"#));
        assert!(in_header(&"a".repeat(COMMAND_HEADER_MAX)));
        assert!(!in_header(&"a".repeat(COMMAND_HEADER_MAX + 1)));
        assert!(!in_header(r#"{"name":"Été"}"#));
    }
}
