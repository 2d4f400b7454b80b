//! The editor of one draft: the step list (填报步骤) beside the step on screen,
//! and the effects that save (autosave after typing stops; the step at once).

mod steps;
mod undo;

use leptos::prelude::*;

use super::context::AppState;
use super::pages;
use super::plain::places::{Place, ProjectPlace};
use super::session::{Session, Step};
use super::widgets::dom::{cap_reason, focus_later};
use crate::core::limits::MAX_PROJECTS;
use crate::storage;
use steps::{NextStep, StepItem};
use undo::UndoBar;

#[component]
pub fn Editor(session: Session) -> impl IntoView {
    let app = expect_context::<AppState>();
    let doc = session.doc;
    provide_context(doc);
    provide_context(session.shown);
    provide_context(session.clone());
    let step = session.step;
    let read_only = session.read_only;

    // Autosave: one signal tells that something changed.
    let saver = session.clone();
    Effect::new(move |previous: Option<()>| {
        doc.revision.track();
        if previous.is_some() {
            saver.schedule_save(app.save_status);
        }
    });
    // The step is remembered at once, so a reload opens it again; once it is
    // on screen the focus goes to what was asked for, else to its heading.
    let memory = session.clone();
    Effect::new(move |_| {
        step.track();
        storage::save_ui(&memory.draft_id, &memory.memory());
        focus_later(
            memory
                .take_focus()
                .unwrap_or_else(|| "step-title".to_string()),
        );
    });

    let full = move || doc.projects.with(|ps| ps.len() >= MAX_PROJECTS);
    let adding = session.clone();
    let add_project = move |_| {
        if full() {
            return;
        }
        let id = doc.add_project();
        adding.go(
            Step::Project(id),
            Some(Place::Project(id, ProjectPlace::Code).dom_id()),
        );
    };
    let steps_open = RwSignal::new(false);
    let step_name = move || match step.get() {
        Step::Basic => "基本信息".to_string(),
        Step::Department => "部门整体绩效目标".to_string(),
        Step::Review => "检查与导出".to_string(),
        Step::Project(id) => doc
            .project(id)
            .map(|p| p.display_name())
            .unwrap_or_default(),
    };
    let total_counts = move || doc.total_counts();
    let head_counts = move || doc.doc_counts.with(|c| c.head);
    let department_counts = move || doc.doc_counts.with(|c| c.department);

    view! {
        <div class="editor">
            <div class="editor-bar">
                <button type="button" class="link" on:click=move |_| app.close_editor()>"← 返回草稿列表"</button>
                <span class="draft-title">{move || {
                    let name = doc.unit_name.get();
                    let year = doc.year.get();
                    format!("{} {}", if name.trim().is_empty() { "未填单位名称".to_string() } else { name }, year)
                }}</span>
            </div>
            {move || read_only.get().then(|| view! {
                <div class="read-only" role="alert">
                    <p>"该草稿正在另一个标签页（或窗口）中编辑，本页为只读查看，内容随对方保存而更新。"</p>
                    <button type="button" class="primary small" on:click=move |_| super::tabs::take_over(app)>"接管编辑"</button>
                </div>
            })}
            <UndoBar />
            <div class="editor-body">
                // On a narrow screen (or at 200% zoom) the list folds away
                // behind one button naming the step on screen.
                <nav class="steps" class:collapsed=move || !steps_open.get() aria-label="填报步骤">
                    <button type="button" class="steps-toggle" aria-controls="steps-list"
                        aria-expanded=move || if steps_open.get() { "true" } else { "false" }
                        on:click=move |_| steps_open.update(|o| *o = !*o)>
                        {move || format!("填报步骤：{}", step_name())}
                    </button>
                    <ol id="steps-list" on:click=move |_| steps_open.set(false)>
                        <StepItem label=Signal::stored("基本信息".to_string()) target=Step::Basic counts=Signal::derive(head_counts) />
                        <StepItem label=Signal::stored("部门整体绩效目标".to_string()) target=Step::Department counts=Signal::derive(department_counts) />
                        <For each=move || doc.projects.get() key=|p| p.id let:project>
                            {
                                let id = project.id;
                                let label = Signal::derive(move || {
                                    let n = doc.project_index(id).map_or(0, |i| i + 1);
                                    let name = doc.project(id).map(|p| p.display_name()).unwrap_or_default();
                                    format!("{n}. {name}")
                                });
                                view! {
                                    <StepItem label=label target=Step::Project(id) counts=Signal::derive(move || doc.project_counts(id)) />
                                }
                            }
                        </For>
                        <li class="add">
                            <button type="button" class="secondary" on:click=add_project disabled=full
                                aria-describedby=move || full().then_some("projects-cap")>"添加项目"</button>
                            {move || cap_reason(full(), "projects-cap".to_string(), "已达上限：最多 500 个项目。")}
                        </li>
                        <StepItem label=Signal::stored("检查与导出".to_string()) target=Step::Review counts=Signal::derive(total_counts) />
                    </ol>
                </nav>
                <fieldset class="step-content" disabled=move || read_only.get()>
                    {move || match step.get() {
                        Step::Basic => view! { <pages::basic::BasicStep /> }.into_any(),
                        Step::Department => view! { <pages::department::DepartmentStep /> }.into_any(),
                        Step::Project(id) => match doc.project(id) {
                            Some(p) => view! { <pages::project::ProjectStep project=p /> }.into_any(),
                            None => view! { <pages::basic::BasicStep /> }.into_any(),
                        },
                        Step::Review => view! { <pages::review::ReviewStep /> }.into_any(),
                    }}
                    <NextStep />
                </fieldset>
            </div>
        </div>
    }
}
