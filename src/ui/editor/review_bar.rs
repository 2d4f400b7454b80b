//! The reviewer's controls in the editor's header (review.md): `开始审核`
//! starts a round or continues the open one; in review mode the header says
//! `审核中（第N轮）` and `结束审核` leaves it. Outside review mode it says
//! where the document stands with its reviewer.

use leptos::prelude::*;

use crate::core::review::ReviewState;
use crate::ui::session::Session;
use crate::ui::widgets::dom::focus_later;

#[component]
pub fn ReviewBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let read_only = session.read_only;
    let state = Memo::new(move |_| doc.review.with(|r| ReviewState::of(r.as_ref())));
    move || {
        let session = session.clone();
        if doc.review_mode.get() {
            let round = session.open_round().unwrap_or_default();
            let end = move |_| {
                session.end_review();
                focus_later("review-start".into());
            };
            view! {
                <div class="review-bar reviewing">
                    <strong class="review-mode">{format!("审核中（第{round}轮）")}</strong>
                    <button type="button" id="review-end" class="small" on:click=end>"结束审核"</button>
                </div>
            }
            .into_any()
        } else {
            let start = move |_| {
                session.start_review();
                focus_later("review-end".into());
            };
            let said = move || match state.get() {
                ReviewState::Unreviewed => None,
                s => Some(
                    view! { <span class="review-state">{format!("审核状态：{}", s.label())}</span> },
                ),
            };
            view! {
                <div class="review-bar">
                    {said}
                    <button type="button" id="review-start" class="small secondary" disabled=move || read_only.get() on:click=start>"开始审核"</button>
                </div>
            }
            .into_any()
        }
    }
}
