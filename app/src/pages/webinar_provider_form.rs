//! A webinar provider's form: `/settings/webinar-providers/new` or `/…/{id}`.

use convene_types::FieldError;
use convene_types::provider::{ProviderInput, WebinarProvider};
use convene_types::validate::number_from_text;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiResult};
use crate::components::field::TextField;
use crate::components::unsaved;
use crate::i18n::admin::{common, webinars};
use crate::i18n::{self, t};

const LIST: &str = "/settings/webinar-providers";

/// The form's fields as typed.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    base_service_url: RwSignal<String>,
    max_duration: RwSignal<String>,
    terms: RwSignal<String>,
    privacy: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            name: RwSignal::new(String::new()),
            base_service_url: RwSignal::new(String::new()),
            max_duration: RwSignal::new(String::new()),
            terms: RwSignal::new(String::new()),
            privacy: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, p: &WebinarProvider) {
        self.name.set(p.name.clone());
        self.base_service_url.set(p.base_service_url.clone());
        self.max_duration.set(p.max_duration_minutes.to_string());
        self.terms.set(p.terms_of_service_url.clone());
        self.privacy.set(p.privacy_policy_url.clone());
    }

    fn input(&self) -> ProviderInput {
        ProviderInput {
            name: self.name.get_untracked(),
            base_service_url: self.base_service_url.get_untracked(),
            max_duration_minutes: number_from_text(&self.max_duration.get_untracked()),
            terms_of_service_url: self.terms.get_untracked(),
            privacy_policy_url: self.privacy.get_untracked(),
        }
    }
}

#[component]
pub fn WebinarProviderForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let fields = Fields::new();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    // Unknown until the record is loaded: Delete shows only for a loaded, non-built-in one.
    let built_in = RwSignal::new(None::<bool>);
    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::provider(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(provider))) => {
            fields.fill(&provider);
            built_in.set(Some(provider.built_in));
        }
        Some(Err(e)) => message.set(Some(e.message())),
        _ => {}
    });

    let save = Action::new_local(move |input: &ProviderInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_provider(&id, &input).await,
                None => api::create_provider(&input).await,
            }
        }
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_provider(&id).await }
    });

    let after = {
        let navigate = navigate.clone();
        move |result: ApiResult<()>| match result {
            Ok(()) => navigate(LIST, Default::default()),
            Err(e) => {
                errors.set(e.fields());
                message.set(Some(e.message()));
            }
        }
    };
    let after_save = after.clone();
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            if result.is_ok() {
                dirty.set(false);
            }
            after_save(result.map(|_| ()));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = remove.value().get() {
            after(result);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let input = fields.input();
        // The same rules the worker applies; its answer (uniqueness) still counts.
        match input.validate() {
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
    let on_delete = move |_| {
        let Some(id) = id() else { return };
        let name = fields.name.get_untracked();
        let question = webinars::delete_provider_question(i18n::current(), &name);
        let confirmed = window().confirm_with_message(&question).unwrap_or(false);
        if confirmed {
            remove.dispatch(id);
        }
    };

    view! {
        <div class="page-header">
            <h1>{move || {
                let word = if id().is_some() { webinars::WEBINAR_PROVIDER } else { webinars::NEW_WEBINAR_PROVIDER };
                word.get(i18n::lang())
            }}</h1>
        </div>
        <p class="banner info">{t(webinars::PROVIDER_FORM_INFO)}</p>
        <form class="card form" on:submit=on_submit novalidate on:input=move |_| dirty.set(true)>
            <TextField name="name" label=common::NAME value=fields.name errors=errors required=true />
            <TextField
                name="baseServiceUrl"
                label=webinars::BASE_SERVICE_URL
                value=fields.base_service_url
                errors=errors
                input_type="url"
                help=webinars::BASE_SERVICE_URL_HELP
            />
            <TextField
                name="maxDurationMinutes"
                label=webinars::MAX_DURATION
                value=fields.max_duration
                errors=errors
                input_type="text"
                required=true
                help=webinars::MAX_DURATION_HELP
            />
            <TextField
                name="termsOfServiceUrl"
                label=webinars::TERMS_OF_SERVICE
                value=fields.terms
                errors=errors
                input_type="url"
                required=true
                globe=true
            />
            <TextField
                name="privacyPolicyUrl"
                label=webinars::PRIVACY_POLICY
                value=fields.privacy
                errors=errors
                input_type="url"
                required=true
                globe=true
            />
            {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
            <div class="actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>
                    {t(common::SAVE)}
                </button>
                <A href=LIST attr:class="button subtle">{t(common::CANCEL)}</A>
                <span class="grow"></span>
                {move || (id().is_some() && built_in.get() == Some(false)).then(|| view! {
                    <button class="button danger" type="button" on:click=on_delete>{t(common::DELETE)}</button>
                })}
            </div>
        </form>
    }
}
