//! The signed-in frame: a skip link, the header with the user (a link to their account) and
//! sign-out, the navigation (events, then Settings for the roles that may use it), the page;
//! and the one place a Settings page is refused to a role without Settings (`SettingsArea`).

use convene_types::i18n::{Lang, Word};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};

use crate::i18n::admin::{common, shell, users, webhooks};
use crate::i18n::{self, t, use_lang};
use crate::{api, home, use_auth};

/// A navigation entry: address, label, one line on what it is for.
pub type NavEntry = (&'static str, Word, Word);

/// The pages for running events.
pub const EVENTS: &[NavEntry] = &[
    ("/events", common::EVENTS, shell::EVENTS_ABOUT),
    ("/contacts", shell::CONTACTS, shell::CONTACTS_ABOUT),
];

/// The pages under Settings › Event management, in the order the source system lists them.
/// A page appears here when it is built.
pub const EVENT_MANAGEMENT: &[NavEntry] = &[
    (
        "/settings/web-applications",
        shell::WEB_APPLICATIONS,
        shell::WEB_APPLICATIONS_ABOUT,
    ),
    (
        "/settings/webinar-providers",
        shell::WEBINAR_PROVIDERS,
        shell::WEBINAR_PROVIDERS_ABOUT,
    ),
    (
        "/settings/webinar-configurations",
        shell::WEBINAR_CONFIGURATIONS,
        shell::WEBINAR_CONFIGURATIONS_ABOUT,
    ),
    (
        "/settings/event-administration",
        shell::EVENT_ADMINISTRATION,
        shell::EVENT_ADMINISTRATION_ABOUT,
    ),
    (
        "/settings/website-table-configurations",
        shell::WEBSITE_TABLE_CONFIGURATIONS,
        shell::WEBSITE_TABLE_CONFIGURATIONS_ABOUT,
    ),
    (
        "/settings/custom-fields",
        common::CUSTOM_FIELDS,
        shell::CUSTOM_FIELDS_ABOUT,
    ),
];

/// The pages under Settings › Integrations.
pub const INTEGRATIONS: &[NavEntry] = &[(
    "/settings/webhooks",
    webhooks::WEBHOOKS,
    webhooks::WEBHOOKS_ABOUT,
)];

/// The pages under Settings › Team.
pub const TEAM: &[NavEntry] = &[
    ("/settings/users", shell::USERS, shell::USERS_ABOUT),
    (
        "/settings/audit-log",
        shell::AUDIT_LOG,
        shell::AUDIT_LOG_ABOUT,
    ),
];

/// The pages under Settings › Data.
pub const DATA: &[NavEntry] = &[(
    "/settings/retention",
    shell::RETENTION,
    shell::RETENTION_ABOUT,
)];

/// Settings' groups of pages, in the navigation and the overview.
pub const SETTINGS_GROUPS: &[(Word, &[NavEntry])] = &[
    (shell::EVENT_MANAGEMENT, EVENT_MANAGEMENT),
    (webhooks::INTEGRATIONS, INTEGRATIONS),
    (shell::TEAM, TEAM),
    (shell::DATA, DATA),
];

fn nav_list(entries: &'static [NavEntry]) -> impl IntoView {
    view! {
        <ul>
            {entries
                .iter()
                .map(|(href, label, _)| view! { <li><A href=*href>{t(*label)}</A></li> })
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
    Effect::new(move |_| {
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

    let sign_out = Action::new_local(move |_: &()| async move {
        let _ = api::sign_out().await;
        auth.signed_out();
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
        <a class="skip-link" href="#main" on:click=skip>{t(shell::SKIP_TO_CONTENT)}</a>
        <header class="topbar">
            <a class="brand" href=move || auth.role().map_or("/", home)>"Convene"</a>
            <span class="grow"></span>
            <LanguageSwitch />
            {move || {
                auth.user.get().flatten().map(|user| view! {
                    <A href="/account" attr:class="user" attr:data-testid="signed-in-user"
                        attr:title=t(users::YOUR_ACCOUNT)>{user.username}</A>
                    <button class="button subtle" on:click=move |_| { sign_out.dispatch(()); }>
                        {t(shell::SIGN_OUT)}
                    </button>
                })
            }}
        </header>
        <div class="layout">
            <nav class="sidebar" aria-label=t(shell::MAIN_NAVIGATION)>
                <h2>{t(common::EVENTS)}</h2>
                {nav_list(EVENTS)}
                {move || auth.can_use_settings().then(|| view! {
                    <A href="/settings" exact=true attr:class="nav-section">{t(common::SETTINGS)}</A>
                    {SETTINGS_GROUPS
                        .iter()
                        .map(|&(heading, entries)| view! { <h2>{t(heading)}</h2>{nav_list(entries)} })
                        .collect_view()}
                })}
            </nav>
            <main class="content" id="main" tabindex="-1">
                {move || match auth.user.get() {
                    Some(Some(_)) => children().into_any(),
                    _ => view! { <p class="muted">{t(common::LOADING)}</p> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// The Settings pages (the parent route of `/settings/…`), or, for a role without Settings,
/// a notice in their place: their page is not built, so it asks the API nothing.
#[component]
pub fn SettingsArea() -> impl IntoView {
    let auth = use_auth();
    move || {
        if auth.can_use_settings() {
            return view! { <Outlet /> }.into_any();
        }
        view! {
            <h1>{t(common::SETTINGS)}</h1>
            <p class="banner warning" role="alert" data-testid="no-access">{t(users::NO_SETTINGS)}</p>
            <p class="muted">{t(users::ASK_AN_ADMINISTRATOR)}</p>
            <p><A href="/events">{t(shell::GO_TO_EVENTS)}</A></p>
        }
        .into_any()
    }
}

/// English or French, for this browser from now on (see `i18n`).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let on_change =
        move |ev: leptos::ev::Event| i18n::choose(Lang::from_tag(&event_target_value(&ev)));
    view! {
        <label class="language">
            <span class="visually-hidden">{t(shell::LANGUAGE)}</span>
            <select id="language" on:change=on_change prop:value=move || lang.get().tag()>
                <option value="en" lang="en">"English"</option>
                <option value="fr" lang="fr">"Français"</option>
            </select>
        </label>
    }
}
