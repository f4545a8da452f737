//! `/api/admin/openapi.json`: the admin API's OpenAPI document, for signed-in administrators
//! only (the route table checks the session first, as for every admin route).

use worker::Response;

use crate::error::ApiResult;
use crate::http;

/// The OpenAPI document of the admin and auth routes (`openapi/admin-v1.json`).
pub const OPENAPI: &str = include_str!("../../../openapi/admin-v1.json");

pub fn document() -> ApiResult<Response> {
    http::json_response(OPENAPI.as_bytes().to_vec(), 200)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_openapi_3_1_json() {
        let doc: serde_json::Value = serde_json::from_str(super::OPENAPI).expect("valid JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"]["/admin/openapi.json"]["get"].is_object());
    }
}
