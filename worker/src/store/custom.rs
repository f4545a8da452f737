//! Custom field definitions and website table configurations.

use convene_types::custom::{
    self, CustomField, CustomFieldInput, CustomValues, Entity, WebsiteTableConfiguration,
    WebsiteTableConfigurationInput,
};
use convene_types::list;

use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;

const FIELD_PREFIX: &str = "custom-field:";
const TABLE_PREFIX: &str = "table-config:";

pub async fn fields(records: &Records) -> ApiResult<Vec<CustomField>> {
    let mut fields: Vec<CustomField> = records.list(FIELD_PREFIX).await?;
    list::sort_by(&mut fields, |a, b| {
        (a.entity, &a.name).cmp(&(b.entity, &b.name))
    });
    Ok(fields)
}

/// Values checked against the entity's custom fields.
pub async fn check_values(
    records: &Records,
    entity: Entity,
    values: &CustomValues,
) -> ApiResult<CustomValues> {
    if values.is_empty() {
        return Ok(CustomValues::new());
    }
    custom::validate_values(&fields(records).await?, entity, values).map_err(ApiError::Validation)
}

async fn field(records: &Records, id: &str) -> ApiResult<CustomField> {
    records
        .get(&format!("{FIELD_PREFIX}{id}"))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no custom field with id {id}.")))
}

pub async fn create_field(records: &Records, input: CustomFieldInput) -> ApiResult<CustomField> {
    let clean = input
        .validate(&fields(records).await?, None)
        .map_err(ApiError::Validation)?;
    let created = CustomField {
        id: ids::new_id()?,
        entity: clean.entity,
        name: clean.name,
        label: clean.label,
        field_type: clean.field_type,
        choices: clean.choices,
        created_at: ids::now_iso(),
    };
    records
        .put(&format!("{FIELD_PREFIX}{}", created.id), &created)
        .await?;
    Ok(created)
}

/// Label and choices may change; entity, name and type are fixed once values exist.
pub async fn update_field(
    records: &Records,
    id: &str,
    input: CustomFieldInput,
) -> ApiResult<CustomField> {
    let current = field(records, id).await?;
    let clean = input
        .validate(&fields(records).await?, Some(id))
        .map_err(ApiError::Validation)?;
    if clean.entity != current.entity
        || clean.name != current.name
        || clean.field_type != current.field_type
    {
        return Err(ApiError::Conflict(
            "A custom field's table, name and type cannot change; create a new field instead."
                .into(),
        ));
    }
    let updated = CustomField {
        label: clean.label,
        choices: clean.choices,
        ..current
    };
    records
        .put(&format!("{FIELD_PREFIX}{id}"), &updated)
        .await?;
    Ok(updated)
}

pub async fn delete_field(records: &Records, id: &str) -> ApiResult<()> {
    let current = field(records, id).await?;
    let users: Vec<String> = tables(records)
        .await?
        .into_iter()
        .filter(|t| t.entity == current.entity && t.fields.contains(&current.name))
        .map(|t| t.name)
        .collect();
    if !users.is_empty() {
        return Err(ApiError::Conflict(format!(
            "{} is listed by website table configurations: {}. Remove it there first.",
            current.name,
            users.join(", ")
        )));
    }
    records.delete(&format!("{FIELD_PREFIX}{id}")).await?;
    Ok(())
}

pub async fn tables(records: &Records) -> ApiResult<Vec<WebsiteTableConfiguration>> {
    let mut tables: Vec<WebsiteTableConfiguration> = records.list(TABLE_PREFIX).await?;
    list::sort_by(&mut tables, |a, b| {
        (a.entity, &a.name).cmp(&(b.entity, &b.name))
    });
    Ok(tables)
}

async fn table(records: &Records, id: &str) -> ApiResult<WebsiteTableConfiguration> {
    records
        .get(&format!("{TABLE_PREFIX}{id}"))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "There is no website table configuration with id {id}."
            ))
        })
}

pub async fn get_table(records: &Records, id: &str) -> ApiResult<WebsiteTableConfiguration> {
    table(records, id).await
}

pub async fn save_table(
    records: &Records,
    id: Option<&str>,
    input: WebsiteTableConfigurationInput,
) -> ApiResult<WebsiteTableConfiguration> {
    let clean = input
        .validate(&fields(records).await?)
        .map_err(ApiError::Validation)?;
    let now = ids::now_iso();
    let saved = match id {
        Some(id) => WebsiteTableConfiguration {
            name: clean.name,
            entity: clean.entity,
            fields: clean.fields,
            updated_at: now,
            ..table(records, id).await?
        },
        None => WebsiteTableConfiguration {
            id: ids::new_id()?,
            name: clean.name,
            entity: clean.entity,
            fields: clean.fields,
            created_at: now.clone(),
            updated_at: now,
        },
    };
    records
        .put(&format!("{TABLE_PREFIX}{}", saved.id), &saved)
        .await?;
    Ok(saved)
}

pub async fn delete_table(records: &Records, id: &str) -> ApiResult<()> {
    table(records, id).await?;
    records.delete(&format!("{TABLE_PREFIX}{id}")).await?;
    Ok(())
}

#[cfg(test)]
#[path = "tests/custom.rs"]
mod tests;
