//! Reading and writing the Events API from the page: the runtime's `fetch`, CORS mode.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use crate::form::read_error;

/// The Events API's address for one event and token.
pub(super) struct Api {
    pub(super) event_url: String,
    pub(super) query: String,
}

impl Api {
    pub(super) fn url(&self, suffix: &str) -> String {
        format!("{}{suffix}{}", self.event_url, self.query)
    }
}

/// Starts a request: a GET, or a JSON POST of `body`.
pub(super) fn send(url: &str, body: Option<&str>) -> Result<js_sys::Promise, JsValue> {
    let init = RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        let headers = web_sys::Headers::new()?;
        headers.set("content-type", "application/json")?;
        init.set_headers(&headers);
    }
    let request = Request::new_with_str_and_init(url, &init)?;
    Ok(web_sys::window()
        .ok_or("no window")?
        .fetch_with_request(&request))
}

/// Why a read fails with no answer the page may see: the server is down, or it refused the
/// token or this page's origin (such refusals carry no CORS permission, so the browser
/// hides them).
const UNREACHABLE: &str = "The registration form could not be loaded: the server did not answer, \
     or it refused this website (check the widget's token and the origins listed for its \
     application).";

/// A request's answer: its status and body text.
pub(super) async fn answer(
    request: Result<js_sys::Promise, JsValue>,
) -> Result<(u16, String), JsValue> {
    let response: Response = JsFuture::from(request?).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

pub(super) async fn read<T: DeserializeOwned>(
    request: Result<js_sys::Promise, JsValue>,
) -> Result<T, String> {
    let (status, body) = answer(request).await.map_err(|_| UNREACHABLE)?;
    if status != 200 {
        return Err(read_error(status, &body));
    }
    serde_json::from_str(&body).map_err(|e| format!("The event's description is unreadable: {e}"))
}
