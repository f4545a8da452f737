//! The one error shape every API answer uses, and its stable codes.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes. Clients branch on these, never on messages.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    ValidationFailed,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    UnsupportedMediaType,
    PayloadTooLarge,
    RateLimited,
    /// A deployment setting (secret, binding) is missing; the message says which.
    NotConfigured,
    /// The webinar provider refused or failed a call; the message gives its words.
    ProviderError,
    /// The webinar provider could not be reached, or asks to wait (quota).
    ProviderUnavailable,
    Internal,
}

/// One problem with one input field; `field` is the JSON field name (camelCase).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// `{"error": {"code": "...", "message": "...", "fields": [...]}}`
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>, fields: Vec<FieldError>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
                fields,
            },
        }
    }

    /// The message for `field`, if the body names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.error
            .fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_documented_shape() {
        let body = ErrorBody::new(
            ErrorCode::ValidationFailed,
            "The provider has invalid fields.",
            vec![FieldError::new("termsOfServiceUrl", "must be an https URL")],
        );
        let json = serde_json::to_value(&body).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "validation_failed",
                "message": "The provider has invalid fields.",
                "fields": [{"field": "termsOfServiceUrl", "message": "must be an https URL"}]}})
        );
        assert_eq!(
            body.field_message("termsOfServiceUrl"),
            Some("must be an https URL")
        );
    }

    #[test]
    fn fields_are_omitted_when_empty() {
        let body = ErrorBody::new(ErrorCode::NotFound, "No such provider.", vec![]);
        let json = serde_json::to_string(&body).expect("serializes");
        assert_eq!(
            json,
            r#"{"error":{"code":"not_found","message":"No such provider."}}"#
        );
    }
}
