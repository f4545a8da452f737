//! Unsaved changes are not lost without a warning. While a form holds changes it has not
//! saved, leaving the page asks first: following a link inside the app (the router's own
//! click handling is stopped when the answer is no), the browser's Back and Forward buttons
//! (the router's `popstate` handling is stopped, and the page's address put back) and
//! reloading or closing the tab (the browser's own question).

use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;

use crate::i18n;
use crate::i18n::admin::settings;

/// Whether the page shown has changes not saved yet.
#[derive(Clone, Copy)]
struct Unsaved(RwSignal<bool>);

/// Installs the guard for the app's lifetime (the app calls it once).
pub fn provide() {
    let dirty = RwSignal::new(false);
    provide_context(Unsaved(dirty));
    // Lives as long as the page: never removed.
    let _unload = window_event_listener(ev::beforeunload, move |e| {
        if dirty.get_untracked() {
            e.prevent_default();
        }
    });
    // On the window in the capture phase: before the router, which listens on the window
    // in the bubbling phase.
    let on_click = Closure::<dyn Fn(ev::MouseEvent)>::new(move |e: ev::MouseEvent| {
        if !dirty.get_untracked() || !leaves_the_page(&e) {
            return;
        }
        // In the language of the moment: the app may have switched since the guard began.
        let question = settings::LEAVE_UNSAVED.get(i18n::current());
        if window().confirm_with_message(question).unwrap_or(false) {
            dirty.set(false);
        } else {
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
    // Back and Forward have already changed the address when `popstate` comes: a "no" puts
    // back the address of the page with the changes, which the router never left.
    let here = StoredValue::new(String::new());
    Effect::new(move |_| {
        if dirty.get() {
            here.set_value(window().location().href().unwrap_or_default());
        }
    });
    let on_popstate = Closure::<dyn Fn(ev::Event)>::new(move |e: ev::Event| {
        if !dirty.get_untracked() {
            return;
        }
        let question = settings::LEAVE_UNSAVED.get(i18n::current());
        if window().confirm_with_message(question).unwrap_or(false) {
            dirty.set(false);
        } else {
            e.stop_immediate_propagation();
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(
                    &leptos::wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&here.get_value()),
                );
            }
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "popstate",
        on_popstate.as_ref().unchecked_ref(),
        true,
    );
    on_popstate.forget();
}

/// The page's "changes not saved" flag: set it on input, clear it once saved. It is
/// cleared when the page goes, too.
pub fn guard() -> RwSignal<bool> {
    let dirty = use_context::<Unsaved>()
        .map(|u| u.0)
        .unwrap_or_else(|| RwSignal::new(false));
    dirty.set(false);
    on_cleanup(move || dirty.set(false));
    dirty
}

/// A plain click on a link that goes to another page of the app or elsewhere in this tab.
fn leaves_the_page(e: &ev::MouseEvent) -> bool {
    if e.button() != 0 || e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
        return false;
    }
    let Some(link) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("a[href]").ok().flatten())
    else {
        return false;
    };
    let opens_elsewhere = link.get_attribute("target").is_some_and(|t| t != "_self")
        || link.has_attribute("download");
    let href = link.get_attribute("href").unwrap_or_default();
    !opens_elsewhere && !href.starts_with('#')
}
