//! Custom fields on events, sessions, speakers and passes; website table configurations
//! (which fields the Events API exposes); custom registration fields (questions).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::FieldError;
use crate::validate::required_name;

/// Custom values of one record, by field name.
pub type CustomValues = BTreeMap<String, Value>;

pub const LABEL_MAX: usize = 100;
pub const CHOICES_MAX: usize = 50;
pub const TEXT_VALUE_MAX: usize = 2000;

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

fn clean_choices(raw: &[String], field: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let choices: Vec<String> = raw
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    let distinct: BTreeSet<&String> = choices.iter().collect();
    if choices.is_empty() {
        errors.push(FieldError::new(field, "needs at least one choice"));
    } else if choices.len() > CHOICES_MAX {
        errors.push(FieldError::new(
            field,
            format!("must have at most {CHOICES_MAX} choices"),
        ));
    } else if distinct.len() != choices.len() {
        errors.push(FieldError::new(field, "must not repeat a choice"));
    } else if choices.iter().any(|c| c.contains(['\n', '\r'])) {
        errors.push(FieldError::new(field, "must not contain line breaks"));
    }
    choices
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
            Some(s) if s.chars().count() <= TEXT_VALUE_MAX => Ok(Value::from(s.trim())),
            Some(_) => Err(format!("must be at most {TEXT_VALUE_MAX} characters")),
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
            _ => Err(format!("must be one of: {}", field.choices.join(", "))),
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

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebsiteTableConfiguration {
    pub id: String,
    pub name: String,
    pub entity: Entity,
    /// Custom field names and optional standard field names the Events API returns.
    pub fields: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct WebsiteTableConfigurationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub entity: Entity,
    #[serde(default)]
    pub fields: Vec<String>,
}

impl WebsiteTableConfigurationInput {
    pub fn validate(
        &self,
        custom: &[CustomField],
    ) -> Result<WebsiteTableConfigurationInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, LABEL_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let mut fields: Vec<String> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let f = f.trim();
            let known = self.entity.optional_standard_fields().contains(&f)
                || custom
                    .iter()
                    .any(|c| c.entity == self.entity && c.name == f);
            if !known {
                errors.push(FieldError::new(
                    format!("fields[{i}]"),
                    format!("{f} is not a {} field", self.entity.key()),
                ));
            } else if !fields.iter().any(|x| x == f) {
                fields.push(f.to_string());
            }
        }
        if errors.is_empty() {
            Ok(WebsiteTableConfigurationInput {
                name,
                entity: self.entity,
                fields,
            })
        } else {
            Err(errors)
        }
    }
}

/// The field names exposed for `entity`: the union of its configurations' lists.
pub fn exposed(configurations: &[WebsiteTableConfiguration], entity: Entity) -> BTreeSet<String> {
    configurations
        .iter()
        .filter(|c| c.entity == entity)
        .flat_map(|c| c.fields.iter().cloned())
        .collect()
}

/// Only the listed custom values.
pub fn expose(values: &CustomValues, exposed: &BTreeSet<String>) -> CustomValues {
    values
        .iter()
        .filter(|(k, _)| exposed.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Question types for custom registration fields (the source system's four).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    #[default]
    SimpleText,
    Boolean,
    SingleChoice,
    MultipleChoice,
}

impl QuestionType {
    pub const ALL: [QuestionType; 4] = [
        QuestionType::SimpleText,
        QuestionType::Boolean,
        QuestionType::SingleChoice,
        QuestionType::MultipleChoice,
    ];

    pub fn label(self) -> &'static str {
        match self {
            QuestionType::SimpleText => "Text",
            QuestionType::Boolean => "Yes/No",
            QuestionType::SingleChoice => "Single choice",
            QuestionType::MultipleChoice => "Multiple choice",
        }
    }
}

/// A question asked on registration for one event.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationQuestion {
    pub id: String,
    pub event_id: String,
    pub text: String,
    pub question_type: QuestionType,
    pub required: bool,
    pub choices: Vec<String>,
    pub created_at: String,
}

/// How a multiple choice answer separates its choices.
pub const CHOICE_SEPARATOR: &str = ", ";

impl RegistrationQuestion {
    /// A multiple choice answer: the ticked choices in the question's order, joined by
    /// [`CHOICE_SEPARATOR`] (empty when none is ticked).
    pub fn joined_choices(&self, is_ticked: impl Fn(&str) -> bool) -> String {
        self.choices
            .iter()
            .filter(|c| is_ticked(c))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(CHOICE_SEPARATOR)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationQuestionInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub question_type: QuestionType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<String>,
}

impl RegistrationQuestionInput {
    pub fn validate(&self) -> Result<RegistrationQuestionInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = required_name(&self.text, 500).unwrap_or_else(|m| {
            errors.push(FieldError::new("text", m));
            String::new()
        });
        let choices = match self.question_type {
            QuestionType::SingleChoice | QuestionType::MultipleChoice => {
                clean_choices(&self.choices, "choices", &mut errors)
            }
            _ => Vec::new(),
        };
        if errors.is_empty() {
            Ok(RegistrationQuestionInput {
                text,
                choices,
                ..self.clone()
            })
        } else {
            Err(errors)
        }
    }
}

/// An answer to a question, as the source system's API carries it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    pub value: String,
}

/// Checks answers: every required question answered, known ids only, booleans "Yes"/"No",
/// single choice one of the choices, multiple choice choices joined by ", ".
/// Errors are named `responses.<questionId>`.
pub fn validate_answers(
    questions: &[RegistrationQuestion],
    answers: &[Answer],
) -> Result<Vec<Answer>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut clean = Vec::new();
    for a in answers {
        let key = format!("responses.{}", a.id);
        let Some(q) = questions.iter().find(|q| q.id == a.id) else {
            errors.push(FieldError::new(key, "is not a question of this event"));
            continue;
        };
        let value = a.value.trim();
        let ok = match q.question_type {
            QuestionType::SimpleText => value.chars().count() <= TEXT_VALUE_MAX,
            QuestionType::Boolean => matches!(value, "Yes" | "No"),
            QuestionType::SingleChoice => value.is_empty() || q.choices.iter().any(|c| c == value),
            QuestionType::MultipleChoice => {
                value.is_empty()
                    || value
                        .split(CHOICE_SEPARATOR)
                        .all(|part| q.choices.iter().any(|c| c == part))
            }
        };
        if !ok {
            let expected = match q.question_type {
                QuestionType::SimpleText => format!("must be at most {TEXT_VALUE_MAX} characters"),
                QuestionType::Boolean => "must be Yes or No".to_string(),
                QuestionType::SingleChoice => format!("must be one of: {}", q.choices.join(", ")),
                QuestionType::MultipleChoice => format!(
                    "must be choices from: {} (joined by \", \")",
                    q.choices.join(", ")
                ),
            };
            errors.push(FieldError::new(key, expected));
        } else if !value.is_empty() {
            clean.push(Answer {
                id: a.id.clone(),
                value: value.to_string(),
            });
        }
    }
    for q in questions.iter().filter(|q| q.required) {
        if !clean.iter().any(|a| a.id == q.id)
            && !errors
                .iter()
                .any(|e| e.field == format!("responses.{}", q.id))
        {
            errors.push(FieldError::new(
                format!("responses.{}", q.id),
                format!("is required: {}", q.text),
            ));
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
    fn only_listed_fields_are_exposed() {
        let configs = [WebsiteTableConfiguration {
            id: "w".into(),
            name: "Site".into(),
            entity: Entity::Event,
            fields: vec!["room".into(), "description".into()],
            created_at: "t".into(),
            updated_at: "t".into(),
        }];
        let listed = exposed(&configs, Entity::Event);
        assert!(exposed(&configs, Entity::Session).is_empty());
        let values: CustomValues =
            serde_json::from_value(json!({"room": "A1", "secret": "x"})).expect("map");
        assert_eq!(
            expose(&values, &listed).keys().collect::<Vec<_>>(),
            ["room"]
        );
        let input = WebsiteTableConfigurationInput {
            name: "S".into(),
            entity: Entity::Event,
            fields: vec!["nope".into()],
        };
        assert_eq!(
            input.validate(&[]).expect_err("unknown")[0].field,
            "fields[0]"
        );
    }

    #[test]
    fn answers_follow_the_source_systems_conventions() {
        let q = |id: &str, question_type: QuestionType, required: bool| RegistrationQuestion {
            id: id.into(),
            event_id: "e".into(),
            text: format!("Question {id}"),
            question_type,
            required,
            choices: vec!["Lunch".into(), "Dinner".into()],
            created_at: "t".into(),
        };
        let questions = [
            q("t", QuestionType::SimpleText, true),
            q("b", QuestionType::Boolean, false),
            q("s", QuestionType::SingleChoice, false),
            q("m", QuestionType::MultipleChoice, false),
        ];
        let a = |id: &str, value: &str| Answer {
            id: id.into(),
            value: value.into(),
        };
        let ok = validate_answers(
            &questions,
            &[
                a("t", "Hi"),
                a("b", "Yes"),
                a("s", "Lunch"),
                a("m", "Lunch, Dinner"),
            ],
        );
        assert_eq!(ok.expect("valid").len(), 4);
        let errors = validate_answers(
            &questions,
            &[
                a("b", "true"),
                a("s", "Brunch"),
                a("m", "Lunch,Dinner"),
                a("x", "?"),
            ],
        )
        .expect_err("bad");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "responses.b",
                "responses.s",
                "responses.m",
                "responses.x",
                "responses.t"
            ]
        );
    }

    #[test]
    fn multiple_choices_join_in_the_questions_order() {
        let q = RegistrationQuestion {
            id: "q".into(),
            event_id: "e".into(),
            text: "Topics".into(),
            question_type: QuestionType::MultipleChoice,
            required: false,
            choices: vec!["Rust".into(), "Web".into(), "KV".into()],
            created_at: "t".into(),
        };
        assert_eq!(q.joined_choices(|c| c == "KV" || c == "Rust"), "Rust, KV");
        assert_eq!(q.joined_choices(|_| false), "");
        let answer = Answer {
            id: "q".into(),
            value: q.joined_choices(|c| c != "Web"),
        };
        assert!(validate_answers(std::slice::from_ref(&q), &[answer]).is_ok());
    }
}
