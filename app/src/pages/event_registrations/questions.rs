//! The event's questions on the "Register someone" form: each rendered as the control
//! [`RegistrationQuestion::input`] names (the registration widget renders the same), and
//! what was entered turned into answers by [`RegistrationQuestion::answer`].

use std::collections::BTreeMap;

use convene_types::FieldError;
use convene_types::custom::{Answer, InputKind, NO, RegistrationQuestion, YES};
use leptos::prelude::*;

use super::{Questions, loaded};
use crate::components::field::error_for;
use crate::i18n::admin::common;
use crate::i18n::admin::registrations as words;
use crate::i18n::{self, t};

/// What was entered for each question, by question id: the values its control holds, as a
/// form reads them (one per ticked box).
pub(super) type Entered = RwSignal<BTreeMap<String, Vec<String>>>;

/// The answers entered, one per question answered.
pub(super) fn entered_answers(questions: &[RegistrationQuestion], entered: Entered) -> Vec<Answer> {
    entered.with_untracked(|all| {
        questions
            .iter()
            .filter_map(|q| {
                let values: Vec<&str> = all
                    .get(&q.id)
                    .map(|v| v.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                q.answer(&values)
            })
            .collect()
    })
}

/// What a choice shows: a yes/no question's Yes and No in the language (their values stay
/// the API's), any other choice as the event wrote it.
fn choice_label(choice: &str) -> String {
    match choice {
        YES => common::YES.get(i18n::lang()).into(),
        NO => common::NO.get(i18n::lang()).into(),
        other => other.into(),
    }
}

/// One control per question of the event; errors named as the controls are.
#[component]
pub(super) fn QuestionInputs(
    questions: Questions,
    entered: Entered,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        loaded(questions)
            .unwrap_or_default()
            .into_iter()
            .map(|q| view! { <QuestionInput question=q entered=entered errors=errors /> })
            .collect_view()
    }
}

#[component]
fn QuestionInput(
    question: RegistrationQuestion,
    entered: Entered,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let control = question.input();
    let qid = StoredValue::new(question.id.clone());
    let id = format!("question-{}", question.id);
    let error_id = format!("{id}-error");
    let key = control.name.clone();
    let error = move || errors.with(|e| error_for(e, &key));
    let invalid = error.clone();
    let label = format!(
        "{}{}",
        question.text,
        if question.required { " *" } else { "" }
    );
    let first = move || {
        qid.with_value(|q| {
            entered.with(|e| {
                e.get(q)
                    .and_then(|v| v.first().cloned())
                    .unwrap_or_default()
            })
        })
    };
    let set = move |value: String| {
        entered.update(|e| {
            e.insert(qid.get_value(), vec![value]);
        })
    };
    let described = error_id.clone();
    let name = control.name;
    match control.kind {
        InputKind::Text => view! {
            <div class="field" class:invalid=move || invalid().is_some()>
                <label for=id.clone()>{label}</label>
                <input id=id.clone() name=name type="text"
                    prop:value=first
                    on:input=move |ev| set(event_target_value(&ev))
                    aria-describedby=described />
                <p class="field-error" id=error_id role="alert">{error}</p>
            </div>
        }
        .into_any(),
        InputKind::Select => view! {
            <div class="field" class:invalid=move || invalid().is_some()>
                <label for=id.clone()>{label}</label>
                <select id=id.clone() name=name
                    prop:value=first
                    on:change=move |ev| set(event_target_value(&ev))
                    aria-describedby=described>
                    <option value="">{t(words::CHOOSE)}</option>
                    {control.options.into_iter().map(|o| {
                        let (value, current) = (o.clone(), o.clone());
                        view! { <option value=value selected=move || first() == current>{o}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id=error_id role="alert">{error}</p>
            </div>
        }
        .into_any(),
        InputKind::Radios | InputKind::Checkboxes => {
            let radio = control.kind == InputKind::Radios;
            view! {
                <fieldset class="field options" class:choice=radio
                    class:invalid=move || invalid().is_some()
                    id=id.clone() aria-describedby=described>
                    <legend>{label}</legend>
                    {control.options.into_iter().map(|o| {
                        let shown = o.clone();
                        let toggled = o.clone();
                        view! {
                            <label>
                                <input type=if radio { "radio" } else { "checkbox" }
                                    name=name.clone() value=o.clone()
                                    prop:checked=move || qid.with_value(|q| entered.with(|e| {
                                        e.get(q).is_some_and(|v| v.contains(&shown))
                                    }))
                                    on:change=move |ev| {
                                        if radio {
                                            set(toggled.clone());
                                            return;
                                        }
                                        let on = event_target_checked(&ev);
                                        entered.update(|e| {
                                            let ticked = e.entry(qid.get_value()).or_default();
                                            ticked.retain(|x| *x != toggled);
                                            if on {
                                                ticked.push(toggled.clone());
                                            }
                                        });
                                    } />
                                {move || choice_label(&o)}
                            </label>
                        }
                    }).collect_view()}
                    <p class="field-error" id=error_id role="alert">{error}</p>
                </fieldset>
            }
            .into_any()
        }
    }
}
