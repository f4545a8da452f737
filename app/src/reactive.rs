//! Leptos effects and actions built from boxed closures and futures. Leptos compiles its
//! effect and action machinery once per closure type, so a page with five effects carried
//! five copies; built here, there is one copy for all effects and one per action signature
//! (see ARCHITECTURE.md, Size rules). The closures themselves are unchanged.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

/// A future as an action returns it.
pub type Pending<O> = Pin<Box<dyn Future<Output = O>>>;

/// An action's closure, boxed.
type Run<I, O> = Box<dyn Fn(&I) -> Pending<O>>;

/// `Effect::new` for an effect that does not use its previous value.
pub fn effect(run: impl FnMut() + 'static) {
    let mut run: Box<dyn FnMut()> = Box::new(run);
    Effect::new(move |_| run());
}

/// `Action::new_local`, with the future boxed by the caller.
pub fn action<I: 'static, O: 'static>(run: impl Fn(&I) -> Pending<O> + 'static) -> Action<I, O> {
    let run: Run<I, O> = Box::new(run);
    Action::new_local(move |input: &I| run(input))
}
