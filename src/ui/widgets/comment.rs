//! One 审核意见 on its place, in its own look (not an error colour): the
//! reviewer's text and status, the preparer's reply; `回复` for the preparer;
//! for the reviewer `修改意见` / `删除意见` in the open round, and `关闭意见` /
//! `重新打开` on the comments of earlier rounds. And the inline boxes comments
//! and replies are typed in.

use leptos::prelude::*;

use super::dom::focus_later;
use crate::core::review::{
    add_comment, add_comment_from_finding, close_comment, remove_comment, reopen_comment,
    set_reply, CommentError, CommentStatus, Review, MOVED_LABEL,
};
use crate::ui::plain::review::{review_place_of_spot, NoteRef};
use crate::ui::session::Session;
use crate::ui::state::DocState;

/// A text box with its label and two buttons, typed in inline. `save` says
/// why not, or closes it.
#[component]
pub fn InlineBox(
    id: String,
    label: String,
    initial: String,
    save_label: &'static str,
    save: Callback<String, Result<(), String>>,
    cancel: Callback<()>,
) -> impl IntoView {
    let text = RwSignal::new(initial.clone());
    let problem = RwSignal::new(None::<String>);
    let problem_id = format!("{id}-problem");
    let described_by = problem_id.clone();
    focus_later(id.clone());
    let submit = move || {
        let typed = text.get_untracked();
        if typed.trim().is_empty() {
            problem.set(Some("请先填写内容。".into()));
            return;
        }
        if let Err(why) = save.run(typed) {
            problem.set(Some(why));
        }
    };
    view! {
        <div class="note-box">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows="2"
                prop:value=initial
                aria-describedby=move || problem.with(Option::is_some).then(|| described_by.clone())
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            {move || problem.get().map(|p| view! { <p class="note-problem" id=problem_id.clone()>{p}</p> })}
            <div class="note-box-actions">
                <button type="button" class="primary small" on:click=move |_| submit()>{save_label}</button>
                <button type="button" class="small" on:click=move |_| cancel.run(())>"取消"</button>
            </div>
        </div>
    }
}

/// The box of a new comment (opened by `添加审核意见` or `加入审核意见`).
#[component]
pub fn CommentEditor(session: Session) -> impl IntoView {
    let doc = session.doc;
    let draft = session.draft;
    let Some(d) = draft.get_untracked() else {
        return ().into_any();
    };
    let label = match &d.finding {
        Some(f) => format!("审核意见内容（来自 [{}]）", f.code),
        None => "审核意见内容".to_string(),
    };
    let save = Callback::new(move |text: String| {
        let Some(d) = draft.get_untracked() else {
            return Ok(());
        };
        let core = untrack(|| doc.to_core());
        let made = match &d.finding {
            Some(f) => doc.try_change_review(|r| {
                let id = add_comment_from_finding(r, &core, f)?;
                if let Some(c) = r.comment_mut(&id) {
                    c.text = text.clone();
                }
                Ok(id)
            }),
            None => match review_place_of_spot(d.spot, &doc) {
                Some(place) => doc.try_change_review(|r| add_comment(r, &core, place, &text)),
                None => return Err("该位置已不在文件中，无法添加审核意见。".into()),
            },
        };
        match made {
            Ok(id) => {
                draft.set(None);
                focus_later(format!("note-{id}"));
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    });
    let cancel = Callback::new(move |_| draft.set(None));
    view! {
        <InlineBox id="note-editor".to_string() label=label initial=d.text save_label="保存意见" save=save cancel=cancel />
    }
    .into_any()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Typing {
    Reply,
    Text,
}

/// A comment where its place is (or with its project, `原位置已修改`).
#[component]
pub fn CommentItem(note: NoteRef) -> impl IntoView {
    let session = expect_context::<Session>();
    let doc: DocState = session.doc;
    let read_only = session.read_only;
    let id = note.id.clone();
    let dom_id = format!("note-{id}");
    let moved = note.moved();
    let comment = {
        let id = id.clone();
        Memo::new(move |_| {
            doc.review
                .with(|r| r.as_ref().and_then(|r| r.comment(&id)).cloned())
        })
    };
    let round = note.round;
    // Its round: number, reviewer, whether the reviewer still works on it.
    let of_round = Memo::new(move |_| {
        doc.review.with(|r| {
            r.as_ref()
                .and_then(|r| r.rounds.get(round))
                .map(|r| (r.round, r.reviewer.trim().to_string(), r.is_open()))
        })
    });
    let typing = RwSignal::new(None::<Typing>);
    let change = move |f: fn(&mut Review, &str) -> Result<(), CommentError>, id: String| {
        let _ = doc.try_change_review(|r| f(r, &id));
    };

    let actions = {
        let id = id.clone();
        move || {
            let c = comment.get()?;
            let (_, _, round_open) = of_round.get()?;
            let reviewing = doc.review_mode.get();
            let mut buttons = Vec::new();
            let id = id.clone();
            if reviewing && round_open {
                buttons.push(view! { <button type="button" class="small" on:click=move |_| typing.set(Some(Typing::Text))>"修改意见"</button> }.into_any());
                let gone = id.clone();
                buttons.push(
                    view! { <button type="button" class="small danger" on:click=move |_| {
                        let _ = doc.try_change_review(|r| remove_comment(r, &gone));
                    }>"删除意见"</button> }
                    .into_any(),
                );
            } else if reviewing {
                if c.status != CommentStatus::Closed {
                    let i = id.clone();
                    buttons.push(view! { <button type="button" class="small" on:click=move |_| change(close_comment, i.clone())>"关闭意见"</button> }.into_any());
                }
                if c.status != CommentStatus::Open {
                    let i = id.clone();
                    buttons.push(view! { <button type="button" class="small" on:click=move |_| change(reopen_comment, i.clone())>"重新打开"</button> }.into_any());
                }
            } else if !round_open && c.status != CommentStatus::Closed && !read_only.get() {
                let words = if c.reply.trim().is_empty() {
                    "回复"
                } else {
                    "修改回复"
                };
                buttons.push(view! { <button type="button" class="small" on:click=move |_| typing.set(Some(Typing::Reply))>{words}</button> }.into_any());
            }
            (!buttons.is_empty()).then(|| view! { <div class="note-actions">{buttons}</div> })
        }
    };

    let boxes = {
        let id = id.clone();
        move || {
            let what = typing.get()?;
            let c = comment.get_untracked()?;
            let id = id.clone();
            let cancel = Callback::new(move |_| typing.set(None));
            Some(match what {
                Typing::Reply => {
                    let save = Callback::new(move |text: String| {
                        doc.try_change_review(|r| set_reply(r, &id, &text))
                            .map(|_| typing.set(None))
                            .map_err(|e| e.to_string())
                    });
                    view! { <InlineBox id=format!("note-{}-reply", c.id) label="回复内容".to_string() initial=c.reply save_label="保存回复" save=save cancel=cancel /> }
                }
                Typing::Text => {
                    let save = Callback::new(move |text: String| {
                        doc.try_change_review(|r| match r.comment_mut(&id) {
                            Some(c) => {
                                c.text = text;
                                Ok(())
                            }
                            None => Err("该审核意见已不存在。".to_string()),
                        })
                        .map(|_| typing.set(None))
                    });
                    view! { <InlineBox id=format!("note-{}-text", c.id) label="审核意见内容".to_string() initial=c.text save_label="保存意见" save=save cancel=cancel /> }
                }
            })
        }
    };

    // The item stays while the comment exists; its parts follow it, so a box
    // being typed in is not rebuilt when the comment changes (an autosave
    // marks it answered).
    let exists = Memo::new(move |_| comment.with(Option::is_some));
    let class = move || {
        comment.with(|c| {
            let status = c.as_ref().map_or("open", |c| c.status.as_str());
            format!("note comment status-{status}")
        })
    };
    let head = move || {
        let c = comment.get()?;
        let (number, reviewer, _) = of_round.get().unwrap_or_default();
        let meta = if reviewer.is_empty() {
            format!("第{number}轮")
        } else {
            format!("第{number}轮 · {reviewer}")
        };
        let quote = c.quote.trim().to_string();
        Some(view! {
            <span class="note-kind">"审核意见"</span>
            " "
            <span class="note-status">{c.status.label()}</span>
            {moved.then(|| view! { " " <span class="note-moved">{MOVED_LABEL}</span> })}
            {(!c.code.is_empty()).then(|| view! { " " <span class="note-code">{format!("[{}]", c.code)}</span> })}
            " "
            <span class="note-text">{c.text.clone()}</span>
            " "
            <span class="note-meta">{format!("（{meta}）")}</span>
            {(moved && !quote.is_empty()).then(|| view! { <p class="note-quote">{format!("原内容：「{quote}」")}</p> })}
            {(!c.reply.trim().is_empty()).then(|| view! { <p class="note-reply"><strong>"回复："</strong>{c.reply.clone()}</p> })}
        })
    };
    move || {
        exists.get().then(|| {
            view! {
                <li class=class id=dom_id.clone() tabindex="-1">
                    {head}
                    {actions.clone()}
                    {boxes.clone()}
                </li>
            }
        })
    }
}
