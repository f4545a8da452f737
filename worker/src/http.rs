//! Request parsing and response building shared by every route: JSON in, JSON out.

use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{Headers, Method, Request, Response};

use crate::error::{ApiError, ApiResult};
use crate::json_path;
use convene_types::FieldError;
use convene_types::list::ListQuery;

/// Largest JSON body any route accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Reads a JSON body: checks the content type and size, and names the field of a type error.
pub async fn json_body<T: DeserializeOwned>(req: &mut Request) -> ApiResult<T> {
    parse_json(&json_text(req).await?)
}

/// [`json_body`] where the body is optional: none (no `content-length`, or 0) is `T`'s default.
pub async fn optional_json_body<T: DeserializeOwned + Default>(req: &mut Request) -> ApiResult<T> {
    let has_body = req
        .headers()
        .get("content-length")?
        .is_some_and(|l| l.trim() != "0");
    if has_body {
        json_body(req).await
    } else {
        Ok(T::default())
    }
}

/// A JSON request's body as text, checked for its content type, size and encoding but not
/// parsed: for a Durable Object that decodes it with [`parse_json`] (each input type is then
/// decoded in one place only). Not generic, so the reading is compiled once, not into every
/// input type's `json_body`.
pub async fn json_text(req: &mut Request) -> ApiResult<String> {
    let content_type = req.headers().get("content-type")?.unwrap_or_default();
    if !is_json_content_type(&content_type) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = req.bytes().await?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|_| {
        ApiError::BadRequest("The request body is not valid JSON: it is not UTF-8.".into())
    })
}

pub fn is_json_content_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// Parses `bytes` as the JSON object `T`. Syntax errors and non-objects are `bad_request`;
/// a value of the wrong type is `validation_failed` naming the field (its JSON path).
pub fn parse_json<T: DeserializeOwned>(text: &str) -> ApiResult<T> {
    if text.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    if !text.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => ApiError::BadRequest("The request body must be a JSON object.".into()),
            Err(e) => ApiError::BadRequest(format!("The request body is not valid JSON: {e}.")),
        });
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut *de).map_err(|inner| {
        if inner.is_data() {
            // Valid JSON up to the error: the field is found in the text (see json_path).
            let at = json_path::offset(text, inner.line(), inner.column());
            let path = json_path::at(text, at);
            ApiError::Validation(vec![FieldError::new(path, type_message(&inner))])
        } else {
            ApiError::BadRequest(format!("The request body is not valid JSON: {inner}."))
        }
    })?;
    // Anything after the object (a second object, junk) makes the body invalid.
    de.end()
        .map_err(|e| ApiError::BadRequest(format!("The request body is not valid JSON: {e}.")))?;
    Ok(value)
}

/// serde's message without its " at line 1 column 9" suffix.
fn type_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

pub fn json<T: Serialize>(value: &T, status: u16) -> ApiResult<Response> {
    json_response(serde_json::to_vec(value)?, status)
}

/// A response of JSON text already serialized.
pub fn json_response(body: Vec<u8>, status: u16) -> ApiResult<Response> {
    let headers = Headers::new();
    headers.set("content-type", "application/json; charset=utf-8")?;
    Ok(Response::builder()
        .with_status(status)
        .with_headers(headers)
        .fixed(body))
}

pub fn no_content() -> ApiResult<Response> {
    Ok(Response::builder().with_status(204).empty())
}

/// A list request's query: the common list parameters, and all pairs for the others.
pub fn list_query(url: &worker::Url) -> (ListQuery, Vec<(String, String)>) {
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let query = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    (query, pairs)
}

/// Methods that change state and therefore need the CSRF origin check.
pub fn is_state_changing(method: &Method) -> bool {
    !matches!(method, Method::Get | Method::Head | Method::Options)
}

/// The address a request came from, as Cloudflare reports it (falls back for local runs).
pub fn client_address(headers: &Headers) -> String {
    headers
        .get("cf-connecting-ip")
        .ok()
        .flatten()
        .unwrap_or_else(|| "local".to_string())
}

/// A CSV download named `filename`.
pub fn csv(filename: &str, body: String) -> ApiResult<Response> {
    let headers = Headers::new();
    headers.set("content-type", "text/csv; charset=utf-8")?;
    headers.set(
        "content-disposition",
        &format!("attachment; filename=\"{filename}\""),
    )?;
    Ok(Response::builder()
        .with_status(200)
        .with_headers(headers)
        .fixed(body.into_bytes()))
}

/// Whether the request was made to a loopback host (local development: no `Secure` cookie).
pub fn is_local_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use convene_types::provider::ProviderInput;

    #[test]
    fn content_types() {
        assert!(is_json_content_type("application/json"));
        assert!(is_json_content_type("Application/JSON; charset=utf-8"));
        assert!(!is_json_content_type("text/plain"));
        assert!(!is_json_content_type(""));
        assert!(!is_json_content_type("application/jsonx"));
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        let e = parse_json::<ProviderInput>("{\"name\": ").expect_err("malformed");
        assert!(matches!(e, ApiError::BadRequest(_)), "{e:?}");
        let e = parse_json::<ProviderInput>("[1, 2]").expect_err("not an object");
        assert!(matches!(e, ApiError::BadRequest(_)), "{e:?}");
    }

    #[test]
    fn trailing_content_is_refused() {
        for body in [r#"{"name":"a"} junk"#, r#"{"name":"a"}{"name":"b"}"#] {
            let e = parse_json::<ProviderInput>(body).expect_err("trailing");
            assert!(matches!(e, ApiError::BadRequest(_)), "{e:?}");
        }
        assert!(parse_json::<ProviderInput>("{\"name\":\"a\"}\n ").is_ok());
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let e = parse_json::<ProviderInput>(r#"{"name": 5}"#).expect_err("wrong type");
        let ApiError::Validation(fields) = e else {
            panic!("expected a validation error, got {e:?}")
        };
        assert_eq!(fields[0].field, "name");
        assert!(
            fields[0].message.contains("expected a string"),
            "{fields:?}"
        );
        assert!(!fields[0].message.contains("line"), "{fields:?}");
    }

    #[test]
    fn oversized_bodies_are_refused() {
        let big = " ".repeat(MAX_BODY_BYTES + 1);
        assert!(matches!(
            parse_json::<ProviderInput>(&big),
            Err(ApiError::PayloadTooLarge { .. })
        ));
    }
}
