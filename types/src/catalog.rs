//! Speakers and passes of an event (minimal: what the Events API serves).

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::FieldError;
use crate::custom::CustomValues;
use crate::validate::{integer_in_range, multi_line, required_name, single_line};

pub const NAME_MAX: usize = 200;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    pub id: String,
    pub event_id: String,
    pub name: String,
    pub title: String,
    pub biography: String,
    pub custom_fields: CustomValues,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub biography: String,
    #[serde(default)]
    pub custom_fields: CustomValues,
}

impl SpeakerInput {
    pub fn validate(&self) -> Result<SpeakerInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        if let Err(message) = single_line(self.title.trim()) {
            errors.push(FieldError::new("title", message));
        } else if self.title.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                "title",
                format!("must be at most {NAME_MAX} characters"),
            ));
        }
        if let Err(message) = multi_line(&self.biography) {
            errors.push(FieldError::new("biography", message));
        } else if self.biography.chars().count() > 5000 {
            errors.push(FieldError::new(
                "biography",
                "must be at most 5000 characters",
            ));
        }
        if errors.is_empty() {
            Ok(SpeakerInput {
                name,
                title: self.title.trim().into(),
                biography: self.biography.trim().into(),
                custom_fields: self.custom_fields.clone(),
            })
        } else {
            Err(errors)
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pass {
    pub id: String,
    pub event_id: String,
    pub name: String,
    /// `None`: unlimited.
    pub capacity: Option<u32>,
    pub custom_fields: CustomValues,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct PassInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub capacity: Value,
    #[serde(default)]
    pub custom_fields: CustomValues,
}

impl PassInput {
    pub fn validate(&self) -> Result<(String, Option<u32>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let capacity = match &self.capacity {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            v => integer_in_range(v, 1, 1_000_000)
                .map_err(|m| errors.push(FieldError::new("capacity", m)))
                .ok()
                .and_then(|n| u32::try_from(n).ok()),
        };
        if errors.is_empty() {
            Ok((name, capacity))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn speakers_need_a_name() {
        assert_eq!(
            SpeakerInput::default().validate().expect_err("empty")[0].field,
            "name"
        );
        let ok = SpeakerInput {
            name: " Ada ".into(),
            ..Default::default()
        };
        assert_eq!(ok.validate().expect("ok").name, "Ada");
    }

    #[test]
    fn speaker_and_pass_texts_refuse_control_characters() {
        use crate::validate::{MULTI_LINE, SINGLE_LINE};
        for bad in ["Ada\0", "Ada\rLovelace", "Ada\nLovelace"] {
            let speaker = SpeakerInput {
                name: bad.into(),
                title: bad.into(),
                ..Default::default()
            };
            let errors = speaker.validate().expect_err("refused");
            let named: Vec<_> = errors
                .iter()
                .map(|e| (e.field.as_str(), e.message.as_str()))
                .collect();
            assert_eq!(named, [("name", SINGLE_LINE), ("title", SINGLE_LINE)]);
            let pass = PassInput {
                name: bad.into(),
                ..Default::default()
            };
            assert_eq!(pass.validate().expect_err("refused")[0].field, "name");
        }
        let biography = |text: &str| SpeakerInput {
            name: "Ada".into(),
            biography: text.into(),
            ..Default::default()
        };
        let errors = biography("Born 1815.\0").validate().expect_err("NUL");
        assert_eq!(
            (errors[0].field.as_str(), errors[0].message.as_str()),
            ("biography", MULTI_LINE)
        );
        let kept = biography("Born 1815.\r\nMathematician.").validate();
        assert_eq!(
            kept.expect("line breaks are kept").biography,
            "Born 1815.\r\nMathematician."
        );
    }

    #[test]
    fn pass_capacity_is_optional_but_positive() {
        let pass = |capacity| PassInput {
            name: "VIP".into(),
            capacity,
            ..Default::default()
        };
        assert_eq!(pass(json!(null)).validate(), Ok(("VIP".into(), None)));
        assert_eq!(pass(json!(50)).validate(), Ok(("VIP".into(), Some(50))));
        assert!(pass(json!(0)).validate().is_err());
        assert!(pass(json!("many")).validate().is_err());
    }
}
