//! The audit log: who changed what, when, through the admin API, and every sign-in.
//!
//! An entry names its record and, for a change, each field's value before and after. A
//! secret never appears: a field holding one is reported by a note ("credentials
//! replaced", "token rotated", "password changed"), without values.

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::FieldError;
use crate::list::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use crate::registration::csv_field;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Created,
    Changed,
    Deleted,
    SignedIn,
    SignInFailed,
    /// A contact's personal data erased (on request, or by retention).
    Erased,
}

/// The kinds of records the log names.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    WebinarProvider,
    WebinarConfiguration,
    EventAdministration,
    Event,
    Session,
    Speaker,
    Pass,
    RegistrationField,
    CustomField,
    WebsiteTableConfiguration,
    WebApplication,
    User,
    Registration,
    Contact,
    /// A sign-in, successful or not: the record is the user.
    SignIn,
    /// The retention setting.
    Retention,
    Webhook,
}

impl RecordType {
    pub const ALL: [RecordType; 17] = [
        RecordType::WebinarProvider,
        RecordType::WebinarConfiguration,
        RecordType::EventAdministration,
        RecordType::Event,
        RecordType::Session,
        RecordType::Speaker,
        RecordType::Pass,
        RecordType::RegistrationField,
        RecordType::CustomField,
        RecordType::WebsiteTableConfiguration,
        RecordType::WebApplication,
        RecordType::User,
        RecordType::Registration,
        RecordType::Contact,
        RecordType::SignIn,
        RecordType::Retention,
        RecordType::Webhook,
    ];

    /// The name the API writes (`webinar_configuration`).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::WebinarProvider => "webinar_provider",
            RecordType::WebinarConfiguration => "webinar_configuration",
            RecordType::EventAdministration => "event_administration",
            RecordType::Event => "event",
            RecordType::Session => "session",
            RecordType::Speaker => "speaker",
            RecordType::Pass => "pass",
            RecordType::RegistrationField => "registration_field",
            RecordType::CustomField => "custom_field",
            RecordType::WebsiteTableConfiguration => "website_table_configuration",
            RecordType::WebApplication => "web_application",
            RecordType::User => "user",
            RecordType::Registration => "registration",
            RecordType::Contact => "contact",
            RecordType::SignIn => "sign_in",
            RecordType::Retention => "retention",
            RecordType::Webhook => "webhook",
        }
    }

    pub fn parse(name: &str) -> Option<RecordType> {
        RecordType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// One field of a change. `note` replaces the values of a field that holds a secret.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub note: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Increases with each entry.
    pub id: String,
    /// When, as an ISO 8601 UTC timestamp.
    pub at: String,
    /// The user who acted; `None` for a sign-in with an unknown user name, or the system
    /// (retention).
    pub user_id: Option<String>,
    /// Their user name (for a failed sign-in, the name tried).
    pub username: String,
    pub action: AuditAction,
    pub record_type: RecordType,
    pub record_id: String,
    pub record_name: String,
    pub changes: Vec<FieldChange>,
}

/// What an audit log request asks for: filters and a page (newest first).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// A user name, any case.
    pub user: Option<String>,
    pub record_type: Option<RecordType>,
    /// First day included, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// Last day included, `YYYY-MM-DD` (UTC).
    pub to: Option<String>,
    pub page: usize,
    pub page_size: usize,
}

impl AuditQuery {
    /// Reads `user`, `recordType`, `from`, `to`, `page` and `pageSize`; refuses a record type
    /// or a date it cannot read, naming the parameter.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AuditQuery, Vec<FieldError>> {
        let mut query = AuditQuery::default();
        let mut errors = Vec::new();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "user" if !value.is_empty() => query.user = Some(value.to_string()),
                "recordType" if !value.is_empty() => match RecordType::parse(value) {
                    Some(t) => query.record_type = Some(t),
                    None => errors.push(FieldError::new("recordType", "is not a record type")),
                },
                "from" | "to" if !value.is_empty() => {
                    if !is_date(value) {
                        errors.push(FieldError::new(key, "must be a date YYYY-MM-DD"));
                    } else if key == "from" {
                        query.from = Some(value.to_string());
                    } else {
                        query.to = Some(value.to_string());
                    }
                }
                "page" => query.page = value.parse().unwrap_or(0),
                "pageSize" => query.page_size = value.parse().unwrap_or(0),
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    pub fn page(&self) -> usize {
        self.page.max(1)
    }

    pub fn page_size(&self) -> usize {
        match self.page_size {
            0 => DEFAULT_PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        }
    }

    /// The earliest `at` included, if any.
    pub fn at_from(&self) -> Option<String> {
        self.from.as_ref().map(|d| format!("{d}T00:00:00.000Z"))
    }

    /// The latest `at` included, if any.
    pub fn at_to(&self) -> Option<String> {
        self.to.as_ref().map(|d| format!("{d}T23:59:59.999Z"))
    }
}

/// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// The CSV export's columns.
pub const CSV_HEADER: &str = "at,user,action,recordType,recordId,recordName,changes";

impl FieldChange {
    /// "field: before → after", or "field: note".
    pub fn summary(&self) -> String {
        if let Some(note) = &self.note {
            return format!("{}: {note}", self.field);
        }
        let show = |v: &Option<Value>| match v {
            None | Some(Value::Null) => "—".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        format!(
            "{}: {} → {}",
            self.field,
            show(&self.before),
            show(&self.after)
        )
    }
}

impl AuditEntry {
    /// The entry's CSV line (without the line break), in [`CSV_HEADER`]'s order.
    pub fn csv_line(&self) -> String {
        let action = serde_json::to_value(self.action)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let changes: Vec<String> = self.changes.iter().map(FieldChange::summary).collect();
        [
            self.at.as_str(),
            &self.username,
            &action,
            self.record_type.as_str(),
            &self.record_id,
            &self.record_name,
            &changes.join("; "),
        ]
        .map(csv_field)
        .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_types_read_back_from_their_names() {
        for t in RecordType::ALL {
            assert_eq!(RecordType::parse(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).expect("json");
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(RecordType::parse("nothing"), None);
    }

    #[test]
    fn a_query_reads_its_filters_and_names_what_it_cannot_read() {
        let query = AuditQuery::from_pairs([
            ("user", " Ana "),
            ("recordType", "event"),
            ("from", "2026-12-01"),
            ("to", "2026-12-31"),
            ("page", "2"),
            ("pageSize", "500"),
        ])
        .expect("readable");
        assert_eq!(query.user.as_deref(), Some("Ana"));
        assert_eq!(query.record_type, Some(RecordType::Event));
        assert_eq!(query.at_from().as_deref(), Some("2026-12-01T00:00:00.000Z"));
        assert_eq!(query.at_to().as_deref(), Some("2026-12-31T23:59:59.999Z"));
        assert_eq!((query.page(), query.page_size()), (2, MAX_PAGE_SIZE));
        let errors = AuditQuery::from_pairs([("recordType", "x"), ("from", "1/12/2026")])
            .expect_err("unreadable");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["recordType", "from"]);
        assert!(AuditQuery::from_pairs([("to", "2026-13-01")]).is_err());
        assert_eq!(
            AuditQuery::from_pairs([("user", "")]),
            Ok(AuditQuery::default())
        );
    }

    #[test]
    fn a_csv_line_quotes_what_it_must_and_defuses_formulas() {
        let entry = AuditEntry {
            id: "1".into(),
            at: "2026-12-06T10:00:00.000Z".into(),
            user_id: Some("u1".into()),
            username: "ana".into(),
            action: AuditAction::Changed,
            record_type: RecordType::Event,
            record_id: "e1".into(),
            record_name: "=HYPERLINK(\"x\")".into(),
            changes: vec![
                FieldChange {
                    field: "name".into(),
                    before: Some("Summit, 2026".into()),
                    after: Some("Summit".into()),
                    note: None,
                },
                FieldChange {
                    field: "capacity".into(),
                    before: None,
                    after: Some(100.into()),
                    note: None,
                },
            ],
        };
        assert_eq!(
            entry.csv_line(),
            "2026-12-06T10:00:00.000Z,ana,changed,event,e1,\"'=HYPERLINK(\"\"x\"\")\",\
             \"name: Summit, 2026 → Summit; capacity: — → 100\""
        );
    }
}
