//! The tools beside 添加指标 under an indicator table: `从指标库添加` (the
//! 指标库 dialog) and, under an empty project's table once it is named, its
//! `推荐指标`. None of them is there in review mode: each adds rows, and a
//! reviewer reads the table as it was filed.

use leptos::prelude::*;

use super::library_dialog::LibraryDialog;
use super::library_recommend::Recommendations;
use crate::ui::plain::places::{Place, ProjectPlace};
use crate::ui::state::{DocState, ProjectState};

#[component]
pub fn TableTools(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    view! {
        <Show when=move || !doc.review_mode.get()>
            <Tools project=project.clone() />
        </Show>
    }
}

#[component]
fn Tools(project: ProjectState) -> impl IntoView {
    let open = RwSignal::new(false);
    let opener = format!(
        "{}-library",
        Place::Project(project.id, ProjectPlace::Indicators).dom_id()
    );
    let dialog_project = project.clone();
    let dialog_opener = opener.clone();
    view! {
        <button type="button" class="secondary" id=opener aria-haspopup="dialog"
            on:click=move |_| open.set(true)>"从指标库添加"</button>
        {move || open.get().then(|| view! {
            <LibraryDialog project=dialog_project.clone() open=open opener=dialog_opener.clone() />
        })}
        <Recommendations project=project.clone() />
        <super::paste::PasteTable project=project />
    }
}
