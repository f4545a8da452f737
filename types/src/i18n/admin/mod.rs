//! The admin SPA's wordings, one module per part of the app. Each is a [`Word`] constant,
//! named for what it says; a wording with parts that vary is a function of the [`Lang`].
//! Wordings used across parts are in [`common`].
//!
//! [`Word`]: super::Word
//! [`Lang`]: super::Lang

pub mod audit;
pub mod charts;
pub mod common;
pub mod event_administration;
pub mod events;
pub mod registrations;
pub mod settings;
pub mod shell;
pub mod users;
pub mod webhooks;
pub mod webinars;
