//! The retention setting: one record (off until set).

use convene_types::retention::RetentionSetting;
use serde::{Deserialize, Serialize};

use super::records::Records;
use crate::error::{ApiError, ApiResult};

const KEY: &str = "retention:setting";

#[derive(Serialize, Deserialize)]
struct Stored {
    id: String,
    #[serde(flatten)]
    setting: RetentionSetting,
}

pub async fn get(records: &Records) -> ApiResult<RetentionSetting> {
    let stored: Option<Stored> = records.get(KEY).await?;
    Ok(stored.map(|s| s.setting).unwrap_or_default())
}

pub async fn set(records: &Records, setting: RetentionSetting) -> ApiResult<RetentionSetting> {
    let setting = setting.validate().map_err(ApiError::Validation)?;
    let stored = Stored {
        id: "setting".into(),
        setting,
    };
    records.put(KEY, &stored).await?;
    Ok(stored.setting)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::records::support::{field_errors, run};

    #[test]
    fn retention_is_off_until_set_and_refuses_a_bad_number_of_months() {
        let records = Records::in_memory();
        run(async {
            assert_eq!(
                get(&records).await.expect("get"),
                RetentionSetting::default()
            );
            let six = RetentionSetting { months: Some(6) };
            assert_eq!(set(&records, six.clone()).await.expect("set"), six);
            assert_eq!(get(&records).await.expect("get"), six);
            let bad = set(&records, RetentionSetting { months: Some(0) }).await;
            assert_eq!(field_errors(bad)[0].0, "months");
            assert_eq!(
                get(&records).await.expect("get"),
                six,
                "a refusal changes nothing"
            );
        });
    }
}
