//! "Register someone": the form that registers an attendee as the Events API would, with
//! the event's sessions, a pass and answers to its questions.

use std::collections::BTreeMap;

use convene_types::FieldError;
use convene_types::contact::{AttendeeInput, MatchStrategy};
use convene_types::custom::is_response_field;
use convene_types::event::Event;
use convene_types::registration::{Registration, RegistrationInput, RegistrationStatus};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::A;

use super::questions::{Entered, QuestionInputs, entered_answers};
use super::{Passes, Questions, Sessions, loaded};
use crate::api::ApiResult;
use crate::components::field::{InlineError, TextField, error_for};
use crate::display::{local_time, person};
use crate::i18n::admin::{common, registrations as words};
use crate::i18n::{self, t};

/// What happened to the last "Register someone" submission.
#[derive(Clone)]
enum Outcome {
    Registered(Box<Registration>),
    Refused(String),
}

/// The "Register someone" form: a chunk of its own (the page's largest part), fetched as
/// the page is shown.
#[wasm_split(
    event_registration_form,
    fallible,
    wasm_split_path = ::leptos::wasm_split
)]
pub(super) fn register_form(
    event: LocalResource<ApiResult<Event>>,
    sessions: Sessions,
    strategy: LocalResource<ApiResult<MatchStrategy>>,
    passes: Passes,
    questions: Questions,
    register: Action<RegistrationInput, ApiResult<Registration>>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <RegisterForm event sessions strategy passes questions register /> }.into_any())
}

/// "Register someone": posts a registration as an attendee would and shows the outcome.
#[component]
fn RegisterForm(
    event: LocalResource<ApiResult<Event>>,
    sessions: Sessions,
    strategy: LocalResource<ApiResult<MatchStrategy>>,
    passes: Passes,
    questions: Questions,
    register: Action<RegistrationInput, ApiResult<Registration>>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let pass = RwSignal::new(String::new());
    let entered: Entered = RwSignal::new(BTreeMap::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);

    // Until the server says otherwise, email only (the default when no record is active).
    let strategy_now = move || {
        strategy.with(|s| match s {
            Some(Ok(s)) => *s,
            _ => MatchStrategy::default(),
        })
    };
    let session_list = move || loaded(sessions).unwrap_or_default();

    Effect::new(move |_| match register.value().get() {
        Some(Ok(r)) => {
            errors.set(vec![]);
            email.set(String::new());
            first_name.set(String::new());
            last_name.set(String::new());
            company.set(String::new());
            chosen.set(vec![]);
            pass.set(String::new());
            entered.set(BTreeMap::new());
            outcome.set(Some(Outcome::Registered(Box::new(r))));
        }
        Some(Err(e)) => {
            errors.set(e.fields());
            outcome.set(Some(Outcome::Refused(e.message())));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let attendee = AttendeeInput {
            email: email.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            company: company.get_untracked(),
        };
        let pass_list = passes.with_untracked(|p| match p {
            Some(Ok(list)) => Some(list.iter().map(|p| p.id.clone()).collect::<Vec<_>>()),
            _ => None,
        });
        let question_list = questions.with_untracked(|q| match q {
            Some(Ok(list)) => Some(list.clone()),
            _ => None,
        });
        let chosen_pass = pass.get_untracked();
        let mut input = RegistrationInput {
            attendee: attendee.clone(),
            session_ids: chosen.get_untracked(),
            pass_id: (!chosen_pass.is_empty()).then_some(chosen_pass),
            responses: question_list
                .as_deref()
                .map(|list| entered_answers(list, entered))
                .unwrap_or_default(),
            ..Default::default()
        };
        let known: Vec<String> = session_list().into_iter().map(|s| s.id).collect();
        let mut found = attendee.validate(strategy_now()).err().unwrap_or_default();
        // What is not loaded is left for the server to judge.
        match input.validate_extras(
            &known,
            pass_list.as_deref().unwrap_or_default(),
            question_list.as_deref().unwrap_or_default(),
        ) {
            Ok(clean) => input.responses = clean,
            Err(extra) => found.extend(extra.into_iter().filter(|e| {
                (e.field != "passId" || pass_list.is_some())
                    && (!is_response_field(&e.field) || question_list.is_some())
            })),
        }
        if found.is_empty() {
            errors.set(vec![]);
            register.dispatch(input);
        } else {
            errors.set(found);
            outcome.set(Some(Outcome::Refused(
                common::CORRECT_FIELDS.get(i18n::current()).into(),
            )));
        }
    };

    let outcome_view = move || {
        outcome.get().map(|o| match o {
            Outcome::Registered(r) => {
                let class = match r.status {
                    RegistrationStatus::Confirmed => "banner success",
                    _ => "banner info",
                };
                view! {
                    <p class=class role="status" data-testid="registration-result">
                        {words::registered(i18n::lang(), r.status)}
                        {r.replayed.then(|| t(words::ALREADY_REGISTERED))}
                        " — "
                        <A href=format!("/contacts/{}", r.contact_id)>
                            {person(&r.first_name, &r.last_name, &r.email)}
                        </A>
                    </p>
                }
                .into_any()
            }
            Outcome::Refused(m) => view! {
                <p class="banner error" role="alert" data-testid="registration-result">{m}</p>
            }
            .into_any(),
        })
    };
    // Said once the server has answered: the email-only default above is only a guess.
    let strategy_note = move || {
        strategy.with(|s| match s {
            Some(Ok(s)) => Some(words::matched_by(*s).get(i18n::lang())),
            _ => None,
        })
    };
    let full_note = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e
                .capacity
                .map(|c| words::capacity_note(i18n::lang(), c, e.waitlist_allowed)),
            _ => None,
        })
    };

    view! {
        <section class="card subform">
            <h2>{t(words::REGISTER_SOMEONE)}</h2>
            <form on:submit=on_submit novalidate data-testid="register-form">
                <p class="help">
                    {strategy_note}
                    " "{full_note}
                </p>
                <TextField name="email" label=common::EMAIL value=email errors=errors input_type="email" required=true />
                {move || {
                    let names = strategy_now().uses_names();
                    view! {
                        <div class="field-pair">
                            <TextField name="firstName" label=common::FIRST_NAME value=first_name errors=errors required=names />
                            <TextField name="lastName" label=common::LAST_NAME value=last_name errors=errors required=names />
                        </div>
                    }
                }}
                <TextField name="company" label=common::COMPANY value=company errors=errors />
                {move || {
                    let list = session_list();
                    let lang = i18n::lang();
                    (!list.is_empty()).then(|| view! {
                        <fieldset class="field options">
                            <legend>{t(common::SESSIONS)}</legend>
                            {list.into_iter().map(|s| {
                                let id = s.id.clone();
                                let toggle_id = s.id.clone();
                                view! {
                                    <label>
                                        <input type="checkbox" name="sessionIds" value=s.id.clone()
                                            prop:checked=move || chosen.with(|c| c.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| {
                                                    c.retain(|x| *x != toggle_id);
                                                    if on {
                                                        c.push(toggle_id.clone());
                                                    }
                                                });
                                            } />
                                        {s.name}" "
                                        <span class="muted">{local_time(lang, &s.start)}</span>
                                    </label>
                                }
                            }).collect_view()}
                            <InlineError id="sessionIds-error" name="sessionIds" errors=errors />
                        </fieldset>
                    })
                }}
                <PassSelect passes=passes value=pass errors=errors />
                <QuestionInputs questions=questions entered=entered errors=errors />
                {outcome_view}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || register.pending().get()>
                        {t(words::REGISTER)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The pass to register with, when the event has passes.
#[component]
fn PassSelect(
    passes: Passes,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        let list = loaded(passes).unwrap_or_default();
        let lang = i18n::lang();
        (!list.is_empty()).then(|| {
            view! {
                <div class="field" class:invalid=move || errors.with(|e| error_for(e, "passId").is_some())>
                    <label for="passId">{t(common::PASS)}</label>
                    <select id="passId" name="passId"
                        prop:value=move || value.get()
                        on:change=move |ev| value.set(event_target_value(&ev))
                        aria-describedby="passId-error">
                        <option value="">{t(words::NO_PASS)}</option>
                        {list.into_iter().map(|p| {
                            let id = p.id.clone();
                            view! {
                                <option value=p.id.clone() selected=move || value.get() == id>
                                    {words::pass_choice(lang, &p.name, p.capacity)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <InlineError id="passId-error" name="passId" errors=errors />
                </div>
            }
        })
    }
}
