//! `/api/admin/retention`: how long registrations keep personal data after their event.

use convene_types::retention::RetentionSetting;
use worker::{Request, Response};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::store::{Body, Command};

pub async fn get(env: &Admin<'_>) -> ApiResult<Response> {
    let setting: RetentionSetting = env.store()?.call(&Command::GetRetention).await?;
    http::json(&setting, 200)
}

pub async fn set(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let command = Command::SetRetention {
        body: Body::read(&mut req).await?,
    };
    let setting: RetentionSetting = env.store()?.call(&command).await?;
    http::json(&setting, 200)
}
