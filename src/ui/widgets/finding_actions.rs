//! What can be done with a finding on its field: in review mode
//! `加入审核意见` (the finding becomes a comment, its code and message filled
//! in, editable); otherwise `已核实` on a warning or hint (issue 12) with a
//! short reason, kept in the file and shown muted. Errors cannot be marked:
//! they have no such button.

use leptos::prelude::*;

use crate::core::findings::Severity;
use crate::core::review::Acknowledgement;
use crate::ui::plain::review::Spot;
use crate::ui::plain::routing::PlacedFinding;
use crate::ui::session::{CommentDraft, Session};
use crate::ui::state::DocState;

use super::dom::focus_later;

/// The 已核实 of a finding shown on a place, following the document (a row
/// that moves is another position for the core).
pub fn acknowledgement_of(doc: DocState, finding: &PlacedFinding) -> Memo<Option<Acknowledgement>> {
    let finding = finding.clone();
    Memo::new(move |_| {
        if finding.severity == Severity::Error || doc.acknowledged.with(Vec::is_empty) {
            return None;
        }
        doc.revision.track();
        doc.finding_of(&finding)
            .and_then(|f| doc.acknowledgement(&f))
    })
}

#[component]
pub fn FindingActions(
    finding: PlacedFinding,
    acknowledgement: Memo<Option<Acknowledgement>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let read_only = session.read_only;
    let draft = session.draft;
    let asking = RwSignal::new(false);
    let can_acknowledge = finding.severity != Severity::Error && finding.leads();
    let box_id = format!("{}-ack-{}", finding.location.dom_id(), finding.code);
    let for_comment = finding.clone();
    let to_comment = move |_| {
        let f = &for_comment;
        draft.set(Some(CommentDraft {
            spot: Spot::Place(f.location),
            finding: doc.finding_of(f),
            text: f.message.clone(),
        }));
    };
    let for_ack = finding.clone();
    let take_back = move |_| {
        if let Some(f) = doc.finding_of(&for_ack) {
            doc.unacknowledge(&f);
        }
    };
    move || {
        if read_only.get() {
            return None;
        }
        if doc.review_mode.get() {
            let to_comment = to_comment.clone();
            return Some(
                view! { <button type="button" class="small finding-action" on:click=to_comment>"加入审核意见"</button> }
                    .into_any(),
            );
        }
        if let Some(a) = acknowledgement.get() {
            let take_back = take_back.clone();
            return Some(
                view! {
                    <span class="ack-reason">{format!("已核实：{}", a.reason)}</span>
                    " "
                    <button type="button" class="small link finding-action" on:click=take_back>"取消核实"</button>
                }
                .into_any(),
            );
        }
        if !can_acknowledge {
            return None;
        }
        if asking.get() {
            let finding = finding.clone();
            return Some(
                view! { <AckBox id=box_id.clone() finding=finding asking=asking /> }.into_any(),
            );
        }
        let id = box_id.clone();
        Some(
            view! {
                <button type="button" class="small finding-action" on:click=move |_| {
                    asking.set(true);
                    focus_later(id.clone());
                }>"已核实"</button>
            }
            .into_any(),
        )
    }
}

/// The reason box of 已核实: `核实理由`, `确定`, `取消`.
#[component]
fn AckBox(id: String, finding: PlacedFinding, asking: RwSignal<bool>) -> impl IntoView {
    let doc = expect_context::<Session>().doc;
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let confirm = move || {
        let Some(f) = doc.finding_of(&finding) else {
            asking.set(false);
            return;
        };
        match doc.acknowledge(&f, &reason.get_untracked()) {
            Ok(()) => asking.set(false),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let on_key = {
        let confirm = confirm.clone();
        move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                confirm();
            }
            "Escape" => asking.set(false),
            _ => {}
        }
    };
    view! {
        <span class="ack-box">
            <input
                id=id
                type="text"
                maxlength="200"
                aria-label="核实理由"
                placeholder="核实理由，如：上半年为招标期，确无支出"
                on:input=move |ev| reason.set(event_target_value(&ev))
                on:keydown=on_key
            />
            <button type="button" class="small primary" on:click=move |_| confirm()>"确定"</button>
            <button type="button" class="small" on:click=move |_| asking.set(false)>"取消"</button>
            {move || problem.get().map(|p| view! { <span class="note-problem">{p}</span> })}
        </span>
    }
}
