//! The Passes section of an event's page (`/events/{id}`): the table and the add / edit form.

use convene_types::catalog::{Pass, PassInput};
use convene_types::custom::{CustomValues, Entity};
use convene_types::validate::number_from_text;
use leptos::prelude::*;

use crate::components::custom_values::{
    CustomSummary, CustomValueFields, Definitions, fields_of, prepare,
};
use crate::components::event_items::{ItemSection, form_actions, row_actions};
use crate::components::field::TextField;

/// A pass's capacity as lists show it.
pub fn capacity_label(capacity: Option<u32>) -> String {
    capacity.map_or_else(|| "Unlimited".into(), |c| c.to_string())
}

#[component]
pub fn EventPasses(event_id: String, custom_fields: Definitions) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let custom = RwSignal::new(CustomValues::new());
    let section = ItemSection::<Pass>::new(event_id, "pass", move |p: Option<Pass>| {
        let p = p.as_ref();
        name.set(p.map(|p| p.name.clone()).unwrap_or_default());
        capacity.set(
            p.and_then(|p| p.capacity)
                .map(|c| c.to_string())
                .unwrap_or_default(),
        );
        custom.set(p.map(|p| p.custom_fields.clone()).unwrap_or_default());
    });
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
                let question = format!("Delete the pass “{}”? This cannot be undone.", p.name);
                let custom = (!fields.is_empty()).then(|| {
                    view! { <td><CustomSummary fields=fields.clone() values=p.custom_fields.clone() /></td> }
                });
                view! {
                    <tr>
                        <td>{p.name.clone()}</td>
                        <td class="num">{capacity_label(p.capacity)}</td>
                        {custom}
                        {row_actions(section, p.clone(), question)}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="passes-heading">
            <h2 id="passes-heading">"Passes"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || section.items.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">"No passes yet: registrations choose none."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="passes-table">
                            <thead>
                                <tr>
                                    <th>"Name"</th>
                                    <th>"Capacity"</th>
                                    {move || (!fields.get().is_empty()).then(|| view! { <th>"Custom fields"</th> })}
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(list)}</tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Transition>
            <form class="card form subform" on:submit=on_submit novalidate data-testid="pass-form">
                <h3>{move || section.editing.with(|p| match p {
                    Some(p) => format!("Edit the pass “{}”", p.name),
                    None => "Add a pass".into(),
                })}</h3>
                {move || section.message.get().map(|m| view! {
                    <p class="banner error" role="alert" data-testid="pass-error">{m}</p>
                })}
                <TextField id="pass-name" name="name" label="Name" value=name errors=errors required=true />
                <TextField id="pass-capacity" name="capacity" label="Capacity" value=capacity errors=errors
                    help="How many confirmed registrations may hold this pass. Empty: unlimited." />
                <CustomValueFields fields=fields values=custom errors=errors id_prefix="pass" />
                {form_actions(section, "Add pass", "Save pass")}
            </form>
        </section>
    }
}
