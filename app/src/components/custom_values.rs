//! The custom values of one record (Settings › Custom fields): one input per field of its
//! table, by type, with the inline errors the API names `customFields.<name>`.
//!
//! While typing, values are kept as typed (a number as its text); [`prepare`] turns them into
//! what the API takes, checked with the same rules as the server.

use convene_types::FieldError;
use convene_types::custom::{self, CustomField, CustomValues, Entity, FieldType};
use convene_types::i18n::Lang;
use convene_types::validate::number_from_text;
use leptos::prelude::*;
use serde_json::Value;

use super::field::error_for;
use crate::api::{self, ApiResult};
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};

/// Every custom field definition, loaded once for a page.
pub type Definitions = LocalResource<ApiResult<Vec<CustomField>>>;

pub fn definitions() -> Definitions {
    LocalResource::new(|| async { api::custom_fields().await })
}

/// The fields of `entity`, once loaded (tracked).
pub fn loaded(definitions: Definitions, entity: Entity) -> Option<Vec<CustomField>> {
    definitions.with(|d| match d {
        Some(Ok(all)) => Some(of_entity(all, entity)),
        _ => None,
    })
}

/// The fields of `entity`; none until loaded (tracked).
pub fn fields_of(definitions: Definitions, entity: Entity) -> Vec<CustomField> {
    loaded(definitions, entity).unwrap_or_default()
}

fn of_entity(all: &[CustomField], entity: Entity) -> Vec<CustomField> {
    all.iter().filter(|f| f.entity == entity).cloned().collect()
}

/// The values to send: those of `entity`'s fields in their JSON types, empty ones left out,
/// values of fields deleted since dropped (the API would refuse them). Errors are named
/// `customFields.<name>`. Without the definitions (not loaded), the values go as they are and
/// the server judges them.
pub fn prepare(
    definitions: Definitions,
    entity: Entity,
    values: &CustomValues,
) -> Result<CustomValues, Vec<FieldError>> {
    let fields = definitions.with_untracked(|d| match d {
        Some(Ok(all)) => Some(of_entity(all, entity)),
        _ => None,
    });
    let Some(fields) = fields else {
        return Ok(values
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect());
    };
    let mut typed = CustomValues::new();
    for (name, raw) in values {
        let Some(field) = fields.iter().find(|f| &f.name == name) else {
            continue;
        };
        let value = match (field.field_type, raw) {
            (FieldType::Number, Value::String(text)) => number_from_text(text),
            (_, Value::String(text)) if text.trim().is_empty() => Value::Null,
            _ => raw.clone(),
        };
        if !value.is_null() {
            typed.insert(name.clone(), value);
        }
    }
    custom::validate_values(&fields, entity, &typed)
}

/// A value as a list or an input shows it, in `lang`.
pub fn show(lang: Lang, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => words::yes_no(*b).get(lang).into(),
        other => other.to_string(),
    }
}

/// "Label: value" for each value set, in the fields' order, in `lang`.
pub fn summary(lang: Lang, fields: &[CustomField], values: &CustomValues) -> Vec<(String, String)> {
    fields
        .iter()
        .filter_map(|f| {
            let shown = show(lang, values.get(&f.name)?);
            (!shown.is_empty()).then(|| (f.label.clone(), shown))
        })
        .collect()
}

/// A table cell listing a record's custom values.
#[component]
pub fn CustomSummary(fields: Vec<CustomField>, values: CustomValues) -> impl IntoView {
    view! {
        <ul class="plain-list compact">
            {move || {
                let lang = i18n::lang();
                summary(lang, &fields, &values).into_iter().map(|(label, value)| view! {
                    <li><span class="muted">{words::before_colon(lang, &label)}</span>{value}</li>
                }).collect_view()
            }}
        </ul>
    }
}

/// The inputs of `fields` (one table's), under a "Custom fields" heading; nothing when the
/// table has none.
#[component]
pub fn CustomValueFields(
    #[prop(into)] fields: Signal<Vec<CustomField>>,
    values: RwSignal<CustomValues>,
    errors: RwSignal<Vec<FieldError>>,
    /// Starts the inputs' ids, distinct per form on a page (`event`, `session`, …).
    id_prefix: &'static str,
) -> impl IntoView {
    move || {
        let list = fields.get();
        (!list.is_empty()).then(|| {
            view! {
                <fieldset class="custom-values">
                    <legend>{t(common::CUSTOM_FIELDS)}</legend>
                    {list.into_iter().map(|field| view! {
                        <CustomValueField field=field values=values errors=errors id_prefix=id_prefix />
                    }).collect_view()}
                </fieldset>
            }
        })
    }
}

#[component]
fn CustomValueField(
    field: CustomField,
    values: RwSignal<CustomValues>,
    errors: RwSignal<Vec<FieldError>>,
    id_prefix: &'static str,
) -> impl IntoView {
    let name = StoredValue::new(field.name.clone());
    let id = format!("{id_prefix}-custom-{}", field.name);
    let error_id = format!("{id}-error");
    let key = format!("customFields.{}", field.name);
    let error = move || errors.with(|e| error_for(e, &key));
    let invalid = error.clone();
    let set = move |value: Option<Value>| {
        let name = name.get_value();
        values.update(|m| match value {
            Some(v) => {
                m.insert(name, v);
            }
            None => {
                m.remove(&name);
            }
        });
    };
    let text = move || {
        name.with_value(|n| {
            values.with(|m| m.get(n).map(|v| show(i18n::lang(), v)).unwrap_or_default())
        })
    };
    let label = field.label.clone();

    let control = match field.field_type {
        FieldType::Boolean => view! {
            <label>
                <input
                    type="checkbox"
                    id=id.clone()
                    name=name.get_value()
                    prop:checked=move || name.with_value(|n| values.with(|m| m.get(n) == Some(&Value::Bool(true))))
                    on:change=move |ev| set(Some(Value::Bool(event_target_checked(&ev))))
                    aria-describedby=error_id.clone()
                />
                " "{label}
            </label>
        }
        .into_any(),
        FieldType::SingleChoice => {
            let choices = field.choices.clone();
            view! {
                <label for=id.clone()>{label}</label>
                <select
                    id=id.clone()
                    name=name.get_value()
                    prop:value=text
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        set((!chosen.is_empty()).then_some(Value::String(chosen)));
                    }
                    aria-describedby=error_id.clone()
                >
                    <option value="">"—"</option>
                    {choices.into_iter().map(|c| {
                        let (value, current) = (c.clone(), c.clone());
                        view! {
                            <option value=value selected=move || text() == current>{c}</option>
                        }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        other => {
            let (input_type, inputmode) = match other {
                FieldType::Date => ("date", None),
                FieldType::Number => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <label for=id.clone()>{label}</label>
                <input
                    id=id.clone()
                    name=name.get_value()
                    type=input_type
                    inputmode=inputmode
                    prop:value=text
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        set((!typed.is_empty()).then_some(Value::String(typed)));
                    }
                    aria-invalid=move || invalid().is_some().to_string()
                    aria-describedby=error_id.clone()
                />
            }
            .into_any()
        }
    };
    let check = field.field_type == FieldType::Boolean;
    let error_id = format!("{id}-error");
    let marked = error.clone();
    view! {
        <div class="field" class:check=check class:invalid=move || marked().is_some()>
            {control}
            <p class="field-error" id=error_id role="alert">{error}</p>
        </div>
    }
}
