//! What the public Events API reads: published events only, shaped and filtered by the
//! website table configurations. Unpublished and unknown ids look the same (404).

use convene_types::catalog::{Pass, Speaker};
use convene_types::custom::{Entity, RegistrationQuestion, exposed};
use convene_types::event::Event;
use convene_types::list;
use convene_types::public::{
    PublicEvent, PublicPass, PublicRegistrationField, PublicSession, PublicSpeaker,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::catalog::{self, Kind};
use super::records::Records;
use super::{custom, events};
use crate::error::{ApiError, ApiResult};

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Part {
    Event,
    Sessions,
    Speakers,
    Passes,
    RegistrationFields,
}

pub async fn published_event(records: &Records, readable_id: &str) -> ApiResult<Event> {
    events::all(records)
        .await?
        .into_iter()
        .find(|e| e.published && e.readable_id == readable_id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no published event {readable_id}.")))
}

pub async fn published(records: &Records) -> ApiResult<Vec<PublicEvent>> {
    let tables = custom::tables(records).await?;
    let listed = exposed(&tables, Entity::Event);
    let mut events: Vec<Event> = events::all(records)
        .await?
        .into_iter()
        .filter(|e| e.published)
        .collect();
    list::sort_by(&mut events, |a, b| {
        (&a.start, &a.name).cmp(&(&b.start, &b.name))
    });
    Ok(events
        .iter()
        .map(|e| PublicEvent::from(e, &listed))
        .collect())
}

pub async fn part(records: &Records, readable_id: &str, part: Part) -> ApiResult<Value> {
    let event = published_event(records, readable_id).await?;
    let tables = custom::tables(records).await?;
    let listed = |entity| exposed(&tables, entity);
    let value = match part {
        Part::Event => serde_json::to_value(PublicEvent::from(&event, &listed(Entity::Event)))?,
        Part::Sessions => {
            let fields = listed(Entity::Session);
            let sessions = events::sessions(records, &event.id).await?;
            serde_json::to_value(
                sessions
                    .iter()
                    .map(|s| PublicSession::from(s, &fields))
                    .collect::<Vec<_>>(),
            )?
        }
        Part::Speakers => {
            let fields = listed(Entity::Speaker);
            let mut speakers: Vec<Speaker> =
                catalog::list(records, Kind::Speaker, &event.id).await?;
            list::sort_by(&mut speakers, |a, b| a.name.cmp(&b.name));
            serde_json::to_value(
                speakers
                    .iter()
                    .map(|s| PublicSpeaker::from(s, &fields))
                    .collect::<Vec<_>>(),
            )?
        }
        Part::Passes => {
            let fields = listed(Entity::Pass);
            let mut passes: Vec<Pass> = catalog::list(records, Kind::Pass, &event.id).await?;
            list::sort_by(&mut passes, |a, b| a.name.cmp(&b.name));
            serde_json::to_value(
                passes
                    .iter()
                    .map(|p| PublicPass::from(p, &fields))
                    .collect::<Vec<_>>(),
            )?
        }
        Part::RegistrationFields => {
            let mut questions: Vec<RegistrationQuestion> =
                catalog::list(records, Kind::Question, &event.id).await?;
            list::sort_by(&mut questions, |a, b| a.created_at.cmp(&b.created_at));
            serde_json::to_value(
                questions
                    .iter()
                    .map(PublicRegistrationField::from)
                    .collect::<Vec<_>>(),
            )?
        }
    };
    Ok(value)
}

#[cfg(test)]
#[path = "tests/public.rs"]
mod tests;
