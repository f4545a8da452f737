//! The signed-in frame: a skip link, the header with the user and sign-out, the
//! navigation (events, then Settings), the page.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::reactive::{action, effect};
use crate::{api, use_auth};

/// A navigation entry: address, label, one line on what it is for.
pub type NavEntry = (&'static str, &'static str, &'static str);

/// The pages for running events.
pub const EVENTS: &[NavEntry] = &[
    (
        "/events",
        "Events",
        "Events, their sessions and registrations.",
    ),
    (
        "/contacts",
        "Contacts",
        "The people registrations are linked to, matched as Event administration says.",
    ),
];

/// The pages under Settings › Event management, in the order the source system lists them.
/// A page appears here when it is built.
pub const EVENT_MANAGEMENT: &[NavEntry] = &[
    (
        "/settings/web-applications",
        "Web applications",
        "The websites that call the Events API: their allowed origins and application tokens.",
    ),
    (
        "/settings/webinar-providers",
        "Webinar providers",
        "Outside services that host webinars, such as ON24.",
    ),
    (
        "/settings/webinar-configurations",
        "Webinar configurations",
        "Your organisation's accounts with webinar providers, and their credentials.",
    ),
    (
        "/settings/event-administration",
        "Event administration",
        "Defaults for events: how registrations find their contact, demo payment confirmation.",
    ),
    (
        "/settings/website-table-configurations",
        "Website table configurations",
        "Which custom and optional fields the Events API returns, table by table.",
    ),
    (
        "/settings/custom-fields",
        "Custom fields",
        "Extra values on events, sessions, speakers and passes.",
    ),
];

fn nav_list(entries: &'static [NavEntry]) -> impl IntoView {
    view! {
        <ul>
            {entries
                .iter()
                .map(|(href, label, _)| view! { <li><A href=*href>{*label}</A></li> })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let location = use_location();

    // Anyone not signed in is sent to the sign-in page, coming back here afterwards.
    effect(move || {
        if auth.user.get() == Some(None) {
            let next = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let target = format!("/sign-in?next={}", js_sys::encode_uri_component(&next));
            navigate(&target, Default::default());
        }
    });

    let sign_out = action(move |_: &()| {
        Box::pin(async move {
            let _ = api::sign_out().await;
            auth.signed_out();
        })
    });

    // The skip link moves focus past the navigation; a hash link would go through the
    // router, so it focuses the page's main region itself.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = main.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = main.focus();
        }
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/settings">"Convene"</a>
            <span class="grow"></span>
            {move || {
                auth.user.get().flatten().map(|user| view! {
                    <span class="user" data-testid="signed-in-user">{user.username}</span>
                    <button class="button subtle" on:click=move |_| { sign_out.dispatch(()); }>
                        "Sign out"
                    </button>
                })
            }}
        </header>
        <div class="layout">
            <nav class="sidebar" aria-label="Main">
                <h2>"Events"</h2>
                {nav_list(EVENTS)}
                <A href="/settings" exact=true attr:class="nav-section">"Settings"</A>
                <h2>"Event management"</h2>
                {nav_list(EVENT_MANAGEMENT)}
            </nav>
            <main class="content" id="main" tabindex="-1">
                {move || match auth.user.get() {
                    Some(Some(_)) => children().into_any(),
                    _ => view! { <p class="muted">"Loading…"</p> }.into_any(),
                }}
            </main>
        </div>
    }
}
