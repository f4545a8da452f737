//! A secret just issued (a web application's token, a webhook's signing secret), shown once:
//! a warning that it is not shown again, the secret (selected whole on a click, for copying
//! by hand), a Copy button, what the reader needs to use it, and a button that dismisses it.
//!
//! The caller keeps the secret only in its page's signals and drops it on dismissal: nothing
//! here stores it.

use convene_types::i18n::Word;
use leptos::prelude::*;

use crate::i18n::admin::settings;
use crate::i18n::t;

/// The words of one kind of secret.
#[derive(Clone, Copy)]
pub struct SecretWords {
    /// The panel's heading, also the secret's accessible name.
    pub title: Word,
    /// In bold, first: copy it now, it is not shown again.
    pub copy_now: Word,
    /// After it: what becomes of it, and what to do if it is lost.
    pub kept: Word,
    /// When the browser refused to copy.
    pub copy_refused: Word,
    /// The button that dismisses the panel.
    pub stored: Word,
}

/// Copies `text` with the asynchronous clipboard API; false when the browser has none or
/// refuses.
async fn copy_to_clipboard(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

#[component]
pub fn SecretPanel(
    words: SecretWords,
    secret: String,
    /// The `data-testid` of the secret's text; the panel's is the same followed by `-panel`.
    testid: &'static str,
    dismiss: Callback<()>,
    /// What the reader needs beside the secret: where to use it, how it is checked.
    children: Children,
) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let to_copy = secret.clone();
    let on_copy = move |_| {
        let text = to_copy.clone();
        leptos::task::spawn_local(async move {
            let ok = copy_to_clipboard(&text).await;
            // The panel may be gone by now (dismissed or left): then there is nothing to say.
            let _ = copied.try_set(Some(ok));
        });
    };
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="token-panel" aria-labelledby=labelled_by data-testid=format!("{testid}-panel")>
            <h2 id=title_id>{t(words.title)}</h2>
            <p>
                <strong>{t(words.copy_now)}</strong>
                {t(words.kept)}
            </p>
            <div class="token-row">
                <code class="token" data-testid=testid tabindex="0" aria-label=t(words.title)>
                    {secret}
                </code>
                <button class="button primary" type="button" on:click=on_copy>{t(settings::COPY)}</button>
            </div>
            {move || copied.get().map(|ok| view! {
                <p class="help" role="status" data-testid="copy-result">
                    {t(if ok { settings::COPIED } else { words.copy_refused })}
                </p>
            })}
            {children()}
            <button class="button" type="button" on:click=move |_| dismiss.run(())>
                {t(words.stored)}
            </button>
        </section>
    }
}
