//! A website table configuration: `/settings/website-table-configurations/new` or `/…/{id}`.
//! Name, table, and the fields the Events API returns for that table: its optional standard
//! fields and its custom fields, as checkboxes. Toolbar: Save, Delete.

use convene_types::FieldError;
use convene_types::custom::{
    CustomField, Entity, WebsiteTableConfiguration, WebsiteTableConfigurationInput,
};
use convene_types::i18n::{Lang, admin_message};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::custom_fields::entity_from_key;
use super::website_table_configurations::LIST;
use crate::api::{self, ApiError};
use crate::components::field::{TextField, error_for};
use crate::components::unsaved;
use crate::i18n::admin::{common, settings};
use crate::i18n::{self, t};

/// How an optional standard field reads in the form, in `lang`.
fn standard_label(lang: Lang, name: &str) -> &str {
    let word = match name {
        "description" => settings::DESCRIPTION,
        "maxCapacity" => settings::MAXIMUM_CAPACITY,
        "showWaitlist" => settings::SHOWS_A_WAITLIST,
        "webinar" => settings::WEBINAR_DETAILS,
        "title" => common::TITLE,
        "biography" => settings::BIOGRAPHY,
        "capacity" => common::CAPACITY,
        other => return other,
    };
    word.get(lang)
}

/// The field errors of the list (`fields`, `fields[i]`), as sentences in `lang`.
fn field_messages(errors: &[FieldError], lang: Lang) -> Vec<String> {
    errors
        .iter()
        .filter(|e| e.field == "fields" || e.field.starts_with("fields["))
        .map(|e| admin_message(&e.message, lang))
        .collect()
}

#[component]
pub fn WebsiteTableConfigurationForm() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let name = RwSignal::new(String::new());
    let entity = RwSignal::new(Entity::Event);
    let fields = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<WebsiteTableConfiguration>);

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |t: WebsiteTableConfiguration| {
        name.set(t.name.clone());
        entity.set(t.entity);
        fields.set(t.fields.clone());
        record.set(Some(t));
    };

    let custom = LocalResource::new(api::custom_fields);
    let custom_list =
        move || -> Vec<CustomField> { custom.get().and_then(Result::ok).unwrap_or_default() };
    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::website_table_configuration(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(Some(t))) => show(t),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let save = Action::new_local(move |input: &WebsiteTableConfigurationInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_website_table_configuration(&id, &input).await,
                None => api::create_website_table_configuration(&input).await,
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            dirty.set(false);
            message.set(None);
            // Untracked: the navigation changes `id`, which must not run this again.
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

    let remove = Action::new_local(move |_: &()| {
        let id = id();
        async move {
            match id {
                Some(id) => api::delete_website_table_configuration(&id).await,
                None => Ok(()),
            }
        }
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
        let input = WebsiteTableConfigurationInput {
            name: name.get_untracked(),
            entity: entity.get_untracked(),
            fields: fields.get_untracked(),
        };
        let custom = custom
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        match input.validate(&custom) {
            Ok(_) => {
                errors.set(vec![]);
                save.dispatch(input);
            }
            Err(found) => {
                errors.set(found);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let on_delete = move |_| {
        let question = settings::delete_table_configuration(i18n::current(), &name.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            message.set(None);
            remove.dispatch(());
        }
    };
    // Another table has other fields: the ticked ones no longer apply.
    let on_entity = move |ev: leptos::ev::Event| {
        if let Some(e) = entity_from_key(&event_target_value(&ev))
            && e != entity.get_untracked()
        {
            entity.set(e);
            fields.set(vec![]);
        }
    };
    let checkbox = move |field: String, text: String| {
        let key = field.clone();
        let toggled = field.clone();
        let id = format!("field-{field}");
        let label_for = id.clone();
        view! {
            <label for=label_for>
                <input type="checkbox" id=id name="fields" value=field.clone()
                    prop:checked=move || fields.with(|f| f.contains(&key))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        fields.update(|f| {
                            f.retain(|x| x != &toggled);
                            if on {
                                f.push(toggled.clone());
                            }
                        });
                    } />
                {text}" "<code>{field}</code>
            </label>
        }
    };
    let field_errors = move || errors.with(|e| field_messages(e, i18n::lang()));

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.name.clone()))
                .unwrap_or_else(|| if id().is_some() {
                    // An existing record still loading: not a new one.
                    settings::TABLE_CONFIGURATION.get(i18n::lang()).into()
                } else {
                    settings::NEW_TABLE_CONFIGURATION.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(settings::TABLE_CONFIGURATION)>
            <button class="button primary" type="submit" form="table-configuration-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            <span class="grow"></span>
            {move || record.get().map(|_| view! {
                <button class="button danger" type="button" on:click=on_delete>{t(common::DELETE)}</button>
            })}
        </div>
        <p class="banner info" data-testid="exposure-note">{t(settings::EXPOSURE_NOTE)}</p>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        <form id="table-configuration-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <TextField name="name" label=common::NAME value=name errors=errors required=true />
            <div class="field" class:invalid=move || errors.with(|e| error_for(e, "entity").is_some())>
                <label for="entity">{t(settings::TABLE)}" *"</label>
                <select id="entity" name="entity" on:change=on_entity>
                    {Entity::ALL.into_iter().map(|e| view! {
                        <option value=e.key() selected=move || entity.get() == e>{t(settings::entity(e))}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field options" class:invalid=move || !field_errors().is_empty()
                aria-describedby="fields-error">
                <legend>{t(settings::FIELDS_RETURNED)}</legend>
                <h3 class="options-group">{t(settings::STANDARD_FIELDS)}</h3>
                {move || {
                    let (e, lang) = (entity.get(), i18n::lang());
                    e.optional_standard_fields()
                        .iter()
                        .map(|f| checkbox(f.to_string(), standard_label(lang, f).to_string()))
                        .collect_view()
                }}
                <h3 class="options-group">{t(common::CUSTOM_FIELDS)}</h3>
                <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                    {move || {
                        let e = entity.get();
                        let mine: Vec<CustomField> =
                            custom_list().into_iter().filter(|c| c.entity == e).collect();
                        if mine.is_empty() {
                            view! {
                                <p class="help">
                                    {settings::no_custom_fields_yet(i18n::lang(), e)}
                                    <A href="/settings/custom-fields">{t(common::CUSTOM_FIELDS)}</A>"."
                                </p>
                            }.into_any()
                        } else {
                            mine.into_iter().map(|c| checkbox(c.name, c.label)).collect_view().into_any()
                        }
                    }}
                </Transition>
                <ul class="field-error list" id="fields-error" role="alert">
                    {move || field_errors().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </fieldset>
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
    }
}
