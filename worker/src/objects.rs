//! Calling a Durable Object with a typed command and getting `Result<T, ApiError>` back.
//! Both objects (configuration store, registry) speak this one protocol: a JSON command in
//! a POST, a JSON `Result` out.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use worker::{Env, Method, Request, RequestInit, Response, Stub};

use crate::error::{ApiError, ApiResult};

/// What an object answers: a JSON value or the error to return to the client.
pub type Reply = Result<serde_json::Value, ApiError>;

/// A client for one Durable Object instance that accepts commands of type `C`.
pub struct ObjectClient<C> {
    stub: Stub,
    command: PhantomData<C>,
}

impl<C: Serialize> ObjectClient<C> {
    pub fn open(env: &Env, binding: &str, instance: &str) -> ApiResult<Self> {
        let stub = env.durable_object(binding)?.get_by_name(instance)?;
        Ok(ObjectClient {
            stub,
            command: PhantomData,
        })
    }

    pub async fn call<T: DeserializeOwned>(&self, command: &C) -> ApiResult<T> {
        let text = self.send(command).await?;
        let reply: Result<Box<RawValue>, ApiError> = serde_json::from_str(&text)?;
        Ok(serde_json::from_str(reply?.get())?)
    }

    /// The answer's JSON text, unparsed: for answers passed straight to a client.
    pub async fn call_raw(&self, command: &C) -> ApiResult<String> {
        let text = self.send(command).await?;
        let reply: Result<Box<RawValue>, ApiError> = serde_json::from_str(&text)?;
        Ok(reply?.get().to_string())
    }

    async fn send(&self, command: &C) -> ApiResult<String> {
        let body = serde_json::to_string(command)?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_body(Some(body.into()));
        let request = Request::new_with_init("https://object.internal/", &init)?;
        let mut response = self.stub.fetch_with_request(request).await?;
        Ok(response.text().await?)
    }
}

/// The object side: reads the command, runs it, answers with the reply.
pub async fn serve<C, F, Fut>(mut req: Request, run: F) -> worker::Result<Response>
where
    C: DeserializeOwned,
    F: FnOnce(C) -> Fut,
    Fut: std::future::Future<Output = Reply>,
{
    let reply: Reply = match serde_json::from_str::<C>(&req.text().await?) {
        Ok(command) => run(command).await,
        Err(e) => Err(ApiError::internal(format!(
            "unreadable object command: {e}"
        ))),
    };
    Response::from_json(&reply)
}

/// Turns a command's result into a reply.
pub fn reply<T: Serialize>(value: ApiResult<T>) -> Reply {
    Ok(serde_json::to_value(value?)?)
}
