//! Answers to an event's questions, and their rules.

use serde::{Deserialize, Serialize};

use super::{CHOICE_SEPARATOR, QuestionType, RegistrationQuestion, TEXT_VALUE_MAX};
use crate::FieldError;

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
