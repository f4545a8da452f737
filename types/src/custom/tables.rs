//! Website table configurations: which fields of a table the Events API exposes.

use crate::prelude::*;
use alloc::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{CustomField, CustomValues, Entity, LABEL_MAX};
use crate::FieldError;
use crate::validate::required_name;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebsiteTableConfiguration {
    pub id: String,
    pub name: String,
    pub entity: Entity,
    /// Custom field names and optional standard field names the Events API returns.
    pub fields: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct WebsiteTableConfigurationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub entity: Entity,
    #[serde(default)]
    pub fields: Vec<String>,
}

impl WebsiteTableConfigurationInput {
    pub fn validate(
        &self,
        custom: &[CustomField],
    ) -> Result<WebsiteTableConfigurationInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, LABEL_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let mut fields: Vec<String> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let f = f.trim();
            let known = self.entity.optional_standard_fields().contains(&f)
                || custom
                    .iter()
                    .any(|c| c.entity == self.entity && c.name == f);
            if !known {
                errors.push(FieldError::new(
                    format!("fields[{i}]"),
                    format!("{f} is not a {} field", self.entity.key()),
                ));
            } else if !fields.iter().any(|x| x == f) {
                fields.push(f.to_string());
            }
        }
        if errors.is_empty() {
            Ok(WebsiteTableConfigurationInput {
                name,
                entity: self.entity,
                fields,
            })
        } else {
            Err(errors)
        }
    }
}

/// The field names exposed for `entity`: the union of its configurations' lists.
pub fn exposed(configurations: &[WebsiteTableConfiguration], entity: Entity) -> BTreeSet<String> {
    configurations
        .iter()
        .filter(|c| c.entity == entity)
        .flat_map(|c| c.fields.iter().cloned())
        .collect()
}

/// Only the listed custom values.
pub fn expose(values: &CustomValues, exposed: &BTreeSet<String>) -> CustomValues {
    values
        .iter()
        .filter(|(k, _)| exposed.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_listed_fields_are_exposed() {
        let configs = [WebsiteTableConfiguration {
            id: "w".into(),
            name: "Site".into(),
            entity: Entity::Event,
            fields: vec!["room".into(), "description".into()],
            created_at: "t".into(),
            updated_at: "t".into(),
        }];
        let listed = exposed(&configs, Entity::Event);
        assert!(exposed(&configs, Entity::Session).is_empty());
        let values: CustomValues =
            serde_json::from_value(json!({"room": "A1", "secret": "x"})).expect("map");
        assert_eq!(
            expose(&values, &listed).keys().collect::<Vec<_>>(),
            ["room"]
        );
        let input = WebsiteTableConfigurationInput {
            name: "S".into(),
            entity: Entity::Event,
            fields: vec!["nope".into()],
        };
        assert_eq!(
            input.validate(&[]).expect_err("unknown")[0].field,
            "fields[0]"
        );
    }
}
