//! A webhook: `/settings/webhooks/new` or `/…/{id}`. Address, description, the event types
//! it subscribes to (a box each), active. Toolbar: Save, Rotate secret, Delete. Below, on a
//! saved one, its delivery log (`webhook_deliveries.rs`, a chunk of its own).
//!
//! A signing secret is issued on create and on rotation. It is shown once, in a panel, and
//! kept only in this page's signals (and cleared from the actions' values): leaving the
//! page, dismissing the panel or opening another webhook forgets it. The API never shows it
//! again.

use std::sync::Arc;

use convene_types::FieldError;
use convene_types::i18n::admin_message;
use convene_types::webhook::{
    Destinations, EventType, IssuedSecret, WebhookEndpoint, WebhookInput,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::webhook_deliveries::{delivery_log, preload_delivery_log};
use super::webhooks::{LIST, state_badge};
use crate::api::{self, ApiError};
use crate::components::chunk::{Chunk, Loader};
use crate::components::field::{CheckboxField, InlineError, TextField};
use crate::components::secret_panel::{SecretPanel, SecretWords};
use crate::components::unsaved;
use crate::display::timestamp;
use crate::i18n::admin::{common, settings, webhooks as words};
use crate::i18n::{self, t};

const EVENTS: &str = "events";

/// How the secret panel speaks of the signing secret.
const SECRET_WORDS: SecretWords = SecretWords {
    title: words::SIGNING_SECRET,
    copy_now: words::COPY_SECRET_NOW,
    kept: words::SECRET_KEPT,
    copy_refused: words::SECRET_COPY_REFUSED,
    stored: words::SECRET_STORED,
};

/// The `events[i]` errors among `errors`: each with its index and the box it belongs to,
/// the one of the `i`-th name `sent`, or none when no box sent that name (it is then shown
/// under the boxes, by its number).
fn event_errors<'a>(
    errors: &'a [FieldError],
    sent: &[String],
) -> Vec<(usize, Option<EventType>, &'a str)> {
    errors
        .iter()
        .filter_map(|e| {
            let index = e
                .field
                .strip_prefix("events[")?
                .strip_suffix(']')?
                .parse::<usize>()
                .ok()?;
            let event_type = sent
                .get(index)
                .and_then(|name| EventType::parse(name))
                .filter(|t| EventType::SUBSCRIBABLE.contains(t));
            Some((index, event_type, e.message.as_str()))
        })
        .collect()
}

/// The names of the checked types, in the order of the boxes.
fn chosen_names(checked: &[EventType]) -> Vec<String> {
    EventType::SUBSCRIBABLE
        .into_iter()
        .filter(|t| checked.contains(t))
        .map(|t| t.as_str().to_string())
        .collect()
}

#[derive(Clone)]
enum Saved {
    Created(IssuedSecret),
    Updated(WebhookEndpoint),
}

#[component]
pub fn WebhookForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let checked = RwSignal::new(Vec::<EventType>::new());
    let active = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The names the errors' `events[i]` refer to: those of the last submission.
    let sent = RwSignal::new(Vec::<String>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<WebhookEndpoint>);
    let issued = RwSignal::new(None::<IssuedSecret>);
    // The log below follows the record's id only, not every save of it.
    let record_id = Memo::new(move |_| record.with(|r| r.as_ref().map(|r| r.id.clone())));

    // The log's chunk is fetched at once, beside the webhook; a failure shows with its retry
    // where the log goes.
    if untrack(id).is_some() {
        leptos::task::spawn_local(async {
            let _ = preload_delivery_log().await;
        });
    }

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |endpoint: Option<WebhookEndpoint>| {
        let endpoint_ref = endpoint.as_ref();
        url.set(endpoint_ref.map(|e| e.url.clone()).unwrap_or_default());
        description.set(
            endpoint_ref
                .map(|e| e.description.clone())
                .unwrap_or_default(),
        );
        checked.set(endpoint_ref.map(|e| e.events.clone()).unwrap_or_default());
        active.set(endpoint_ref.is_none_or(|e| e.active));
        record.set(endpoint);
    };

    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::webhook(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(endpoint)) => show(endpoint),
        Some(Err(e)) => fail(e),
        None => {}
    });
    // A secret belongs to the webhook it was issued for: another address forgets it.
    Effect::new(move |_| {
        let current = id();
        let other = issued.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| Some(&s.endpoint.id) != current.as_ref())
        });
        if other {
            issued.set(None);
        }
    });

    let save = Action::new_local(move |input: &WebhookInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_webhook(&id, &input).await.map(Saved::Updated),
                None => api::create_webhook(&input).await.map(Saved::Created),
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(Saved::Created(secret))) => {
            dirty.set(false);
            message.set(None);
            save.value().set(None);
            let path = format!("{LIST}/{}", secret.endpoint.id);
            show(Some(secret.endpoint.clone()));
            issued.set(Some(secret));
            navigate_after_save(&path, Default::default());
        }
        Some(Ok(Saved::Updated(endpoint))) => {
            dirty.set(false);
            message.set(None);
            saved_note.set(true);
            show(Some(endpoint));
        }
        Some(Err(e)) => fail(e),
        None => {}
    });

    let rotate = Action::new_local(move |_: &()| {
        let id = id();
        async move {
            match id {
                Some(id) => api::rotate_webhook_secret(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match rotate.value().get() {
        Some(Ok(Some(secret))) => {
            rotate.value().set(None);
            record.set(Some(secret.endpoint.clone()));
            issued.set(Some(secret));
        }
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let remove = Action::new_local(move |_: &()| {
        let id = id();
        async move {
            match id {
                Some(id) => api::delete_webhook(&id).await,
                None => Ok(()),
            }
        }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => navigate(LIST, Default::default()),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let start = move || {
        message.set(None);
        saved_note.set(false);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start();
        let input = WebhookInput {
            url: url.get_untracked(),
            description: description.get_untracked(),
            events: checked.with_untracked(|c| chosen_names(c)),
            active: active.get_untracked(),
        };
        sent.set(input.events.clone());
        // Whether the address is allowed in this deployment (https to a public host in
        // production) only the API knows; the rest is checked here first.
        match input.validate(Destinations::Any) {
            Ok(_) => {
                errors.set(vec![]);
                save.dispatch(input);
            }
            Err(fields) => {
                errors.set(fields);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let on_rotate = move |_| {
        let question = words::rotate_secret(i18n::current(), &url.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            start();
            rotate.dispatch(());
        }
    };
    let on_delete = move |_| {
        let question = words::delete_webhook(i18n::current(), &url.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            start();
            remove.dispatch(());
        }
    };

    let heading = move || {
        record
            .with(|r| {
                r.as_ref().map(|r| {
                    if r.description.is_empty() {
                        r.url.clone()
                    } else {
                        r.description.clone()
                    }
                })
            })
            .unwrap_or_else(|| {
                // An existing record still loading is not a new one.
                let word = if id().is_some() {
                    words::WEBHOOK
                } else {
                    words::NEW_WEBHOOK
                };
                word.get(i18n::lang()).into()
            })
    };
    // The `events[i]` errors no box sent, under the boxes.
    let unplaced = move || {
        errors.with(|e| {
            sent.with(|s| {
                event_errors(e, s)
                    .into_iter()
                    .filter(|(_, event_type, _)| event_type.is_none())
                    .map(|(i, _, m)| {
                        let lang = i18n::lang();
                        words::event_type_error(lang, i + 1, &admin_message(m, lang))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let events_invalid = move || {
        errors.with(|e| {
            e.iter()
                .any(|e| e.field == EVENTS || e.field.starts_with("events["))
        })
    };

    view! {
        <div class="page-header">
            <h1>{heading}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(words::WEBHOOK)>
            <button class="button primary" type="submit" form="webhook-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            {move || record.get().map(|_| view! {
                <button class="button" type="button" on:click=on_rotate
                    disabled=move || rotate.pending().get()>{t(words::ROTATE_SECRET)}</button>
                <span class="grow"></span>
                <button class="button danger" type="button" on:click=on_delete
                    disabled=move || remove.pending().get()>{t(common::DELETE)}</button>
            })}
        </div>
        {move || issued.get().map(|s| view! {
            <SecretPanel words=SECRET_WORDS secret=s.secret testid="issued-secret"
                dismiss=Callback::new(move |_| issued.set(None))>
                <h3>{t(words::HOW_RECEIVERS_VERIFY)}</h3>
                <p data-testid="verify-help">{t(words::VERIFY_HEADERS)}</p>
            </SecretPanel>
        })}
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        {move || record.get().filter(|r| !r.active).map(|_| view! {
            <p class="banner warning" data-testid="inactive-note">{t(words::INACTIVE_NOTE)}</p>
        })}
        <form id="webhook-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true) on:change=move |_| dirty.set(true)>
            <TextField name="url" label=words::URL value=url errors=errors input_type="url"
                help=words::URL_HELP required=true />
            <TextField name="description" label=words::DESCRIPTION value=description errors=errors
                help=words::DESCRIPTION_HELP />
            <fieldset class="options" class:invalid=events_invalid aria-describedby="events-help events-error">
                <legend>{t(words::EVENT_TYPES)}" *"</legend>
                <p class="help" id="events-help">{t(words::EVENT_TYPES_HELP)}</p>
                {EventType::SUBSCRIBABLE.into_iter().map(|event_type| {
                    let box_id = format!("event-{}", event_type.as_str().replace('.', "-"));
                    let error_id = format!("{box_id}-error");
                    let (label_for, described_by) = (box_id.clone(), error_id.clone());
                    let error = move || errors.with(|e| sent.with(|s| {
                        event_errors(e, s)
                            .into_iter()
                            .find(|(_, t, _)| *t == Some(event_type))
                            .map(|(_, _, m)| admin_message(m, i18n::lang()))
                    }));
                    view! {
                        <label for=label_for>
                            <input
                                type="checkbox"
                                id=box_id
                                name=EVENTS
                                value=event_type.as_str()
                                prop:checked=move || checked.with(|c| c.contains(&event_type))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    checked.update(|c| {
                                        c.retain(|t| *t != event_type);
                                        if on {
                                            c.push(event_type);
                                        }
                                    });
                                }
                                aria-invalid=move || error().is_some().to_string()
                                aria-describedby=described_by
                            />
                            {t(words::event_type(event_type))}
                            <code>{event_type.as_str()}</code>
                        </label>
                        <p class="field-error" id=error_id role="alert">{error}</p>
                    }
                }).collect_view()}
                <InlineError id="events-error" name=EVENTS errors=errors />
                <ul class="field-error list" role="alert" data-testid="event-type-errors">
                    {move || unplaced().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </fieldset>
            <CheckboxField name="active" label=words::ACTIVE_LABEL value=active errors=errors
                help=words::ACTIVE_HELP />
            {move || record.get().map(|r| view! {
                <dl class="details">
                    <dt>{t(settings::STATE)}</dt>
                    <dd>{state_badge(r.active)}</dd>
                    <dt>{t(words::SECRET_ISSUED)}</dt>
                    <dd data-testid="secret-issued">{timestamp(i18n::lang(), &r.secret_issued_at)}</dd>
                </dl>
            })}
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
        {move || record_id.get().map(|id| {
            let load: Loader = Arc::new(move || Box::pin(delivery_log(id.clone())));
            view! { <Chunk load /> }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(field: &str, message: &str) -> FieldError {
        FieldError::new(field, message)
    }

    #[test]
    fn an_event_type_error_goes_beside_the_box_that_sent_it() {
        let sent = chosen_names(&[EventType::ContactErased, EventType::RegistrationCreated]);
        assert_eq!(sent, ["registration.created", "contact.erased"]);
        let errors = [
            error("url", "must use https"),
            error("events[1]", "is listed twice"),
            error("events", "needs at least one event type"),
            error("events[7]", "must be one of: …"),
        ];
        assert_eq!(
            event_errors(&errors, &sent),
            [
                (1, Some(EventType::ContactErased), "is listed twice"),
                (7, None, "must be one of: …"),
            ]
        );
        // A name no box has (the API was sent something else) is shown under the boxes.
        let odd = vec!["webhook.test".to_string()];
        assert_eq!(
            event_errors(&[error("events[0]", "x")], &odd),
            [(0, None, "x")]
        );
    }
}
