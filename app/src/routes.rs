//! The route table. The sign-in page and the Settings overview are in the first load; every
//! other page is a lazy route whose code is its own chunk, fetched when the page is first
//! opened (see ARCHITECTURE.md, Route splitting). `cargo xtask build` cuts the chunks out at
//! the `#[wasm_split]` functions below. Every `/settings` page is a child of `SettingsArea`,
//! which shows a role without Settings a notice instead.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, path};

use crate::components::chunk::{Chunk, Loader};
use crate::components::shell::{SettingsArea, Shell};
use crate::pages::{not_found::NotFound, settings::SettingsOverview, sign_in::SignIn};
use crate::{home, use_auth};

#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <Shell><NotFound /></Shell> }>
                <Route path=path!("/") view=Start />
                <Route path=path!("/sign-in") view=SignIn />
                // The frame stays while a page's chunk loads.
                <ParentRoute path=path!("") view=|| view! { <Shell><Outlet /></Shell> }>
                    <ParentRoute path=path!("/settings") view=SettingsArea>
                        <Route path=path!("") view=SettingsOverview />
                        <Route
                            path=path!("/web-applications")
                            view={Lazy::<WebApplications>::new()}
                        />
                        <Route
                            path=path!("/web-applications/:id")
                            view={Lazy::<WebApplicationForm>::new()}
                        />
                        <Route
                            path=path!("/website-table-configurations")
                            view={Lazy::<WebsiteTableConfigurations>::new()}
                        />
                        <Route
                            path=path!("/website-table-configurations/:id")
                            view={Lazy::<WebsiteTableConfigurationForm>::new()}
                        />
                        <Route
                            path=path!("/custom-fields")
                            view={Lazy::<CustomFields>::new()}
                        />
                        <Route
                            path=path!("/webinar-providers")
                            view={Lazy::<WebinarProviders>::new()}
                        />
                        <Route
                            path=path!("/webinar-providers/:id")
                            view={Lazy::<WebinarProviderForm>::new()}
                        />
                        <Route
                            path=path!("/webinar-configurations")
                            view={Lazy::<WebinarConfigurations>::new()}
                        />
                        <Route
                            path=path!("/webinar-configurations/:id")
                            view={Lazy::<WebinarConfigurationForm>::new()}
                        />
                        <Route
                            path=path!("/event-administration")
                            view={Lazy::<EventAdministrations>::new()}
                        />
                        <Route
                            path=path!("/event-administration/:id")
                            view={Lazy::<EventAdministrationForm>::new()}
                        />
                        <Route path=path!("/users") view={Lazy::<Users>::new()} />
                        <Route path=path!("/users/:id") view={Lazy::<UserForm>::new()} />
                        <Route path=path!("/audit-log") view={Lazy::<AuditLog>::new()} />
                        <Route path=path!("/retention") view={Lazy::<Retention>::new()} />
                        <Route path=path!("/webhooks") view={Lazy::<Webhooks>::new()} />
                        <Route path=path!("/webhooks/:id") view={Lazy::<WebhookForm>::new()} />
                    </ParentRoute>
                    <Route path=path!("/events") view={Lazy::<Events>::new()} />
                    <Route path=path!("/events/:id") view={Lazy::<EventForm>::new()} />
                    <Route
                        path=path!("/events/:id/registrations")
                        view={Lazy::<EventRegistrations>::new()}
                    />
                    <Route path=path!("/contacts") view={Lazy::<Contacts>::new()} />
                    <Route path=path!("/contacts/:id") view={Lazy::<ContactPage>::new()} />
                    <Route path=path!("/account") view={Lazy::<Account>::new()} />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// `/`: the start page of the signed-in user's role (see `home`), or signing in.
#[component]
fn Start() -> impl IntoView {
    let auth = use_auth();
    move || {
        auth.user.get().map(|user| {
            let path = user.map_or("/sign-in", |user| home(user.role));
            view! { <Redirect path=path /> }
        })
    }
}

/// `$route`: the lazy route of the page component `$page` (in `pages::$module`), whose code
/// is the chunk `$module` (the function of that name, which only wasm-split's cut calls).
macro_rules! lazy_page {
    ($($route:ident => $module:ident :: $page:ident in $chunk:ident,)*) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                page_or_retry(Arc::new(|| Box::pin($module()))).await
            }
        }

        #[wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
        fn $module() -> Result<AnyView, SplitLoaderError> {
            use crate::pages::$module::$page;
            Ok(view! { <$page /> }.into_any())
        }
    )*};
}

lazy_page! {
    WebApplications => web_applications::WebApplications in web_applications,
    WebApplicationForm => web_application_form::WebApplicationForm in web_applications,
    WebsiteTableConfigurations => website_table_configurations::WebsiteTableConfigurations
        in website_table_configurations,
    WebsiteTableConfigurationForm => website_table_configuration_form::WebsiteTableConfigurationForm
        in website_table_configurations,
    CustomFields => custom_fields::CustomFields in custom_fields,
    WebinarProviders => webinar_providers::WebinarProviders in webinar_providers,
    WebinarProviderForm => webinar_provider_form::WebinarProviderForm in webinar_providers,
    WebinarConfigurations => webinar_configurations::WebinarConfigurations in webinar_configurations,
    WebinarConfigurationForm => webinar_configuration_form::WebinarConfigurationForm
        in webinar_configurations,
    EventAdministrations => event_administrations::EventAdministrations in event_administration,
    EventAdministrationForm => event_administration_form::EventAdministrationForm
        in event_administration,
    Events => events::Events in events,
    EventForm => event_form::EventForm in event,
    EventRegistrations => event_registrations::EventRegistrations in event_registrations,
    Contacts => contacts::Contacts in contacts,
    ContactPage => contact::ContactPage in contacts,
    Users => users::Users in users,
    UserForm => user_form::UserForm in users,
    Account => account::Account in account,
    AuditLog => audit_log::AuditLog in audit_log,
    Retention => retention::Retention in retention,
    Webhooks => webhooks::Webhooks in webhooks,
    WebhookForm => webhook_form::WebhookForm in webhooks,
}

/// The page, or, when its chunk could not be fetched, an alert with a retry.
async fn page_or_retry(load: Loader) -> AnyView {
    match load().await {
        Ok(page) => page,
        Err(_) => view! { <Chunk load failed=true /> }.into_any(),
    }
}
