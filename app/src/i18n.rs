//! The SPA's language: English or French, the browser's unless someone chose one with the
//! switch in the header (remembered in `localStorage`). The wordings are in
//! `convene_types::i18n` (`admin::*` for the SPA); pages show them with [`t`], which follows
//! a switch at once.

use std::cell::Cell;

use convene_types::i18n::{Lang, Word};
use leptos::prelude::*;

pub use convene_types::i18n::admin;

/// Where a chosen language is remembered.
const STORAGE_KEY: &str = "convene-lang";

thread_local! {
    /// The language as code outside the reactive graph reads it (`api`'s messages).
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language, a signal in context (see [`provide`]).
#[derive(Clone, Copy)]
struct Locale(RwSignal<Lang>);

/// Puts the language in context: the remembered choice, else the browser's; and keeps the
/// page's `<html lang>` on it.
pub fn provide() {
    let remembered = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    let tag = remembered.unwrap_or_else(|| window().navigator().language().unwrap_or_default());
    let lang = RwSignal::new(Lang::from_tag(&tag));
    CURRENT.with(|current| current.set(lang.get_untracked()));
    provide_context(Locale(lang));
    Effect::new(move |_| {
        let lang = lang.get();
        CURRENT.with(|current| current.set(lang));
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
}

/// The language (tracked where it is read).
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<Locale>().0
}

/// Switches the language and remembers the choice.
pub fn choose(lang: Lang) {
    use_lang().set(lang);
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
}

/// The language now, for code that runs outside a component (messages made in `api`).
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// The language, tracked when read inside a component (so what reads it follows a switch),
/// else [`current`]: for functions that pages and components share (`display`, field errors).
pub fn lang() -> Lang {
    use_context::<Locale>().map_or_else(current, |locale| locale.0.get())
}

/// `word` in the language, following a switch: `{t(common::SAVE)}` in a view, or as an
/// attribute's value.
pub fn t(word: Word) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || word.get(lang.get())
}
