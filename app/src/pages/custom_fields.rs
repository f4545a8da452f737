//! Settings › Event management › Custom fields: the extra values events, sessions, speakers
//! and passes carry. One page: the list (filtered by table, searched, sorted, paged here, as
//! the API returns every field), and above it the form to create a field or to change a
//! field's label and choices (its table, name and type are fixed once created).

use convene_types::FieldError;
use convene_types::custom::{CustomField, CustomFieldInput, Entity, FieldType};
use convene_types::list::{self, ListQuery, Page};
use convene_types::text;
use convene_types::validate::name_key;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError, ApiResult};
use crate::components::field::{TextAreaField, TextField, error_for};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::i18n::admin::{common, settings};
use crate::i18n::{self, t};

/// The JSON name of a field type, used as the option value.
pub fn type_key(field_type: FieldType) -> &'static str {
    match field_type {
        FieldType::Text => "text",
        FieldType::Number => "number",
        FieldType::Boolean => "boolean",
        FieldType::SingleChoice => "single_choice",
        FieldType::Date => "date",
    }
}

pub fn entity_from_key(key: &str) -> Option<Entity> {
    Entity::ALL.into_iter().find(|e| e.key() == key)
}

fn type_from_key(key: &str) -> Option<FieldType> {
    FieldType::ALL.into_iter().find(|t| type_key(*t) == key)
}

/// Choices typed one per line.
fn choice_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The page of `fields` that `query` asks for, of one table or all: searched by name and
/// label; sorted by table then name (`entity`), by name, or by label.
fn page_of(
    fields: Vec<CustomField>,
    table: Option<Entity>,
    query: &ListQuery,
) -> Page<CustomField> {
    let mut found: Vec<CustomField> = fields
        .into_iter()
        .filter(|f| table.is_none_or(|t| f.entity == t))
        .filter(|f| query.matches(&[&f.name, &f.label]))
        .collect();
    match query.sort.as_str() {
        "name" => list::sort_by_key(&mut found, |f| (text::lowercase(&f.name), f.entity)),
        "label" => list::sort_by_key(&mut found, |f| (name_key(&f.label), f.entity)),
        _ => list::sort_by_key(&mut found, |f| (f.entity, text::lowercase(&f.name))),
    }
    if query.desc {
        found.reverse();
    }
    Page::of(found, query)
}

/// What the form above the list does.
#[derive(Clone, PartialEq)]
enum Editor {
    Closed,
    Create,
    Edit(CustomField),
}

#[component]
pub fn CustomFields() -> impl IntoView {
    let list = ListState::new("entity");
    let table = RwSignal::new(None::<Entity>);
    let message = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let editor = RwSignal::new(Editor::Closed);

    // The form's values.
    let entity = RwSignal::new(Entity::Event);
    let name = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let field_type = RwSignal::new(FieldType::Text);
    let choices = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };

    let save = Action::new_local(move |(id, input): &(Option<String>, CustomFieldInput)| {
        let (id, input) = (id.clone(), input.clone());
        async move {
            match id {
                Some(id) => api::update_custom_field(&id, &input).await,
                None => api::create_custom_field(&input).await,
            }
        }
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_custom_field(&id).await }
    });
    let fields = LocalResource::new(move || {
        save.version().get();
        remove.version().get();
        async move { api::custom_fields().await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            let lang = i18n::current();
            notice.set(Some(if editor.get_untracked() == Editor::Create {
                settings::custom_field_created(lang, saved.entity, &saved.name)
            } else {
                settings::custom_field_saved(lang, saved.entity, &saved.name)
            }));
            editor.set(Editor::Closed);
        }
        Some(Err(e)) => fail(e),
        None => {}
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => notice.set(Some(
            settings::CUSTOM_FIELD_DELETED.get(i18n::current()).into(),
        )),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let start = move || {
        message.set(None);
        notice.set(None);
        errors.set(vec![]);
    };
    let open = move |target: Editor| {
        start();
        match &target {
            Editor::Edit(f) => {
                entity.set(f.entity);
                name.set(f.name.clone());
                label.set(f.label.clone());
                field_type.set(f.field_type);
                choices.set(f.choices.join("\n"));
            }
            _ => {
                entity.set(table.get_untracked().unwrap_or_default());
                name.set(String::new());
                label.set(String::new());
                field_type.set(FieldType::Text);
                choices.set(String::new());
            }
        }
        editor.set(target);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start();
        let editing = match editor.get_untracked() {
            Editor::Edit(f) => Some(f.id),
            _ => None,
        };
        let input = CustomFieldInput {
            entity: entity.get_untracked(),
            name: name.get_untracked(),
            label: label.get_untracked(),
            field_type: field_type.get_untracked(),
            choices: choice_lines(&choices.get_untracked()),
        };
        let existing = fields
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        match input.validate(&existing, editing.as_deref()) {
            Ok(_) => {
                save.dispatch((editing, input));
            }
            Err(found) => {
                errors.set(found);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let on_delete = move |f: CustomField| {
        let question = settings::delete_custom_field(i18n::current(), f.entity, &f.label, &f.name);
        if window().confirm_with_message(&question).unwrap_or(false) {
            start();
            if editor.get_untracked() == Editor::Edit(f.clone()) {
                editor.set(Editor::Closed);
            }
            remove.dispatch(f.id);
        }
    };

    let editing = move || matches!(editor.get(), Editor::Edit(_));
    let form = move || {
        let heading = match editor.get() {
            Editor::Closed => return None,
            Editor::Create => settings::NEW_CUSTOM_FIELD.get(i18n::lang()).to_string(),
            Editor::Edit(f) => settings::edit_custom_field(i18n::lang(), f.entity, &f.name),
        };
        Some(view! {
            <form class="card form subform" on:submit=on_submit novalidate data-testid="custom-field-form">
                <h2>{heading}</h2>
                {move || if editing() {
                    view! {
                        <dl class="details">
                            <dt>{t(settings::TABLE)}</dt>
                            <dd>{move || settings::entity(entity.get()).get(i18n::lang())}</dd>
                            <dt>{t(settings::API_NAME)}</dt><dd><code>{move || name.get()}</code></dd>
                            <dt>{t(common::TYPE)}</dt>
                            <dd>{move || settings::field_type(field_type.get()).get(i18n::lang())}</dd>
                        </dl>
                        <p class="help">{t(settings::FIXED_ONCE_CREATED)}</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="field" class:invalid=move || errors.with(|e| error_for(e, "entity").is_some())>
                            <label for="entity">{t(settings::TABLE)}" *"</label>
                            <select id="entity" name="entity"
                                on:change=move |ev| {
                                    if let Some(e) = entity_from_key(&event_target_value(&ev)) {
                                        entity.set(e);
                                    }
                                }>
                                {Entity::ALL.into_iter().map(|e| view! {
                                    <option value=e.key() selected=move || entity.get() == e>{t(settings::entity(e))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <TextField name="name" label=settings::API_NAME value=name errors=errors required=true
                            help=settings::API_NAME_HELP />
                    }.into_any()
                }}
                <TextField name="label" label=settings::LABEL value=label errors=errors required=true />
                {move || (!editing()).then(|| view! {
                    <div class="field">
                        <label for="fieldType">{t(common::TYPE)}" *"</label>
                        <select id="fieldType" name="fieldType"
                            on:change=move |ev| {
                                if let Some(t) = type_from_key(&event_target_value(&ev)) {
                                    field_type.set(t);
                                }
                            }>
                            {FieldType::ALL.into_iter().map(|kind| view! {
                                <option value=type_key(kind) selected=move || field_type.get() == kind>
                                    {t(settings::field_type(kind))}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                {move || (field_type.get() == FieldType::SingleChoice).then(|| view! {
                    <TextAreaField name="choices" label=settings::CHOICES value=choices errors=errors
                        help=settings::ONE_CHOICE_PER_LINE />
                })}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || save.pending().get()>
                        {move || (if editing() { common::SAVE } else { settings::CREATE }).get(i18n::lang())}
                    </button>
                    <button class="button subtle" type="button" on:click=move |_| {
                        start();
                        editor.set(Editor::Closed);
                    }>{t(common::CANCEL)}</button>
                </div>
            </form>
        })
    };

    view! {
        <div class="page-header">
            <h1>{t(common::CUSTOM_FIELDS)}</h1>
            <button class="button primary" type="button" on:click=move |_| open(Editor::Create)>
                {t(settings::NEW_CUSTOM_FIELD)}
            </button>
        </div>
        <p class="banner info">
            {t(settings::CUSTOM_FIELDS_INTRO)}
            <A href="/settings/website-table-configurations">{t(settings::A_TABLE_CONFIGURATION)}</A>
            {t(settings::LISTS_IT)}
        </p>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        {move || notice.get().map(|m| view! {
            <p class="banner success" role="status" data-testid="action-notice">{m}</p>
        })}
        {form}
        <div class="toolbar filters">
            <label>
                {t(settings::TABLE)}" "
                <select aria-label=t(settings::TABLE) data-testid="table-filter" on:change=move |ev| {
                    table.set(entity_from_key(&event_target_value(&ev)));
                    list.page.set(1);
                }>
                    <option value="" selected=move || table.get().is_none()>{t(settings::ALL_TABLES)}</option>
                    {Entity::ALL.into_iter().map(|e| view! {
                        <option value=e.key() selected=move || table.get() == Some(e)>{t(settings::entity(e))}</option>
                    }).collect_view()}
                </select>
            </label>
            <SearchBox list=list label=settings::SEARCH_CUSTOM_FIELDS />
        </div>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || fields.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(all) => {
                    let found = page_of(all, table.get(), &list.list_query());
                    if found.items.is_empty() {
                        return view! { <p class="muted">{t(settings::NO_CUSTOM_FIELDS)}</p> }.into_any();
                    }
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="entity" label=settings::TABLE /></th>
                                    <th><SortButton list=list key="name" label=settings::API_NAME /></th>
                                    <th><SortButton list=list key="label" label=settings::LABEL /></th>
                                    <th>{t(common::TYPE)}</th>
                                    <th>{t(settings::CHOICES)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|f| view! {
                                    <Row field=f open=open on_delete=on_delete remove=remove />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=list.page noun=settings::CUSTOM_FIELDS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    field: CustomField,
    open: impl Fn(Editor) + Copy + 'static,
    on_delete: impl Fn(CustomField) + Copy + 'static,
    remove: Action<String, ApiResult<()>>,
) -> impl IntoView {
    let edit = field.clone();
    let delete = field.clone();
    let choices = if field.choices.is_empty() {
        "—".to_string()
    } else {
        field.choices.join(", ")
    };
    view! {
        <tr>
            <td>{t(settings::entity(field.entity))}</td>
            <td><code>{field.name}</code></td>
            <td>{field.label}</td>
            <td>{t(settings::field_type(field.field_type))}</td>
            <td>{choices}</td>
            <td class="row-actions">
                <button class="button subtle" type="button" on:click=move |_| open(Editor::Edit(edit.clone()))>
                    {t(common::EDIT)}
                </button>
                <button class="button subtle danger" type="button"
                    disabled=move || remove.pending().get()
                    on:click=move |_| on_delete(delete.clone())>{t(common::DELETE)}</button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_the_json_names() {
        for t in FieldType::ALL {
            assert_eq!(type_from_key(type_key(t)), Some(t));
            assert_eq!(
                serde_json::to_value(t)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string)),
                Some(type_key(t).to_string())
            );
        }
        for e in Entity::ALL {
            assert_eq!(entity_from_key(e.key()), Some(e));
        }
        assert_eq!(entity_from_key(""), None);
    }

    #[test]
    fn choices_are_the_non_empty_lines() {
        assert_eq!(choice_lines(" Gold \n\nSilver\n"), ["Gold", "Silver"]);
    }
}
