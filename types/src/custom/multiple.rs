//! A multiple choice answer's choices, from the list a client sends or from the joined
//! text the source system's API carries. A choice may itself hold [`CHOICE_SEPARATOR`], so
//! joined text is read only when it reads one way.

use super::{CHOICE_SEPARATOR, RegistrationQuestion, quoted_list};
use crate::prelude::*;
use const_format::formatcp;

fn not_choices(q: &RegistrationQuestion) -> String {
    [
        "must be choices from: ",
        &quoted_list(&q.choices),
        formatcp!(" (joined by \"{CHOICE_SEPARATOR}\", or listed in \"choices\")"),
    ]
    .concat()
}

/// The choices of a listed answer; `value`, if given too, must be their text.
pub(super) fn listed<'a>(
    q: &RegistrationQuestion,
    items: &'a [String],
    value: &str,
) -> Result<Vec<&'a str>, String> {
    let picked: Vec<&str> = items.iter().map(|c| c.trim()).collect();
    if !picked.iter().all(|p| q.choices.iter().any(|c| c == p)) {
        return Err(not_choices(q));
    }
    if !value.is_empty() && value != picked.join(CHOICE_SEPARATOR) {
        return Err(formatcp!(
            "has a value that is not its choices joined by \"{CHOICE_SEPARATOR}\""
        )
        .into());
    }
    Ok(picked)
}

/// The choices `text` joins, when it reads as the question's choices in exactly one way.
pub(super) fn read<'a>(q: &'a RegistrationQuestion, text: &str) -> Result<Vec<&'a str>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    // ways[p]: how many ways (0, 1 or "2 or more") text[p..] reads as choices joined by the
    // separator, and the first choice of one of them with where the rest starts.
    let n = text.len();
    let mut ways: Vec<(u8, Option<(usize, usize)>)> = vec![(0, None); n + 1];
    for p in (0..n).rev() {
        let Some(rest) = text.get(p..) else { continue };
        let mut count = 0u8;
        let mut first = None;
        for (i, choice) in q.choices.iter().enumerate() {
            if !rest.starts_with(choice.as_str()) {
                continue;
            }
            let end = p + choice.len();
            let (more, next) = if end == n {
                (1, n)
            } else if text
                .get(end..)
                .is_some_and(|after| after.starts_with(CHOICE_SEPARATOR))
            {
                let next = end + CHOICE_SEPARATOR.len();
                (ways[next].0, next)
            } else {
                (0, n)
            };
            if more > 0 {
                first.get_or_insert((i, next));
                count = count.saturating_add(more).min(2);
            }
        }
        ways[p] = (count, first);
    }
    match ways[0] {
        (0, _) => Err(not_choices(q)),
        (1, _) => {
            let mut picked = Vec::new();
            let mut p = 0;
            while let (_, Some((i, next))) = ways[p] {
                picked.push(q.choices[i].as_str());
                if next == n {
                    break;
                }
                p = next;
            }
            Ok(picked)
        }
        _ => Err([
            "reads as more than one set of choices: list them in \"choices\" (choices are ",
            &quoted_list(&q.choices),
            ")",
        ]
        .concat()),
    }
}

#[cfg(test)]
mod tests {
    use crate::custom::{Answer, QuestionType, validate_answers};

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

    fn cities(choices: &[&str]) -> RegistrationQuestion {
        RegistrationQuestion {
            choices: choices.iter().map(|c| c.to_string()).collect(),
            ..question("city", QuestionType::MultipleChoice, true)
        }
    }

    fn listed(choices: &[&str]) -> Answer {
        Answer {
            id: "city".into(),
            value: String::new(),
            choices: Some(choices.iter().map(|c| c.to_string()).collect()),
        }
    }

    #[test]
    fn multiple_choices_are_kept_in_the_questions_order() {
        let q = question("m", QuestionType::MultipleChoice, false);
        let clean = validate_answers(
            core::slice::from_ref(&q),
            &[Answer::text("m", "Dinner, Lunch, Dinner")],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(clean[0].value, "Lunch, Dinner");
        assert_eq!(
            clean[0].choices.as_deref(),
            Some(&["Lunch".to_string(), "Dinner".to_string()][..])
        );
        let none = validate_answers(core::slice::from_ref(&q), &[Answer::choices("m", vec![])]);
        assert_eq!(none, Ok(vec![]), "an empty list is no answer");
    }

    #[test]
    fn a_choice_holding_the_separator_can_be_answered() {
        let q = cities(&["Paris, France", "Lyon"]);
        let check = |answer: Answer| validate_answers(core::slice::from_ref(&q), &[answer]);
        // Joined text that reads one way only is accepted, as before.
        let clean =
            check(Answer::text("city", "Paris, France")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            clean,
            [Answer::choices("city", vec!["Paris, France".into()])]
        );
        let clean =
            check(Answer::text("city", "Lyon, Paris, France")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(clean[0].value, "Paris, France, Lyon");
        assert!(check(Answer::text("city", "Paris")).is_err());
        // A listed answer, with or without its text.
        assert_eq!(
            check(listed(&["Lyon", " Paris, France "])),
            Ok(clean.clone())
        );
        let mut both = listed(&["Paris, France", "Lyon"]);
        both.value = "Paris, France, Lyon".into();
        assert_eq!(check(both.clone()), Ok(clean.clone()));
        both.value = "Lyon".into();
        assert!(check(both).is_err(), "text and list disagree");
        assert!(check(listed(&["Paris"])).is_err());
        // A stored answer reads back as it was.
        assert_eq!(check(clean[0].clone()), Ok(clean));
    }

    #[test]
    fn joined_text_that_reads_two_ways_asks_for_the_list() {
        let q = cities(&["Paris", "France", "Paris, France"]);
        let check = |answer: Answer| validate_answers(core::slice::from_ref(&q), &[answer]);
        let errors = check(Answer::text("city", "Paris, France")).expect_err("ambiguous");
        assert_eq!(errors[0].field, "responses.city");
        assert!(errors[0].message.contains("list them in \"choices\""));
        // Every reading can still be given, as a list.
        let one = check(listed(&["Paris, France"])).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(one[0].choices.as_deref().map(<[String]>::len), Some(1));
        let two = check(listed(&["France", "Paris"])).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(two[0].value, "Paris, France");
        assert_eq!(two[0].choices.as_deref().map(<[String]>::len), Some(2));
        // Text that reads one way is still accepted.
        let clean =
            check(Answer::text("city", "France, Paris")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(clean, two);
    }
}
