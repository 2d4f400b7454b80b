//! The editor of one draft: the step list (填报步骤), the steps 基本信息 and
//! 部门整体绩效目标, and saving (autosave after typing stops, and at once when
//! the page is hidden or closed).

use leptos::prelude::*;

use super::fields::{visible_findings, Control, FindingList, TextField};
use super::project::ProjectStep;
use super::review::ReviewStep;
use super::state::{DocState, Id, Place, Shown};
use super::{AppState, SaveStatus};
use crate::core::findings::{Counts, Field, Location};
use crate::core::format::write_document;
use crate::core::model::{DepartmentList, Document};
use crate::core::rules::{status_of, validate};
use crate::storage::{self, UiMemory};

/// How long typing must pause before the draft is written.
const AUTOSAVE_DELAY_MS: u64 = 700;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Basic,
    Department,
    Project(Id),
    Review,
}

#[derive(Clone)]
pub struct EditorState {
    pub draft_id: String,
    pub doc: DocState,
    pub shown: Shown,
    pub step: RwSignal<Step>,
    /// A change not yet written to storage.
    pub dirty: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Keeps the session's reactive owner (and so every signal of this
    /// document) alive while the draft is open.
    pub session: Option<Owner>,
    /// Another tab edits this draft: this one shows it and saves nothing.
    pub read_only: RwSignal<bool>,
}

/// The current time as RFC 3339 UTC, as `saved_at` is written.
pub fn now_rfc3339() -> String {
    let iso = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    // `2026-11-27T10:00:00.000Z` → `2026-11-27T10:00:00Z`
    match iso.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => iso,
    }
}

fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// The document as a reviewer receives it: trimmed, `status` from validation,
/// `saved_at` now.
pub fn export_json(doc: &Document) -> String {
    let mut doc = doc.trimmed();
    doc.saved_at = now_rfc3339();
    write_document(&doc, status_of(&validate(&doc)))
}

impl EditorState {
    pub fn new(draft_id: String, doc: &Document, memory: UiMemory, show_all: bool) -> Self {
        let doc_state = DocState::new(doc);
        let shown = Shown::new();
        shown.all.set(show_all || memory.all_shown);
        for location in &memory.shown {
            if let Some(place) = doc_state.place_of(location) {
                shown.touch(place);
            }
        }
        let step = match memory.step.as_str() {
            "department" => Step::Department,
            "review" => Step::Review,
            s => match s
                .strip_prefix("project-")
                .and_then(|i| i.parse::<usize>().ok())
            {
                Some(i) => doc_state
                    .projects
                    .with_untracked(|ps| ps.get(i).map(|p| Step::Project(p.id)))
                    .unwrap_or(Step::Basic),
                None => Step::Basic,
            },
        };
        EditorState {
            draft_id,
            doc: doc_state,
            shown,
            step: RwSignal::new(step),
            dirty: StoredValue::new(false),
            timer: StoredValue::new(None),
            session: None,
            read_only: RwSignal::new(false),
        }
    }

    pub fn memory(&self) -> UiMemory {
        let step = match self.step.get_untracked() {
            Step::Basic => "basic".to_string(),
            Step::Department => "department".to_string(),
            Step::Review => "review".to_string(),
            Step::Project(id) => match self.doc.project_index(id) {
                Some(i) => format!("project-{i}"),
                None => "basic".to_string(),
            },
        };
        let shown = untrack(|| {
            self.shown
                .touched
                .get()
                .into_iter()
                .filter_map(|p| self.doc.field_of(p))
                .map(|(project, field)| Location { project, field })
                .collect()
        });
        UiMemory {
            step,
            shown,
            all_shown: self.shown.all.get_untracked(),
        }
    }

    /// Writes the draft now if anything changed since the last write. A
    /// read-only view writes nothing: another tab owns the draft.
    pub fn save_now(&self, app: AppState) {
        if self.read_only.get_untracked() {
            return;
        }
        self.save_now_even_if_read_only(app);
    }

    /// The last write of a tab that is handing the draft over.
    pub fn save_now_even_if_read_only(&self, app: AppState) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        storage::save_ui(&self.draft_id, &self.memory());
        if !self.dirty.get_value() {
            return;
        }
        // Marked for the benchmark (performance.measure), invisible otherwise.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark("perf-goals:autosave-start");
        }
        let mut doc = untrack(|| self.doc.to_core());
        doc.saved_at = now_rfc3339();
        self.doc
            .extras
            .update_value(|e| e.saved_at = doc.saved_at.clone());
        let errors = untrack(|| self.doc.total_counts().errors);
        let saved = storage::save_with_errors(&self.draft_id, &doc, errors);
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark("perf-goals:autosave", "perf-goals:autosave-start");
        }
        match saved {
            Ok(_) => {
                self.dirty.set_value(false);
                app.save_status.set(SaveStatus::Saved(local_time()));
            }
            Err(e) => app.save_status.set(SaveStatus::Failed(e.message())),
        }
    }

    /// The draft as typed, downloaded as a backup when storage failed.
    pub fn download_backup(&self, app: AppState) {
        // Exactly as typed (not trimmed): this copy stands in for the draft.
        let mut doc = untrack(|| self.doc.to_core());
        doc.saved_at = now_rfc3339();
        let text = write_document(&doc, status_of(&validate(&doc)));
        let name = super::download::file_name(&doc.unit.name, &doc.year, "json");
        if let Err(e) = super::download::download(&name, "application/json", &text) {
            app.notice.set(Some(e));
        }
    }

    /// Called on every change: the write happens once typing pauses.
    fn schedule_save(&self, app: AppState) {
        self.dirty.set_value(true);
        // Once per burst of typing: the status line is a live region, and a
        // screen reader would announce every write to it.
        if app.save_status.with_untracked(|s| *s != SaveStatus::Saving) {
            app.save_status.set(SaveStatus::Saving);
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let this = self.clone();
        let handle = set_timeout_with_handle(
            move || this.save_now(app),
            std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
        )
        .ok();
        self.timer.set_value(handle);
    }
}

fn counts_badge(counts: Counts) -> impl IntoView {
    if counts.errors == 0 && counts.warnings == 0 {
        return view! { <span class="badge ok">"✓"<span class="sr-only">"无问题"</span></span> }
            .into_any();
    }
    view! {
        <span class="badges">
            {(counts.errors > 0).then(|| view! { <span class="badge error">{format!("{} 错误", counts.errors)}</span> })}
            {(counts.warnings > 0).then(|| view! { <span class="badge warning">{format!("{} 警告", counts.warnings)}</span> })}
        </span>
    }
    .into_any()
}

#[component]
pub fn Editor(state: EditorState) -> impl IntoView {
    let app = expect_context::<AppState>();
    let doc = state.doc;
    provide_context(doc);
    provide_context(state.shown);
    provide_context(state.clone());
    let step = state.step;
    let read_only = state.read_only;

    // Autosave: one signal tells that something changed.
    let saver = state.clone();
    Effect::new(move |previous: Option<()>| {
        doc.revision.track();
        if previous.is_some() {
            saver.schedule_save(app);
        }
    });
    // The step is remembered at once, so a reload opens it again.
    let memo_state = state.clone();
    Effect::new(move |_| {
        step.track();
        storage::save_ui(&memo_state.draft_id, &memo_state.memory());
    });

    let add_project = move |_| {
        let project = doc.new_project();
        let id = project.id;
        doc.projects.update(|ps| ps.push(project));
        doc.changed();
        step.set(Step::Project(id));
        focus_later("f-p".to_string() + &id.to_string() + "-code");
    };
    let total_counts = move || doc.total_counts();

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
                    <button type="button" class="primary small" on:click=move |_| app.take_over()>"接管编辑"</button>
                </div>
            })}
            <div class="editor-body">
                <nav class="steps" aria-label="填报步骤">
                    <ol>
                        <StepItem label=Signal::stored("基本信息".to_string()) target=Step::Basic counts=Signal::derive(move || doc.head_counts()) />
                        <StepItem label=Signal::stored("部门整体绩效目标".to_string()) target=Step::Department counts=Signal::derive(move || doc.department_counts()) />
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
                            <button type="button" class="secondary" on:click=add_project>"添加项目"</button>
                        </li>
                        <StepItem label=Signal::stored("检查与导出".to_string()) target=Step::Review counts=Signal::derive(total_counts) />
                    </ol>
                </nav>
                <fieldset class="step-content" disabled=move || read_only.get()>
                    {move || match step.get() {
                        Step::Basic => view! { <BasicStep /> }.into_any(),
                        Step::Department => view! { <DepartmentStep /> }.into_any(),
                        Step::Project(id) => match doc.project(id) {
                            Some(p) => view! { <ProjectStep project=p /> }.into_any(),
                            None => view! { <BasicStep /> }.into_any(),
                        },
                        Step::Review => view! { <ReviewStep /> }.into_any(),
                    }}
                </fieldset>
            </div>
        </div>
    }
}

#[component]
fn StepItem(label: Signal<String>, target: Step, counts: Signal<Counts>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let step = state.step;
    let current = move || (step.get() == target).then_some("step");
    view! {
        <li>
            <button
                type="button"
                class="step"
                aria-current=current
                on:click=move |_| {
                    step.set(target);
                    if target == Step::Review {
                        state.shown.all.set(true);
                    }
                }
            >
                <span class="step-label">{move || label.get()}</span>
                {move || counts_badge(counts.get())}
            </button>
        </li>
    }
}

/// Moves the focus to element `id` once the view has been updated: in a
/// microtask (the render has run by then, so typing straight after a click
/// lands in the new field), or in the next frame if it is not there yet.
pub fn focus_later(id: String) {
    fn try_focus(id: &str) -> bool {
        use wasm_bindgen::JsCast;
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match element {
            Some(el) => {
                let _ = el.focus();
                el.scroll_into_view_with_bool(false);
                true
            }
            None => false,
        }
    }
    queue_microtask(move || {
        if !try_focus(&id) {
            request_animation_frame(move || {
                try_focus(&id);
            });
        }
    });
}

#[component]
fn BasicStep() -> impl IntoView {
    let doc = expect_context::<DocState>();
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <h1 id="step-title">"基本信息"</h1>
            <p class="lead">"与预算系统中的单位信息一致。金额单位统一为万元。"</p>
            <div class="grid three">
                <TextField label="预算年度" value=doc.year place=Place::Head(Field::Year) hint="四位年份，如 2024" />
                <TextField label="单位编码" value=doc.unit_code place=Place::Head(Field::UnitCode) hint="6位数字，如 120001" />
                <TextField label="单位名称" value=doc.unit_name place=Place::Head(Field::UnitName) />
            </div>
        </section>
    }
}

#[component]
fn DepartmentStep() -> impl IntoView {
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <h1 id="step-title">"部门整体绩效目标"</h1>
            <p class="lead">"每段一项内容。总体绩效目标概括全年主要产出和效果并尽量量化；分项绩效目标写明重点项目；工作保障措施说明组织、制度、资金和监控。"</p>
            {DepartmentList::ALL.map(|list| view! { <ParagraphList list=list /> }).collect_view()}
        </section>
    }
}

#[component]
fn ParagraphList(list: DepartmentList) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let paragraphs = doc.list(list);
    let heading_id = Place::List(list).dom_id();
    let findings = visible_findings(doc, shown, Place::List(list));
    let add = move |_| {
        let p = doc.new_paragraph();
        let id = Place::Paragraph(list, p.id).dom_id();
        paragraphs.update(|ps| ps.push(p));
        doc.changed();
        focus_later(id);
    };
    view! {
        <section class="paragraphs" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone() tabindex="-1">{list.label()}</h2>
            <FindingList id=format!("{heading_id}-msgs") findings=findings />
            <For each=move || paragraphs.get() key=|p| p.id let:paragraph>
                {
                    let pid = paragraph.id;
                    let number = move || paragraphs.with(|ps| ps.iter().position(|p| p.id == pid).map_or(0, |i| i + 1));
                    let label = Signal::derive(move || format!("{} {}", list.label(), number()));
                    let remove = move |_| {
                        let index = paragraphs.with_untracked(|ps| ps.iter().position(|p| p.id == pid));
                        paragraphs.update(|ps| ps.retain(|p| p.id != pid));
                        doc.changed();
                        // Focus stays in the list: the next paragraph, or 添加段落.
                        let next = index.and_then(|i| paragraphs.with_untracked(|ps| ps.get(i).or(ps.last()).map(|p| p.id)));
                        match next {
                            Some(id) => focus_later(Place::Paragraph(list, id).dom_id()),
                            None => focus_later(format!("add-{}", list.key())),
                        }
                    };
                    view! {
                        <div class="paragraph">
                            <TextField label=label value=paragraph.text place=Place::Paragraph(list, pid) control=Control::Paragraph />
                            <button type="button" class="danger small" aria-label=move || format!("删除{}", label.get()) on:click=remove>"删除"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" id=format!("add-{}", list.key()) on:click=add>"添加段落"</button>
        </section>
    }
}
