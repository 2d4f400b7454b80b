//! The tools beside 添加指标 under an indicator table (从指标库添加, 粘贴表格, …).

use leptos::prelude::*;

use crate::ui::state::ProjectState;

#[component]
pub fn TableTools(project: ProjectState) -> impl IntoView {
    view! { <super::paste::PasteTable project=project /> }
}
