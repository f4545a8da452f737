//! The worker's one error type and the one place it becomes an HTTP response.

use convene_types::{ErrorBody, ErrorCode, FieldError};
use serde::{Deserialize, Serialize};
use worker::{Headers, Response};

/// Everything a request can fail with. Handlers return it with `?`; [`ApiError::into_response`]
/// is the only code that turns an error into a status and a body. It is serializable because
/// the configuration Durable Object returns it to the worker across `fetch`, in serde's
/// default (externally tagged) form: an adjacently tagged one compiled to 4.7 KB gzip more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiError {
    BadRequest(String),
    Validation(Vec<FieldError>),
    Unauthorized(String),
    Forbidden(String),
    NotFound(String),
    MethodNotAllowed {
        allow: Vec<String>,
    },
    Conflict(String),
    UnsupportedMediaType,
    PayloadTooLarge {
        limit: usize,
    },
    RateLimited {
        retry_after_secs: u64,
    },
    /// The contact directory is held while a change of the matching strategy moves
    /// contacts between its shards (409, with `Retry-After`); `registry::register` waits
    /// and sends again a few times before answering it.
    DirectoryHeld,
    NotConfigured(String),
    /// The webinar provider refused or failed a call (502); the message says what it said.
    ProviderFailed(String),
    /// The webinar provider is unreachable or over its quota (503).
    ProviderUnavailable(String),
    /// Detail for the log only; the client gets a generic message.
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        ApiError::Internal(detail.to_string())
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest(_) | ApiError::Validation(_) => 400,
            ApiError::Unauthorized(_) => 401,
            ApiError::Forbidden(_) => 403,
            ApiError::NotFound(_) => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Conflict(_) | ApiError::DirectoryHeld => 409,
            ApiError::PayloadTooLarge { .. } => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::RateLimited { .. } => 429,
            ApiError::Internal(_) => 500,
            ApiError::NotConfigured(_) | ApiError::ProviderUnavailable(_) => 503,
            ApiError::ProviderFailed(_) => 502,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (code, message, fields) = match self {
            ApiError::BadRequest(m) => (ErrorCode::BadRequest, m.clone(), vec![]),
            ApiError::Validation(fields) => (
                ErrorCode::ValidationFailed,
                "Some fields are invalid.".to_string(),
                fields.clone(),
            ),
            ApiError::Unauthorized(m) => (ErrorCode::Unauthorized, m.clone(), vec![]),
            ApiError::Forbidden(m) => (ErrorCode::Forbidden, m.clone(), vec![]),
            ApiError::NotFound(m) => (ErrorCode::NotFound, m.clone(), vec![]),
            ApiError::MethodNotAllowed { allow } => (
                ErrorCode::MethodNotAllowed,
                format!("This route accepts {}.", allow.join(", ")),
                vec![],
            ),
            ApiError::Conflict(m) => (ErrorCode::Conflict, m.clone(), vec![]),
            ApiError::UnsupportedMediaType => (
                ErrorCode::UnsupportedMediaType,
                "The request body must be JSON (Content-Type: application/json).".to_string(),
                vec![],
            ),
            ApiError::PayloadTooLarge { limit } => (
                ErrorCode::PayloadTooLarge,
                format!("The request body must be at most {limit} bytes."),
                vec![],
            ),
            ApiError::RateLimited { retry_after_secs } => (
                ErrorCode::RateLimited,
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
                vec![],
            ),
            ApiError::DirectoryHeld => (
                ErrorCode::Conflict,
                "The contact directory is being reorganized after a change of the matching \
                 strategy. Send the registration again in a moment."
                    .to_string(),
                vec![],
            ),
            ApiError::NotConfigured(m) => (ErrorCode::NotConfigured, m.clone(), vec![]),
            ApiError::ProviderFailed(m) => (ErrorCode::ProviderError, m.clone(), vec![]),
            ApiError::ProviderUnavailable(m) => (ErrorCode::ProviderUnavailable, m.clone(), vec![]),
            ApiError::Internal(_) => (
                ErrorCode::Internal,
                "Something went wrong on our side. Quote the request id when reporting it."
                    .to_string(),
                vec![],
            ),
        };
        ErrorBody::new(code, message, fields)
    }

    /// The HTTP answer for this error. Internal detail is logged here, once, with the request id.
    pub fn into_response(self, request_id: &str) -> Response {
        if let ApiError::Internal(detail) = &self {
            worker::console_error!("request {request_id}: internal error: {detail}");
        }
        let headers = Headers::new();
        let _ = headers.set("content-type", "application/json; charset=utf-8");
        match &self {
            ApiError::MethodNotAllowed { allow } => {
                let _ = headers.set("allow", &allow.join(", "));
            }
            ApiError::RateLimited { retry_after_secs } => {
                let _ = headers.set("retry-after", &retry_after_secs.to_string());
            }
            ApiError::DirectoryHeld => {
                let _ = headers.set("retry-after", "1");
            }
            _ => {}
        }
        // Serializing this fixed struct cannot fail.
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        Response::builder()
            .with_status(self.status())
            .with_headers(headers)
            .fixed(body)
    }
}

impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        ApiError::internal(format!("runtime: {e}"))
    }
}

impl From<worker::kv::KvError> for ApiError {
    fn from(e: worker::kv::KvError) -> Self {
        ApiError::internal(format!("kv: {e}"))
    }
}

impl From<crate::vault::VaultError> for ApiError {
    fn from(e: crate::vault::VaultError) -> Self {
        use crate::vault::VaultError;
        match e {
            VaultError::Random(_) => ApiError::internal(e),
            // A deployment problem the administrator must fix; the text names no key material.
            _ => ApiError::NotConfigured(format!("Credentials unavailable: {e}.")),
        }
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        ApiError::internal(format!("json: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_client_status_or_a_generic_500() {
        let cases = [
            (ApiError::BadRequest("x".into()), 400, ErrorCode::BadRequest),
            (
                ApiError::Validation(vec![]),
                400,
                ErrorCode::ValidationFailed,
            ),
            (
                ApiError::Unauthorized("x".into()),
                401,
                ErrorCode::Unauthorized,
            ),
            (ApiError::Forbidden("x".into()), 403, ErrorCode::Forbidden),
            (ApiError::NotFound("x".into()), 404, ErrorCode::NotFound),
            (ApiError::Conflict("x".into()), 409, ErrorCode::Conflict),
            (
                ApiError::UnsupportedMediaType,
                415,
                ErrorCode::UnsupportedMediaType,
            ),
            (
                ApiError::RateLimited {
                    retry_after_secs: 3,
                },
                429,
                ErrorCode::RateLimited,
            ),
            (
                ApiError::ProviderFailed("x".into()),
                502,
                ErrorCode::ProviderError,
            ),
            (
                ApiError::ProviderUnavailable("x".into()),
                503,
                ErrorCode::ProviderUnavailable,
            ),
            (
                ApiError::NotConfigured("x".into()),
                503,
                ErrorCode::NotConfigured,
            ),
        ];
        for (error, status, code) in cases {
            assert_eq!(error.status(), status, "{error:?}");
            assert_eq!(error.body().error.code, code);
        }
        let internal = ApiError::internal("kv exploded: secret detail");
        assert_eq!(internal.status(), 500);
        assert!(!internal.body().error.message.contains("secret detail"));
    }

    #[test]
    fn errors_cross_the_durable_object_boundary_intact() {
        let error = ApiError::Validation(vec![FieldError::new("name", "is required")]);
        let json = serde_json::to_string(&error).expect("serializes");
        assert_eq!(
            serde_json::from_str::<ApiError>(&json).expect("parses"),
            error
        );
    }
}
