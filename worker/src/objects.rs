//! The protocol both Durable Objects (configuration store, registry) speak: a typed command
//! in, `Result<T, ApiError>` out. On the wire: the command's JSON in a POST (in a header
//! when short, see [`in_header`]); out, the value's JSON, or the error's JSON marked by the
//! [`ERROR_HEADER`] header. An answer meant for the client as is passes through the worker
//! without being copied into WASM or parsed ([`ObjectClient::relay`]). The transport is the
//! runtime's own (`runtime::ObjectStub`, `runtime::classes`).

use std::marker::PhantomData;

use convene_types::auth::SessionUser;
use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{Env, Response};

use crate::error::{ApiError, ApiResult};
use crate::runtime::{ObjectAnswer, ObjectStub, RawResponse};

/// What an object answers: a value's JSON text, or the error to return to the client.
pub type Reply = Result<String, ApiError>;

/// A client for one Durable Object instance that accepts commands of type `C`.
pub struct ObjectClient<C> {
    stub: ObjectStub,
    /// The JSON of the user whose admin request changes data, sent with every command.
    actor: Option<String>,
    command: PhantomData<C>,
}

impl<C: Serialize> ObjectClient<C> {
    pub fn open(env: &Env, binding: &str, instance: &str) -> ApiResult<Self> {
        Ok(ObjectClient {
            stub: ObjectStub::open(env, binding, instance)?,
            actor: None,
            command: PhantomData,
        })
    }

    /// The same client, its commands made by `user` (the object records their changes
    /// in the audit log).
    pub fn acting(self, user: &SessionUser) -> ApiResult<Self> {
        Ok(ObjectClient {
            actor: Some(serde_json::to_string(user)?),
            ..self
        })
    }

    async fn send(&self, command: &C) -> ApiResult<ObjectAnswer> {
        let text = serde_json::to_string(command)?;
        self.stub.send(&text, self.actor.as_deref()).await
    }

    pub async fn call<T: DeserializeOwned>(&self, command: &C) -> ApiResult<T> {
        Ok(serde_json::from_str(&self.text(command).await?)?)
    }

    /// The answer's JSON text, unparsed (an error answer is returned as the error).
    pub async fn text(&self, command: &C) -> ApiResult<String> {
        let answer = self.send(command).await?;
        let error = answer.is_error();
        let text = answer.text().await?;
        if error {
            return Err(serde_json::from_str(&text)?);
        }
        Ok(text)
    }

    /// The answer as an `application/json` response with `status`, whose body is the
    /// object's, untouched: for answers passed straight to a client (the worker neither
    /// parses nor re-serializes them).
    pub async fn relay(&self, command: &C, status: u16) -> ApiResult<Response> {
        Ok(self.relay_raw(command, status).await?.into())
    }

    /// [`Self::relay`] as the runtime's response, for a route that answers with it as is
    /// (the public reads: no conversion to and from workers-rs's `Response`).
    pub async fn relay_raw(&self, command: &C, status: u16) -> ApiResult<RawResponse> {
        let answer = self.send(command).await?;
        if answer.is_error() {
            return Err(serde_json::from_str(&answer.text().await?)?);
        }
        answer.relay(status)
    }
}

/// Most commands (reads, a registration) are short: they travel in this header, which the
/// object reads with the request, where a body is a stream it must read to the end. That
/// saves 20% of the CPU per request of `events/{id}` and 14% of a registration's (A/B
/// medians in docs/benchmarks.md).
pub const COMMAND_HEADER: &str = "x-convene-command";
/// Well under the runtime's header limits.
const COMMAND_HEADER_MAX: usize = 4096;

/// Whether a command's JSON text goes in [`COMMAND_HEADER`]: short, and ASCII, since a
/// header value is a byte string (workerd passes UTF-8 through, but the Fetch standard does
/// not). Any other command goes in the body.
pub fn in_header(command: &str) -> bool {
    command.len() <= COMMAND_HEADER_MAX && command.is_ascii()
}

/// The user (`SessionUser` JSON) of an admin request that changes data: user names and ids
/// are ASCII, so it fits a header.
pub const ACTOR_HEADER: &str = "x-convene-actor";

/// Marks an answer whose body is an [`ApiError`].
pub const ERROR_HEADER: &str = "x-convene-error";
pub const JSON_TYPE: &str = "application/json; charset=utf-8";

/// A command read from its JSON text (an unreadable one is the worker's bug: 500).
pub fn decode<C: DeserializeOwned>(text: &str) -> Result<C, ApiError> {
    serde_json::from_str(text)
        .map_err(|e| ApiError::internal(format!("unreadable object command: {e}")))
}

/// A reply's body, and whether it is an error.
pub struct Encoded {
    pub body: String,
    pub error: bool,
}

pub fn encode(reply: Reply) -> Encoded {
    match reply {
        Ok(body) => Encoded { body, error: false },
        Err(e) => Encoded {
            body: serde_json::to_string(&e).unwrap_or_else(|_| {
                // An ApiError is plain strings and numbers: this is never reached.
                r#"{"internal":"an error could not be encoded"}"#.into()
            }),
            error: true,
        },
    }
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

    #[test]
    fn errors_are_encoded_as_the_worker_reads_them() {
        let encoded = encode(Err(ApiError::Conflict("taken".into())));
        assert!(encoded.error);
        let back: ApiError = serde_json::from_str(&encoded.body).expect("decodes");
        assert!(matches!(back, ApiError::Conflict(m) if m == "taken"));
        let fallback: ApiError =
            serde_json::from_str(r#"{"internal":"an error could not be encoded"}"#).expect("ok");
        assert!(matches!(fallback, ApiError::Internal(_)));
        let unreadable = decode::<Vec<u32>>("{").expect_err("not a command");
        assert!(matches!(unreadable, ApiError::Internal(_)));
    }
}
