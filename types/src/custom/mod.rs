//! Custom fields on events, sessions, speakers and passes; website table configurations
//! (which fields the Events API exposes); custom registration fields (questions) and their
//! answers.

use std::collections::BTreeSet;

use crate::FieldError;

mod answers;
mod fields;
mod questions;
mod tables;

pub use answers::*;
pub use fields::*;
pub use questions::*;
pub use tables::*;

pub const LABEL_MAX: usize = 100;
pub const CHOICES_MAX: usize = 50;
pub const TEXT_VALUE_MAX: usize = 2000;

/// The choices of a single or multiple choice field or question: trimmed, empties dropped;
/// at least one, at most [`CHOICES_MAX`], distinct.
pub(crate) fn clean_choices(
    raw: &[String],
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
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
