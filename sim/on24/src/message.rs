//! One request and one response of the simulator, independent of the HTTP library (the
//! server module converts them to and from `tiny_http`).

use serde_json::{Map, Value, json};

pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";

/// One HTTP request, with header names lowercased.
#[derive(Clone, Debug, Default)]
pub struct SimRequest {
    pub method: String,
    /// Path as sent (still percent-encoded), without the query.
    pub path: String,
    /// Query string as sent, without the `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl SimRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request as `GET /__control/received` lists it. Repeated headers are joined with ", ".
    pub fn log_entry(&self) -> Value {
        let mut headers = Map::new();
        for (name, value) in &self.headers {
            let name = name.to_ascii_lowercase();
            let joined = match headers.get(&name).and_then(Value::as_str) {
                Some(before) => format!("{before}, {value}"),
                None => value.clone(),
            };
            headers.insert(name, Value::String(joined));
        }
        json!({
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": headers,
            "body": String::from_utf8_lossy(&self.body),
        })
    }
}

/// One HTTP response.
#[derive(Clone, Debug, PartialEq)]
pub struct SimResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// The `Allow` header of a 405.
    pub allow: Option<String>,
}

impl SimResponse {
    pub fn json(status: u16, body: &Value) -> SimResponse {
        SimResponse {
            status,
            content_type: JSON,
            body: body.to_string().into_bytes(),
            allow: None,
        }
    }

    /// ON24-style error body: `{"code": status, "message": ...}`.
    pub fn error(status: u16, message: &str) -> SimResponse {
        SimResponse::json(status, &json!({"code": status, "message": message}))
    }

    pub fn method_not_allowed(method: &str, allowed: &[&str]) -> SimResponse {
        SimResponse {
            allow: Some(allowed.join(", ")),
            ..SimResponse::error(
                405,
                &format!(
                    "Method {method} not allowed here (allowed: {})",
                    allowed.join(", ")
                ),
            )
        }
    }

    pub fn not_found(path: &str) -> SimResponse {
        SimResponse::error(404, &format!("No such resource: {path}"))
    }
}
