//! Convene's admin SPA: the signed-in state; the route table is in `routes`. Pages live in `pages/`,
//! reusable pieces in `components/`, every HTTP call in `api/` (one module per concern).

pub mod api;
mod components;
mod display;
mod i18n;
mod pages;
mod reactive;
mod routes;

use convene_types::auth::SessionUser;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use reactive::Erased;

/// Who is signed in: `None` while unknown, `Some(None)` when signed out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: RwSignal<Option<Option<SessionUser>>>,
}

/// An API request's future, boxed: every resource of one answer type then shares one
/// compiled resource, not one per page (see ARCHITECTURE.md, Size rules).
pub type Fetch<T> = Pin<Box<dyn Future<Output = api::ApiResult<T>>>>;

impl Auth {
    /// Marks the session as ended (after sign-out, or a 401 to any call: see
    /// `api::on_unauthorized`).
    pub fn signed_out(&self) {
        self.user.set(Some(None));
    }

    /// A resource read through the API. `fetch` runs in the resource's tracking closure (the
    /// signals it reads make it run again) and returns the request. (A 401 answer signs out
    /// in `api`, as for every call.)
    pub fn resource<T: Send + Sync + 'static>(
        self,
        fetch: impl Fn() -> Fetch<T> + 'static,
    ) -> Loaded<T> {
        Loaded {
            inner: self.erased_resource(Rc::new(move || {
                let request = fetch();
                Box::pin(async move { request.await.map(|value| Arc::new(value) as Erased) })
            })),
            ty: PhantomData,
        }
    }

    /// The one compiled resource behind every [`Loaded`].
    fn erased_resource(self, fetch: Rc<dyn Fn() -> Fetch<Erased>>) -> LocalResource<Answer> {
        LocalResource::new(move || fetch())
    }
}

/// A loaded answer of any type.
type Answer = api::ApiResult<Erased>;

/// An API read, as [`Auth::resource`] makes it: a `LocalResource` whose value is kept
/// type-erased, cast back here. Leptos compiles a resource's machinery once per value type,
/// so every read sharing one type compiles it once (see ARCHITECTURE.md, Size rules).
pub struct Loaded<T> {
    inner: LocalResource<Answer>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: 'static> Loaded<T> {
    /// Runs `f` on the answer, `None` while loading (tracked; in a `Transition`, waited for).
    pub fn with<R>(&self, f: impl FnOnce(Option<Result<&T, &api::ApiError>>) -> R) -> R {
        self.inner.with(|answer| f(answer.as_ref().map(cast)))
    }

    /// [`Loaded::with`], untracked.
    pub fn with_untracked<R>(&self, f: impl FnOnce(Option<Result<&T, &api::ApiError>>) -> R) -> R {
        self.inner
            .with_untracked(|answer| f(answer.as_ref().map(cast)))
    }
}

impl<T: Clone + 'static> Loaded<T> {
    /// The answer, `None` while loading (tracked).
    pub fn get(&self) -> Option<api::ApiResult<T>> {
        self.with(owned)
    }

    /// [`Loaded::get`], untracked.
    pub fn get_untracked(&self) -> Option<api::ApiResult<T>> {
        self.with_untracked(owned)
    }
}

fn cast<T: 'static>(answer: &Answer) -> Result<&T, &api::ApiError> {
    answer.as_ref().map(reactive::cast)
}

fn owned<T: Clone>(answer: Option<Result<&T, &api::ApiError>>) -> Option<api::ApiResult<T>> {
    answer.map(|r| r.cloned().map_err(Clone::clone))
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    let auth = Auth {
        user: RwSignal::new(None),
    };
    provide_context(auth);
    i18n::provide();
    components::unsaved::provide();
    api::on_unauthorized(move || auth.signed_out());
    leptos::task::spawn_local(async move {
        auth.user.set(Some(api::session().await.ok()));
    });

    view! { <routes::AppRoutes /> }
}
