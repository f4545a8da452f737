//! A view whose code is a lazily loaded chunk (a `#[wasm_split]` function, cut out by
//! `cargo xtask build`): shown once the chunk is fetched; when the fetch fails (offline, a
//! new deployment), an alert with a button that tries again in place, so the rest of the
//! app keeps working (Leptos's own `#[lazy]` panics instead).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::i18n::admin::{common, shell};
use crate::i18n::t;

/// A chunk's view, once fetched.
pub type ChunkLoad = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Fetches a chunk (again, after a failure: a failed fetch is not remembered) and makes its
/// view.
pub type Loader = Arc<dyn Fn() -> ChunkLoad + Send + Sync>;

/// The chunk's view; `failed` when a first fetch already failed (the router awaits a lazy
/// route's chunk itself, see `routes`), so the alert shows at once.
#[component]
pub fn Chunk(load: Loader, #[prop(optional)] failed: bool) -> impl IntoView {
    let attempts = RwSignal::new(u32::from(!failed));
    move || {
        if attempts.get() == 0 {
            return chunk_failed(attempts).into_any();
        }
        // One thread in the browser: the loader's future never moves to another.
        let view = SendWrapper::new(load());
        Suspend::new(async move {
            match view.await {
                Ok(view) => view,
                Err(_) => chunk_failed(attempts).into_any(),
            }
        })
        .into_any()
    }
}

fn chunk_failed(attempts: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="banner error" role="alert" data-testid="chunk-failed">
            <p>{t(shell::CHUNK_FAILED)}</p>
            <button class="button" on:click=move |_| attempts.update(|n| *n += 1)>
                {t(common::TRY_AGAIN)}
            </button>
        </div>
    }
}
