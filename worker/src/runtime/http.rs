//! The fetch handler's request and response as the runtime gives and takes them.
//! workers-rs's `Request` reads `request.cf` when it is made (a JS getter, about 50 µs) and
//! each conversion of its `Response` builds a new JS one; routes that need workers-rs's
//! types convert once ([`RawRequest::into_request`], `From<Response>`), the public reads
//! never do.

use worker::{FromRequest, Headers, IntoResponse, Method, Request, Response, web_sys};

/// The runtime's request, unconverted.
pub struct RawRequest(web_sys::Request);

impl FromRequest for RawRequest {
    fn from_raw(
        request: web_sys::Request,
    ) -> std::result::Result<Self, impl Into<Box<dyn std::error::Error>>> {
        Ok::<_, worker::Error>(RawRequest(request))
    }
}

impl RawRequest {
    pub fn url(&self) -> String {
        self.0.url()
    }

    pub fn method(&self) -> Method {
        Method::from(self.0.method())
    }

    /// The request's headers (the same JS object, not a copy).
    pub fn headers(&self) -> Headers {
        Headers(self.0.headers())
    }

    /// As workers-rs's `Request`, for routes that read the body or `cf`.
    pub fn into_request(self) -> Request {
        Request::from(self.0)
    }
}

/// A response for the runtime: one built by workers-rs, or an object's answer relayed with
/// its body stream untouched (`ObjectAnswer::relay`).
pub struct RawResponse(pub(super) web_sys::Response);

impl IntoResponse for RawResponse {
    fn into_raw(
        self,
    ) -> std::result::Result<web_sys::Response, impl Into<Box<dyn std::error::Error>>> {
        Ok::<_, worker::Error>(self.0)
    }
}

impl From<Response> for RawResponse {
    fn from(response: Response) -> Self {
        RawResponse(response.into())
    }
}

impl From<RawResponse> for Response {
    fn from(response: RawResponse) -> Self {
        Response::from(response.0)
    }
}

impl RawResponse {
    /// The response's headers, to set more (the same JS object).
    pub fn headers(&self) -> Headers {
        Headers(self.0.headers())
    }
}
