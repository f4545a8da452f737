//! Contacts: the people registrations are linked to.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::list::{ListState, SearchBox};
use crate::components::pager::Pager;
use crate::display::person;
use crate::i18n::admin::{common, registrations as words, shell};
use crate::i18n::t;

#[component]
pub fn Contacts() -> impl IntoView {
    // By last name, then first name (the order the API keeps).
    let list = ListState::new("name");

    let contacts = LocalResource::new(move || {
        let query = list.query();
        async move { api::contacts(&query).await }
    });

    view! {
        <div class="page-header">
            <h1>{t(shell::CONTACTS)}</h1>
        </div>
        <p class="banner info">{t(words::CONTACTS_ARE_CREATED)}</p>
        <div class="toolbar">
            <SearchBox list=list label=words::SEARCH_CONTACTS />
        </div>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || contacts.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">{t(words::NO_CONTACTS)}</p>
                }.into_any(),
                Ok(page) => {
                    let pages = page.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="contacts-table">
                            <thead>
                                <tr>
                                    <th>{t(common::NAME)}</th>
                                    <th>{t(common::EMAIL)}</th>
                                    <th>{t(common::COMPANY)}</th>
                                    <th>{t(common::REGISTRATIONS)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.items.into_iter().map(|c| {
                                    let name = person(&c.first_name, &c.last_name, &c.email);
                                    view! {
                                        <tr>
                                            <td><A href=format!("/contacts/{}", c.id)>{name}</A></td>
                                            <td>{c.email}</td>
                                            <td>{c.company}</td>
                                            <td class="num">{c.registration_count}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun=words::CONTACTS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}
