//! Custom fields: their definitions and the values records hold for them.

use crate::prelude::*;
use alloc::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{LABEL_MAX, TEXT_VALUE_MAX, clean_choices, quoted_list};
use crate::FieldError;
use crate::validate::{required_name, single_line};

/// Custom values of one record, by field name.
pub type CustomValues = BTreeMap<String, Value>;

/// The tables custom fields and website table configurations apply to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    #[default]
    Event,
    Session,
    Speaker,
    Pass,
}

impl Entity {
    pub const ALL: [Entity; 4] = [
        Entity::Event,
        Entity::Session,
        Entity::Speaker,
        Entity::Pass,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Entity::Event => "Event",
            Entity::Session => "Session",
            Entity::Speaker => "Speaker",
            Entity::Pass => "Pass",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Entity::Event => "event",
            Entity::Session => "session",
            Entity::Speaker => "speaker",
            Entity::Pass => "pass",
        }
    }

    /// Standard fields the Events API returns only when a configuration lists them.
    pub fn optional_standard_fields(self) -> &'static [&'static str] {
        match self {
            Entity::Event => &["description", "maxCapacity", "showWaitlist"],
            Entity::Session => &["webinar"],
            Entity::Speaker => &["title", "biography"],
            Entity::Pass => &["capacity"],
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    #[default]
    Text,
    Number,
    Boolean,
    SingleChoice,
    Date,
}

impl FieldType {
    pub const ALL: [FieldType; 5] = [
        FieldType::Text,
        FieldType::Number,
        FieldType::Boolean,
        FieldType::SingleChoice,
        FieldType::Date,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FieldType::Text => "Text",
            FieldType::Number => "Number",
            FieldType::Boolean => "Yes/No",
            FieldType::SingleChoice => "Single choice",
            FieldType::Date => "Date",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CustomField {
    pub id: String,
    pub entity: Entity,
    /// The API name: a letter, then letters, digits or `_` (at most 50).
    pub name: String,
    pub label: String,
    pub field_type: FieldType,
    pub choices: Vec<String>,
    pub created_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct CustomFieldInput {
    #[serde(default)]
    pub entity: Entity,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub field_type: FieldType,
    #[serde(default)]
    pub choices: Vec<String>,
}

pub fn valid_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.len() <= 50
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl CustomFieldInput {
    /// `existing`: other fields, for name uniqueness per entity.
    pub fn validate(
        &self,
        existing: &[CustomField],
        self_id: Option<&str>,
    ) -> Result<CustomFieldInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        if !valid_field_name(&name) {
            errors.push(FieldError::new(
                "name",
                "must start with a letter and use only letters, digits and _ (at most 50)",
            ));
        } else if existing.iter().any(|f| {
            f.entity == self.entity
                && f.name.eq_ignore_ascii_case(&name)
                && Some(f.id.as_str()) != self_id
        }) {
            errors.push(FieldError::new(
                "name",
                format!("is already a {} field", self.entity.key()),
            ));
        } else if self
            .entity
            .optional_standard_fields()
            .contains(&name.as_str())
        {
            errors.push(FieldError::new("name", "is a standard field name"));
        }
        let label = required_name(&self.label, LABEL_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("label", m));
            String::new()
        });
        let choices = if self.field_type == FieldType::SingleChoice {
            clean_choices(&self.choices, "choices", &mut errors)
        } else {
            Vec::new()
        };
        if errors.is_empty() {
            Ok(CustomFieldInput {
                entity: self.entity,
                name,
                label,
                field_type: self.field_type,
                choices,
            })
        } else {
            Err(errors)
        }
    }
}

/// A value for `field`, normalized; `Null` clears it.
pub fn value(field: &CustomField, raw: &Value) -> Result<Value, String> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    match field.field_type {
        FieldType::Text => match raw.as_str() {
            Some(s) if s.chars().count() > TEXT_VALUE_MAX => {
                Err(format!("must be at most {TEXT_VALUE_MAX} characters"))
            }
            // Entered in a one-line input.
            Some(s) => single_line(s.trim()).map(|()| Value::from(s.trim())),
            None => Err("must be text".into()),
        },
        FieldType::Number => raw
            .as_f64()
            .filter(|f| f.is_finite())
            .map(|_| raw.clone())
            .ok_or_else(|| "must be a number".into()),
        FieldType::Boolean => raw
            .as_bool()
            .map(Value::from)
            .ok_or_else(|| "must be true or false".into()),
        FieldType::SingleChoice => match raw.as_str() {
            Some(s) if field.choices.iter().any(|c| c == s) => Ok(raw.clone()),
            _ => Err(format!("must be one of: {}", quoted_list(&field.choices))),
        },
        FieldType::Date => match raw.as_str() {
            Some(s) if crate::event::parse_local(&format!("{s}T00:00")).is_some() => {
                Ok(raw.clone())
            }
            _ => Err("must be a date like 2026-03-14".into()),
        },
    }
}

/// Checks `values` against the `entity`'s fields; unknown names are refused. Field errors
/// are named `customFields.<name>`. Null values are dropped.
pub fn validate_values(
    fields: &[CustomField],
    entity: Entity,
    values: &CustomValues,
) -> Result<CustomValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut clean = CustomValues::new();
    for (name, raw) in values {
        let key = format!("customFields.{name}");
        match fields
            .iter()
            .find(|f| f.entity == entity && &f.name == name)
        {
            None => errors.push(FieldError::new(
                key,
                format!("is not a custom {} field", entity.key()),
            )),
            Some(field) => match value(field, raw) {
                Ok(Value::Null) => {}
                Ok(v) => {
                    clean.insert(name.clone(), v);
                }
                Err(m) => errors.push(FieldError::new(key, m)),
            },
        }
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, field_type: FieldType) -> CustomField {
        CustomField {
            id: format!("f-{name}"),
            entity: Entity::Event,
            name: name.into(),
            label: name.into(),
            field_type,
            choices: vec!["Gold".into(), "Silver".into()],
            created_at: "t".into(),
        }
    }

    #[test]
    fn field_definitions_are_checked() {
        let existing = [field("room", FieldType::Text)];
        let input = CustomFieldInput {
            entity: Entity::Event,
            name: "Room".into(),
            label: "Room".into(),
            ..Default::default()
        };
        assert_eq!(
            input.validate(&existing, None).expect_err("dup")[0].field,
            "name"
        );
        let other_entity = CustomFieldInput {
            entity: Entity::Session,
            ..input.clone()
        };
        assert!(other_entity.validate(&existing, None).is_ok());
        let bad = CustomFieldInput {
            name: "1x".into(),
            label: " ".into(),
            field_type: FieldType::SingleChoice,
            ..Default::default()
        };
        let fields: Vec<_> = bad
            .validate(&[], None)
            .expect_err("bad")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "label", "choices"]);
        let standard = CustomFieldInput {
            name: "description".into(),
            label: "D".into(),
            ..Default::default()
        };
        assert!(standard.validate(&[], None).is_err());
    }

    #[test]
    fn values_follow_their_type() {
        let fields = [
            field("room", FieldType::Text),
            field("seats", FieldType::Number),
            field("vip", FieldType::Boolean),
            field("tier", FieldType::SingleChoice),
            field("opens", FieldType::Date),
        ];
        let good: CustomValues = serde_json::from_value(json!({
            "room": " A1 ", "seats": 12.5, "vip": true, "tier": "Gold", "opens": "2026-03-01", "gone": null
        }))
        .expect("map");
        let err = validate_values(&fields, Entity::Event, &good).expect_err("gone is unknown");
        assert_eq!(err[0].field, "customFields.gone");
        let mut good = good;
        good.remove("gone");
        let clean = validate_values(&fields, Entity::Event, &good).expect("valid");
        assert_eq!(clean["room"], json!("A1"));
        let bad: CustomValues = serde_json::from_value(json!({
            "room": 5, "seats": "x", "vip": "yes", "tier": "Bronze", "opens": "01/03/2026"
        }))
        .expect("map");
        assert_eq!(
            validate_values(&fields, Entity::Event, &bad)
                .expect_err("bad")
                .len(),
            5
        );
        assert!(
            validate_values(&fields, Entity::Session, &good).is_err(),
            "fields belong to one entity"
        );
    }

    #[test]
    fn labels_choices_and_text_values_are_one_line() {
        use crate::validate::SINGLE_LINE;
        let input = CustomFieldInput {
            name: "tier".into(),
            label: "Tier\0".into(),
            field_type: FieldType::SingleChoice,
            choices: vec!["Gold".into(), "Sil\tver".into()],
            ..Default::default()
        };
        let errors = input.validate(&[], None).expect_err("control characters");
        let named: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(named, [("label", SINGLE_LINE), ("choices", SINGLE_LINE)]);
        let room = field("room", FieldType::Text);
        assert_eq!(value(&room, &json!("A\u{2029}1")), Err(SINGLE_LINE.into()));
        assert_eq!(
            value(&room, &json!(" A1\n")),
            Ok(json!("A1")),
            "trimmed first"
        );
    }
}
