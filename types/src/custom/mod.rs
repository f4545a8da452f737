//! Custom fields on events, sessions, speakers and passes; website table configurations
//! (which fields the Events API exposes); custom registration fields (questions), the
//! control each is entered in, and their answers.

use crate::prelude::*;
use alloc::collections::BTreeSet;

use crate::FieldError;
use crate::validate::single_line;

mod answers;
mod fields;
mod input;
mod multiple;
mod questions;
mod tables;

pub use answers::*;
pub use fields::*;
pub use input::*;
pub use questions::*;
pub use tables::*;

pub const LABEL_MAX: usize = 100;
pub const CHOICES_MAX: usize = 50;
pub const TEXT_VALUE_MAX: usize = 2000;

/// The choices of a single or multiple choice field or question: trimmed, empties dropped;
/// at least one, at most [`CHOICES_MAX`], distinct, each on one line.
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
    } else if let Some(Err(m)) = choices.iter().map(|c| single_line(c)).find(Result::is_err) {
        errors.push(FieldError::new(field, m));
    }
    choices
}

/// Choices as a message lists them: each quoted, as a choice may hold ", ".
pub(crate) fn quoted_list(choices: &[String]) -> String {
    choices
        .iter()
        .map(|c| ["\"", c, "\""].concat())
        .collect::<Vec<_>>()
        .join(", ")
}
