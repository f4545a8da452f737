//! Native tests' stand-in for a Durable Object's SQL storage: SQLite, the engine that
//! storage is, in memory. Rows come back as the runtime gives them to `to_array` (one JSON
//! object per row, by column name), so the commands' row types read them unchanged.

use rusqlite::Connection;
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use worker::SqlStorageValue;

use crate::error::{ApiError, ApiResult};

/// Runs one statement with its bindings; every row it gives, read as `T`.
pub fn rows<T: DeserializeOwned>(
    connection: &Connection,
    query: &str,
    bindings: Vec<SqlStorageValue>,
) -> ApiResult<Vec<T>> {
    let failed = |e: rusqlite::Error| ApiError::internal(format!("SQL `{query}`: {e}"));
    let mut statement = connection.prepare(query).map_err(failed)?;
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(String::from)
        .collect();
    let values = bindings.into_iter().map(bound);
    let mut rows = statement
        .query(rusqlite::params_from_iter(values))
        .map_err(failed)?;
    let mut read = Vec::new();
    while let Some(row) = rows.next().map_err(failed)? {
        let mut object = Map::new();
        for (i, name) in names.iter().enumerate() {
            object.insert(name.clone(), json(row.get_ref(i).map_err(failed)?));
        }
        read.push(serde_json::from_value(Value::Object(object))?);
    }
    Ok(read)
}

fn bound(value: SqlStorageValue) -> SqlValue {
    match value {
        SqlStorageValue::Null => SqlValue::Null,
        SqlStorageValue::Boolean(b) => SqlValue::Integer(b.into()),
        SqlStorageValue::Integer(n) => SqlValue::Integer(n),
        SqlStorageValue::Float(x) => SqlValue::Real(x),
        SqlStorageValue::String(text) => SqlValue::Text(text),
        SqlStorageValue::Blob(bytes) => SqlValue::Blob(bytes),
    }
}

/// A column's value as the runtime's rows carry it (numbers are JavaScript numbers).
fn json(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Number(n.into()),
        ValueRef::Real(x) => Number::from_f64(x).map_or(Value::Null, Value::Number),
        ValueRef::Text(text) => Value::String(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(bytes) => Value::Array(bytes.iter().map(|&b| Value::from(b)).collect()),
    }
}
