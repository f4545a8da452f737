//! ON24's "Create a webinar" (`POST /v2/client/{clientId}/event`): the form's rules as
//! REFERENCE.md gives them, as pure functions from the form's fields to the new event or the
//! problem's message.

use serde_json::{Value, json};

/// Fields REFERENCE.md lists as required, in the order a missing one is reported.
pub const REQUIRED: [&str; 6] = [
    "eventType",
    "languageCd",
    "liveDuration",
    "liveStart",
    "timeZone",
    "title",
];
/// A title must be under 251 characters.
pub const TITLE_LIMIT: usize = 251;
/// Optional fields kept and echoed back when given.
const OPTIONAL: [&str; 10] = [
    "eventAbstract",
    "promotionalSummary",
    "campaignCode",
    "archiveAvailable",
    "hybrid",
    "venue",
    "address",
    "testevent",
    "countryCd",
    "tagCampaign",
];

/// A local wall-clock time (the form's `liveStart`, read in `timeZone`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// A webinar to create, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    pub title: String,
    pub event_type: String,
    pub language_cd: String,
    pub time_zone: String,
    pub live_start: Civil,
    pub live_duration: u32,
    /// Optional fields as given.
    pub extra: Vec<(String, String)>,
}

/// Checks the form; the message names the field at fault.
pub fn parse(fields: &[(String, String)]) -> Result<NewEvent, String> {
    let get = |name: &str| {
        fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|name| get(name).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(format!("Missing required fields: {}", missing.join(", ")));
    }
    let text = |name: &str| get(name).unwrap_or_default().to_string();
    let title = text("title");
    if title.chars().count() >= TITLE_LIMIT {
        return Err(format!(
            "Invalid title: must be under {TITLE_LIMIT} characters"
        ));
    }
    let live_duration = live_duration(&text("liveDuration"))?;
    let live_start = live_start(&text("liveStart")).ok_or_else(|| {
        "Invalid liveStart: expected MM/DD/YYYY hh:mm a, YYYY-MM-DDThh:mm:ss or YYYY-MM-DDThh:mm:ss±zz:zz"
            .to_string()
    })?;
    let extra = OPTIONAL
        .into_iter()
        .filter_map(|name| get(name).map(|v| (name.to_string(), v.to_string())))
        .collect();
    Ok(NewEvent {
        title,
        event_type: text("eventType"),
        language_cd: text("languageCd"),
        time_zone: text("timeZone"),
        live_start,
        live_duration,
        extra,
    })
}

/// 15 to 480 minutes: 15-minute steps up to 120, then 30-minute steps.
pub fn live_duration(text: &str) -> Result<u32, String> {
    let refuse = || {
        format!(
            "Invalid liveDuration: {text}. It must be 15-480 minutes, in 15-minute steps up to 120 and 30-minute steps after"
        )
    };
    let minutes: u32 = text.parse().map_err(|_| refuse())?;
    let step = if minutes <= 120 { 15 } else { 30 };
    if (15..=480).contains(&minutes) && minutes.is_multiple_of(step) {
        Ok(minutes)
    } else {
        Err(refuse())
    }
}

/// `MM/DD/YYYY hh:mm a`, or `YYYY-MM-DDThh:mm:ss` with an optional `±zz:zz` offset (kept as
/// local time: the simulator does not convert zones).
pub fn live_start(text: &str) -> Option<Civil> {
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let civil = if let Some((date, rest)) = text.split_once(' ') {
        let [month, day, year] = split3(date, '/')?;
        let (clock, half) = rest.split_once(' ')?;
        let (hour, minute) = clock.split_once(':')?;
        let hour12 = num(hour).filter(|h| (1..=12).contains(h))?;
        let hour = match half.to_ascii_uppercase().as_str() {
            "AM" => hour12 % 12,
            "PM" => hour12 % 12 + 12,
            _ => return None,
        };
        Civil {
            year: i64::from(num(year).filter(|_| year.len() == 4)?),
            month: num(month)?,
            day: num(day)?,
            hour,
            minute: num(minute)?,
        }
    } else {
        let (date, time) = text.split_once('T')?;
        let [year, month, day] = split3(date, '-')?;
        let time = match time.len() {
            8 => time,
            14 if matches!(time.as_bytes()[8], b'+' | b'-') && time.as_bytes()[11] == b':' => {
                &time[..8]
            }
            _ => return None,
        };
        let [hour, minute, second] = split3(time, ':')?;
        num(second).filter(|s| *s < 60)?;
        Civil {
            year: i64::from(num(year).filter(|_| year.len() == 4)?),
            month: num(month)?,
            day: num(day)?,
            hour: num(hour)?,
            minute: num(minute)?,
        }
    };
    let valid = (1..=12).contains(&civil.month)
        && civil.day >= 1
        && civil.day <= days_in_month(civil.year, civil.month)
        && civil.hour < 24
        && civil.minute < 60;
    valid.then_some(civil)
}

fn split3(text: &str, sep: char) -> Option<[&str; 3]> {
    let mut parts = text.split(sep);
    let out = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(out)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Civil {
    /// This time plus `minutes`, across days, months and years.
    pub fn plus_minutes(self, minutes: i64) -> Civil {
        let total = days_from_civil(self.year, self.month, self.day) * 1440
            + i64::from(self.hour * 60 + self.minute)
            + minutes;
        let (year, month, day) = civil_from_days(total.div_euclid(1440));
        let in_day = total.rem_euclid(1440);
        Civil {
            year,
            month,
            day,
            hour: (in_day / 60) as u32,
            minute: (in_day % 60) as u32,
        }
    }

    /// `YYYY-MM-DDThh:mm:ss`.
    pub fn iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The `wccevent` answer for `event` created as `event_id` of `client_id`. Links point at
/// the simulator (`base_url`), which serves a small page for each.
///
/// UNCONFIRMED: the URL shapes, and the archive window (here: from the live end, one year).
pub fn answer(event: &NewEvent, event_id: u64, client_id: Value, base_url: &str) -> Value {
    let live_end = event
        .live_start
        .plus_minutes(i64::from(event.live_duration));
    let archive_end = live_end.plus_minutes(365 * 1440);
    let mut wccevent = json!({
        "eventId": event_id,
        "title": event.title,
        "liveStart": event.live_start.iso(),
        "liveDuration": event.live_duration,
        "liveEnd": live_end.iso(),
        "archiveStart": live_end.iso(),
        "archiveEnd": archive_end.iso(),
        "clientId": client_id,
        "timeZone": event.time_zone,
        "eventType": event.event_type,
        "languageCd": event.language_cd,
        "audienceUrl": format!("{base_url}{}/{event_id}", crate::routes::AUDIENCE_PREFIX),
        "reportsUrl": format!("{base_url}{}/{event_id}", crate::routes::REPORTS_PREFIX),
        "previewUrl": format!("{base_url}{}/{event_id}", crate::routes::PREVIEW_PREFIX),
    });
    if let Value::Object(map) = &mut wccevent {
        for (name, value) in &event.extra {
            map.insert(name.clone(), json!(value));
        }
    }
    json!({ "wccevent": wccevent })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn valid() -> Vec<(String, String)> {
        form(&[
            ("eventType", "Webcast"),
            ("languageCd", "en"),
            ("liveDuration", "90"),
            ("liveStart", "06/01/2026 02:30 PM"),
            ("timeZone", "Europe/Paris"),
            ("title", "Launch"),
            ("venue", "Online"),
        ])
    }

    #[test]
    fn a_valid_form_makes_an_event() {
        let event = parse(&valid()).expect("valid");
        assert_eq!(event.live_duration, 90);
        assert_eq!(event.live_start.iso(), "2026-06-01T14:30:00");
        assert_eq!(event.extra, form(&[("venue", "Online")]));
        let answer = answer(&event, 7, json!(42), "http://sim");
        let w = &answer["wccevent"];
        assert_eq!(w["liveEnd"], "2026-06-01T16:00:00");
        assert_eq!(w["audienceUrl"], "http://sim/wcc/e/7");
        assert_eq!(w["previewUrl"], "http://sim/wcc/p/7");
        assert_eq!(w["venue"], "Online");
    }

    #[test]
    fn missing_fields_are_named() {
        let message = parse(&form(&[("title", "x"), ("languageCd", " ")])).expect_err("missing");
        assert_eq!(
            message,
            "Missing required fields: eventType, languageCd, liveDuration, liveStart, timeZone"
        );
    }

    #[test]
    fn durations_follow_the_steps() {
        for ok in ["15", "120", "150", "480"] {
            assert!(live_duration(ok).is_ok(), "{ok}");
        }
        for bad in ["0", "10", "125", "135", "510", "ninety", "-15", "90.0"] {
            assert!(live_duration(bad).expect_err(bad).contains("liveDuration"));
        }
    }

    #[test]
    fn titles_must_be_under_251_characters() {
        let mut fields = valid();
        fields.push(("title".into(), "x".repeat(251)));
        assert!(parse(&fields).expect_err("long").contains("title"));
        fields.push(("title".into(), "x".repeat(250)));
        assert!(parse(&fields).is_ok());
    }

    #[test]
    fn start_times_in_each_documented_form() {
        let at = |y, mo, d, h, mi| Civil {
            year: y,
            month: mo,
            day: d,
            hour: h,
            minute: mi,
        };
        assert_eq!(
            live_start("06/01/2026 12:05 AM"),
            Some(at(2026, 6, 1, 0, 5))
        );
        assert_eq!(
            live_start("06/01/2026 12:05 pm"),
            Some(at(2026, 6, 1, 12, 5))
        );
        assert_eq!(
            live_start("2026-06-01T09:00:00"),
            Some(at(2026, 6, 1, 9, 0))
        );
        assert_eq!(
            live_start("2026-06-01T09:00:00+02:00"),
            Some(at(2026, 6, 1, 9, 0))
        );
        for bad in [
            "2026-06-01T09:00",
            "2026-02-30T09:00:00",
            "13/01/2026 01:00 PM",
            "06/01/2026 13:00 PM",
            "06/01/2026 01:00",
            "tomorrow",
        ] {
            assert_eq!(live_start(bad), None, "{bad}");
        }
    }

    #[test]
    fn end_times_cross_days_and_years() {
        let start = live_start("12/31/2026 11:30 PM").expect("valid");
        assert_eq!(start.plus_minutes(60).iso(), "2027-01-01T00:30:00");
        let leap = live_start("2028-02-28T23:00:00").expect("valid");
        assert_eq!(leap.plus_minutes(120).iso(), "2028-02-29T01:00:00");
    }
}
