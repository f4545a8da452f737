//! The Settings › Event management records: event administrations, web applications,
//! custom fields and website table configurations.

use convene_types::custom::{
    CustomField, CustomFieldInput, WebsiteTableConfiguration, WebsiteTableConfigurationInput,
};
use convene_types::event_admin::{EventAdministration, EventAdministrationInput};
use convene_types::list::Page;
use convene_types::webapp::{IssuedToken, WebApplication, WebApplicationInput};
use gloo_net::http::Request;

use super::{ApiResult, empty, encode, read, send, send_json};

const EVENT_ADMINISTRATIONS: &str = "/api/admin/event-administrations";

/// `view`: `active`, `inactive` or `all`.
pub async fn event_administrations(
    query: &str,
    view: &str,
) -> ApiResult<Page<EventAdministration>> {
    let url = format!("{EVENT_ADMINISTRATIONS}{query}&view={view}");
    read(send(Request::get(&url)).await?)
}

pub async fn event_administration(id: &str) -> ApiResult<EventAdministration> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    read(send(Request::get(&url)).await?)
}

pub async fn create_event_administration(
    input: &EventAdministrationInput,
) -> ApiResult<EventAdministration> {
    read(send_json(Request::post(EVENT_ADMINISTRATIONS), input).await?)
}

pub async fn update_event_administration(
    id: &str,
    input: &EventAdministrationInput,
) -> ApiResult<EventAdministration> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_event_administration(id: &str) -> ApiResult<()> {
    let url = format!("{EVENT_ADMINISTRATIONS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

/// Activating while another record is active is refused (409 naming it).
pub async fn set_event_administration_active(
    id: &str,
    active: bool,
) -> ApiResult<EventAdministration> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{EVENT_ADMINISTRATIONS}/{}/{action}", encode(id));
    read(send(Request::post(&url)).await?)
}

const WEB_APPLICATIONS: &str = "/api/admin/web-applications";

fn web_application_url(id: &str) -> String {
    format!("{WEB_APPLICATIONS}/{}", encode(id))
}

/// All web applications, sorted by name.
pub async fn web_applications() -> ApiResult<Vec<WebApplication>> {
    read(send(Request::get(WEB_APPLICATIONS)).await?)
}

pub async fn web_application(id: &str) -> ApiResult<WebApplication> {
    read(send(Request::get(&web_application_url(id))).await?)
}

/// The answer carries the new token: show it once, keep it nowhere.
pub async fn create_web_application(input: &WebApplicationInput) -> ApiResult<IssuedToken> {
    read(send_json(Request::post(WEB_APPLICATIONS), input).await?)
}

pub async fn update_web_application(
    id: &str,
    input: &WebApplicationInput,
) -> ApiResult<WebApplication> {
    read(send_json(Request::put(&web_application_url(id)), input).await?)
}

pub async fn delete_web_application(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&web_application_url(id))).await?)
}

/// A new token; the old one stops working at once.
pub async fn rotate_web_application_token(id: &str) -> ApiResult<IssuedToken> {
    let url = format!("{}/rotate-token", web_application_url(id));
    read(send(Request::post(&url)).await?)
}

pub async fn set_web_application_active(id: &str, active: bool) -> ApiResult<WebApplication> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{}/{action}", web_application_url(id));
    read(send(Request::post(&url)).await?)
}

const CUSTOM_FIELDS: &str = "/api/admin/custom-fields";

/// All custom fields of every table.
pub async fn custom_fields() -> ApiResult<Vec<CustomField>> {
    read(send(Request::get(CUSTOM_FIELDS)).await?)
}

pub async fn create_custom_field(input: &CustomFieldInput) -> ApiResult<CustomField> {
    read(send_json(Request::post(CUSTOM_FIELDS), input).await?)
}

/// Only the label and choices may change (409 otherwise).
pub async fn update_custom_field(id: &str, input: &CustomFieldInput) -> ApiResult<CustomField> {
    let url = format!("{CUSTOM_FIELDS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

/// Refused (409) while a website table configuration lists the field.
pub async fn delete_custom_field(id: &str) -> ApiResult<()> {
    let url = format!("{CUSTOM_FIELDS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

const TABLE_CONFIGURATIONS: &str = "/api/admin/website-table-configurations";

fn table_configuration_url(id: &str) -> String {
    format!("{TABLE_CONFIGURATIONS}/{}", encode(id))
}

pub async fn website_table_configurations() -> ApiResult<Vec<WebsiteTableConfiguration>> {
    read(send(Request::get(TABLE_CONFIGURATIONS)).await?)
}

pub async fn website_table_configuration(id: &str) -> ApiResult<WebsiteTableConfiguration> {
    read(send(Request::get(&table_configuration_url(id))).await?)
}

pub async fn create_website_table_configuration(
    input: &WebsiteTableConfigurationInput,
) -> ApiResult<WebsiteTableConfiguration> {
    read(send_json(Request::post(TABLE_CONFIGURATIONS), input).await?)
}

pub async fn update_website_table_configuration(
    id: &str,
    input: &WebsiteTableConfigurationInput,
) -> ApiResult<WebsiteTableConfiguration> {
    read(send_json(Request::put(&table_configuration_url(id)), input).await?)
}

pub async fn delete_website_table_configuration(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&table_configuration_url(id))).await?)
}
