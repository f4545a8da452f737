//! How a question is asked on a registration form, and how what was entered becomes its
//! answer: the one rule the admin SPA's "Register someone" form and the registration widget
//! both render from.

use super::{Answer, NO, QuestionType, RegistrationQuestion, YES, response_field};
use crate::prelude::*;

/// The caption of a select's first option, which stands for no answer.
pub const NO_CHOICE: &str = "Choose…";

/// The kind of control a question is entered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// One line of text.
    Text,
    /// One of the options, as radio buttons under a legend (few options, all in view).
    Radios,
    /// At most one of the options, from a drop-down list whose first option is
    /// [`NO_CHOICE`].
    Select,
    /// Any of the options, as check boxes under a legend.
    Checkboxes,
}

impl InputKind {
    /// A group of boxes under a legend (a fieldset), rather than one labelled control.
    pub fn is_group(self) -> bool {
        matches!(self, InputKind::Radios | InputKind::Checkboxes)
    }
}

/// The control a question is entered in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionInput {
    pub kind: InputKind,
    /// The control's name (each box's, for a group): the API's name for the answer's errors.
    pub name: String,
    /// What a choice control offers, in order; each is both the value sent and the text
    /// shown. Empty for text.
    pub options: Vec<String>,
}

impl RegistrationQuestion {
    /// The control this question is entered in.
    pub fn input(&self) -> QuestionInput {
        let (kind, options) = match self.question_type {
            QuestionType::SimpleText => (InputKind::Text, Vec::new()),
            QuestionType::Boolean => (InputKind::Radios, vec![YES.into(), NO.into()]),
            QuestionType::SingleChoice => (InputKind::Select, self.choices.clone()),
            QuestionType::MultipleChoice => (InputKind::Checkboxes, self.choices.clone()),
        };
        QuestionInput {
            kind,
            name: response_field(&self.id),
            options,
        }
    }

    /// The answer `entered` stands for: the values the question's control holds, as a form
    /// reads them (one per ticked box; otherwise the text, or the chosen radio or option).
    /// Check boxes give a listed answer, in the question's order. `None` when nothing is
    /// entered.
    pub fn answer(&self, entered: &[&str]) -> Option<Answer> {
        if self.input().kind == InputKind::Checkboxes {
            let picked: Vec<String> = self
                .choices
                .iter()
                .filter(|c| entered.contains(&c.as_str()))
                .cloned()
                .collect();
            return (!picked.is_empty()).then(|| Answer::choices(&self.id, picked));
        }
        let value = entered.first().copied().unwrap_or_default();
        (!value.trim().is_empty()).then(|| Answer::text(&self.id, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom::validate_answers;

    fn question(question_type: QuestionType, choices: &[&str]) -> RegistrationQuestion {
        RegistrationQuestion {
            id: "q".into(),
            event_id: "e".into(),
            text: "Q".into(),
            question_type,
            required: false,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            created_at: "t".into(),
        }
    }

    #[test]
    fn each_question_type_has_one_input() {
        let kinds: Vec<(InputKind, Vec<String>)> = [
            question(QuestionType::SimpleText, &[]),
            question(QuestionType::Boolean, &[]),
            question(QuestionType::SingleChoice, &["S", "M"]),
            question(QuestionType::MultipleChoice, &["Rust", "Web"]),
        ]
        .iter()
        .map(|q| {
            let input = q.input();
            assert_eq!(input.name, "responses.q");
            (input.kind, input.options)
        })
        .collect();
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            kinds,
            [
                (InputKind::Text, vec![]),
                (InputKind::Radios, owned(&["Yes", "No"])),
                (InputKind::Select, owned(&["S", "M"])),
                (InputKind::Checkboxes, owned(&["Rust", "Web"])),
            ]
        );
        assert!(InputKind::Radios.is_group() && InputKind::Checkboxes.is_group());
        assert!(!InputKind::Text.is_group() && !InputKind::Select.is_group());
    }

    #[test]
    fn what_is_entered_becomes_the_answer() {
        let text = question(QuestionType::SimpleText, &[]);
        assert_eq!(text.answer(&["Hi"]), Some(Answer::text("q", "Hi")));
        assert_eq!(text.answer(&[" "]), None);
        assert_eq!(text.answer(&[]), None);
        let yes_no = question(QuestionType::Boolean, &[]);
        assert_eq!(yes_no.answer(&[YES]), Some(Answer::text("q", "Yes")));
        let select = question(QuestionType::SingleChoice, &["S", "M"]);
        assert_eq!(select.answer(&[""]), None, "the first option is no answer");
        let boxes = question(
            QuestionType::MultipleChoice,
            &["Rust", "Paris, France", "KV"],
        );
        let ticked = boxes.answer(&["KV", "Paris, France"]);
        assert_eq!(
            ticked,
            Some(Answer::choices(
                "q",
                vec!["Paris, France".into(), "KV".into()]
            ))
        );
        assert_eq!(boxes.answer(&[]), None);
        // What a form builds is what the API accepts, every choice included.
        let answer = ticked.unwrap_or_default();
        assert!(validate_answers(core::slice::from_ref(&boxes), &[answer]).is_ok());
    }
}
