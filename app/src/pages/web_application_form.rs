//! A web application: `/settings/web-applications/new` or `/…/{id}`. Name and allowed
//! origins (one per line). Toolbar: Save, Rotate token, Deactivate/Activate, Delete.
//!
//! A token is issued on create and on rotate. It is shown once, in a panel, and kept only in
//! this page's signals (and cleared from the actions' values): leaving the page, dismissing
//! the panel or opening another application forgets it. Convene stores only its hash.

use convene_types::FieldError;
use convene_types::i18n::{Lang, admin_message};
use convene_types::webapp::{IssuedToken, WebApplication, WebApplicationInput};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::web_applications::{LIST, token_hint};
use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::secret_panel::{SecretPanel, SecretWords};
use crate::components::unsaved;
use crate::display::timestamp;
use crate::i18n::admin::{common, settings};
use crate::i18n::{self, t};

const ORIGINS: &str = "allowedOrigins";

/// The non-empty lines of the origins text, trimmed, with their 1-based line numbers. The
/// input's `allowedOrigins[i]` is the `i`-th of these.
fn origin_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim().to_string()))
        .filter(|(_, line)| !line.is_empty())
        .collect()
}

/// The origin errors as sentences in `lang`: the list's own, then each `allowedOrigins[i]`
/// named by its line in the text box.
fn origin_messages(errors: &[FieldError], lines: &[(usize, String)], lang: Lang) -> Vec<String> {
    errors
        .iter()
        .filter_map(|e| {
            let message = admin_message(&e.message, lang);
            if e.field == ORIGINS {
                return Some(settings::origins_error(lang, &message));
            }
            let index = e
                .field
                .strip_prefix("allowedOrigins[")?
                .strip_suffix(']')?
                .parse::<usize>()
                .ok()?;
            Some(match lines.get(index) {
                Some((line, value)) => settings::origin_line_error(lang, *line, value, &message),
                None => settings::origin_error(lang, index + 1, &message),
            })
        })
        .collect()
}

#[derive(Clone)]
enum Saved {
    Created(IssuedToken),
    Updated(WebApplication),
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Toggle,
    Delete,
}

#[component]
pub fn WebApplicationForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let name = RwSignal::new(String::new());
    let origins = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    // The lines the errors' indices refer to: those of the last submission.
    let submitted = RwSignal::new(Vec::<(usize, String)>::new());
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<WebApplication>);
    let issued = RwSignal::new(None::<IssuedToken>);

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |app: WebApplication| {
        name.set(app.name.clone());
        origins.set(app.allowed_origins.join("\n"));
        record.set(Some(app));
    };

    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::web_application(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(app))) => show(app),
        Some(Ok(None)) => {
            record.set(None);
            name.set(String::new());
            origins.set(String::new());
        }
        Some(Err(e)) => fail(e),
        None => {}
    });
    // A token belongs to the application it was issued for: another address forgets it.
    Effect::new(move |_| {
        let current = id();
        let other = issued.with_untracked(|t| {
            t.as_ref()
                .is_some_and(|t| Some(&t.application.id) != current.as_ref())
        });
        if other {
            issued.set(None);
        }
    });

    let save = Action::new_local(move |input: &WebApplicationInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_web_application(&id, &input)
                    .await
                    .map(Saved::Updated),
                None => api::create_web_application(&input)
                    .await
                    .map(Saved::Created),
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(Saved::Created(token))) => {
            dirty.set(false);
            message.set(None);
            save.value().set(None);
            let path = format!("{LIST}/{}", token.application.id);
            show(token.application.clone());
            issued.set(Some(token));
            navigate_after_save(&path, Default::default());
        }
        Some(Ok(Saved::Updated(app))) => {
            dirty.set(false);
            message.set(None);
            saved_note.set(true);
            show(app);
        }
        Some(Err(e)) => fail(e),
        None => {}
    });

    let rotate = Action::new_local(move |_: &()| {
        let id = id();
        async move {
            match id {
                Some(id) => api::rotate_web_application_token(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match rotate.value().get() {
        Some(Ok(Some(token))) => {
            rotate.value().set(None);
            show(token.application.clone());
            issued.set(Some(token));
        }
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let simple = Action::new_local(move |op: &Op| {
        let op = *op;
        let id = id();
        let active = record.get_untracked().is_some_and(|r| r.active);
        async move {
            let Some(id) = id else { return Ok(None) };
            match op {
                Op::Toggle => api::set_web_application_active(&id, !active)
                    .await
                    .map(Some),
                Op::Delete => api::delete_web_application(&id).await.map(|_| None),
            }
        }
    });
    Effect::new(move |_| match simple.value().get() {
        Some(Ok(Some(app))) => show(app),
        Some(Ok(None)) => navigate(LIST, Default::default()),
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
        let lines = origin_lines(&origins.get_untracked());
        let input = WebApplicationInput {
            name: name.get_untracked(),
            allowed_origins: lines.iter().map(|(_, o)| o.clone()).collect(),
        };
        submitted.set(lines);
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
    let on_rotate = move |_| {
        let question = settings::rotate_token(i18n::current(), &name.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            start();
            rotate.dispatch(());
        }
    };
    let on_toggle = move |_| {
        start();
        simple.dispatch(Op::Toggle);
    };
    let on_delete = move |_| {
        let question = settings::delete_web_application(i18n::current(), &name.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            start();
            simple.dispatch(Op::Delete);
        }
    };

    let origin_errors =
        move || errors.with(|e| submitted.with(|l| origin_messages(e, l, i18n::lang())));

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| if id().is_some() {
                    // An existing record still loading: not a new one.
                    settings::WEB_APPLICATION.get(i18n::lang()).into()
                } else {
                    settings::NEW_WEB_APPLICATION.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(settings::WEB_APPLICATION)>
            <button class="button primary" type="submit" form="web-application-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            {move || record.get().map(|r| view! {
                <button class="button" type="button" on:click=on_rotate
                    disabled=move || rotate.pending().get()>{t(settings::ROTATE_TOKEN)}</button>
                <button class="button" type="button" on:click=on_toggle
                    disabled=move || simple.pending().get()>
                    {t(if r.active { common::DEACTIVATE } else { common::ACTIVATE })}
                </button>
                <span class="grow"></span>
                <button class="button danger" type="button" on:click=on_delete>{t(common::DELETE)}</button>
            })}
        </div>
        {move || issued.get().map(|t| view! {
            <TokenPanel token=t.token endpoint=t.endpoint dismiss=Callback::new(move |_| issued.set(None)) />
        })}
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        {move || record.get().filter(|r| !r.active).map(|_| view! {
            <p class="banner warning" data-testid="inactive-note">
                {t(settings::WEB_APPLICATION_INACTIVE_NOTE)}
            </p>
        })}
        <form id="web-application-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <TextField name="name" label=common::NAME value=name errors=errors required=true />
            <div class="field" class:invalid=move || !origin_errors().is_empty()>
                <label for=ORIGINS>{t(settings::ALLOWED_ORIGINS)}" *"</label>
                <textarea
                    id=ORIGINS
                    name=ORIGINS
                    rows=4
                    spellcheck="false"
                    placeholder="https://events.example.com"
                    prop:value=move || origins.get()
                    on:input=move |ev| origins.set(event_target_value(&ev))
                    aria-invalid=move || (!origin_errors().is_empty()).to_string()
                    aria-describedby="allowedOrigins-help allowedOrigins-error"
                ></textarea>
                <p class="help" id="allowedOrigins-help">{t(settings::ALLOWED_ORIGINS_HELP)}</p>
                <ul class="field-error list" id="allowedOrigins-error" role="alert" data-testid="origin-errors">
                    {move || origin_errors().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
            {move || record.get().map(|r| view! {
                <dl class="details">
                    <dt>{t(settings::STATE)}</dt>
                    <dd data-testid="application-state">
                        {t(if r.active { settings::APPLICATION_ACTIVE } else { settings::APPLICATION_INACTIVE })}
                    </dd>
                    <dt>{t(settings::CURRENT_TOKEN)}</dt>
                    <dd><code data-testid="token-hint">{token_hint(&r.token_hint)}</code></dd>
                    <dt>{t(settings::TOKEN_ISSUED)}</dt>
                    <dd>{timestamp(i18n::lang(), &r.token_issued_at)}</dd>
                </dl>
            })}
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
    }
}

/// How the token panel speaks of the token.
const TOKEN_WORDS: SecretWords = SecretWords {
    title: settings::APPLICATION_TOKEN,
    copy_now: settings::COPY_TOKEN_NOW,
    kept: settings::TOKEN_HASH_ONLY,
    copy_refused: settings::COPY_REFUSED,
    stored: settings::TOKEN_STORED,
};

/// The token just issued, with the endpoint to call and an example address.
#[component]
fn TokenPanel(token: String, endpoint: String, dismiss: Callback<()>) -> impl IntoView {
    let address = format!("{endpoint}events/published?emApplicationtoken=");
    let example = move || format!("{address}{}", settings::TOKEN_PLACEHOLDER.get(i18n::lang()));
    view! {
        <SecretPanel words=TOKEN_WORDS secret=token testid="issued-token" dismiss=dismiss>
            <dl class="details">
                <dt>{t(settings::EVENTS_API_ENDPOINT)}</dt>
                <dd><code data-testid="token-endpoint">{endpoint}</code></dd>
                <dt>{t(settings::EXAMPLE)}</dt>
                <dd><code>{example}</code></dd>
            </dl>
        </SecretPanel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_errors_name_the_line_of_the_text_box() {
        let text = "https://ok.example\n\n  https://bad.example/  \nhttp://x.example";
        let lines = origin_lines(text);
        assert_eq!(lines.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 3, 4]);
        let input = WebApplicationInput {
            name: "Site".into(),
            allowed_origins: lines.iter().map(|(_, o)| o.clone()).collect(),
        };
        let errors = input.validate().expect_err("two bad origins");
        let messages = origin_messages(&errors, &lines, Lang::En);
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("Line 3 (“https://bad.example/”) must be"));
        assert!(messages[1].starts_with("Line 4 (“http://x.example”) must use https"));
        let french = origin_messages(&errors, &lines, Lang::Fr);
        assert!(french[0].starts_with("Ligne 3 (« https://bad.example/ ») : "));
        assert!(french[1].starts_with("Ligne 4 (« http://x.example ») : "));
        let none = WebApplicationInput {
            name: "Site".into(),
            allowed_origins: vec![],
        };
        let errors = none.validate().expect_err("no origin");
        assert_eq!(
            origin_messages(&errors, &[], Lang::En),
            ["Allowed origins needs at least one origin."]
        );
        assert!(origin_messages(&errors, &[], Lang::Fr)[0].starts_with("Origines autorisées : "));
    }
}
