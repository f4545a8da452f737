//! The Passes section of an event's page (`/events/{id}`): the table and the add / edit form.

use convene_types::catalog::{Pass, PassInput};
use convene_types::custom::{CustomValues, Entity};
use convene_types::i18n::Lang;
use convene_types::validate::number_from_text;
use leptos::prelude::*;

use crate::components::custom_values::{
    CustomSummary, CustomValueFields, Definitions, fields_of, prepare,
};
use crate::components::event_items::{ItemSection, form_actions, row_actions};
use crate::components::field::TextField;
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};

/// A pass's capacity as lists show it.
pub fn capacity_label(lang: Lang, capacity: Option<u32>) -> String {
    capacity.map_or_else(|| common::UNLIMITED.get(lang).into(), |c| c.to_string())
}

#[component]
pub fn EventPasses(event_id: String, custom_fields: Definitions) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let custom = RwSignal::new(CustomValues::new());
    let section = ItemSection::<Pass>::new(
        event_id,
        words::CORRECT_PASS_FIELDS,
        move |p: Option<Pass>| {
            let p = p.as_ref();
            name.set(p.map(|p| p.name.clone()).unwrap_or_default());
            capacity.set(
                p.and_then(|p| p.capacity)
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            );
            custom.set(p.map(|p| p.custom_fields.clone()).unwrap_or_default());
        },
    );
    let errors = section.errors;
    let fields = Signal::derive(move || fields_of(custom_fields, Entity::Pass));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = PassInput {
            name: name.get_untracked(),
            capacity: number_from_text(&capacity.get_untracked()),
            custom_fields: CustomValues::new(),
        };
        let mut found = input.validate().err().unwrap_or_default();
        match custom.with_untracked(|c| prepare(custom_fields, Entity::Pass, c)) {
            Ok(values) => input.custom_fields = values,
            Err(e) => found.extend(e),
        }
        section.submit(input, found);
    };

    let rows = move |list: Vec<Pass>| {
        let fields = fields.get();
        list.into_iter()
            .map(|p| {
                let name = p.name.clone();
                let question = move |lang| words::delete_pass_question(lang, &name);
                let custom = (!fields.is_empty()).then(|| {
                    view! { <td><CustomSummary fields=fields.clone() values=p.custom_fields.clone() /></td> }
                });
                view! {
                    <tr>
                        <td>{p.name.clone()}</td>
                        <td class="num">{move || capacity_label(i18n::lang(), p.capacity)}</td>
                        {custom}
                        {row_actions(section, p.clone(), question)}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="passes-heading">
            <h2 id="passes-heading">{t(words::PASSES)}</h2>
            <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                {move || section.items.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">{t(words::NO_PASSES)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="passes-table">
                            <thead>
                                <tr>
                                    <th>{t(common::NAME)}</th>
                                    <th>{t(common::CAPACITY)}</th>
                                    {move || (!fields.get().is_empty()).then(|| view! {
                                        <th>{t(common::CUSTOM_FIELDS)}</th>
                                    })}
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(list)}</tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Transition>
            {section.writable.then(|| view! {
                <form class="card form subform" on:submit=on_submit novalidate data-testid="pass-form">
                    <h3>{move || section.editing.with(|p| match p {
                        Some(p) => words::edit_pass(i18n::lang(), &p.name),
                        None => words::ADD_A_PASS.get(i18n::lang()).into(),
                    })}</h3>
                    {move || section.message.get().map(|m| view! {
                        <p class="banner error" role="alert" data-testid="pass-error">{m}</p>
                    })}
                    <TextField id="pass-name" name="name" label=common::NAME value=name errors=errors required=true />
                    <TextField id="pass-capacity" name="capacity" label=common::CAPACITY value=capacity errors=errors
                        help=words::PASS_CAPACITY_HELP />
                    <CustomValueFields fields=fields values=custom errors=errors id_prefix="pass" />
                    {form_actions(section, words::ADD_PASS, words::SAVE_PASS)}
                </form>
            })}
        </section>
    }
}
