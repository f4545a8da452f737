//! Settings › Team › Users: who signs in, with which role, and whether they still may. The
//! API returns them all; this page searches, sorts and pages them. Users are disabled, never
//! deleted.

use convene_types::i18n::Lang;
use convene_types::list::{self, ListQuery, Page};
use convene_types::user::{Role, User, username_key};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiResult};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::components::row_actions::{RowActions, report_refusals};
use crate::i18n::admin::{common, settings, shell, users as words};
use crate::i18n::{self, t};

pub const LIST: &str = "/settings/users";

/// Strongest first, as `Role::ALL` lists them.
fn rank(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

/// The page of `users` that `query` asks for: searched by name and role (as `lang` words
/// it), sorted by name (`name`), role (`role`) or state (`active`).
fn page_of(users: Vec<User>, query: &ListQuery, lang: Lang) -> Page<User> {
    let mut found: Vec<User> = users
        .into_iter()
        .filter(|u| query.matches(&[&u.username, words::role(u.role).get(lang)]))
        .collect();
    match query.sort.as_str() {
        "role" => list::sort_by_key(&mut found, |u| (rank(u.role), username_key(&u.username))),
        "active" => list::sort_by_key(&mut found, |u| (!u.active, username_key(&u.username))),
        _ => list::sort_by_key(&mut found, |u| username_key(&u.username)),
    }
    if query.desc {
        found.reverse();
    }
    Page::of(found, query)
}

/// A user's state as a pill.
pub fn state_badge(active: bool) -> impl IntoView {
    view! {
        <span class=if active { "status active" } else { "status inactive" } data-testid="user-state">
            {t(if active { common::ACTIVE } else { words::DISABLED })}
        </span>
    }
}

#[component]
pub fn Users() -> impl IntoView {
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let toggle = Action::new_local(move |(id, active): &(String, bool)| {
        let (id, active) = (id.clone(), *active);
        async move { api::set_user_active(&id, active).await }
    });
    let users = LocalResource::new(move || {
        toggle.version().get();
        async move { api::users().await }
    });
    // A refusal (disabling yourself, or the last active administrator) stays on screen.
    report_refusals(toggle, message);

    view! {
        <div class="page-header">
            <h1>{t(shell::USERS)}</h1>
            <A href=format!("{LIST}/new") attr:class="button primary">{t(words::NEW_USER)}</A>
        </div>
        <p class="banner info">{t(words::USERS_INTRO)}</p>
        <div class="toolbar">
            <SearchBox list=list label=words::SEARCH_USERS />
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || users.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(all) => {
                    let found = page_of(all, &list.list_query(), i18n::lang());
                    if found.items.is_empty() {
                        return view! { <p class="muted">{t(words::NO_USERS)}</p> }.into_any();
                    }
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="users-table">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=shell::USER_NAME /></th>
                                    <th><SortButton list=list key="role" label=words::ROLE /></th>
                                    <th><SortButton list=list key="active" label=settings::STATE /></th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|user| view! {
                                    <Row user=user toggle=toggle message=message />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=list.page noun=words::USERS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    user: User,
    toggle: Action<(String, bool), ApiResult<User>>,
    /// Cleared when an action starts.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let href = format!("{LIST}/{}", user.id);
    let id = user.id.clone();
    let active = user.active;
    let on_toggle = Callback::new(move |_| {
        message.set(None);
        toggle.dispatch((id.clone(), !active));
    });
    view! {
        <tr data-testid="user-row">
            <td><A href=href.clone()>{user.username}</A></td>
            <td>{t(words::role(user.role))}</td>
            <td>{state_badge(active)}</td>
            <RowActions
                href=href
                active=active
                toggle=on_toggle
                deactivate=words::DISABLE
                activate=words::ENABLE
            />
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, role: Role, active: bool) -> User {
        User {
            id: name.into(),
            username: name.into(),
            role,
            active,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn users_are_found_by_name_or_role_in_the_language_and_sorted_by_role_strongest_first() {
        let all = vec![
            user("zoe", Role::Viewer, true),
            user("Ana", Role::EventPlanner, false),
            user("bob", Role::Administrator, true),
        ];
        let names = |page: Page<User>| -> Vec<String> {
            page.items.into_iter().map(|u| u.username).collect()
        };
        let query = |q: &str, sort: &str| ListQuery {
            q: q.into(),
            sort: sort.into(),
            ..ListQuery::default()
        };
        assert_eq!(
            names(page_of(all.clone(), &query("", "name"), Lang::En)),
            ["Ana", "bob", "zoe"]
        );
        assert_eq!(
            names(page_of(all.clone(), &query("", "role"), Lang::En)),
            ["bob", "Ana", "zoe"]
        );
        assert_eq!(
            names(page_of(all.clone(), &query("", "active"), Lang::En)),
            ["bob", "zoe", "Ana"]
        );
        assert_eq!(
            names(page_of(all.clone(), &query("planner", "name"), Lang::En)),
            ["Ana"]
        );
        assert_eq!(
            names(page_of(all, &query("lecteur", "name"), Lang::Fr)),
            ["zoe"]
        );
    }
}
