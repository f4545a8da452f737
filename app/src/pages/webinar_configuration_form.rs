//! A webinar configuration: `/settings/webinar-configurations/new` or `/…/{id}`.
//! General tab (name, provider, terms, integration health, read-only troubleshooting
//! fields) and Credentials tab (write-only). Toolbar: Save, Check, Deactivate/Activate, Remove
//! credentials, Delete.

use convene_types::FieldError;
use convene_types::configuration::{
    CheckResult, ConfigurationInput, CredentialsInput, WebinarConfiguration,
};
use convene_types::i18n::{Word, admin_message};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiError};
use crate::components::field::{TextField, error_for};
use crate::components::globe::GlobeIcon;
use crate::components::unsaved;
use crate::i18n::admin::{common, webinars};
use crate::i18n::{self, t};
use crate::pages::webinar_configuration_health::{IntegrationHealth, with_health};
use crate::pages::webinar_configuration_terms::TermsAndIntegration;

const LIST: &str = "/settings/webinar-configurations";

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    General,
    Credentials,
}

#[derive(Clone, Copy)]
struct Credentials {
    client_id: RwSignal<String>,
    key: RwSignal<String>,
    secret: RwSignal<String>,
}

impl Credentials {
    fn input(&self) -> CredentialsInput {
        CredentialsInput {
            client_id: self.client_id.get_untracked(),
            access_token_key: self.key.get_untracked(),
            access_token_secret: self.secret.get_untracked(),
        }
    }

    fn clear(&self) {
        self.client_id.set(String::new());
        self.key.set(String::new());
        self.secret.set(String::new());
    }
}

#[component]
pub fn WebinarConfigurationForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let name = RwSignal::new(String::new());
    let provider_id = RwSignal::new("on24".to_string());
    let credentials = Credentials {
        client_id: RwSignal::new(String::new()),
        key: RwSignal::new(String::new()),
        secret: RwSignal::new(String::new()),
    };
    // Editing: credentials hide behind "Update credentials? Yes / No".
    let update_credentials = RwSignal::new(false);
    let tab = RwSignal::new(Tab::General);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    let record = RwSignal::new(None::<WebinarConfiguration>);
    let check_result = RwSignal::new(None::<CheckResult>);

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |c: WebinarConfiguration| {
        name.set(c.name.clone());
        provider_id.set(c.provider_id.clone());
        record.update(|r| *r = Some(with_health(r.as_ref(), c)));
    };

    let providers =
        LocalResource::new(|| async { api::providers("?pageSize=100").await.map(|p| p.items) });
    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::configuration(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(c))) => show(c),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let creating = move || id().is_none();
    let sends_credentials = move || creating() || update_credentials.get();

    let save = Action::new_local(move |input: &ConfigurationInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_configuration(&id, &input).await,
                None => api::create_configuration(&input).await,
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            dirty.set(false);
            credentials.clear();
            update_credentials.set(false);
            message.set(None);
            if untrack(creating) {
                navigate_after_save(&format!("{LIST}/{}", saved.id), Default::default());
            }
            show(saved);
        }
        Some(Err(e)) => fail(e),
        None => {}
    });

    let check = Action::new_local(move |typed: &Option<CredentialsInput>| {
        let typed = typed.clone();
        let id = id();
        let provider = provider_id.get_untracked();
        async move {
            let result = api::check(id.as_deref(), &provider, typed).await;
            // A check of stored credentials updates the record's status: show it.
            let refreshed = match (&result, &id) {
                (Ok(r), Some(id)) if r.recorded => api::configuration(id).await.ok(),
                _ => None,
            };
            (result, refreshed)
        }
    });
    Effect::new(move |_| {
        if let Some((result, refreshed)) = check.value().get() {
            match result {
                Ok(r) => check_result.set(Some(r)),
                Err(e) => fail(e),
            }
            if let Some(c) = refreshed {
                show(c);
            }
        }
    });

    let simple = Action::new_local(move |op: &&'static str| {
        let op = *op;
        let id = id();
        let active = record.get_untracked().is_some_and(|r| r.active);
        async move {
            let Some(id) = id else { return Ok(None) };
            match op {
                "toggle" => api::set_configuration_active(&id, !active).await.map(Some),
                "remove-credentials" => api::remove_credentials(&id).await.map(Some),
                "accept-terms" => api::accept_terms(&id).await.map(Some),
                _ => api::delete_configuration(&id).await.map(|_| None),
            }
        }
    });
    Effect::new(move |_| match simple.value().get() {
        Some(Ok(Some(c))) => {
            check_result.set(None);
            message.set(None);
            show(c);
        }
        Some(Ok(None)) => navigate(LIST, Default::default()),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let input = ConfigurationInput {
            name: name.get_untracked(),
            provider_id: provider_id.get_untracked(),
            credentials: sends_credentials().then(|| credentials.input()),
        };
        match input.validate() {
            Ok(_) => {
                errors.set(vec![]);
                save.dispatch(input);
            }
            Err(fields) => {
                if fields.iter().any(|f| f.field.starts_with("credentials.")) {
                    tab.set(Tab::Credentials);
                }
                errors.set(fields);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let on_check = move |_| {
        message.set(None);
        check_result.set(None);
        let typed = sends_credentials().then(|| credentials.input());
        if let Some(typed) = &typed
            && let Err(fields) = typed.validate()
        {
            tab.set(Tab::Credentials);
            errors.set(fields);
            return;
        }
        check.dispatch(typed);
    };
    let confirm_then = move |question: String, op: &'static str| {
        move |_| {
            if window().confirm_with_message(&question).unwrap_or(false) {
                simple.dispatch(op);
            }
        }
    };

    let read_only = move |f: fn(&WebinarConfiguration) -> String| {
        move || record.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    // `label` names the field, `target` the same as the object of "Open … in a new tab".
    let provider_link = move |f: fn(&WebinarConfiguration) -> String, label: Word, target: Word| {
        view! {
            <div class="field">
                <span class="label">{t(label)}</span>
                <div class="input-row">
                    <span class="readonly">{read_only(f)}</span>
                    <a class="globe" target="_blank" rel="noopener noreferrer" href=read_only(f)
                        aria-label=move || common::open_in_new_tab(i18n::lang(), target.get(i18n::lang()))>
                        <GlobeIcon />
                    </a>
                </div>
            </div>
        }
    };

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| {
                    // An existing record still loading: not a new one.
                    let word = if id().is_some() {
                        webinars::WEBINAR_CONFIGURATION
                    } else {
                        webinars::NEW_WEBINAR_CONFIGURATION
                    };
                    word.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(webinars::WEBINAR_CONFIGURATION)>
            <button class="button primary" type="submit" form="configuration-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            <button class="button" type="button" on:click=on_check
                disabled=move || check.pending().get()>{t(webinars::CHECK)}</button>
            {move || record.get().map(|r| {
                let label = if r.active { common::DEACTIVATE } else { common::ACTIVATE };
                view! {
                    <button class="button" type="button" on:click=move |_| { simple.dispatch("toggle"); }>
                        {t(label)}
                    </button>
                }
            })}
            {move || record.get().filter(|r| r.credentials_set).map(|r| view! {
                <button class="button" type="button" on:click=confirm_then(
                    webinars::remove_credentials_question(i18n::lang(), &r.name),
                    "remove-credentials",
                )>{t(webinars::REMOVE_CREDENTIALS)}</button>
            })}
            <span class="grow"></span>
            {move || record.get().map(|r| view! {
                <button class="button danger" type="button" on:click=confirm_then(
                    webinars::delete_configuration_question(i18n::lang(), &r.name),
                    "delete",
                )>{t(common::DELETE)}</button>
            })}
        </div>
        {move || check.pending().get().then(|| view! { <p class="banner info">{t(webinars::CHECKING)}</p> })}
        {move || check_result.get().map(|r| {
            let class = if r.status == convene_types::configuration::ServiceStatus::Ok { "banner success" } else { "banner error" };
            view! {
                <p class=class role="status" data-testid="check-result">
                    <strong>{t(webinars::service_status(r.status))}</strong>{t(webinars::COLON)}{admin_message(&r.message, i18n::lang())}
                </p>
            }
        })}
        {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        {move || record.get().filter(|r| !r.active).map(|r| view! {
            <p class="banner info">
                {t(webinars::CONFIGURATION_INACTIVE)}
                {(!r.terms_current).then(|| t(webinars::ACCEPT_TERMS_BEFORE_ACTIVATING))}
            </p>
        })}
        <nav class="tabs" role="tablist">
            <button type="button" role="tab" class=move || if tab.get() == Tab::General { "tab selected" } else { "tab" }
                aria-selected=move || (tab.get() == Tab::General).to_string()
                on:click=move |_| tab.set(Tab::General)>{t(webinars::GENERAL)}</button>
            <button type="button" role="tab" class=move || if tab.get() == Tab::Credentials { "tab selected" } else { "tab" }
                aria-selected=move || (tab.get() == Tab::Credentials).to_string()
                on:click=move |_| tab.set(Tab::Credentials)>{t(webinars::CREDENTIALS)}</button>
        </nav>
        <form id="configuration-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <div hidden=move || tab.get() != Tab::General>
                <TextField name="name" label=common::NAME value=name errors=errors required=true />
                <div class="field" class:invalid=move || errors.with(|e| error_for(e, "providerId").is_some())>
                    <label for="providerId">{t(webinars::WEBINAR_PROVIDER)}" *"</label>
                    <select id="providerId" name="providerId"
                        prop:value=move || provider_id.get()
                        on:change=move |ev| provider_id.set(event_target_value(&ev))>
                        <Transition fallback=|| view! { <option>{t(common::LOADING)}</option> }>
                            {move || providers.get().map(|r| r.unwrap_or_default().into_iter().map(|p| {
                                let selected = p.id == provider_id.get_untracked();
                                view! { <option value=p.id.clone() selected=selected>{p.name}</option> }
                            }).collect_view())}
                        </Transition>
                    </select>
                    <p class="field-error" role="alert">{move || errors.with(|e| error_for(e, "providerId"))}</p>
                </div>
                <TermsAndIntegration record=record
                    accept=Callback::new(move |()| { simple.dispatch("accept-terms"); })
                    accepting=Signal::derive(move || simple.pending().get()) />
                <IntegrationHealth record=record />
                {move || record.get().map(|_| view! {
                    <fieldset class="readonly-group">
                        <legend>{t(webinars::TROUBLESHOOTING)}</legend>
                        {provider_link(|r| r.terms_of_service_url.clone(), webinars::TERMS_OF_SERVICE_URL, webinars::THE_TERMS_OF_SERVICE_URL)}
                        {provider_link(|r| r.privacy_policy_url.clone(), webinars::PRIVACY_POLICY_URL, webinars::THE_PRIVACY_POLICY_URL)}
                        <div class="field">
                            <span class="label">{t(webinars::PROVIDER_SERVICE_STATUS)}</span>
                            <span class="readonly" data-testid="service-status">{move || record.with(|r| r.as_ref().map(|r| webinars::service_status(r.service_status).get(i18n::lang())))}</span>
                        </div>
                        <div class="field">
                            <span class="label">{t(webinars::MESSAGE)}</span>
                            <span class="readonly" data-testid="status-message">{move || record.with(|r| r.as_ref().map(|r| admin_message(&r.status_message, i18n::lang())))}</span>
                        </div>
                    </fieldset>
                })}
            </div>
            <div hidden=move || tab.get() != Tab::Credentials>
                <p class="help">
                    {t(webinars::CREDENTIALS_ENCRYPTED)}
                    {move || record.get().map(|r| {
                        let word = if r.credentials_set { webinars::CREDENTIALS_ARE_SET } else { webinars::NO_CREDENTIALS_SET };
                        word.get(i18n::lang())
                    })}
                </p>
                {move || (!creating()).then(|| view! {
                    <fieldset class="field choice">
                        <legend>{t(webinars::UPDATE_CREDENTIALS)}</legend>
                        <label><input type="radio" name="update-credentials"
                            prop:checked=move || update_credentials.get()
                            on:change=move |_| update_credentials.set(true) />" "{t(common::YES)}</label>
                        <label><input type="radio" name="update-credentials"
                            prop:checked=move || !update_credentials.get()
                            on:change=move |_| update_credentials.set(false) />" "{t(common::NO)}</label>
                    </fieldset>
                })}
                <div hidden=move || !sends_credentials()>
                    <TextField name="credentials.clientId" label=webinars::CLIENT_ID value=credentials.client_id errors=errors required=true />
                    <TextField name="credentials.accessTokenKey" label=webinars::ACCESS_TOKEN_KEY value=credentials.key errors=errors required=true />
                    <TextField name="credentials.accessTokenSecret" label=webinars::ACCESS_TOKEN_SECRET value=credentials.secret errors=errors input_type="password" required=true />
                </div>
            </div>
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
    }
}
