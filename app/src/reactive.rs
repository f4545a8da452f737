//! Leptos effects and actions built from boxed closures and futures. Leptos compiles its
//! effect and action machinery once per closure type and once per action's input and output
//! types, so a page with five effects carried five copies; built here, there is one copy for
//! all effects and one for all actions (see ARCHITECTURE.md, Size rules). The closures
//! themselves are unchanged.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

/// A future as an action returns it.
pub type Pending<O> = Pin<Box<dyn Future<Output = O>>>;

/// A value of any type, as the one compiled action and the one compiled resource
/// (`Auth::resource`) hold it.
pub type Erased = Arc<dyn Any + Send + Sync>;

/// An action's closure, erased.
type Run = Box<dyn Fn(&Erased) -> Pending<Erased>>;

/// `Effect::new` for an effect that does not use its previous value.
pub fn effect(run: impl FnMut() + 'static) {
    let mut run: Box<dyn FnMut()> = Box::new(run);
    Effect::new(move |_| run());
}

/// `Action::new_local`, with the future boxed by the caller.
pub fn action<I, O>(run: impl Fn(&I) -> Pending<O> + 'static) -> Act<I, O>
where
    I: Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    Act {
        inner: erased_action(Box::new(move |input: &Erased| {
            let pending = run(cast(input));
            Box::pin(async move { Arc::new(pending.await) as Erased })
        })),
        ty: PhantomData,
    }
}

/// The one compiled action behind every [`Act`].
fn erased_action(run: Run) -> Action<Erased, Erased> {
    Action::new_local(move |input: &Erased| run(input))
}

/// The value an [`Erased`] was made from; its wrapper's type parameter says which.
pub fn cast<T: 'static>(value: &Erased) -> &T {
    value
        .downcast_ref::<T>()
        .expect("an erased value is of its wrapper's own type")
}

/// An action taking `I` and giving `O`, as [`action`] makes it: a Leptos `Action` whose
/// input and output are kept type-erased and cast back here.
pub struct Act<I, O> {
    inner: Action<Erased, Erased>,
    ty: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Act<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Act<I, O> {}

impl<I: Send + Sync + 'static, O> Act<I, O> {
    /// Runs the action with `input`.
    pub fn dispatch(&self, input: I) {
        // Not aborted: an answer that comes after the page is left is dropped by Leptos.
        let _ = self.inner.dispatch(Arc::new(input));
    }
}

impl<I, O> Act<I, O> {
    /// Whether a dispatch is in flight (tracked).
    pub fn pending(&self) -> Memo<bool> {
        self.inner.pending()
    }

    /// How many dispatches have completed (tracked).
    pub fn version(&self) -> RwSignal<usize> {
        self.inner.version()
    }

    /// The last dispatch's output.
    pub fn value(&self) -> Outcome<O> {
        Outcome {
            inner: self.inner,
            ty: PhantomData,
        }
    }
}

/// An [`Act`]'s last output: `Action::value` for the erased action.
pub struct Outcome<O> {
    inner: Action<Erased, Erased>,
    ty: PhantomData<fn() -> O>,
}

impl<O: Clone + 'static> Outcome<O> {
    /// The output, `None` before the first dispatch completes or after `set(None)` (tracked).
    pub fn get(&self) -> Option<O> {
        self.inner
            .value()
            .with(|v| v.as_ref().map(|v| cast::<O>(v).clone()))
    }

    /// Replaces the output, as `Action::value().set`.
    pub fn set(&self, value: Option<O>)
    where
        O: Send + Sync,
    {
        self.inner.value().set(value.map(|v| Arc::new(v) as Erased));
    }
}
