//! An event administration record: `/settings/event-administration/new` or `/…/{id}`.
//! Name, contact matching strategy, demo payment confirmation (refused in production).
//! Toolbar: Save, Deactivate/Activate, Delete.

use convene_types::FieldError;
use convene_types::contact::MatchStrategy;
use convene_types::event_admin::{EventAdministration, EventAdministrationInput};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::event_administrations::LIST;
use crate::api::{self, ApiError};
use crate::components::field::{InlineError, TextField, error_for};
use crate::components::unsaved;
use crate::i18n::admin::{common, event_administration, shell};
use crate::i18n::{self, t};

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Toggle,
    Delete,
}

#[component]
pub fn EventAdministrationForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let name = RwSignal::new(String::new());
    let strategy = RwSignal::new(MatchStrategy::default());
    let demo_payment = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<EventAdministration>);

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |r: EventAdministration| {
        name.set(r.name.clone());
        strategy.set(r.match_strategy);
        demo_payment.set(r.demo_payment_confirmation);
        record.set(Some(r));
    };

    let deployment = LocalResource::new(api::deployment);
    // Until the answer comes, the Yes option stays enabled; the server decides anyway.
    let production = move || matches!(deployment.get(), Some(Ok(d)) if d.production);

    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::event_administration(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(r))) => show(r),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let save = Action::new_local(move |input: &EventAdministrationInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_event_administration(&id, &input).await,
                None => api::create_event_administration(&input).await,
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

    let simple = Action::new_local(move |op: &Op| {
        let op = *op;
        let id = id();
        let active = record.get_untracked().is_some_and(|r| r.active);
        async move {
            let Some(id) = id else { return Ok(None) };
            match op {
                Op::Toggle => api::set_event_administration_active(&id, !active)
                    .await
                    .map(Some),
                Op::Delete => api::delete_event_administration(&id).await.map(|_| None),
            }
        }
    });
    Effect::new(move |_| match simple.value().get() {
        Some(Ok(Some(r))) => show(r),
        Some(Ok(None)) => navigate(LIST, Default::default()),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        saved_note.set(false);
        let input = EventAdministrationInput {
            name: name.get_untracked(),
            match_strategy: strategy.get_untracked(),
            demo_payment_confirmation: demo_payment.get_untracked(),
        };
        match input.validate(production()) {
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
    let on_toggle = move |_| {
        message.set(None);
        saved_note.set(false);
        simple.dispatch(Op::Toggle);
    };
    let on_delete = move |_| {
        let question =
            event_administration::delete_question(i18n::current(), &name.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            message.set(None);
            simple.dispatch(Op::Delete);
        }
    };

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| {
                    // An existing record still loading: not a new one.
                    let word = if id().is_some() {
                        shell::EVENT_ADMINISTRATION
                    } else {
                        event_administration::NEW_EVENT_ADMINISTRATION
                    };
                    word.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(shell::EVENT_ADMINISTRATION)>
            <button class="button primary" type="submit" form="event-administration-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            {move || record.get().map(|r| view! {
                <button class="button" type="button" on:click=on_toggle
                    disabled=move || simple.pending().get()>
                    {t(if r.active { common::DEACTIVATE } else { common::ACTIVATE })}
                </button>
            })}
            <span class="grow"></span>
            {move || record.get().map(|_| view! {
                <button class="button danger" type="button" on:click=on_delete>{t(common::DELETE)}</button>
            })}
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        {move || record.get().map(|r| if r.active {
            view! { <p class="banner info">{t(event_administration::RECORD_ACTIVE)}</p> }
                .into_any()
        } else {
            view! {
                <p class="banner info">{t(event_administration::RECORD_INACTIVE)}</p>
            }
            .into_any()
        })}
        <form id="event-administration-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <TextField name="name" label=common::NAME value=name errors=errors required=true />
            <fieldset class="field options" class:invalid=move || errors.with(|e| error_for(e, "matchStrategy").is_some())>
                <legend>{t(event_administration::MATCH_CONTACT_BASED_ON)}</legend>
                {MatchStrategy::ALL.into_iter().map(|s| view! {
                    <label>
                        <input type="radio" name="matchStrategy" value=s.key()
                            prop:checked=move || strategy.get() == s
                            on:change=move |_| strategy.set(s) />
                        {t(event_administration::match_strategy(s))}
                    </label>
                }).collect_view()}
                <p class="help">{t(event_administration::MATCH_HELP)}</p>
                <InlineError id="matchStrategy-error" name="matchStrategy" errors=errors />
            </fieldset>
            <fieldset class="field options" class:invalid=move || errors.with(|e| error_for(e, "demoPaymentConfirmation").is_some())>
                <legend>{t(event_administration::ENABLE_DEMO_PAYMENT)}</legend>
                <p class="banner warning" role="note">
                    <strong>{t(event_administration::SECURITY_HOLE)}</strong>
                    {t(event_administration::DEMO_PAYMENT_WARNING)}
                </p>
                <label>
                    <input type="radio" name="demoPaymentConfirmation" value="yes"
                        prop:checked=move || demo_payment.get()
                        disabled=production
                        on:change=move |_| demo_payment.set(true) />
                    {t(common::YES)}
                </label>
                <label>
                    <input type="radio" name="demoPaymentConfirmation" value="no"
                        prop:checked=move || !demo_payment.get()
                        on:change=move |_| demo_payment.set(false) />
                    {t(common::NO)}
                </label>
                {move || production().then(|| view! {
                    <p class="help" data-testid="production-note">
                        {move || event_administration::production_note(i18n::lang())}
                    </p>
                })}
                <InlineError id="demoPaymentConfirmation-error" name="demoPaymentConfirmation" errors=errors />
            </fieldset>
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
    }
}
