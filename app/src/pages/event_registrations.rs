//! An event's registrations: `/events/{id}/registrations`. The list (search, status filter,
//! paging, cancel; each with its pass and answers), a form to register someone (with a pass
//! and the event's registration fields), and the CSV export.

use std::collections::BTreeMap;

use convene_types::FieldError;
use convene_types::catalog::Pass;
use convene_types::contact::{AttendeeInput, MatchStrategy};
use convene_types::custom::{Answer, QuestionType, RegistrationQuestion};
use convene_types::event::{Event, Session};
use convene_types::list;
use convene_types::registration::{Registration, RegistrationInput, RegistrationStatus, SyncState};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::Loaded;
use crate::api::{self, ApiError};
use crate::components::field::{InlineError, TextField, error_for};
use crate::components::list::{ListState, SearchBox};
use crate::components::pager::Pager;
use crate::components::status::RegistrationStatusBadge;
use crate::display::{local_time, person, timestamp};
use crate::pages::event_passes::capacity_label;
use crate::reactive::{Act, action, effect};
use crate::use_auth;

type Passes = Loaded<Vec<Pass>>;
type Questions = Loaded<Vec<RegistrationQuestion>>;

/// The list once loaded; `None` until then or when it failed.
fn loaded<T: Clone + 'static>(resource: Loaded<Vec<T>>) -> Option<Vec<T>> {
    resource.with(|r| match r {
        Some(Ok(list)) => Some(list.clone()),
        _ => None,
    })
}

/// The pass's name as the list shows it.
fn pass_name(passes: &[Pass], pass_id: &str) -> String {
    passes
        .iter()
        .find(|p| p.id == pass_id)
        .map_or_else(|| "Deleted pass".into(), |p| p.name.clone())
}

/// "Question: answer" lines, in the questions' order; answers to questions deleted since last.
fn answer_lines(questions: &[RegistrationQuestion], answers: &[Answer]) -> Vec<(String, String)> {
    let mut lines: Vec<(usize, String, String)> = answers
        .iter()
        .map(|a| match questions.iter().position(|q| q.id == a.id) {
            Some(i) => (i, questions[i].text.clone(), a.value.clone()),
            None => (usize::MAX, "Deleted question".into(), a.value.clone()),
        })
        .collect();
    list::sort_by_key(&mut lines, |(i, _, _)| *i);
    lines.into_iter().map(|(_, q, a)| (q, a)).collect()
}

/// Where a registration stands with the webinar provider.
fn sync_label(r: &Registration) -> String {
    match r.sync_state {
        SyncState::NotRequired => "Not applicable (no webinar)".into(),
        SyncState::Pending if r.sync_attempts == 0 => "Pending".into(),
        SyncState::Pending => format!("Pending (retrying after {} attempts)", r.sync_attempts),
        SyncState::Synced => "Synced".into(),
        SyncState::Failed => format!(
            "Failed after {} attempts: {}",
            r.sync_attempts,
            r.sync_error.as_deref().unwrap_or("no detail")
        ),
    }
}

/// What happened to the last "Register someone" submission.
#[derive(Clone)]
enum Outcome {
    Registered(Box<Registration>),
    Refused(String),
}

#[component]
pub fn EventRegistrations() -> impl IntoView {
    let auth = use_auth();
    let params = use_params_map();
    let event_id = move || params.with(|p| p.get("id")).unwrap_or_default();
    // Oldest first (the order the API keeps).
    let list = ListState::new("createdAt");
    let status = RwSignal::new(None::<RegistrationStatus>);
    let message = RwSignal::new(None::<String>);

    let signed_out_on_401 = move |e: &ApiError| {
        if e.is_unauthorized() {
            auth.signed_out();
        }
    };
    let event = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event(&id).await })
    });
    let sessions = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::sessions(&id).await })
    });
    let strategy = auth.resource(|| Box::pin(async { api::match_strategy().await }));
    let passes: Passes = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event_items::<Pass>(&id).await })
    });
    let questions: Questions = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event_items::<RegistrationQuestion>(&id).await })
    });

    let register = action(move |input: &RegistrationInput| {
        let input = input.clone();
        let id = event_id();
        Box::pin(async move { api::register(&id, &input).await })
    });
    let cancel = action(move |registration_id: &String| {
        let registration_id = registration_id.clone();
        let id = event_id();
        Box::pin(async move { api::cancel_registration(&id, &registration_id).await })
    });
    effect(move || {
        if let Some(Err(e)) = cancel.value().get() {
            signed_out_on_401(&e);
            message.set(Some(e.message()));
        }
    });

    let registrations = auth.resource(move || {
        let id = event_id();
        let query = list.query();
        let status = status.get();
        register.version().get();
        cancel.version().get();
        Box::pin(async move { api::registrations(&id, &query, status).await })
    });

    let event_name = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.name.clone(),
            _ => "Registrations".into(),
        })
    };
    effect(move || {
        if let Some(Err(e)) = event.get() {
            signed_out_on_401(&e);
            message.set(Some(e.message()));
        }
    });

    let on_status = move |ev: leptos::ev::Event| {
        status.set(RegistrationStatus::parse(&event_target_value(&ev)));
        list.page.set(1);
    };
    // The Pass and Answers columns show when the event has passes / questions, or a
    // registration on the page has one.
    let rows = move |items: Vec<Registration>,
                     pass_list: Option<Vec<Pass>>,
                     question_list: Option<Vec<RegistrationQuestion>>| {
        items
            .into_iter()
            .map(|r| {
                let pass = pass_list.as_ref().map(|list| {
                    let name = r.pass_id.as_deref().map(|id| pass_name(list, id));
                    view! { <td>{name.unwrap_or_else(|| "—".into())}</td> }
                });
                let answers = question_list.as_ref().map(|list| {
                    let lines = answer_lines(list, &r.responses);
                    view! {
                        <td>
                            <ul class="plain-list compact answers">
                                {lines.into_iter().map(|(q, a)| view! {
                                    <li><span class="muted">{q}": "</span>{a}</li>
                                }).collect_view()}
                            </ul>
                        </td>
                    }
                });
                let who = person(&r.first_name, &r.last_name, &r.email);
                let question = format!("Cancel the registration of {who}? This cannot be undone.");
                let id = r.id.clone();
                let cancellable = r.status != RegistrationStatus::Cancelled;
                view! {
                    <tr>
                        <td>
                            <A href=format!("/contacts/{}", r.contact_id) attr:title="Open the contact">
                                {who}
                            </A>
                        </td>
                        <td>{r.email.clone()}</td>
                        <td>{r.company.clone()}</td>
                        {pass}
                        {answers}
                        <td><RegistrationStatusBadge status=r.status /></td>
                        <td>{timestamp(&r.created_at)}</td>
                        <td>{sync_label(&r)}</td>
                        <td class="row-actions">
                            {cancellable.then(|| view! {
                                <button class="button subtle danger" on:click=move |_| {
                                    if window().confirm_with_message(&question).unwrap_or(false) {
                                        message.set(None);
                                        cancel.dispatch(id.clone());
                                    }
                                }>"Cancel"</button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="page-header">
            <h1>{event_name}</h1>
            <div class="actions">
                <A href=move || format!("/events/{}", event_id()) attr:class="button subtle">"Event"</A>
                <a class="button" href=move || api::registrations_csv_url(&event_id()) download=""
                    data-testid="export-csv">"Export CSV"</a>
            </div>
        </div>
        <RegisterForm
            event=event
            sessions=sessions
            strategy=strategy
            passes=passes
            questions=questions
            register=register
        />
        <h2>"Registrations"</h2>
        <div class="toolbar filters">
            <SearchBox list=list label="Search registrations" />
            <label>
                "Status "
                <select aria-label="Status" on:change=on_status
                    prop:value=move || status.get().map(|s| s.key()).unwrap_or("")>
                    <option value="">"All"</option>
                    {[RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted, RegistrationStatus::Cancelled]
                        .into_iter()
                        .map(|s| view! { <option value=s.key()>{s.label()}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || registrations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">"No registrations in this view."</p>
                }.into_any(),
                Ok(page) => {
                    let pages = page.page_count();
                    let pass_list = loaded(passes).unwrap_or_default();
                    let question_list = loaded(questions).unwrap_or_default();
                    let pass_list = (!pass_list.is_empty() || page.items.iter().any(|r| r.pass_id.is_some()))
                        .then_some(pass_list);
                    let question_list = (!question_list.is_empty() || page.items.iter().any(|r| !r.responses.is_empty()))
                        .then_some(question_list);
                    let pass_header = pass_list.is_some().then(|| view! { <th>"Pass"</th> });
                    let answers_header = question_list.is_some().then(|| view! { <th>"Answers"</th> });
                    view! {
                        <table class="grid" data-testid="registrations-table">
                            <thead>
                                <tr>
                                    <th>"Name"</th>
                                    <th>"Email"</th>
                                    <th>"Company"</th>
                                    {pass_header}
                                    {answers_header}
                                    <th>"Status"</th>
                                    <th>"Created at"</th>
                                    <th>"Webinar sync"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(page.items, pass_list, question_list)}</tbody>
                        </table>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun="registrations" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// "Register someone": posts a registration as an attendee would and shows the outcome.
#[component]
fn RegisterForm(
    event: Loaded<Event>,
    sessions: Loaded<Vec<Session>>,
    strategy: Loaded<MatchStrategy>,
    passes: Passes,
    questions: Questions,
    register: Act<RegistrationInput, api::ApiResult<Registration>>,
) -> impl IntoView {
    let auth = use_auth();
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let pass = RwSignal::new(String::new());
    // Answers by question id: typed or chosen (one value), or ticked (multiple choice).
    let answers = RwSignal::new(BTreeMap::<String, String>::new());
    let ticked = RwSignal::new(BTreeMap::<String, Vec<String>>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);

    // Until the server says otherwise, email only (the default when no record is active).
    let strategy_now = move || {
        strategy.with(|s| match s {
            Some(Ok(s)) => *s,
            _ => MatchStrategy::default(),
        })
    };
    let session_list = move || {
        sessions.with(|s| match s {
            Some(Ok(list)) => list.clone(),
            _ => vec![],
        })
    };

    effect(move || match register.value().get() {
        Some(Ok(r)) => {
            errors.set(vec![]);
            email.set(String::new());
            first_name.set(String::new());
            last_name.set(String::new());
            company.set(String::new());
            chosen.set(vec![]);
            pass.set(String::new());
            answers.set(BTreeMap::new());
            ticked.set(BTreeMap::new());
            outcome.set(Some(Outcome::Registered(Box::new(r))));
        }
        Some(Err(e)) => {
            if e.is_unauthorized() {
                auth.signed_out();
            }
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
                .map(|list| typed_answers(list, answers, ticked))
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
                    && (!e.field.starts_with("responses.") || question_list.is_some())
            })),
        }
        if found.is_empty() {
            errors.set(vec![]);
            register.dispatch(input);
        } else {
            errors.set(found);
            outcome.set(Some(Outcome::Refused(
                "Correct the highlighted fields.".into(),
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
                        {format!("Registered: {}", r.status.key())}
                        {r.replayed.then_some(" (this submission was already registered)")}
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
            Some(Ok(s)) => Some(format!(
                "Contacts are matched by {}.",
                s.label().to_ascii_lowercase()
            )),
            _ => None,
        })
    };
    let full_note = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.capacity.map(|c| {
                if e.waitlist_allowed {
                    format!("Capacity {c}; beyond it registrations are waitlisted.")
                } else {
                    format!("Capacity {c}; beyond it registrations are refused.")
                }
            }),
            _ => None,
        })
    };

    view! {
        <section class="card subform">
            <h2>"Register someone"</h2>
            <form on:submit=on_submit novalidate data-testid="register-form">
                <p class="help">
                    {strategy_note}
                    " "{full_note}
                </p>
                <TextField name="email" label="Email" value=email errors=errors input_type="email" required=true />
                {move || {
                    let names = strategy_now().uses_names();
                    view! {
                        <div class="field-pair">
                            <TextField name="firstName" label="First name" value=first_name errors=errors required=names />
                            <TextField name="lastName" label="Last name" value=last_name errors=errors required=names />
                        </div>
                    }
                }}
                <TextField name="company" label="Company" value=company errors=errors />
                {move || {
                    let list = session_list();
                    (!list.is_empty()).then(|| view! {
                        <fieldset class="field options">
                            <legend>"Sessions"</legend>
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
                                        <span class="muted">{local_time(&s.start)}</span>
                                    </label>
                                }
                            }).collect_view()}
                            <InlineError id="sessionIds-error" name="sessionIds" errors=errors />
                        </fieldset>
                    })
                }}
                <PassSelect passes=passes value=pass errors=errors />
                <QuestionInputs questions=questions answers=answers ticked=ticked errors=errors />
                {outcome_view}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || register.pending().get()>
                        "Register"
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The answers as typed, one per question answered (multiple choices as
/// [`RegistrationQuestion::joined_choices`]).
fn typed_answers(
    questions: &[RegistrationQuestion],
    answers: RwSignal<BTreeMap<String, String>>,
    ticked: RwSignal<BTreeMap<String, Vec<String>>>,
) -> Vec<Answer> {
    questions
        .iter()
        .filter_map(|q| {
            let value = match q.question_type {
                QuestionType::MultipleChoice => ticked.with_untracked(|t| {
                    let picked = t.get(&q.id).map(Vec::as_slice).unwrap_or_default();
                    q.joined_choices(|c| picked.iter().any(|p| p == c))
                }),
                _ => answers.with_untracked(|a| a.get(&q.id).cloned().unwrap_or_default()),
            };
            (!value.trim().is_empty()).then(|| Answer {
                id: q.id.clone(),
                value,
            })
        })
        .collect()
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
        (!list.is_empty()).then(|| {
            view! {
                <div class="field" class:invalid=move || errors.with(|e| error_for(e, "passId").is_some())>
                    <label for="passId">"Pass"</label>
                    <select id="passId" name="passId"
                        prop:value=move || value.get()
                        on:change=move |ev| value.set(event_target_value(&ev))
                        aria-describedby="passId-error">
                        <option value="">"No pass"</option>
                        {list.into_iter().map(|p| {
                            let id = p.id.clone();
                            view! {
                                <option value=p.id.clone() selected=move || value.get() == id>
                                    {format!("{} (capacity: {})", p.name, capacity_label(p.capacity).to_ascii_lowercase())}
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

/// One input per registration field of the event, by type; errors named
/// `responses.<questionId>`.
#[component]
fn QuestionInputs(
    questions: Questions,
    answers: RwSignal<BTreeMap<String, String>>,
    ticked: RwSignal<BTreeMap<String, Vec<String>>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        loaded(questions)
            .unwrap_or_default()
            .into_iter()
            .map(|q| view! { <QuestionInput question=q answers=answers ticked=ticked errors=errors /> })
            .collect_view()
    }
}

#[component]
fn QuestionInput(
    question: RegistrationQuestion,
    answers: RwSignal<BTreeMap<String, String>>,
    ticked: RwSignal<BTreeMap<String, Vec<String>>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let qid = StoredValue::new(question.id.clone());
    let id = format!("question-{}", question.id);
    let error_id = format!("{id}-error");
    let key = format!("responses.{}", question.id);
    let error = move || errors.with(|e| error_for(e, &key));
    let invalid = error.clone();
    let label = format!(
        "{}{}",
        question.text,
        if question.required { " *" } else { "" }
    );
    let answer =
        move || qid.with_value(|q| answers.with(|a| a.get(q).cloned().unwrap_or_default()));
    let set = move |value: String| {
        answers.update(|a| {
            a.insert(qid.get_value(), value);
        })
    };
    let described = error_id.clone();
    match question.question_type {
        QuestionType::SimpleText => view! {
            <div class="field" class:invalid=move || invalid().is_some()>
                <label for=id.clone()>{label}</label>
                <input id=id.clone() name=key_name(&question.id) type="text"
                    prop:value=answer
                    on:input=move |ev| set(event_target_value(&ev))
                    aria-describedby=described />
                <p class="field-error" id=error_id role="alert">{error}</p>
            </div>
        }
        .into_any(),
        QuestionType::Boolean => view! {
            <fieldset class="field options choice" class:invalid=move || invalid().is_some()
                id=id.clone() aria-describedby=described>
                <legend>{label}</legend>
                {["Yes", "No"].into_iter().map(|v| view! {
                    <label>
                        <input type="radio" name=key_name(&question.id) value=v
                            prop:checked=move || answer() == v
                            on:change=move |_| set(v.to_string()) />
                        {v}
                    </label>
                }).collect_view()}
                <p class="field-error" id=error_id role="alert">{error}</p>
            </fieldset>
        }
        .into_any(),
        QuestionType::SingleChoice => {
            let choices = question.choices.clone();
            view! {
                <div class="field" class:invalid=move || invalid().is_some()>
                    <label for=id.clone()>{label}</label>
                    <select id=id.clone() name=key_name(&question.id)
                        prop:value=answer
                        on:change=move |ev| set(event_target_value(&ev))
                        aria-describedby=described>
                        <option value="">"—"</option>
                        {choices.into_iter().map(|c| {
                            let (value, current) = (c.clone(), c.clone());
                            view! { <option value=value selected=move || answer() == current>{c}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id=error_id role="alert">{error}</p>
                </div>
            }
            .into_any()
        }
        QuestionType::MultipleChoice => {
            let choices = question.choices.clone();
            view! {
                <fieldset class="field options" class:invalid=move || invalid().is_some()
                    id=id.clone() aria-describedby=described>
                    <legend>{label}</legend>
                    {choices.into_iter().map(|c| {
                        let shown = c.clone();
                        let toggled = c.clone();
                        view! {
                            <label>
                                <input type="checkbox" name=key_name(&question.id) value=c.clone()
                                    prop:checked=move || qid.with_value(|q| ticked.with(|t| {
                                        t.get(q).is_some_and(|picked| picked.contains(&shown))
                                    }))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let q = qid.get_value();
                                        ticked.update(|t| {
                                            let picked = t.entry(q).or_default();
                                            picked.retain(|x| *x != toggled);
                                            if on {
                                                picked.push(toggled.clone());
                                            }
                                        });
                                    } />
                                {c}
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

fn key_name(question_id: &str) -> String {
    format!("responses.{question_id}")
}
