//! The Speakers section of an event's page (`/events/{id}`): the table and the add / edit form.

use convene_types::catalog::{Speaker, SpeakerInput};
use convene_types::custom::{CustomValues, Entity};
use leptos::prelude::*;

use crate::components::custom_values::{
    CustomSummary, CustomValueFields, Definitions, fields_of, prepare,
};
use crate::components::event_items::{ItemSection, form_actions, row_actions};
use crate::components::field::{TextAreaField, TextField};
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};

#[component]
pub fn EventSpeakers(event_id: String, custom_fields: Definitions) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let biography = RwSignal::new(String::new());
    let custom = RwSignal::new(CustomValues::new());
    let section = ItemSection::<Speaker>::new(
        event_id,
        words::CORRECT_SPEAKER_FIELDS,
        move |s: Option<Speaker>| {
            let s = s.as_ref();
            name.set(s.map(|s| s.name.clone()).unwrap_or_default());
            title.set(s.map(|s| s.title.clone()).unwrap_or_default());
            biography.set(s.map(|s| s.biography.clone()).unwrap_or_default());
            custom.set(s.map(|s| s.custom_fields.clone()).unwrap_or_default());
        },
    );
    let errors = section.errors;
    let fields = Signal::derive(move || fields_of(custom_fields, Entity::Speaker));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = SpeakerInput {
            name: name.get_untracked(),
            title: title.get_untracked(),
            biography: biography.get_untracked(),
            custom_fields: CustomValues::new(),
        };
        let mut found = input.validate().err().unwrap_or_default();
        match custom.with_untracked(|c| prepare(custom_fields, Entity::Speaker, c)) {
            Ok(values) => input.custom_fields = values,
            Err(e) => found.extend(e),
        }
        section.submit(input, found);
    };

    let rows = move |list: Vec<Speaker>| {
        let fields = fields.get();
        list.into_iter()
            .map(|s| {
                let name = s.name.clone();
                let question = move |lang| words::delete_speaker_question(lang, &name);
                let custom = (!fields.is_empty()).then(|| {
                    view! { <td><CustomSummary fields=fields.clone() values=s.custom_fields.clone() /></td> }
                });
                view! {
                    <tr>
                        <td>{s.name.clone()}</td>
                        <td>{s.title.clone()}</td>
                        {custom}
                        {row_actions(section, s.clone(), question)}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="section" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{t(words::SPEAKERS)}</h2>
            <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                {move || section.items.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{t(words::NO_SPEAKERS)}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll"><table class="grid" data-testid="speakers-table">
                            <thead>
                                <tr>
                                    <th>{t(common::NAME)}</th>
                                    <th>{t(common::TITLE)}</th>
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
                <form class="card form subform" on:submit=on_submit novalidate data-testid="speaker-form">
                    <h3>{move || section.editing.with(|s| match s {
                        Some(s) => words::edit_speaker(i18n::lang(), &s.name),
                        None => words::ADD_A_SPEAKER.get(i18n::lang()).into(),
                    })}</h3>
                    {move || section.message.get().map(|m| view! {
                        <p class="banner error" role="alert" data-testid="speaker-error">{m}</p>
                    })}
                    <TextField id="speaker-name" name="name" label=common::NAME value=name errors=errors required=true />
                    <TextField id="speaker-title" name="title" label=common::TITLE value=title errors=errors
                        help=words::SPEAKER_TITLE_HELP />
                    <TextAreaField id="speaker-biography" name="biography" label=words::BIOGRAPHY value=biography
                        errors=errors rows=3 />
                    <CustomValueFields fields=fields values=custom errors=errors id_prefix="speaker" />
                    {form_actions(section, words::ADD_SPEAKER, words::SAVE_SPEAKER)}
                </form>
            })}
        </section>
    }
}
