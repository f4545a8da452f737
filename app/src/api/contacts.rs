//! Contacts, their registrations, and erasing a contact's personal data.

use convene_types::contact::Contact;
use convene_types::list::Page;
use convene_types::registration::Registration;
use gloo_net::http::Request;

use super::{ApiResult, encode, read, send};

const CONTACTS: &str = "/api/admin/contacts";

pub async fn contacts(query: &str) -> ApiResult<Page<Contact>> {
    read(send(Request::get(&format!("{CONTACTS}{query}"))).await?)
}

pub async fn contact(id: &str) -> ApiResult<Contact> {
    read(send(Request::get(&format!("{CONTACTS}/{}", encode(id)))).await?)
}

pub async fn contact_registrations(id: &str) -> ApiResult<Vec<Registration>> {
    let url = format!("{CONTACTS}/{}/registrations", encode(id));
    read(send(Request::get(&url)).await?)
}

/// Replaces the contact's personal data, in it and its registrations; the erasure is
/// forwarded to the webinar provider. Answers the erased contact.
pub async fn erase_contact(id: &str) -> ApiResult<Contact> {
    let url = format!("{CONTACTS}/{}/erase", encode(id));
    read(send(Request::post(&url)).await?)
}
