//! What the item sections of an event's page (speakers, passes, registration fields) share:
//! the list, the item being edited, saving and deleting, and their errors. Each section
//! keeps its own inputs and fills or clears them through `fill`, and shows its form only
//! when the section is `writable`.

use convene_types::FieldError;
use convene_types::i18n::{Lang, Word};
use leptos::prelude::*;

use crate::api::{self, ApiError, ApiResult, EventItem};
use crate::i18n::admin::common;
use crate::i18n::{self, t};
use crate::use_auth;

pub struct ItemSection<T: EventItem> {
    /// Shown when the checks find problems ("Correct the highlighted fields of the speaker.").
    correct_fields: Word,
    /// The item being edited; `None` while adding one.
    pub editing: RwSignal<Option<T>>,
    pub errors: RwSignal<Vec<FieldError>>,
    pub message: RwSignal<Option<String>>,
    pub save: Action<(Option<String>, T::Input), ApiResult<T>>,
    pub remove: Action<String, ApiResult<String>>,
    pub items: LocalResource<ApiResult<Vec<T>>>,
    /// Whether the user's role may change the event: else no form and no row actions.
    pub writable: bool,
    /// Fills the section's inputs from an item, or clears them (`None`).
    fill: Callback<Option<T>>,
}

impl<T: EventItem> Clone for ItemSection<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: EventItem> Copy for ItemSection<T> {}

impl<T: EventItem> ItemSection<T> {
    /// `correct_fields`: the message shown when the checks find problems.
    pub fn new(
        event_id: String,
        correct_fields: Word,
        fill: impl Fn(Option<T>) + Send + Sync + 'static,
    ) -> Self {
        let event_id = StoredValue::new(event_id);
        let save = Action::new_local(move |(item_id, input): &(Option<String>, T::Input)| {
            let (item_id, input) = (item_id.clone(), input.clone());
            let event_id = event_id.get_value();
            async move { api::save_event_item::<T>(&event_id, item_id.as_deref(), &input).await }
        });
        let remove = Action::new_local(move |item_id: &String| {
            let item_id = item_id.clone();
            let event_id = event_id.get_value();
            async move {
                api::delete_event_item::<T>(&event_id, &item_id)
                    .await
                    .map(|()| item_id)
            }
        });
        let items = LocalResource::new(move || {
            save.version().get();
            remove.version().get();
            let event_id = event_id.get_value();
            async move { api::event_items::<T>(&event_id).await }
        });
        let section = ItemSection {
            correct_fields,
            editing: RwSignal::new(None),
            errors: RwSignal::new(vec![]),
            message: RwSignal::new(None),
            save,
            remove,
            items,
            writable: use_auth().can_write_events(),
            fill: Callback::new(fill),
        };
        Effect::new(move |_| match save.value().get() {
            Some(Ok(_)) => {
                section.message.set(None);
                section.reset();
            }
            Some(Err(e)) => section.fail(e),
            None => {}
        });
        // Deleting the item being edited ends the edit.
        Effect::new(move |_| match remove.value().get() {
            Some(Ok(removed))
                if section
                    .editing
                    .with_untracked(|i| i.as_ref().is_some_and(|i| i.id() == removed)) =>
            {
                section.reset()
            }
            Some(Err(e)) => section.fail(e),
            _ => {}
        });
        section
    }

    /// Back to adding a new item, with empty inputs.
    pub fn reset(&self) {
        self.editing.set(None);
        self.errors.set(vec![]);
        self.fill.run(None);
    }

    pub fn cancel(&self) {
        self.message.set(None);
        self.reset();
    }

    fn fail(&self, e: ApiError) {
        self.errors.set(e.fields());
        self.message.set(Some(e.message()));
    }

    pub fn edit(&self, item: T) {
        self.errors.set(vec![]);
        self.message.set(None);
        self.fill.run(Some(item.clone()));
        self.editing.set(Some(item));
    }

    /// Sends `input` when the checks found nothing; else shows what they found.
    pub fn submit(&self, input: T::Input, found: Vec<FieldError>) {
        if found.is_empty() {
            self.errors.set(vec![]);
            self.message.set(None);
            let id = self
                .editing
                .with_untracked(|i| i.as_ref().map(|i| i.id().to_string()));
            self.save.dispatch((id, input));
        } else {
            self.errors.set(found);
            self.message
                .set(Some(self.correct_fields.get(i18n::current()).into()));
        }
    }

    /// Deletes after the user confirms `question`.
    pub fn confirm_delete(&self, item_id: String, question: &str) {
        if window().confirm_with_message(question).unwrap_or(false) {
            self.message.set(None);
            self.remove.dispatch(item_id);
        }
    }

    pub fn is_editing(&self) -> bool {
        self.editing.with(Option::is_some)
    }
}

/// The Edit and Delete buttons of a row (none when the section is not `writable`);
/// `question` asks, in a language, before deleting.
pub fn row_actions<T: EventItem>(
    section: ItemSection<T>,
    item: T,
    question: impl Fn(Lang) -> String + 'static,
) -> impl IntoView {
    let id = item.id().to_string();
    view! {
        <td class="row-actions">
            {section.writable.then(|| view! {
                <button class="button subtle" on:click=move |_| section.edit(item.clone())>{t(common::EDIT)}</button>
                <button class="button subtle danger" on:click=move |_| {
                    section.confirm_delete(id.clone(), &question(i18n::current()))
                }>{t(common::DELETE)}</button>
            })}
        </td>
    }
}

/// The form's Add / Save button and, while editing, Cancel.
pub fn form_actions<T: EventItem>(section: ItemSection<T>, add: Word, save: Word) -> impl IntoView {
    view! {
        <div class="actions">
            <button class="button primary" type="submit" disabled=move || section.save.pending().get()>
                {move || {
                    let word = if section.is_editing() { save } else { add };
                    word.get(i18n::lang())
                }}
            </button>
            {move || section.is_editing().then(|| view! {
                <button class="button subtle" type="button" on:click=move |_| section.cancel()>{t(common::CANCEL)}</button>
            })}
        </div>
    }
}
