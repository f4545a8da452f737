//! The Sessions section of an event's page (`/events/{id}`): the table, each session's own
//! webinar (`event_session_webinars.rs`) and, for a role that may change events, the add /
//! edit form.

use convene_types::FieldError;
use convene_types::custom::{CustomValues, Entity};
use convene_types::event::{Event, Session, SessionInput};
use leptos::prelude::*;

use super::event_session_webinars::session_webinars;
use crate::api::{self, ApiError};
use crate::components::configuration_select::{
    ConfigurationSelect, Configurations, configuration_name,
};
use crate::components::custom_values::{
    CustomSummary, CustomValueFields, Definitions, fields_of, prepare,
};
use crate::components::field::TextField;
use crate::display::local_time;
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};
use crate::use_auth;

const CONFIGURATION: &str = "webinarConfigurationId";

#[component]
pub fn EventSessions(
    event_id: String,
    /// The event as last loaded or saved (its times and format bound its sessions); loaded
    /// before this section is shown.
    event: RwSignal<Option<Event>>,
    configurations: Configurations,
    /// Every custom field definition (the session ones are edited here).
    custom_fields: Definitions,
) -> impl IntoView {
    let event_id = StoredValue::new(event_id);
    let writable = use_auth().can_write_events();
    // The session being edited; `None` while adding one.
    let editing = RwSignal::new(None::<Session>);
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let custom = RwSignal::new(CustomValues::new());
    let session_fields = Signal::derive(move || fields_of(custom_fields, Entity::Session));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);

    let needs_webinar =
        move || event.with(|e| e.as_ref().is_some_and(|e| e.format.needs_webinar()));
    // A new session runs on the event's configuration unless another is chosen.
    let event_configuration = move || {
        event
            .with_untracked(|e| e.as_ref().and_then(|e| e.webinar_configuration_id.clone()))
            .unwrap_or_default()
    };
    let configuration = RwSignal::new(event_configuration());
    let reset = move || {
        editing.set(None);
        name.set(String::new());
        start.set(String::new());
        end.set(String::new());
        custom.set(CustomValues::new());
        configuration.set(event_configuration());
        errors.set(vec![]);
    };
    let edit = move |s: Session| {
        name.set(s.name.clone());
        start.set(s.start.clone());
        end.set(s.end.clone());
        custom.set(s.custom_fields.clone());
        configuration.set(s.webinar_configuration_id.clone().unwrap_or_default());
        errors.set(vec![]);
        message.set(None);
        editing.set(Some(s));
    };
    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };

    let save = Action::new_local(
        move |(session_id, input): &(Option<String>, SessionInput)| {
            let (session_id, input) = (session_id.clone(), input.clone());
            let event_id = event_id.get_value();
            async move {
                match session_id {
                    Some(session_id) => api::update_session(&event_id, &session_id, &input).await,
                    None => api::create_session(&event_id, &input).await,
                }
            }
        },
    );
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            message.set(None);
            reset();
        }
        Some(Err(e)) => fail(e),
        None => {}
    });
    let remove = Action::new_local(move |session_id: &String| {
        let session_id = session_id.clone();
        let event_id = event_id.get_value();
        async move {
            api::delete_session(&event_id, &session_id)
                .await
                .map(|()| session_id)
        }
    });
    // Deleting the session being edited ends the edit.
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(removed))
            if editing.with_untracked(|s| s.as_ref().is_some_and(|s| s.id == removed)) =>
        {
            reset()
        }
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let sessions = LocalResource::new(move || {
        save.version().get();
        remove.version().get();
        let event_id = event_id.get_value();
        async move { api::sessions(&event_id).await }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let Some(event) = event.get_untracked() else {
            return;
        };
        let chosen = configuration.get_untracked();
        let (custom_values, custom_errors) =
            match custom.with_untracked(|c| prepare(custom_fields, Entity::Session, c)) {
                Ok(values) => (values, vec![]),
                Err(found) => (CustomValues::new(), found),
            };
        let input = SessionInput {
            name: name.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            webinar_configuration_id: (event.format.needs_webinar() && !chosen.is_empty())
                .then_some(chosen),
            custom_fields: custom_values,
        };
        let mut found = input.validate(&event, &[]).err().unwrap_or_default();
        // Without the configurations' durations only "required" can be judged here; the
        // server checks the choice and the provider's maximum duration.
        if input.webinar_configuration_id.is_some() {
            found.retain(|f| f.field != CONFIGURATION);
        }
        found.extend(custom_errors);
        if found.is_empty() {
            errors.set(vec![]);
            save.dispatch((
                editing.with_untracked(|s| s.as_ref().map(|s| s.id.clone())),
                input,
            ));
        } else {
            errors.set(found);
            message.set(Some(
                words::CORRECT_SESSION_FIELDS.get(i18n::current()).into(),
            ));
        }
    };

    let rows = move |list: Vec<Session>| {
        let fields = session_fields.get();
        list.into_iter()
            .map(|s| {
                let configuration = s.webinar_configuration_id.clone().map(|id| {
                    move || {
                        configuration_name(configurations, &id)
                            .unwrap_or_else(|| words::INACTIVE_OR_UNKNOWN.get(i18n::lang()).into())
                    }
                });
                let name = s.name.clone();
                let delete_id = s.id.clone();
                let edited = s.clone();
                let custom = (!fields.is_empty()).then(|| {
                    view! { <td><CustomSummary fields=fields.clone() values=s.custom_fields.clone() /></td> }
                });
                view! {
                    <tr>
                        <td>{s.name}</td>
                        <td>{move || local_time(i18n::lang(), &s.start)}</td>
                        <td>{move || local_time(i18n::lang(), &s.end)}</td>
                        <td>{configuration.map_or_else(|| "—".into_any(), IntoAny::into_any)}</td>
                        {custom}
                        <td class="row-actions">
                            {writable.then(|| view! {
                                <button class="button subtle" on:click=move |_| edit(edited.clone())>{t(common::EDIT)}</button>
                                <button class="button subtle danger" on:click=move |_| {
                                    let question = words::delete_session_question(i18n::current(), &name);
                                    if window().confirm_with_message(&question).unwrap_or(false) {
                                        message.set(None);
                                        remove.dispatch(delete_id.clone());
                                    }
                                }>{t(common::DELETE)}</button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t(common::SESSIONS)}</h2>
            <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                {move || sessions.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">{t(words::NO_SESSIONS)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="sessions-table">
                            <thead>
                                <tr>
                                    <th>{t(common::NAME)}</th>
                                    <th>{t(common::START)}</th>
                                    <th>{t(common::END)}</th>
                                    <th>{t(words::WEBINAR_CONFIGURATION)}</th>
                                    {move || (!session_fields.get().is_empty()).then(|| view! {
                                        <th>{t(common::CUSTOM_FIELDS)}</th>
                                    })}
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(list.clone())}</tbody>
                        </table></div>
                        {session_webinars(event.get(), &list)}
                    }.into_any(),
                })}
            </Transition>
            {writable.then(|| view! {
                <form class="card form subform" on:submit=on_submit novalidate data-testid="session-form">
                    <h3>{move || editing.with(|s| match s {
                        Some(s) => words::edit_session(i18n::lang(), &s.name),
                        None => words::ADD_A_SESSION.get(i18n::lang()).into(),
                    })}</h3>
                    {move || message.get().map(|m| view! {
                        <p class="banner error" role="alert" data-testid="session-error">{m}</p>
                    })}
                    <TextField id="session-name" name="name" label=common::NAME value=name errors=errors required=true />
                    <div class="field-pair">
                        <TextField id="session-start" name="start" label=common::START value=start errors=errors
                            input_type="datetime-local" required=true />
                        <TextField id="session-end" name="end" label=common::END value=end errors=errors
                            input_type="datetime-local" required=true />
                    </div>
                    <Show when=needs_webinar>
                        <ConfigurationSelect
                            name=CONFIGURATION
                            id="session-webinarConfigurationId"
                            value=configuration
                            errors=errors
                            configurations=configurations
                        />
                    </Show>
                    <CustomValueFields fields=session_fields values=custom errors=errors id_prefix="session" />
                    <div class="actions">
                        <button class="button primary" type="submit" disabled=move || save.pending().get()>
                            {move || {
                                let word = if editing.with(Option::is_some) {
                                    words::SAVE_SESSION
                                } else {
                                    words::ADD_SESSION
                                };
                                word.get(i18n::lang())
                            }}
                        </button>
                        {move || editing.with(Option::is_some).then(|| view! {
                            <button class="button subtle" type="button" on:click=move |_| {
                                message.set(None);
                                reset();
                            }>{t(common::CANCEL)}</button>
                        })}
                    </div>
                </form>
            })}
        </section>
    }
}
