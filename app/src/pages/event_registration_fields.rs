//! The Registration fields section of an event's page (`/events/{id}`): the questions asked
//! on registration (custom registration fields), their table and the add / edit form.

use convene_types::custom::{QuestionType, RegistrationQuestion, RegistrationQuestionInput};
use leptos::prelude::*;

use crate::components::event_items::{ItemSection, form_actions, row_actions};
use crate::components::field::{CheckboxField, InlineError, TextAreaField, TextField, error_for};
use crate::display::yes_no;

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
        "registration field",
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
        if let Some(t) = QuestionType::ALL
            .into_iter()
            .find(|t| question_type_key(*t) == key)
        {
            question_type.set(t);
        }
    };
    let type_error = move || errors.with(|e| error_for(e, "questionType"));

    let rows = move |list: Vec<RegistrationQuestion>| {
        list.into_iter()
            .map(|q| {
                let question = format!(
                    "Delete the registration field “{}”? Answers already given are kept on their registrations.",
                    q.text
                );
                view! {
                    <tr>
                        <td>{q.text.clone()}</td>
                        <td>{q.question_type.label()}</td>
                        <td>{yes_no(q.required)}</td>
                        <td>{q.choices.join(", ")}</td>
                        {row_actions(section, q.clone(), question)}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="registration-fields-heading">
            <h2 id="registration-fields-heading">"Registration fields"</h2>
            <p class="help">"Questions asked when someone registers for this event."</p>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || section.items.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">"No registration fields yet."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="registration-fields-table">
                            <thead>
                                <tr>
                                    <th>"Question"</th>
                                    <th>"Type"</th>
                                    <th>"Required"</th>
                                    <th>"Choices"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(list)}</tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Transition>
            <form class="card form subform" on:submit=on_submit novalidate data-testid="registration-field-form">
                <h3>{move || section.editing.with(|q| match q {
                    Some(q) => format!("Edit the registration field “{}”", q.text),
                    None => "Add a registration field".into(),
                })}</h3>
                {move || section.message.get().map(|m| view! {
                    <p class="banner error" role="alert" data-testid="registration-field-error">{m}</p>
                })}
                <TextField id="question-text" name="text" label="Question" value=text errors=errors required=true />
                <div class="field" class:invalid=move || type_error().is_some()>
                    <label for="question-type">"Type *"</label>
                    <select id="question-type" name="questionType"
                        prop:value=move || question_type_key(question_type.get())
                        on:change=on_type
                        aria-describedby="question-type-error">
                        {QuestionType::ALL.into_iter().map(|t| view! {
                            <option value=question_type_key(t) selected=move || question_type.get() == t>
                                {t.label()}
                            </option>
                        }).collect_view()}
                    </select>
                    <InlineError id="question-type-error" name="questionType" errors=errors />
                </div>
                <CheckboxField id="question-required" name="required" label="Required" value=required errors=errors
                    help="A registration without an answer is refused." />
                <Show when=move || has_choices(question_type.get())>
                    <TextAreaField id="question-choices" name="choices" label="Choices" value=choices
                        errors=errors rows=4 help="One per line." />
                </Show>
                {form_actions(section, "Add registration field", "Save registration field")}
            </form>
        </section>
    }
}
