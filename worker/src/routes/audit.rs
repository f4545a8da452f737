//! `/api/admin/audit-log`: the audit log, read and exported. No route edits or deletes an
//! entry.

use convene_types::audit::{AuditEntry, AuditQuery, CSV_HEADER};
use convene_types::list::Page;
use worker::{Response, Url};

use super::Admin;
use crate::error::{ApiError, ApiResult};
use crate::http;
use crate::store::Command;

fn query(url: &Url) -> ApiResult<AuditQuery> {
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    AuditQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(ApiError::Validation)
}

/// `GET /audit-log`: a page of entries, newest first (`user`, `recordType`, `from`, `to`,
/// `page`, `pageSize`).
pub async fn page(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let command = Command::AuditLog { query: query(url)? };
    let page: Page<AuditEntry> = env.store()?.call(&command).await?;
    http::json(&page, 200)
}

/// `GET /audit-log.csv`: the entries the same filters match, newest first.
pub async fn csv(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let command = Command::AuditExport { query: query(url)? };
    let entries: Vec<AuditEntry> = env.store()?.call(&command).await?;
    let mut body = String::from(CSV_HEADER);
    body.push_str("\r\n");
    for entry in &entries {
        body.push_str(&entry.csv_line());
        body.push_str("\r\n");
    }
    http::csv("audit-log.csv", body)
}
