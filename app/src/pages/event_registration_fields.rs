//! The Registration fields section of an event's page (`/events/{id}`): the questions asked
//! on registration (custom registration fields), their table and the add / edit form.

use convene_types::custom::{QuestionType, RegistrationQuestion, RegistrationQuestionInput};
use leptos::prelude::*;

use crate::components::event_items::{ItemSection, form_actions, row_actions};
use crate::components::field::{CheckboxField, InlineError, TextAreaField, TextField, error_for};
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};

/// The JSON name of a question type, used as the option value.
pub fn question_type_key(question_type: QuestionType) -> &'static str {
    match question_type {
        QuestionType::SimpleText => "simple_text",
        QuestionType::Boolean => "boolean",
        QuestionType::SingleChoice => "single_choice",
        QuestionType::MultipleChoice => "multiple_choice",
    }
}

fn has_choices(question_type: QuestionType) -> bool {
    matches!(
        question_type,
        QuestionType::SingleChoice | QuestionType::MultipleChoice
    )
}

/// Choices typed one per line.
fn choice_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
pub fn EventRegistrationFields(event_id: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let question_type = RwSignal::new(QuestionType::default());
    let required = RwSignal::new(false);
    let choices = RwSignal::new(String::new());
    let section = ItemSection::<RegistrationQuestion>::new(
        event_id,
        words::CORRECT_REGISTRATION_FIELD_FIELDS,
        move |q: Option<RegistrationQuestion>| {
            let q = q.as_ref();
            text.set(q.map(|q| q.text.clone()).unwrap_or_default());
            question_type.set(q.map(|q| q.question_type).unwrap_or_default());
            required.set(q.is_some_and(|q| q.required));
            choices.set(q.map(|q| q.choices.join("\n")).unwrap_or_default());
        },
    );
    let errors = section.errors;

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = question_type.get_untracked();
        let input = RegistrationQuestionInput {
            text: text.get_untracked(),
            question_type: kind,
            required: required.get_untracked(),
            choices: if has_choices(kind) {
                choice_lines(&choices.get_untracked())
            } else {
                vec![]
            },
        };
        let found = input.validate().err().unwrap_or_default();
        section.submit(input, found);
    };
    let on_type = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        if let Some(chosen) = QuestionType::ALL
            .into_iter()
            .find(|kind| question_type_key(*kind) == key)
        {
            question_type.set(chosen);
        }
    };
    let type_error = move || errors.with(|e| error_for(e, "questionType"));

    let rows = move |list: Vec<RegistrationQuestion>| {
        list.into_iter()
            .map(|q| {
                let text = q.text.clone();
                let question = move |lang| words::delete_registration_field_question(lang, &text);
                view! {
                    <tr>
                        <td>{q.text.clone()}</td>
                        <td>{t(words::question_type_name(q.question_type))}</td>
                        <td>{t(words::yes_no(q.required))}</td>
                        <td>{q.choices.join(", ")}</td>
                        {row_actions(section, q.clone(), question)}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="registration-fields-heading">
            <h2 id="registration-fields-heading">{t(words::REGISTRATION_FIELDS)}</h2>
            <p class="help">{t(words::REGISTRATION_FIELDS_HELP)}</p>
            <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                {move || section.items.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">{t(words::NO_REGISTRATION_FIELDS)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="registration-fields-table">
                            <thead>
                                <tr>
                                    <th>{t(words::QUESTION)}</th>
                                    <th>{t(common::TYPE)}</th>
                                    <th>{t(common::REQUIRED)}</th>
                                    <th>{t(words::CHOICES)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(list)}</tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Transition>
            {section.writable.then(|| view! {
                <form class="card form subform" on:submit=on_submit novalidate data-testid="registration-field-form">
                    <h3>{move || section.editing.with(|q| match q {
                        Some(q) => words::edit_registration_field(i18n::lang(), &q.text),
                        None => words::ADD_A_REGISTRATION_FIELD.get(i18n::lang()).into(),
                    })}</h3>
                    {move || section.message.get().map(|m| view! {
                        <p class="banner error" role="alert" data-testid="registration-field-error">{m}</p>
                    })}
                    <TextField id="question-text" name="text" label=words::QUESTION value=text errors=errors required=true />
                    <div class="field" class:invalid=move || type_error().is_some()>
                        <label for="question-type">{t(common::TYPE)}" *"</label>
                        <select id="question-type" name="questionType"
                            prop:value=move || question_type_key(question_type.get())
                            on:change=on_type
                            aria-describedby="question-type-error">
                            {QuestionType::ALL.into_iter().map(|kind| view! {
                                <option value=question_type_key(kind) selected=move || question_type.get() == kind>
                                    {t(words::question_type_name(kind))}
                                </option>
                            }).collect_view()}
                        </select>
                        <InlineError id="question-type-error" name="questionType" errors=errors />
                    </div>
                    <CheckboxField id="question-required" name="required" label=common::REQUIRED value=required errors=errors
                        help=words::REQUIRED_HELP />
                    <Show when=move || has_choices(question_type.get())>
                        <TextAreaField id="question-choices" name="choices" label=words::CHOICES value=choices
                            errors=errors rows=4 help=words::CHOICES_HELP />
                    </Show>
                    {form_actions(section, words::ADD_REGISTRATION_FIELD, words::SAVE_REGISTRATION_FIELD)}
                </form>
            })}
        </section>
    }
}
