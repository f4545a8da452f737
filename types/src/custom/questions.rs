//! Custom registration fields: the questions an event asks on registration.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use super::clean_choices;
use crate::FieldError;
use crate::validate::required_name;

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

    /// The wire name (`simple_text`…), as serde writes it.
    pub fn key(self) -> &'static str {
        match self {
            QuestionType::SimpleText => "simple_text",
            QuestionType::Boolean => "boolean",
            QuestionType::SingleChoice => "single_choice",
            QuestionType::MultipleChoice => "multiple_choice",
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::SINGLE_LINE;

    #[test]
    fn the_key_is_the_wire_name() {
        for t in QuestionType::ALL {
            let json = serde_json::to_value(t).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json, serde_json::json!(t.key()));
        }
    }

    #[test]
    fn a_questions_text_and_choices_are_one_line() {
        let input = RegistrationQuestionInput {
            text: "Where?\r\nReally?".into(),
            question_type: QuestionType::MultipleChoice,
            required: false,
            choices: vec!["Paris, France".into(), "Ly\u{85}on".into()],
        };
        let errors = input.validate().expect_err("control characters");
        let named: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(named, [("text", SINGLE_LINE), ("choices", SINGLE_LINE)]);
        let fine = RegistrationQuestionInput {
            text: " Where? ".into(),
            choices: vec![" Paris, France ".into(), "Lyon".into(), " ".into()],
            ..input
        };
        let clean = fine.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(clean.text, "Where?");
        assert_eq!(
            clean.choices,
            ["Paris, France", "Lyon"],
            "a choice may hold \", \""
        );
    }
}
