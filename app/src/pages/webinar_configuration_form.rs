//! A webinar configuration: `/settings/webinar-configurations/new` or `/…/{id}`.
//! General tab (name, provider, terms, integration health, read-only troubleshooting
//! fields) and Credentials tab (write-only). Toolbar: Save, Check, Deactivate/Activate, Remove
//! credentials, Delete.

use convene_types::FieldError;
use convene_types::configuration::{
    CheckResult, ConfigurationInput, CredentialsInput, WebinarConfiguration,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiError};
use crate::components::field::{TextField, error_for};
use crate::components::globe::GlobeIcon;
use crate::components::unsaved;
use crate::pages::webinar_configuration_health::{IntegrationHealth, with_health};
use crate::pages::webinar_configuration_terms::TermsAndIntegration;
use crate::reactive::{action, effect};
use crate::use_auth;

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
    let auth = use_auth();
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

    let providers = auth
        .resource(|| Box::pin(async { api::providers("?pageSize=100").await.map(|p| p.items) }));
    let loaded = auth.resource(move || {
        let id = id();
        Box::pin(async move {
            match id {
                Some(id) => api::configuration(&id).await.map(Some),
                None => Ok(None),
            }
        })
    });
    effect(move || match loaded.get() {
        Some(Ok(Some(c))) => show(c),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let creating = move || id().is_none();
    let sends_credentials = move || creating() || update_credentials.get();

    let save = action(move |input: &ConfigurationInput| {
        let input = input.clone();
        let id = id();
        Box::pin(async move {
            match id {
                Some(id) => api::update_configuration(&id, &input).await,
                None => api::create_configuration(&input).await,
            }
        })
    });
    let navigate_after_save = navigate.clone();
    effect(move || match save.value().get() {
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

    let check = action(move |typed: &Option<CredentialsInput>| {
        let typed = typed.clone();
        let id = id();
        let provider = provider_id.get_untracked();
        Box::pin(async move {
            let result = api::check(id.as_deref(), &provider, typed).await;
            // A check of stored credentials updates the record's status: show it.
            let refreshed = match (&result, &id) {
                (Ok(r), Some(id)) if r.recorded => api::configuration(id).await.ok(),
                _ => None,
            };
            (result, refreshed)
        })
    });
    effect(move || {
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

    let simple = action(move |op: &&'static str| {
        let op = *op;
        let id = id();
        let active = record.get_untracked().is_some_and(|r| r.active);
        Box::pin(async move {
            let Some(id) = id else { return Ok(None) };
            match op {
                "toggle" => api::set_configuration_active(&id, !active).await.map(Some),
                "remove-credentials" => api::remove_credentials(&id).await.map(Some),
                "accept-terms" => api::accept_terms(&id).await.map(Some),
                _ => api::delete_configuration(&id).await.map(|_| None),
            }
        })
    });
    effect(move || match simple.value().get() {
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
                message.set(Some("Correct the highlighted fields.".into()));
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
    let provider_link = move |f: fn(&WebinarConfiguration) -> String, label: &'static str| {
        view! {
            <div class="field">
                <span class="label">{label}</span>
                <div class="input-row">
                    <span class="readonly">{read_only(f)}</span>
                    <a class="globe" target="_blank" rel="noopener noreferrer"
                        href=read_only(f) aria-label=format!("Open {label} in a new tab")>
                        <GlobeIcon />
                    </a>
                </div>
            </div>
        }
    };

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| if id().is_some() {
                    // An existing record still loading: not a new one.
                    "Webinar configuration".into()
                } else {
                    "New webinar configuration".into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label="Webinar configuration">
            <button class="button primary" type="submit" form="configuration-form"
                disabled=move || save.pending().get()>"Save"</button>
            <button class="button" type="button" on:click=on_check
                disabled=move || check.pending().get()>"Check"</button>
            {move || record.get().map(|r| {
                let label = if r.active { "Deactivate" } else { "Activate" };
                view! {
                    <button class="button" type="button" on:click=move |_| { simple.dispatch("toggle"); }>
                        {label}
                    </button>
                }
            })}
            {move || record.get().filter(|r| r.credentials_set).map(|r| view! {
                <button class="button" type="button" on:click=confirm_then(
                    format!("Remove the credentials of “{}”? The webinar integration stops for it.", r.name),
                    "remove-credentials",
                )>"Remove credentials"</button>
            })}
            <span class="grow"></span>
            {move || record.get().map(|r| view! {
                <button class="button danger" type="button" on:click=confirm_then(
                    format!("Delete the webinar configuration “{}”? This cannot be undone.", r.name),
                    "delete",
                )>"Delete"</button>
            })}
        </div>
        {move || check.pending().get().then(|| view! { <p class="banner info">"Checking with the provider…"</p> })}
        {move || check_result.get().map(|r| {
            let class = if r.status == convene_types::configuration::ServiceStatus::Ok { "banner success" } else { "banner error" };
            view! {
                <p class=class role="status" data-testid="check-result">
                    <strong>{r.status.label()}</strong>": "{r.message}
                </p>
            }
        })}
        {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        {move || record.get().filter(|r| !r.active).map(|r| view! {
            <p class="banner info">
                "This configuration is inactive: events cannot select it."
                {(!r.terms_current).then_some(" Accept the provider's terms before activating it.")}
            </p>
        })}
        <nav class="tabs" role="tablist">
            <button type="button" role="tab" class=move || if tab.get() == Tab::General { "tab selected" } else { "tab" }
                aria-selected=move || (tab.get() == Tab::General).to_string()
                on:click=move |_| tab.set(Tab::General)>"General"</button>
            <button type="button" role="tab" class=move || if tab.get() == Tab::Credentials { "tab selected" } else { "tab" }
                aria-selected=move || (tab.get() == Tab::Credentials).to_string()
                on:click=move |_| tab.set(Tab::Credentials)>"Credentials"</button>
        </nav>
        <form id="configuration-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <div hidden=move || tab.get() != Tab::General>
                <TextField name="name" label="Name" value=name errors=errors required=true />
                <div class="field" class:invalid=move || errors.with(|e| error_for(e, "providerId").is_some())>
                    <label for="providerId">"Webinar provider *"</label>
                    <select id="providerId" name="providerId"
                        prop:value=move || provider_id.get()
                        on:change=move |ev| provider_id.set(event_target_value(&ev))>
                        <Transition fallback=|| view! { <option>"Loading…"</option> }>
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
                        <legend>"Troubleshooting (read-only)"</legend>
                        {provider_link(|r| r.terms_of_service_url.clone(), "Terms of service URL")}
                        {provider_link(|r| r.privacy_policy_url.clone(), "Privacy policy URL")}
                        <div class="field">
                            <span class="label">"Provider service status"</span>
                            <span class="readonly" data-testid="service-status">{read_only(|r| r.service_status.label().to_string())}</span>
                        </div>
                        <div class="field">
                            <span class="label">"Message"</span>
                            <span class="readonly" data-testid="status-message">{read_only(|r| r.status_message.clone())}</span>
                        </div>
                    </fieldset>
                })}
            </div>
            <div hidden=move || tab.get() != Tab::Credentials>
                <p class="help">
                    "Credentials are encrypted at rest and never shown again after saving. "
                    {move || record.get().map(|r| if r.credentials_set { "Credentials are set." } else { "No credentials are set." })}
                </p>
                {move || (!creating()).then(|| view! {
                    <fieldset class="field choice">
                        <legend>"Update credentials?"</legend>
                        <label><input type="radio" name="update-credentials"
                            prop:checked=move || update_credentials.get()
                            on:change=move |_| update_credentials.set(true) />" Yes"</label>
                        <label><input type="radio" name="update-credentials"
                            prop:checked=move || !update_credentials.get()
                            on:change=move |_| update_credentials.set(false) />" No"</label>
                    </fieldset>
                })}
                <div hidden=move || !sends_credentials()>
                    <TextField name="credentials.clientId" label="Client ID" value=credentials.client_id errors=errors required=true />
                    <TextField name="credentials.accessTokenKey" label="Access token key" value=credentials.key errors=errors required=true />
                    <TextField name="credentials.accessTokenSecret" label="Access token secret" value=credentials.secret errors=errors input_type="password" required=true />
                </div>
            </div>
            <div class="actions">
                <A href=LIST attr:class="button subtle">"Back to list"</A>
            </div>
        </form>
    }
}
