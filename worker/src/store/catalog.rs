//! Per-event records: speakers, passes and custom registration fields (questions).

use convene_types::catalog::{Pass, PassInput, Speaker, SpeakerInput};
use convene_types::custom::{Entity, RegistrationQuestion, RegistrationQuestionInput};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::custom::check_values;
use super::events;
use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;

/// The kinds of per-event records, with their storage prefix and their name in messages.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Speaker,
    Pass,
    Question,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Speaker => "speaker",
            Kind::Pass => "pass",
            Kind::Question => "question",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Speaker => "speaker",
            Kind::Pass => "pass",
            Kind::Question => "custom registration field",
        }
    }
}

fn key(kind: Kind, event_id: &str, id: &str) -> String {
    format!("{}:{event_id}:{id}", kind.prefix())
}

pub async fn list<T: DeserializeOwned>(
    records: &Records,
    kind: Kind,
    event_id: &str,
) -> ApiResult<Vec<T>> {
    records
        .list(&format!("{}:{event_id}:", kind.prefix()))
        .await
}

async fn get<T: DeserializeOwned>(
    records: &Records,
    kind: Kind,
    event_id: &str,
    id: &str,
) -> ApiResult<T> {
    records.get(&key(kind, event_id, id)).await?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no {} with id {id} in this event.",
            kind.noun()
        ))
    })
}

async fn put<T: Serialize>(
    records: &Records,
    kind: Kind,
    event_id: &str,
    id: &str,
    value: &T,
) -> ApiResult<()> {
    records.put(&key(kind, event_id, id), value).await
}

pub async fn delete(records: &Records, kind: Kind, event_id: &str, id: &str) -> ApiResult<()> {
    if !records.delete(&key(kind, event_id, id)).await? {
        return Err(ApiError::NotFound(format!(
            "There is no {} with id {id} in this event.",
            kind.noun()
        )));
    }
    Ok(())
}

pub async fn save_speaker(
    records: &Records,
    event_id: &str,
    id: Option<&str>,
    input: SpeakerInput,
) -> ApiResult<Speaker> {
    events::by_id(records, event_id).await?;
    let clean = input.validate().map_err(ApiError::Validation)?;
    let custom_fields = check_values(records, Entity::Speaker, &clean.custom_fields).await?;
    let now = ids::now_iso();
    let speaker = match id {
        Some(id) => Speaker {
            name: clean.name,
            title: clean.title,
            biography: clean.biography,
            custom_fields,
            updated_at: now,
            ..get(records, Kind::Speaker, event_id, id).await?
        },
        None => Speaker {
            id: ids::new_id()?,
            event_id: event_id.into(),
            name: clean.name,
            title: clean.title,
            biography: clean.biography,
            custom_fields,
            created_at: now.clone(),
            updated_at: now,
        },
    };
    put(records, Kind::Speaker, event_id, &speaker.id, &speaker).await?;
    Ok(speaker)
}

pub async fn save_pass(
    records: &Records,
    event_id: &str,
    id: Option<&str>,
    input: PassInput,
) -> ApiResult<Pass> {
    events::by_id(records, event_id).await?;
    let (name, capacity) = input.validate().map_err(ApiError::Validation)?;
    let custom_fields = check_values(records, Entity::Pass, &input.custom_fields).await?;
    let now = ids::now_iso();
    let pass = match id {
        Some(id) => Pass {
            name,
            capacity,
            custom_fields,
            updated_at: now,
            ..get(records, Kind::Pass, event_id, id).await?
        },
        None => Pass {
            id: ids::new_id()?,
            event_id: event_id.into(),
            name,
            capacity,
            custom_fields,
            created_at: now.clone(),
            updated_at: now,
        },
    };
    put(records, Kind::Pass, event_id, &pass.id, &pass).await?;
    Ok(pass)
}

pub async fn save_question(
    records: &Records,
    event_id: &str,
    id: Option<&str>,
    input: RegistrationQuestionInput,
) -> ApiResult<RegistrationQuestion> {
    events::by_id(records, event_id).await?;
    let clean = input.validate().map_err(ApiError::Validation)?;
    let question = match id {
        Some(id) => RegistrationQuestion {
            text: clean.text,
            question_type: clean.question_type,
            required: clean.required,
            choices: clean.choices,
            ..get(records, Kind::Question, event_id, id).await?
        },
        None => RegistrationQuestion {
            id: ids::new_id()?,
            event_id: event_id.into(),
            text: clean.text,
            question_type: clean.question_type,
            required: clean.required,
            choices: clean.choices,
            created_at: ids::now_iso(),
        },
    };
    put(records, Kind::Question, event_id, &question.id, &question).await?;
    Ok(question)
}

#[cfg(test)]
#[path = "tests/catalog.rs"]
mod tests;
