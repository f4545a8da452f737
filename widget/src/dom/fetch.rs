//! Reading and writing the Events API from the page: the runtime's `fetch`, CORS mode.

use convene_types::i18n::{Lang, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use super::host::parse;
use crate::read::{Unreadable, error_message};

/// The Events API's address for one event and token.
pub(super) struct Api {
    pub(super) event_url: String,
    pub(super) query: String,
}

impl Api {
    pub(super) fn new(api: &str, event: &str, token: &str) -> Api {
        Api {
            event_url: [
                api.trim_end_matches('/'),
                "/api/v1/events/",
                &String::from(js_sys::encode_uri_component(event)),
            ]
            .concat(),
            query: [
                "?emApplicationtoken=",
                &String::from(js_sys::encode_uri_component(token)),
            ]
            .concat(),
        }
    }

    pub(super) fn url(&self, suffix: &str) -> String {
        [self.event_url.as_str(), suffix, &self.query].concat()
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

/// A request's answer: its status and its body, if it is JSON.
pub(super) async fn answer(
    request: Result<js_sys::Promise, JsValue>,
) -> Result<(u16, Option<JsValue>), JsValue> {
    let response: Response = JsFuture::from(request?).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    Ok((
        response.status(),
        parse(&text.as_string().unwrap_or_default()),
    ))
}

/// A read's body, read by `reader`; or what to tell the reader of the page. A refused
/// token or origin carries no CORS permission, so the browser hides it as it hides a
/// server that is down: [`Text::Unreachable`] names both.
pub(super) async fn read<T>(
    request: Result<js_sys::Promise, JsValue>,
    reader: impl FnOnce(&JsValue) -> Result<T, Unreadable>,
    lang: Lang,
) -> Result<T, String> {
    let (status, body) = answer(request)
        .await
        .map_err(|_| Text::Unreachable.get(lang).to_string())?;
    if status != 200 {
        return Err(error_message(body.as_ref())
            .unwrap_or_else(|| [Text::LoadFailed.get(lang), &status.to_string()].join(" ")));
    }
    body.as_ref()
        .ok_or(Unreadable)
        .and_then(reader)
        .map_err(|_| Text::Unreadable.get(lang).to_string())
}
