//! JSON records in the Durable Object's storage, one key each.
//!
//! The store's commands see only [`Records`], never `worker::Storage`, so their rules also
//! run natively: tests build [`Records::in_memory`], a sorted map that lists by prefix in
//! key order as the Durable Object's storage does. The runtime's storage is the only backend
//! outside tests.

use std::cell::RefCell;
#[cfg(test)]
use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{ListOptions, Storage};

use crate::error::{ApiError, ApiResult};

pub struct Records {
    backend: Backend,
    /// Every write since [`Records::journaled`], for the audit log (`store/audit.rs`).
    journal: Option<RefCell<Vec<Write>>>,
}

/// One write: the record's JSON text before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

enum Backend {
    Storage(Storage),
    /// Key → JSON text, in key order.
    #[cfg(test)]
    Memory(RefCell<BTreeMap<String, String>>),
}

impl Records {
    pub fn new(storage: Storage) -> Self {
        Records {
            backend: Backend::Storage(storage),
            journal: None,
        }
    }

    /// An empty store held in memory.
    #[cfg(test)]
    pub fn in_memory() -> Self {
        Records {
            backend: Backend::Memory(RefCell::default()),
            journal: None,
        }
    }

    /// The same records, keeping a journal of every write from now on (each write reads
    /// the value it replaces first).
    pub fn journaled(self) -> Self {
        Records {
            journal: Some(RefCell::default()),
            ..self
        }
    }

    /// The writes journaled so far, in order; empty when not journaling.
    pub fn take_journal(&self) -> Vec<Write> {
        self.journal.as_ref().map(|j| j.take()).unwrap_or_default()
    }

    async fn text(&self, key: &str) -> ApiResult<Option<String>> {
        Ok(match &self.backend {
            Backend::Storage(storage) => storage.get::<String>(key).await?,
            #[cfg(test)]
            Backend::Memory(map) => map.borrow().get(key).cloned(),
        })
    }

    async fn note(&self, key: &str, after: Option<String>) -> ApiResult<()> {
        if let Some(journal) = &self.journal {
            let before = self.text(key).await?;
            journal.borrow_mut().push(Write {
                key: key.to_string(),
                before,
                after,
            });
        }
        Ok(())
    }

    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> ApiResult<Option<T>> {
        match self.text(key).await? {
            Some(text) => Ok(Some(serde_json::from_str(&text)?)),
            None => Ok(None),
        }
    }

    pub async fn put<T: Serialize>(&self, key: &str, value: &T) -> ApiResult<()> {
        let text = serde_json::to_string(value)?;
        self.note(key, Some(text.clone())).await?;
        match &self.backend {
            Backend::Storage(storage) => Ok(storage.put(key, text).await?),
            #[cfg(test)]
            Backend::Memory(map) => {
                map.borrow_mut().insert(key.to_string(), text);
                Ok(())
            }
        }
    }

    /// Whether there was a record under `key`.
    pub async fn delete(&self, key: &str) -> ApiResult<bool> {
        self.note(key, None).await?;
        match &self.backend {
            Backend::Storage(storage) => Ok(storage.delete(key).await?),
            #[cfg(test)]
            Backend::Memory(map) => Ok(map.borrow_mut().remove(key).is_some()),
        }
    }

    /// Every record whose key starts with `prefix`, in key order.
    pub async fn list<T: DeserializeOwned>(&self, prefix: &str) -> ApiResult<Vec<T>> {
        match &self.backend {
            Backend::Storage(storage) => list_stored(storage, prefix).await,
            #[cfg(test)]
            Backend::Memory(map) => map
                .borrow()
                .range(prefix.to_string()..)
                .take_while(|(key, _)| key.starts_with(prefix))
                .map(|(_, text)| Ok(serde_json::from_str(text)?))
                .collect(),
        }
    }

    /// Every record whose key starts with `prefix`, with its key, in key order.
    pub async fn list_keyed<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> ApiResult<Vec<(String, T)>> {
        match &self.backend {
            Backend::Storage(storage) => list_stored_keyed(storage, prefix).await,
            #[cfg(test)]
            Backend::Memory(map) => map
                .borrow()
                .range(prefix.to_string()..)
                .take_while(|(key, _)| key.starts_with(prefix))
                .map(|(key, text)| Ok((key.clone(), serde_json::from_str(text)?)))
                .collect(),
        }
    }

    /// Every key in the store, in order: what a test checks was (not) written.
    #[cfg(test)]
    pub fn keys(&self) -> Vec<String> {
        match &self.backend {
            Backend::Storage(_) => Vec::new(),
            Backend::Memory(map) => map.borrow().keys().cloned().collect(),
        }
    }
}

async fn list_stored<T: DeserializeOwned>(storage: &Storage, prefix: &str) -> ApiResult<Vec<T>> {
    let map = storage
        .list_with_options(ListOptions::new().prefix(prefix))
        .await?;
    map.values()
        .into_iter()
        .map(|value| {
            let text = value
                .map_err(|e| ApiError::internal(format!("storage list: {e:?}")))?
                .as_string()
                .ok_or_else(|| ApiError::internal(format!("non-string record under {prefix}")))?;
            Ok(serde_json::from_str(&text)?)
        })
        .collect()
}

async fn list_stored_keyed<T: DeserializeOwned>(
    storage: &Storage,
    prefix: &str,
) -> ApiResult<Vec<(String, T)>> {
    let map = storage
        .list_with_options(ListOptions::new().prefix(prefix))
        .await?;
    map.entries()
        .into_iter()
        .map(|entry| {
            let entry = entry.map_err(|e| ApiError::internal(format!("storage list: {e:?}")))?;
            let pair = js_sys::Array::from(&entry);
            let (key, text) = (pair.get(0).as_string(), pair.get(1).as_string());
            let (Some(key), Some(text)) = (key, text) else {
                return Err(ApiError::internal(format!(
                    "non-string record under {prefix}"
                )));
            };
            Ok((key, serde_json::from_str(&text)?))
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/support.rs"]
pub mod support;

#[cfg(test)]
mod tests {
    use super::support::run;
    use super::*;

    #[test]
    fn a_prefix_lists_its_records_in_key_order_and_nothing_else() {
        let records = Records::in_memory();
        run(async {
            for (key, value) in [("item:b", 2), ("item:a", 1), ("items", 9), ("iten:a", 8)] {
                records.put(key, &value).await.expect("put");
            }
            records.put("item:c", &3).await.expect("put");
            let listed: Vec<i32> = records.list("item:").await.expect("list");
            assert_eq!(listed, [1, 2, 3]);
            let none: Vec<i32> = records.list("other:").await.expect("list");
            assert!(none.is_empty());
        });
    }

    #[test]
    fn records_round_trip_as_json_and_deleting_says_whether_one_was_there() {
        let records = Records::in_memory();
        run(async {
            records.put("k", &vec!["a", "b"]).await.expect("put");
            let read: Option<Vec<String>> = records.get("k").await.expect("get");
            assert_eq!(read, Some(vec!["a".to_string(), "b".to_string()]));
            assert!(records.delete("k").await.expect("delete"));
            assert!(!records.delete("k").await.expect("delete"));
            assert_eq!(records.get::<Vec<String>>("k").await.expect("get"), None);
            assert!(records.keys().is_empty());
        });
    }

    #[test]
    fn a_journal_keeps_each_write_with_the_value_it_replaced() {
        let records = Records::in_memory();
        run(async {
            records.put("k", &1).await.expect("put");
            assert!(records.take_journal().is_empty(), "not journaling");
            let records = records.journaled();
            records.put("k", &2).await.expect("put");
            records.delete("k").await.expect("delete");
            let write = |before: Option<&str>, after: Option<&str>| Write {
                key: "k".into(),
                before: before.map(Into::into),
                after: after.map(Into::into),
            };
            assert_eq!(
                records.take_journal(),
                [write(Some("1"), Some("2")), write(Some("2"), None)]
            );
            assert!(records.take_journal().is_empty(), "taken");
        });
    }

    #[test]
    fn a_record_of_another_shape_is_an_error_not_a_panic() {
        let records = Records::in_memory();
        run(async {
            records.put("k", &"text").await.expect("put");
            let read = records.get::<Vec<String>>("k").await;
            assert!(matches!(read, Err(ApiError::Internal(_))), "{read:?}");
        });
    }
}
