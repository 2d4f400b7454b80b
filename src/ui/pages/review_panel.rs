//! 检查与导出's review part (review.md): `审核意见汇总` — every comment by
//! step with its status, open ones first, each a link to where it stands —,
//! the comments on the document as a whole; in review mode the round's
//! `审核结论`, `总体审核意见`, `审核人` and `完成本轮审核`; once the round is
//! closed, `下载审核后 JSON` and the printable HTML with its 审核意见 section.

use leptos::prelude::*;

use crate::core::export::{canonical, file_name};
use crate::core::print::printable_html;
use crate::core::review::anchor::describe_project;
use crate::core::review::rounds::open_round;
use crate::core::review::{
    close_comment, reopen_comment, CommentStatus, Decision, Resolved, Step as CoreStep, MOVED_LABEL,
};
use crate::core::rules::validate;
use crate::ui::context::AppState;
use crate::ui::plain::review::{NoteRef, Spot};
use crate::ui::session::Session;
use crate::ui::widgets::dom::focus_later;
use crate::ui::widgets::download::download;
use crate::ui::widgets::SpotNotes;

#[component]
pub fn ReviewPanel() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let reviewed = Memo::new(move |_| {
        doc.review
            .with(|r| r.as_ref().is_some_and(|r| !r.rounds.is_empty()))
    });
    move || {
        reviewed.get().then(|| {
            view! {
                <section class="review-panel" aria-labelledby="review-summary-title">
                    <h2 id="review-summary-title">"审核意见汇总"</h2>
                    <CommentSummary />
                    <DocumentNotes />
                    <RoundConclusion />
                    <RoundFinished />
                </section>
            }
        })
    }
}

fn step_title(step: CoreStep, light: &crate::core::model::Document) -> String {
    match step {
        CoreStep::Document => "整个文件".into(),
        CoreStep::Head => "基本信息".into(),
        CoreStep::Department => "部门整体绩效目标".into(),
        CoreStep::Project(i) => describe_project(light, i),
    }
}

fn rank(status: CommentStatus) -> u8 {
    match status {
        CommentStatus::Open => 0,
        CommentStatus::Answered => 1,
        CommentStatus::Closed => 2,
    }
}

/// Every comment grouped by step, open ones first in each group.
#[component]
fn CommentSummary() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let notes = session.notes;
    let totals = move || {
        doc.review.with(|r| {
            let mut n = [0usize; 3];
            if let Some(r) = r {
                for (_, c) in r.comments() {
                    n[rank(c.status) as usize] += 1;
                }
            }
            format!(
                "共 {} 条：待处理 {}，已答复 {}，已关闭 {}。",
                n.iter().sum::<usize>(),
                n[0],
                n[1],
                n[2]
            )
        })
    };
    let groups = move || {
        let all = notes.get().all;
        let light = doc.light.get();
        let status_of = |id: &str| {
            doc.review.with_untracked(|r| {
                r.as_ref()
                    .and_then(|r| r.comment(id))
                    .map_or(CommentStatus::Open, |c| c.status)
            })
        };
        let mut groups: Vec<(CoreStep, Vec<NoteRef>)> = Vec::new();
        for note in all {
            match groups.last_mut() {
                Some((step, list)) if *step == note.step => list.push(note),
                _ => groups.push((note.step, vec![note])),
            }
        }
        for (_, list) in &mut groups {
            list.sort_by_key(|n| rank(status_of(&n.id)));
        }
        groups
            .into_iter()
            .map(|(step, list)| {
                let title = step_title(step, &light);
                let light = light.clone();
                view! {
                    <section class="note-group">
                        <h3>{title}</h3>
                        <ul class="summary-notes">
                            {list.into_iter().map(|n| view! { <SummaryLine note=n light=light.clone() /> }).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <p class="summary">{totals}</p>
        {groups}
    }
}

/// One comment in the summary: status, where, text and reply; a link to it.
/// In review mode the comments of earlier rounds are closed or reopened here.
#[component]
fn SummaryLine(note: NoteRef, light: crate::core::model::Document) -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let id = note.id.clone();
    let comment = {
        let id = id.clone();
        Memo::new(move |_| {
            doc.review
                .with(|r| r.as_ref().and_then(|r| r.comment(&id)).cloned())
        })
    };
    let place = match note.resolved {
        Resolved::At(p) => p.describe(&light),
        Resolved::Moved { project: Some(i) } => {
            format!("{} {MOVED_LABEL}", describe_project(&light, i))
        }
        Resolved::Moved { project: None } => MOVED_LABEL.to_string(),
    };
    let target = note.spot.step();
    let focus = format!("note-{id}");
    let go = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        session.go(target, Some(focus.clone()));
    };
    let round_open = doc.review.with_untracked(|r| {
        r.as_ref()
            .and_then(|r| r.rounds.get(note.round))
            .is_some_and(|r| r.is_open())
    });
    let status = move || comment.with(|c| c.as_ref().map_or(CommentStatus::Open, |c| c.status));
    let tools = move || {
        if !doc.review_mode.get() || round_open {
            return None;
        }
        let (a, b) = (id.clone(), id.clone());
        let now = status();
        Some(view! {
            {(now != CommentStatus::Closed).then(|| view! {
                " " <button type="button" class="small" on:click=move |_| { let _ = doc.try_change_review(|r| close_comment(r, &a)); }>"关闭意见"</button>
            })}
            {(now != CommentStatus::Open).then(|| view! {
                " " <button type="button" class="small" on:click=move |_| { let _ = doc.try_change_review(|r| reopen_comment(r, &b)); }>"重新打开"</button>
            })}
        })
    };
    let text = move || comment.with(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default());
    let reply = move || {
        comment.with(|c| {
            c.as_ref()
                .map(|c| c.reply.trim().to_string())
                .filter(|r| !r.is_empty())
                .map(|r| view! { <span class="note-reply">{format!("　回复：{r}")}</span> })
        })
    };
    view! {
        <li class=move || format!("summary-note status-{}", status().as_str())>
            <span class="note-status">{move || status().label()}</span>
            " "
            <a href=format!("#note-{}", note.id) class="goto" on:click=go>{move || format!("{place}：{}", text())}</a>
            {reply}
            {tools}
        </li>
    }
}

/// The comments on the document as a whole (and on projects that are gone),
/// and in review mode the button that adds one.
#[component]
fn DocumentNotes() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let notes = session.notes;
    let any = Memo::new(move |_| notes.with(|n| !n.at(Spot::Document).is_empty()));
    view! {
        {move || (any.get() || doc.review_mode.get()).then(|| view! { <h3>"对整个文件的审核意见"</h3> })}
        <SpotNotes spot=Spot::Document />
    }
}

/// In review mode: the round's decision, summary and reviewer, and 完成本轮审核.
#[component]
fn RoundConclusion() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let problem = RwSignal::new(None::<String>);
    let round = Memo::new(move |_| {
        doc.review.with(|r| {
            r.as_ref()
                .and_then(|r| r.current())
                .filter(|r| r.is_open())
                .map(|r| (r.decision, r.summary.clone(), r.reviewer.clone()))
        })
    });
    let set = move |f: Box<dyn FnOnce(&mut crate::core::review::Round)>| {
        let _ = doc.try_change_review(|r| open_round(r).map(f));
    };
    let finish = {
        let session = session.clone();
        move |_| {
            let decision = round.get_untracked().and_then(|(d, _, _)| d);
            let Some(decision) = decision else {
                problem.set(Some(
                    "请先选择本轮的审核结论：通过、修改后通过或退回修改。".into(),
                ));
                return;
            };
            match session.finish_round(decision) {
                Ok(_) => {
                    problem.set(None);
                    focus_later("round-finished".into());
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        }
    };
    move || {
        if !doc.review_mode.get() {
            return None;
        }
        let (decision, summary, reviewer) = round.get_untracked()?;
        let finish = finish.clone();
        Some(view! {
            <fieldset class="block conclusion">
                <legend>"本轮审核"</legend>
                <fieldset class="decision">
                    <legend>"审核结论"</legend>
                    {Decision::ALL.map(|d| view! {
                        <label class="choice">
                            <input type="radio" name="round-decision" checked=decision == Some(d)
                                on:change=move |_| set(Box::new(move |r| r.decision = Some(d))) />
                            {d.label()}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="round-summary">"总体审核意见"</label>
                    <textarea id="round-summary" rows="3" prop:value=summary
                        on:input=move |ev| { let t = event_target_value(&ev); set(Box::new(move |r| r.summary = t)) }></textarea>
                </div>
                <div class="field">
                    <label for="round-reviewer">"审核人"</label>
                    <input id="round-reviewer" type="text" prop:value=reviewer placeholder="如：承德市财政局绩效管理科"
                        on:input=move |ev| { let t = event_target_value(&ev); set(Box::new(move |r| r.reviewer = t)) } />
                </div>
                <button type="button" class="primary" on:click=finish>"完成本轮审核"</button>
                {move || problem.get().map(|p| view! { <p class="note-problem">{p}</p> })}
            </fieldset>
        })
    }
}

/// After 完成本轮审核: the files to send back.
#[component]
fn RoundFinished() -> impl IntoView {
    let app = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let doc = session.doc;
    let closed = session.closed_round;
    let name = move |round: u64, ext: &str| {
        let (unit, year) = (doc.unit_name.get_untracked(), doc.year.get_untracked());
        let base = file_name(&unit, &year, ext);
        let tail = format!(".{ext}");
        format!(
            "{}-第{round}轮审核{tail}",
            base.strip_suffix(&tail).unwrap_or(&base)
        )
    };
    move || {
        let round = closed.get()?;
        let session = session.clone();
        let json = move |_| {
            if let Err(e) = download(
                &name(round, "json"),
                "application/json",
                &session.export_text(),
            ) {
                app.notice.set(Some(e));
            }
        };
        let html = move |_| {
            let core = canonical(&untrack(|| doc.to_core()).trimmed());
            let text = printable_html(&core, &validate(&core));
            if let Err(e) = download(&name(round, "html"), "text/html", &text) {
                app.notice.set(Some(e));
            }
        };
        Some(view! {
            <div class="round-finished">
                <h3 id="round-finished" tabindex="-1">{format!("第{round}轮审核已完成")}</h3>
                <p>"请下载审核后的文件交给填报单位；对方在本系统中导入后，可在各处看到审核意见并逐条回复。"</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=json>"下载审核后 JSON"</button>
                    <button type="button" on:click=html>"下载审核意见 HTML"</button>
                </div>
            </div>
        })
    }
}
