//! An event: `/events/new` or `/events/{id}`. Below an existing event's form: its sessions,
//! speakers, passes and registration fields. A role that may only read events sees the
//! form's fields disabled and no Save or Delete.

use std::sync::Arc;

use convene_types::FieldError;
use convene_types::custom::{CustomValues, Entity};
use convene_types::event::{Event, EventFormat, EventInput, plausible_time_zone};
use convene_types::validate::number_from_text;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsValue;

use super::event_passes::EventPasses;
use super::event_registration_fields::EventRegistrationFields;
use super::event_sessions::EventSessions;
use super::event_speakers::EventSpeakers;
use super::event_webinar::EventWebinar;
use crate::api::{self, ApiError};
use crate::components::chunk::{Chunk, Loader};
use crate::components::configuration_select::{ConfigurationSelect, Configurations};
use crate::components::custom_values::{self, CustomValueFields, Definitions, fields_of};
use crate::components::field::{CheckboxField, InlineError, TextAreaField, TextField, error_for};
use crate::components::unsaved;
use crate::i18n::admin::{common, events as words, users};
use crate::i18n::{self, t};
use crate::use_auth;

const LIST: &str = "/events";
const DEFAULT_TIME_ZONE: &str = "Europe/Paris";

/// The browser's IANA time zone, or Europe/Paris when it has none usable.
fn browser_time_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .filter(|zone| plausible_time_zone(zone))
        .unwrap_or_else(|| DEFAULT_TIME_ZONE.into())
}

/// The form's fields as typed.
#[derive(Clone, Copy)]
struct Fields {
    readable_id: RwSignal<String>,
    name: RwSignal<String>,
    description: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    time_zone: RwSignal<String>,
    format: RwSignal<EventFormat>,
    configuration: RwSignal<String>,
    capacity: RwSignal<String>,
    waitlist_allowed: RwSignal<bool>,
    published: RwSignal<bool>,
    registration_closed: RwSignal<bool>,
    /// The event's custom values, as typed.
    custom: RwSignal<CustomValues>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            readable_id: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            start: RwSignal::new(String::new()),
            end: RwSignal::new(String::new()),
            time_zone: RwSignal::new(browser_time_zone()),
            format: RwSignal::new(EventFormat::default()),
            configuration: RwSignal::new(String::new()),
            capacity: RwSignal::new(String::new()),
            waitlist_allowed: RwSignal::new(false),
            published: RwSignal::new(false),
            registration_closed: RwSignal::new(false),
            custom: RwSignal::new(CustomValues::new()),
        }
    }

    fn fill(&self, e: &Event) {
        self.readable_id.set(e.readable_id.clone());
        self.name.set(e.name.clone());
        self.description.set(e.description.clone());
        self.start.set(e.start.clone());
        self.end.set(e.end.clone());
        self.time_zone.set(e.time_zone.clone());
        self.format.set(e.format);
        self.configuration
            .set(e.webinar_configuration_id.clone().unwrap_or_default());
        self.capacity
            .set(e.capacity.map(|c| c.to_string()).unwrap_or_default());
        self.waitlist_allowed.set(e.waitlist_allowed);
        self.published.set(e.published);
        self.registration_closed.set(e.registration_closed);
        self.custom.set(e.custom_fields.clone());
    }

    /// `custom_fields`: the custom values as prepared for the API.
    fn input(&self, custom_fields: CustomValues) -> EventInput {
        let format = self.format.get_untracked();
        let configuration = self.configuration.get_untracked();
        EventInput {
            readable_id: self.readable_id.get_untracked(),
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
            start: self.start.get_untracked(),
            end: self.end.get_untracked(),
            time_zone: self.time_zone.get_untracked(),
            format,
            webinar_configuration_id: (format.needs_webinar() && !configuration.is_empty())
                .then_some(configuration),
            capacity: number_from_text(&self.capacity.get_untracked()),
            waitlist_allowed: self.waitlist_allowed.get_untracked(),
            published: self.published.get_untracked(),
            registration_closed: self.registration_closed.get_untracked(),
            custom_fields,
        }
    }
}

#[component]
pub fn EventForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<Event>);
    let dirty = unsaved::guard();
    let writable = use_auth().can_write_events();

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |e: Event| {
        fields.fill(&e);
        record.set(Some(e));
    };

    // The sections' chunks are fetched at once, beside the event; a failure shows with its
    // retry where the section goes.
    leptos::task::spawn_local(async {
        let _ = preload_webinar_and_sessions().await;
    });
    leptos::task::spawn_local(async {
        let _ = preload_items().await;
    });
    let configurations = LocalResource::new(|| async { api::active_configurations().await });
    // Every table's custom fields: the event's here, the others in the sections below.
    let custom_fields = custom_values::definitions();
    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::event(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(e))) => show(e),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let save = Action::new_local(move |input: &EventInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_event(&id, &input).await,
                None => api::create_event(&input).await,
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            dirty.set(false);
            message.set(None);
            if untrack(id).is_none() {
                navigate_after_save(&format!("{LIST}/{}", saved.id), Default::default());
            } else {
                saved_note.set(true);
            }
            show(saved);
        }
        Some(Err(e)) => fail(e),
        None => {}
    });

    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_event(&id).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => navigate(LIST, Default::default()),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        saved_note.set(false);
        let custom = fields
            .custom
            .with_untracked(|c| custom_values::prepare(custom_fields, Entity::Event, c));
        let (custom, custom_errors) = match custom {
            Ok(values) => (values, vec![]),
            Err(found) => (CustomValues::new(), found),
        };
        let input = fields.input(custom);
        // Field rules only: the server checks the configuration and the readable id's uniqueness.
        let mut found = input.validate(&[], false).err().unwrap_or_default();
        found.extend(custom_errors);
        if found.is_empty() {
            errors.set(vec![]);
            save.dispatch(input);
        } else {
            errors.set(found);
            message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
        }
    };
    let on_delete = move |_| {
        let Some(id) = id() else { return };
        let question = words::delete_event_question(i18n::current(), &fields.name.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            message.set(None);
            saved_note.set(false);
            remove.dispatch(id);
        }
    };
    let on_format = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        if let Some(format) = EventFormat::ALL.into_iter().find(|f| f.key() == key) {
            fields.format.set(format);
        }
    };
    // The sessions section appears once the event is loaded, and stays through saves.
    let loaded_id = Memo::new(move |_| id().filter(|_| record.with(Option::is_some)));
    let format_error = move || errors.with(|e| error_for(e, "format"));

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| if id().is_some() {
                    // An existing record still loading: not a new one.
                    common::EVENT.get(i18n::lang()).into()
                } else {
                    words::NEW_EVENT.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(common::EVENT)>
            {writable.then(|| view! {
                <button class="button primary" type="submit" form="event-form"
                    disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            })}
            {move || id().map(|id| view! {
                <A href=format!("{LIST}/{id}/registrations") attr:class="button">{t(common::REGISTRATIONS)}</A>
            })}
            <span class="grow"></span>
            // Only once the event is loaded: the question names it.
            {move || (writable && loaded_id.with(Option::is_some)).then(|| view! {
                <button class="button danger" type="button" on:click=on_delete
                    disabled=move || remove.pending().get()>{t(common::DELETE)}</button>
            })}
        </div>
        {(!writable).then(|| view! {
            <p class="banner info" data-testid="read-only">{t(users::READ_ONLY_EVENTS)}</p>
        })}
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        <form id="event-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            // Disabled as a whole for a role that may only read.
            <fieldset class="plain" disabled=!writable>
                <TextField name="name" label=common::NAME value=fields.name errors=errors required=true />
                <TextField
                    name="readableId"
                    label=words::READABLE_ID
                    value=fields.readable_id
                    errors=errors
                    help=words::READABLE_ID_HELP
                />
                <TextAreaField name="description" label=words::DESCRIPTION value=fields.description errors=errors />
                <div class="field-pair">
                    <TextField name="start" label=common::START value=fields.start errors=errors
                        input_type="datetime-local" required=true />
                    <TextField name="end" label=common::END value=fields.end errors=errors
                        input_type="datetime-local" required=true />
                </div>
                <TextField
                    name="timeZone"
                    label=words::TIME_ZONE
                    value=fields.time_zone
                    errors=errors
                    required=true
                    help=words::TIME_ZONE_HELP
                />
                <div class="field" class:invalid=move || format_error().is_some()>
                    <label for="format">{t(words::FORMAT)}" *"</label>
                    <select id="format" name="format"
                        prop:value=move || fields.format.get().key()
                        on:change=on_format
                        aria-describedby="format-error">
                        {EventFormat::ALL.into_iter().map(|f| view! {
                            <option value=f.key() selected=move || fields.format.get() == f>
                                {t(words::format_name(f))}
                            </option>
                        }).collect_view()}
                    </select>
                    <InlineError id="format-error" name="format" errors=errors />
                </div>
                <Show when=move || fields.format.get().needs_webinar()>
                    <ConfigurationSelect
                        name="webinarConfigurationId"
                        id="webinarConfigurationId"
                        value=fields.configuration
                        errors=errors
                        configurations=configurations
                    />
                </Show>
                <TextField
                    name="capacity"
                    label=common::CAPACITY
                    value=fields.capacity
                    errors=errors
                    help=words::EVENT_CAPACITY_HELP
                />
                <CheckboxField
                    name="waitlistAllowed"
                    label=words::ALLOW_WAITLIST
                    value=fields.waitlist_allowed
                    errors=errors
                    help=words::ALLOW_WAITLIST_HELP
                />
                <CheckboxField
                    name="published"
                    label=common::PUBLISHED
                    value=fields.published
                    errors=errors
                    help=words::PUBLISHED_HELP
                />
                <CheckboxField
                    name="registrationClosed"
                    label=words::REGISTRATION_CLOSED
                    value=fields.registration_closed
                    errors=errors
                    help=words::REGISTRATION_CLOSED_HELP
                />
                <CustomValueFields
                    fields=Signal::derive(move || fields_of(custom_fields, Entity::Event))
                    values=fields.custom
                    errors=errors
                    id_prefix="event"
                />
            </fieldset>
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
        {move || loaded_id.get().map(|event_id| {
            let id = event_id.clone();
            let webinar_and_sessions: Loader = Arc::new(move || {
                Box::pin(webinar_and_sessions(id.clone(), record, configurations, custom_fields))
            });
            let items: Loader =
                Arc::new(move || Box::pin(items(event_id.clone(), custom_fields)));
            view! {
                <Chunk load=webinar_and_sessions />
                <Chunk load=items />
            }
        })}
    }
}

// The sections under a saved event's form are two chunks of their own (each under the
// page chunk budget; together they were over it), fetched while the event loads.

/// The event's webinar, and its sessions with their own webinars.
#[wasm_split(
    event_sessions,
    fallible,
    preload(preload_webinar_and_sessions),
    wasm_split_path = ::leptos::wasm_split
)]
fn webinar_and_sessions(
    event_id: String,
    event: RwSignal<Option<Event>>,
    configurations: Configurations,
    custom_fields: Definitions,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <EventWebinar event_id=event_id.clone() event />
        <EventSessions event_id configurations custom_fields event />
    }
    .into_any())
}

/// The event's speakers, passes and registration fields.
#[wasm_split(
    event_items,
    fallible,
    preload(preload_items),
    wasm_split_path = ::leptos::wasm_split
)]
fn items(event_id: String, custom_fields: Definitions) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <EventSpeakers event_id=event_id.clone() custom_fields />
        <EventPasses event_id=event_id.clone() custom_fields />
        <EventRegistrationFields event_id />
    }
    .into_any())
}
