//! Charts to look at instead of read: plain SVG and CSS bars, no charting library. Each
//! chart says what it shows in numbers, in visible sentences in the language (its image for
//! assistive technology, `role="img"`, is labelled by them). The geometry and the sentences
//! are plain functions, tested natively.

use convene_types::event::EventFill;
use convene_types::i18n::Lang;
use convene_types::registration::DailyCount;
use leptos::prelude::*;

use crate::components::attendance::AttendanceTotals;
use crate::display::local_time;
use crate::i18n::admin::charts as words;
use crate::i18n::{self, t};

/// The drawing's size in SVG units (it scales to the width it is given).
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;
/// Room under the bars for the first and last day.
const AXIS: f64 = 18.0;
/// The fewest day slots drawn: a few days do not make giant bars.
const MIN_SLOTS: usize = 14;

/// One stacked bar: the day, its x and width, and each part's (y, height) from the bottom
/// up: confirmed, waitlisted, cancelled.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    pub day: String,
    pub x: f64,
    pub width: f64,
    pub parts: [(f64, f64); 3],
}

/// The bars of `days`, the tallest day filling the height above the axis.
pub fn stacks(days: &[DailyCount]) -> Vec<Stack> {
    let most = days.iter().map(DailyCount::total).max().unwrap_or(0).max(1);
    let step = WIDTH / days.len().max(MIN_SLOTS) as f64;
    let scale = (HEIGHT - AXIS) / f64::from(most);
    days.iter()
        .enumerate()
        .map(|(i, d)| {
            let mut bottom = HEIGHT - AXIS;
            let parts = [d.confirmed, d.waitlisted, d.cancelled].map(|n| {
                let height = f64::from(n) * scale;
                bottom -= height;
                (bottom, height)
            });
            Stack {
                day: d.day.clone(),
                x: i as f64 * step + step * 0.1,
                width: step * 0.8,
                parts,
            }
        })
        .collect()
}

/// What the registrations chart shows, in two sentences, in `lang`.
pub fn days_summary(lang: Lang, days: &[DailyCount]) -> String {
    let sum = |f: fn(&DailyCount) -> u32| days.iter().map(f).sum::<u32>();
    let (confirmed, waitlisted, cancelled) = (
        sum(|d| d.confirmed),
        sum(|d| d.waitlisted),
        sum(|d| d.cancelled),
    );
    let (Some(first), Some(last), Some(busiest)) = (
        days.first(),
        days.last(),
        days.iter()
            .max_by_key(|d| (d.total(), std::cmp::Reverse(d.day.clone()))),
    ) else {
        return words::NO_REGISTRATIONS_YET.get(lang).into();
    };
    let day = |d: &DailyCount| local_time(lang, &d.day);
    format!(
        "{} {}",
        words::days_registrations(
            lang,
            &day(first),
            &day(last),
            confirmed,
            waitlisted,
            cancelled
        ),
        words::busiest_day(lang, &day(busiest), busiest.total())
    )
}

/// Registrations made each day, stacked by status now.
#[component]
pub fn RegistrationsPerDay(days: Vec<DailyCount>) -> impl IntoView {
    let (first, last) = (
        days.first().map(|d| d.day.clone()).unwrap_or_default(),
        days.last().map(|d| d.day.clone()).unwrap_or_default(),
    );
    let stacked = stacks(&days);
    // The last day's label ends under its bar (or the first's starts there, for one day).
    let last_end = stacked.last().map_or(WIDTH, |s| s.x + s.width);
    let last = (days.len() > 1).then(|| {
        view! {
            <text x=last_end y=HEIGHT - 4.0 class="axis end">
                {move || local_time(i18n::lang(), &last)}
            </text>
        }
    });
    let bars = stacked
        .into_iter()
        .map(|bar| {
            let Stack {
                day,
                x,
                width,
                parts,
            } = bar;
            let rects = parts
                .into_iter()
                .zip(["confirmed", "waitlisted", "cancelled"])
                .filter(|((_, height), _)| *height > 0.0)
                .map(|((y, height), class)| {
                    view! { <rect class=class x=x y=y width=width height=height /> }
                })
                .collect_view();
            view! { <g><title>{move || local_time(i18n::lang(), &day)}</title>{rects}</g> }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="registrations-per-day">
            <figcaption>
                <strong>{t(words::REGISTRATIONS_PER_DAY)}</strong>
                <span class="legend">
                    <span class="key confirmed"></span>{t(words::CONFIRMED_KEY)}
                    <span class="key waitlisted"></span>{t(words::WAITLISTED_KEY)}
                    <span class="key cancelled"></span>{t(words::CANCELLED_KEY)}
                </span>
            </figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="per-day-summary">
                {bars}
                <text x="0" y=HEIGHT - 4.0 class="axis">
                    {move || local_time(i18n::lang(), &first)}
                </text>
                {last}
            </svg>
            <p class="muted" id="per-day-summary">{move || days_summary(i18n::lang(), &days)}</p>
        </figure>
    }
}

/// Attended against registered, for the event and each session with its own webinar: one
/// pair of bars each, as long as their share of the most registered.
#[component]
pub fn AttendanceChart(rows: Vec<(String, AttendanceTotals)>) -> impl IntoView {
    let most = rows
        .iter()
        .map(|(_, totals)| totals.registered)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let bars = rows
        .iter()
        .map(|(name, totals)| {
            let width = |n: usize| format!("{:.1}%", n as f64 / most * 100.0);
            view! {
                <div class="pair">
                    <span class="name">{name.clone()}</span>
                    <span class="bar registered" style:width=width(totals.registered)></span>
                    <span class="bar attended" style:width=width(totals.attended)></span>
                </div>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="attendance-chart">
            <figcaption>
                <strong>{t(words::ATTENDED_VS_REGISTERED)}</strong>
                <span class="legend">
                    <span class="key registered"></span>{t(words::REGISTERED_KEY)}
                    <span class="key attended"></span>{t(words::ATTENDED_KEY)}
                </span>
            </figcaption>
            <div class="pairs" role="img" aria-labelledby="attendance-summary">{bars}</div>
            <p class="muted" id="attendance-summary">{move || attendance_summary(i18n::lang(), &rows)}</p>
        </figure>
    }
}

/// What the attendance chart shows, in one sentence, in `lang`: "Event: 12 of 30 attended;
/// Keynote: 3 of 5 attended."
pub fn attendance_summary(lang: Lang, rows: &[(String, AttendanceTotals)]) -> String {
    words::attendance_summary(
        lang,
        rows.iter()
            .map(|(name, totals)| (name.as_str(), totals.attended, totals.registered)),
    )
}

/// "Spring Summit: 12 of 50 seats taken (24%), 3 waitlisted", or without a capacity
/// "Spring Summit: 12 registered (no capacity)", in `lang`.
pub fn fill_sentence(lang: Lang, fill: &EventFill) -> String {
    match (fill.capacity, fill.percent()) {
        (Some(capacity), Some(percent)) => words::seats_taken(
            lang,
            &fill.name,
            fill.confirmed,
            capacity,
            percent,
            fill.waitlisted,
        ),
        _ => words::registered_without_capacity(lang, &fill.name, fill.confirmed, fill.waitlisted),
    }
}

/// How full the upcoming events are: one bar each, the share of its capacity taken, with
/// its sentence beside it (the bar itself is decoration: the rows hold links, so they are
/// not one image).
#[component]
pub fn UpcomingFill(events: Vec<EventFill>) -> impl IntoView {
    let rows = events
        .into_iter()
        .map(|fill| {
            let width = format!("{}%", fill.percent().unwrap_or(0));
            let href = format!("/events/{}", fill.id);
            view! {
                <div class="pair">
                    <a class="name" href=href>{fill.name.clone()}</a>
                    <span class="track" aria-hidden="true">
                        <span class="bar registered" style:width=width></span>
                    </span>
                    <span class="muted small">{move || fill_sentence(i18n::lang(), &fill)}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="upcoming-fill">
            <figcaption><strong>{t(words::UPCOMING_SEATS_TAKEN)}</strong></figcaption>
            <div class="pairs">{rows}</div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(day: &str, confirmed: u32, waitlisted: u32, cancelled: u32) -> DailyCount {
        DailyCount {
            day: day.into(),
            confirmed,
            waitlisted,
            cancelled,
        }
    }

    #[test]
    fn the_busiest_day_fills_the_height_and_parts_stack_up() {
        let bars = stacks(&[day("2026-06-01", 1, 0, 0), day("2026-06-02", 2, 1, 1)]);
        assert_eq!(bars.len(), 2);
        let top = HEIGHT - AXIS;
        // Day two: 4 registrations, the most: its parts reach the top.
        let [confirmed, waitlisted, cancelled] = bars[1].parts;
        assert_eq!(confirmed, (top - top / 2.0, top / 2.0));
        assert_eq!(waitlisted.0 + waitlisted.1, confirmed.0);
        assert_eq!(cancelled.0, 0.0);
        assert_eq!(bars[0].parts[0].1, top / 4.0);
        // At least two weeks of slots: two days are two narrow bars on the left.
        let step = WIDTH / MIN_SLOTS as f64;
        assert_eq!(bars[1].x, step + step * 0.1);
    }

    #[test]
    fn an_events_fill_reads_as_a_sentence() {
        let mut fill = EventFill {
            id: "e".into(),
            name: "Summit".into(),
            start: String::new(),
            time_zone: String::new(),
            capacity: Some(50),
            confirmed: 12,
            waitlisted: 0,
        };
        assert_eq!(
            fill_sentence(Lang::En, &fill),
            "Summit: 12 of 50 seats taken (24%)"
        );
        assert_eq!(
            fill_sentence(Lang::Fr, &fill),
            "Summit : 12 places prises sur 50 (24\u{202f}%)"
        );
        fill.waitlisted = 3;
        fill.capacity = None;
        assert_eq!(
            fill_sentence(Lang::En, &fill),
            "Summit: 12 registered (no capacity), 3 waitlisted"
        );
        assert_eq!(
            fill_sentence(Lang::Fr, &fill),
            "Summit : 12 inscrits (sans capacité), 3 en liste d’attente"
        );
        fill.confirmed = 1;
        fill.waitlisted = 0;
        assert_eq!(
            fill_sentence(Lang::Fr, &fill),
            "Summit : 1 inscrit (sans capacité)"
        );
    }

    #[test]
    fn the_summary_says_it_in_numbers() {
        let days = [
            day("2026-06-01", 1, 0, 0),
            day("2026-06-02", 0, 0, 0),
            day("2026-06-03", 2, 1, 1),
        ];
        assert_eq!(
            days_summary(Lang::En, &days),
            "5 registrations from 2026-06-01 to 2026-06-03 (UTC days): 3 confirmed, 1 \
             waitlisted, 1 cancelled. Most on 2026-06-03: 4."
        );
        assert_eq!(
            days_summary(Lang::Fr, &days),
            "5 inscriptions du 01/06/2026 au 03/06/2026 (jours UTC) : 3 confirmées, 1 en \
             liste d’attente, 1 annulée. Maximum le 03/06/2026 : 4."
        );
        assert_eq!(days_summary(Lang::En, &[]), "No registrations yet.");
        assert_eq!(
            days_summary(Lang::Fr, &[]),
            "Aucune inscription pour l’instant."
        );
    }

    #[test]
    fn the_attendance_summary_names_each_row() {
        let rows = [
            (
                "Event".to_string(),
                AttendanceTotals {
                    attended: 1,
                    registered: 2,
                },
            ),
            (
                "Keynote".to_string(),
                AttendanceTotals {
                    attended: 3,
                    registered: 5,
                },
            ),
        ];
        assert_eq!(
            attendance_summary(Lang::En, &rows),
            "Event: 1 of 2 attended; Keynote: 3 of 5 attended."
        );
        assert_eq!(
            attendance_summary(Lang::Fr, &rows),
            "Event : 1 sur 2 a participé ; Keynote : 3 sur 5 ont participé."
        );
    }
}
