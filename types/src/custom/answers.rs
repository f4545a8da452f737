//! Answers to an event's questions: their shape, the texts and field names they use, and
//! their rules.

use crate::prelude::*;
use const_format::formatcp;
use serde::{Deserialize, Serialize};

use super::{QuestionType, RegistrationQuestion, TEXT_VALUE_MAX, multiple, quoted_list};
use crate::FieldError;
use crate::validate::single_line;

/// The answer to a Yes/No question that means yes.
pub const YES: &str = "Yes";
/// The answer to a Yes/No question that means no.
pub const NO: &str = "No";

/// [`YES`] or [`NO`].
pub fn yes_no(value: bool) -> &'static str {
    if value { YES } else { NO }
}

/// How a multiple choice answer's text separates its choices.
pub const CHOICE_SEPARATOR: &str = ", ";

const RESPONSES: &str = "responses";

/// The name of the answer to question `question_id` in a registration's field errors, and
/// of the form control it is entered in: `responses.<questionId>`.
pub fn response_field(question_id: &str) -> String {
    [RESPONSES, ".", question_id].concat()
}

/// Whether a field error's `field` names an answer (see [`response_field`]).
pub fn is_response_field(field: &str) -> bool {
    field
        .strip_prefix(RESPONSES)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// An answer to a question, as the source system's API carries it, with one addition:
/// a multiple choice answer may list its choices, which reads unambiguously even when a
/// choice itself holds [`CHOICE_SEPARATOR`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Answer {
    pub id: String,
    /// The answer as a person reads it; a multiple choice answer's choices joined by
    /// [`CHOICE_SEPARATOR`].
    #[serde(default)]
    pub value: String,
    /// A multiple choice answer's choices, one per item. In a request, optional (without it
    /// `value` is read, when it reads only one way); in a checked answer, always there for a
    /// multiple choice question and never for another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
}

impl Answer {
    /// A text, Yes/No or single choice answer.
    pub fn text(id: &str, value: &str) -> Answer {
        Answer {
            id: id.to_string(),
            value: value.to_string(),
            choices: None,
        }
    }

    /// A multiple choice answer of `choices`, in the order given.
    pub fn choices(id: &str, choices: Vec<String>) -> Answer {
        Answer {
            id: id.to_string(),
            value: choices.join(CHOICE_SEPARATOR),
            choices: Some(choices),
        }
    }
}

/// Checks answers: every required question answered, known ids only, text on one line,
/// booleans [`YES`] / [`NO`], single choice one of the choices, multiple choice choices of
/// the question (listed, or joined by [`CHOICE_SEPARATOR`] when that reads only one way).
/// Returns the answers given, trimmed, a multiple choice answer's choices in the question's
/// order. Errors are named by [`response_field`].
pub fn validate_answers(
    questions: &[RegistrationQuestion],
    answers: &[Answer],
) -> Result<Vec<Answer>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut clean = Vec::new();
    for a in answers {
        let key = response_field(&a.id);
        match questions.iter().find(|q| q.id == a.id) {
            None => errors.push(FieldError::new(key, "is not a question of this event")),
            Some(q) => match check(q, a) {
                Ok(Some(answer)) => clean.push(answer),
                Ok(None) => {}
                Err(message) => errors.push(FieldError::new(key, message)),
            },
        }
    }
    for q in questions.iter().filter(|q| q.required) {
        let key = response_field(&q.id);
        if !clean.iter().any(|a| a.id == q.id) && !errors.iter().any(|e| e.field == key) {
            errors.push(FieldError::new(key, ["is required: ", &q.text].concat()));
        }
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(errors)
    }
}

/// One answer to `q`, cleaned; `None` when it is empty.
fn check(q: &RegistrationQuestion, a: &Answer) -> Result<Option<Answer>, String> {
    let value = a.value.trim();
    if q.question_type == QuestionType::MultipleChoice {
        let picked = match &a.choices {
            Some(listed) => multiple::listed(q, listed, value)?,
            None => multiple::read(q, value)?,
        };
        // The question's order, each choice once.
        let picked: Vec<String> = q
            .choices
            .iter()
            .filter(|c| picked.contains(&c.as_str()))
            .cloned()
            .collect();
        return Ok((!picked.is_empty()).then(|| Answer::choices(&q.id, picked)));
    }
    if a.choices.is_some() {
        return Err("takes a value, not a list of choices".into());
    }
    match q.question_type {
        QuestionType::SimpleText if value.chars().count() > TEXT_VALUE_MAX => {
            return Err(formatcp!("must be at most {TEXT_VALUE_MAX} characters").into());
        }
        QuestionType::SimpleText => single_line(value)?,
        QuestionType::Boolean if !matches!(value, YES | NO) => {
            return Err(formatcp!("must be {YES} or {NO}").into());
        }
        QuestionType::SingleChoice
            if !value.is_empty() && !q.choices.iter().any(|c| c == value) =>
        {
            return Err(["must be one of: ", &quoted_list(&q.choices)].concat());
        }
        _ => {}
    }
    Ok((!value.is_empty()).then(|| Answer::text(&q.id, value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str, question_type: QuestionType, required: bool) -> RegistrationQuestion {
        RegistrationQuestion {
            id: id.into(),
            event_id: "e".into(),
            text: format!("Question {id}"),
            question_type,
            required,
            choices: vec!["Lunch".into(), "Dinner".into()],
            created_at: "t".into(),
        }
    }

    #[test]
    fn answers_follow_the_source_systems_conventions() {
        let questions = [
            question("t", QuestionType::SimpleText, true),
            question("b", QuestionType::Boolean, false),
            question("s", QuestionType::SingleChoice, false),
            question("m", QuestionType::MultipleChoice, false),
        ];
        let a = Answer::text;
        let ok = validate_answers(
            &questions,
            &[
                a("t", " Hi "),
                a("b", YES),
                a("s", "Lunch"),
                a("m", "Lunch, Dinner"),
            ],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            ok,
            [
                a("t", "Hi"),
                a("b", "Yes"),
                a("s", "Lunch"),
                Answer::choices("m", vec!["Lunch".into(), "Dinner".into()]),
            ]
        );
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
        assert_eq!(errors[0].message, "must be Yes or No");
        assert_eq!(errors[1].message, "must be one of: \"Lunch\", \"Dinner\"");
        assert!(errors[2].message.contains("joined by \", \""));
    }

    #[test]
    fn only_a_multiple_choice_question_takes_a_list() {
        let q = question("s", QuestionType::SingleChoice, false);
        let mut answer = Answer::choices("s", vec!["Lunch".into()]);
        answer.value = "Lunch".into();
        let errors = validate_answers(&[q], &[answer]).expect_err("a list");
        assert_eq!(errors[0].field, "responses.s");
    }

    #[test]
    fn a_text_answer_is_one_line() {
        let q = question("t", QuestionType::SimpleText, false);
        for bad in ["two\nlines", "nul\0", "tab\there", "sep\u{2028}x"] {
            let errors = validate_answers(core::slice::from_ref(&q), &[Answer::text("t", bad)])
                .expect_err(bad);
            assert_eq!(errors[0].message, crate::validate::SINGLE_LINE);
        }
        let long = "x".repeat(TEXT_VALUE_MAX + 1);
        assert!(validate_answers(core::slice::from_ref(&q), &[Answer::text("t", &long)]).is_err());
    }

    #[test]
    fn the_answers_texts_and_names_have_one_home() {
        assert_eq!((yes_no(true), yes_no(false)), ("Yes", "No"));
        assert_eq!(response_field("q1"), "responses.q1");
        assert!(is_response_field("responses.q1"));
        assert!(!is_response_field("responsesq1"));
        assert!(!is_response_field("passId"));
    }

    #[test]
    fn an_answer_without_choices_keeps_the_source_systems_shape() {
        let json = serde_json::to_value(Answer::text("q", "Yes")).unwrap_or_default();
        assert_eq!(json, serde_json::json!({"id": "q", "value": "Yes"}));
        let read: Answer = serde_json::from_str(r#"{"id":"q","choices":["A, B"]}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.value, "");
        let old: Answer =
            serde_json::from_str(r#"{"id":"q","value":"A"}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(old.choices, None);
    }
}
