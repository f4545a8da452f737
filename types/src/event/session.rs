//! An event's sessions: their record, input and rules.

use crate::FieldError;
use crate::custom::CustomValues;
use crate::prelude::*;
use crate::validate::required_name;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: String,
    pub event_id: String,
    pub name: String,
    pub start: String,
    pub end: String,
    pub webinar_configuration_id: Option<String>,
    #[serde(default)]
    pub custom_fields: CustomValues,
    /// The session's own webinar at the provider, once created or linked (`POST
    /// /events/{id}/sessions/{sessionId}/webinar`), as on an event.
    #[serde(default)]
    pub provider_event_id: Option<String>,
    #[serde(default)]
    pub audience_url: Option<String>,
    #[serde(default)]
    pub preview_url: Option<String>,
    #[serde(default)]
    pub provider_copy: Option<WebinarCopy>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SessionInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub webinar_configuration_id: Option<String>,
    /// Checked against the session custom fields by the store.
    #[serde(default)]
    pub custom_fields: CustomValues,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionDraft {
    pub name: String,
    pub start: String,
    pub end: String,
    pub webinar_configuration_id: Option<String>,
}

impl SessionInput {
    /// A session inside `event`; for webinar and hybrid events, with an active webinar
    /// configuration whose provider allows its duration.
    pub fn validate(
        &self,
        event: &Event,
        configurations: &[ConfigurationFacts],
    ) -> Result<SessionDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let start = local_time("start", &self.start, &mut errors);
        let end = local_time("end", &self.end, &mut errors);
        if let (Some(s), Some(e)) = (start, end) {
            if e <= s {
                errors.push(FieldError::new("end", "must be after the start"));
            }
            let event_start = parse_local(&event.start);
            let event_end = parse_local(&event.end);
            if event_start.is_some_and(|es| s < es) {
                errors.push(FieldError::new(
                    "start",
                    format!("must not be before the event starts ({})", event.start),
                ));
            }
            if event_end.is_some_and(|ee| e > ee) {
                errors.push(FieldError::new(
                    "end",
                    format!("must not be after the event ends ({})", event.end),
                ));
            }
        }
        let webinar_configuration_id = if event.format.needs_webinar() {
            let facts = webinar_configuration(
                "webinarConfigurationId",
                self.webinar_configuration_id.as_deref(),
                configurations,
                &mut errors,
            );
            if let (Some(c), Some(s), Some(e)) = (&facts, start, end) {
                let minutes = (e - s).whole_minutes();
                if e > s && minutes > i64::from(c.max_duration_minutes) {
                    errors.push(FieldError::new(
                        "end",
                        format!(
                            "makes the session {minutes} minutes long, more than {}'s maximum of {} minutes: split it into several sessions",
                            c.provider_name, c.max_duration_minutes
                        ),
                    ));
                }
            }
            facts.map(|c| c.id)
        } else {
            None
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SessionDraft {
            name,
            start: start.map(format_local).unwrap_or_default(),
            end: end.map(format_local).unwrap_or_default(),
            webinar_configuration_id,
        })
    }
}
