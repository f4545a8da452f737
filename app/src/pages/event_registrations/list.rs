//! The registrations table: one row per registration, with its pass and answers when the
//! event has passes / questions, where it stands with the webinar provider (with Retry) and
//! its sessions' own webinars (join link and attendance each), its attendance, and a Cancel
//! button.

use convene_types::catalog::Pass;
use convene_types::custom::{Answer, RegistrationQuestion};
use convene_types::event::Session;
use convene_types::i18n::Lang;
use convene_types::list::{self, Page};
use convene_types::registration::{Registration, RegistrationStatus, SyncState};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{Passes, Questions, Sessions, loaded};
use crate::api;
use crate::components::attendance::AttendanceSummary;
use crate::components::list::ListState;
use crate::components::pager::Pager;
use crate::components::status::RegistrationStatusBadge;
use crate::components::sync_state::{SyncStatus, session_webinars};
use crate::display::{person, timestamp};
use crate::i18n::admin::{common, registrations as words};
use crate::i18n::{self, t};

/// The pass's name as the list shows it.
fn pass_name(lang: Lang, passes: &[Pass], pass_id: &str) -> String {
    passes
        .iter()
        .find(|p| p.id == pass_id)
        .map_or_else(|| words::DELETED_PASS.get(lang).into(), |p| p.name.clone())
}

/// "Question: answer" lines, in the questions' order; answers to questions deleted since last.
fn answer_lines(
    lang: Lang,
    questions: &[RegistrationQuestion],
    answers: &[Answer],
) -> Vec<(String, String)> {
    let mut lines: Vec<(usize, String, String)> = answers
        .iter()
        .map(|a| match questions.iter().position(|q| q.id == a.id) {
            Some(i) => (i, questions[i].text.clone(), a.value.clone()),
            None => (
                usize::MAX,
                words::DELETED_QUESTION.get(lang).into(),
                a.value.clone(),
            ),
        })
        .collect();
    list::sort_by_key(&mut lines, |(i, _, _)| *i);
    lines.into_iter().map(|(_, q, a)| (q, a)).collect()
}

/// What a row's buttons do: cancel or retry the registration (by id); a refusal shows in
/// `message`. No Cancel unless `writable` (the role may change events; `SyncStatus` asks the
/// same for Retry).
#[derive(Clone, Copy)]
pub(super) struct RowActs {
    pub cancel: Action<String, api::ApiResult<Registration>>,
    pub retry: Action<String, api::ApiResult<Registration>>,
    pub message: RwSignal<Option<String>>,
    pub writable: bool,
}

/// One page of registrations. The Pass and Answers columns show when the event has passes /
/// questions, or a registration on the page has one; Attendance when a registration on the
/// page is one of a webinar. Made in the language read (tracked) now.
pub(super) fn table(
    page: Page<Registration>,
    passes: Passes,
    questions: Questions,
    sessions: Sessions,
    acts: RowActs,
    list: ListState,
) -> impl IntoView {
    let lang = i18n::lang();
    let pages = page.page_count();
    let pass_list = loaded(passes).unwrap_or_default();
    let question_list = loaded(questions).unwrap_or_default();
    let pass_list = (!pass_list.is_empty() || page.items.iter().any(|r| r.pass_id.is_some()))
        .then_some(pass_list);
    let question_list = (!question_list.is_empty()
        || page.items.iter().any(|r| !r.responses.is_empty()))
    .then_some(question_list);
    let pass_header = pass_list
        .is_some()
        .then(|| view! { <th>{t(common::PASS)}</th> });
    let answers_header = question_list
        .is_some()
        .then(|| view! { <th>{t(words::ANSWERS)}</th> });
    let attendance = page
        .items
        .iter()
        .any(|r| r.sync_state != SyncState::NotRequired || r.attendance.is_some());
    let sessions = loaded(sessions).unwrap_or_default();
    let attendance_header = attendance.then(|| view! { <th>{t(words::ATTENDANCE)}</th> });
    view! {
        <div class="table-scroll"><table class="grid" data-testid="registrations-table">
            <thead>
                <tr>
                    <th>{t(common::NAME)}</th>
                    <th>{t(common::EMAIL)}</th>
                    <th>{t(common::COMPANY)}</th>
                    {pass_header}
                    {answers_header}
                    <th>{t(common::STATUS)}</th>
                    <th>{t(words::CREATED_AT)}</th>
                    <th>{t(words::WEBINAR_SYNC)}</th>
                    {attendance_header}
                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                </tr>
            </thead>
            <tbody>{rows(lang, page.items, Columns { pass_list, question_list, attendance, sessions }, acts)}</tbody>
        </table></div>
        <Pager total=page.total current=page.page pages=pages page=list.page noun=words::REGISTRATIONS_NOUN />
    }
}

/// The optional columns: Pass and Answers (with what they name), Attendance; the event's
/// sessions (their webinars show by the session's name).
struct Columns {
    pass_list: Option<Vec<Pass>>,
    question_list: Option<Vec<RegistrationQuestion>>,
    attendance: bool,
    sessions: Vec<Session>,
}

fn rows(lang: Lang, items: Vec<Registration>, columns: Columns, acts: RowActs) -> impl IntoView {
    let Columns {
        pass_list,
        question_list,
        attendance,
        sessions,
    } = columns;
    let RowActs {
        cancel,
        retry,
        message,
        writable,
    } = acts;
    items
        .into_iter()
        .map(|r| {
            let pass = pass_list.as_ref().map(|list| {
                let name = r.pass_id.as_deref().map(|id| pass_name(lang, list, id));
                view! { <td>{name.unwrap_or_else(|| "—".into())}</td> }
            });
            let answers = question_list.as_ref().map(|list| {
                let lines = answer_lines(lang, list, &r.responses);
                view! {
                    <td>
                        <ul class="plain-list compact answers">
                            {lines.into_iter().map(|(q, a)| view! {
                                <li><span class="muted">{words::before_colon(lang, &q)}</span>{a}</li>
                            }).collect_view()}
                        </ul>
                    </td>
                }
            });
            let who = person(&r.first_name, &r.last_name, &r.email);
            let asked = who.clone();
            let id = r.id.clone();
            let retry_id = r.id.clone();
            let on_retry = Callback::new(move |()| {
                message.set(None);
                retry.dispatch(retry_id.clone());
            });
            let attendance = attendance.then(|| {
                let reported = r.attendance.clone();
                view! { <td><AttendanceSummary attendance=reported /></td> }
            });
            let cancellable = writable && r.status != RegistrationStatus::Cancelled;
            let session_webinars = session_webinars(&r.session_webinars, &sessions);
            view! {
                <tr>
                    <td>
                        <A href=format!("/contacts/{}", r.contact_id) attr:title=t(words::OPEN_CONTACT)>
                            {who}
                        </A>
                    </td>
                    <td>{r.email.clone()}</td>
                    <td>{r.company.clone()}</td>
                    {pass}
                    {answers}
                    <td><RegistrationStatusBadge status=r.status /></td>
                    <td>{timestamp(lang, &r.created_at)}</td>
                    <td>
                        <SyncStatus registration=r retry=on_retry retrying=retry.pending() />
                        {session_webinars}
                    </td>
                    {attendance}
                    <td class="row-actions">
                        {cancellable.then(|| view! {
                            <button class="button subtle danger" on:click=move |_| {
                                let question = words::cancel_question(i18n::current(), &asked);
                                if window().confirm_with_message(&question).unwrap_or(false) {
                                    message.set(None);
                                    cancel.dispatch(id.clone());
                                }
                            }>{t(common::CANCEL)}</button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view()
}
