//! The audit log (Settings › Team › Audit log) with its CSV export, and the retention
//! setting (Settings › Data › Retention).

use convene_types::audit::AuditEntry;
use convene_types::list::Page;
use convene_types::retention::RetentionSetting;
use gloo_net::http::Request;

use super::{ApiResult, encode, read, send, send_json};

const AUDIT_LOG: &str = "/api/admin/audit-log";
const RETENTION: &str = "/api/admin/retention";

/// The audit log's filters as text, as chosen on the page or given in its address. The API
/// reads and checks them (a 400 names the filter it cannot read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilters {
    pub user: String,
    pub record_type: String,
    /// `YYYY-MM-DD`, UTC.
    pub from: String,
    pub to: String,
}

impl AuditFilters {
    fn pairs(&self) -> [(&'static str, &str); 4] {
        [
            ("user", &self.user),
            ("recordType", &self.record_type),
            ("from", &self.from),
            ("to", &self.to),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.pairs()
            .iter()
            .all(|(_, value)| value.trim().is_empty())
    }

    /// `user=…&recordType=…&from=…&to=…`, the empty ones left out: the same for the page's
    /// address, the API's read and the CSV export.
    pub fn query(&self) -> String {
        self.pairs()
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| format!("{key}={}", encode(value.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// One page of entries, newest first.
pub async fn audit_log(filters: &AuditFilters, page: usize) -> ApiResult<Page<AuditEntry>> {
    let url = format!("{AUDIT_LOG}?{}&page={page}", filters.query());
    read(send(Request::get(&url)).await?)
}

/// The CSV export of every entry the filters match (the session cookie authorizes it).
pub fn audit_log_csv_url(filters: &AuditFilters) -> String {
    match filters.query() {
        query if query.is_empty() => format!("{AUDIT_LOG}.csv"),
        query => format!("{AUDIT_LOG}.csv?{query}"),
    }
}

/// Off (`months: None`) until an administrator sets it.
pub async fn retention() -> ApiResult<RetentionSetting> {
    read(send(Request::get(RETENTION)).await?)
}

/// Answers the setting as saved; a number of months out of range is refused (400 naming
/// `months`).
pub async fn set_retention(setting: &RetentionSetting) -> ApiResult<RetentionSetting> {
    read(send_json(Request::put(RETENTION), setting).await?)
}
