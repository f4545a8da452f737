//! Custom registration fields: the questions an event asks on registration.

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
