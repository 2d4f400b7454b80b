//! The Leptos shell: holds the document in reactive state, calls the core, and
//! renders. No rule logic lives here.

mod download;
mod editor;
mod fields;
mod indicators;
mod project;
mod review;
mod rules_page;
mod start;
pub mod state;

use leptos::prelude::*;

use crate::core::model::Document;
use crate::storage;
use editor::{Editor, EditorState};
use state::{DocState, Shown};

/// Which page is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Editor,
    Rules,
}

/// Saving, as the status line says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(String),
    Failed(String),
}

/// What the whole app shares.
#[derive(Clone, Copy)]
pub struct AppState {
    pub page: RwSignal<Page>,
    /// The page to go back to from 规则说明.
    pub previous: RwSignal<Page>,
    pub rule: RwSignal<Option<&'static str>>,
    pub editor: RwSignal<Option<EditorState>>,
    /// Bumped when drafts in storage change, so the start page lists them anew.
    pub drafts_changed: RwSignal<u64>,
    pub save_status: RwSignal<SaveStatus>,
    /// A message for the whole page (an import refused, storage unavailable).
    pub notice: RwSignal<Option<String>>,
    /// The app's root owner: each editing session's state is created under a
    /// child of it, never under the view that happened to open it.
    root: StoredValue<Option<Owner>>,
}

impl AppState {
    pub fn show_rule(&self, code: &'static str) {
        if self.page.get_untracked() != Page::Rules {
            self.previous.set(self.page.get_untracked());
        }
        self.rule.set(Some(code));
        self.page.set(Page::Rules);
    }

    pub fn refresh_drafts(&self) {
        self.drafts_changed.update(|n| *n += 1);
    }

    /// Opens a document in the editor as draft `id`, at `step` if given.
    pub fn open(&self, id: String, doc: &Document, memory: storage::UiMemory, show_all: bool) {
        let session = match self.root.get_value() {
            Some(root) => root.with(Owner::new),
            None => Owner::new(),
        };
        let mut state = session.with(|| EditorState::new(id, doc, memory, show_all));
        state.session = Some(session);
        storage::set_last_open(Some(&state.draft_id));
        self.editor.set(Some(state));
        self.save_status.set(SaveStatus::Idle);
        self.page.set(Page::Editor);
    }

    pub fn close_editor(&self) {
        if let Some(e) = self.editor.get_untracked() {
            e.save_now(*self);
        }
        storage::set_last_open(None);
        self.editor.set(None);
        self.refresh_drafts();
        self.page.set(Page::Start);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState {
        page: RwSignal::new(Page::Start),
        previous: RwSignal::new(Page::Start),
        rule: RwSignal::new(None),
        editor: RwSignal::new(None),
        drafts_changed: RwSignal::new(0),
        save_status: RwSignal::new(SaveStatus::Idle),
        notice: RwSignal::new(None),
        root: StoredValue::new(Owner::current()),
    };
    provide_context(app);

    // A reload reopens the draft that was open, at the step that was open.
    if let Some(id) = storage::last_open() {
        match storage::load(&id) {
            Ok(doc) => app.open(id.clone(), &doc, storage::load_ui(&id), false),
            Err(_) => storage::set_last_open(None),
        }
    }
    editor::install_save_on_hide(app);
    fields::install_pointer_tracking();

    let main = move || match app.page.get() {
        Page::Start => view! { <start::StartPage /> }.into_any(),
        Page::Rules => view! { <rules_page::RulesPage /> }.into_any(),
        Page::Editor => match app.editor.get() {
            Some(state) => view! { <Editor state=state /> }.into_any(),
            None => view! { <start::StartPage /> }.into_any(),
        },
    };

    view! {
        <header class="app-header">
            <span class="app-title">"绩效目标填报"</span>
            <span class="app-sub">"部门整体绩效目标 · 项目支出绩效目标表"</span>
            <nav class="app-links" aria-label="帮助">
                <button type="button" class="link" on:click=move |_| {
                    if app.page.get_untracked() != Page::Rules {
                        app.previous.set(app.page.get_untracked());
                    }
                    app.rule.set(None);
                    app.page.set(Page::Rules);
                }>"规则说明"</button>
            </nav>
        </header>
        {move || app.notice.get().map(|n| view! {
            <div class="notice" role="alert">
                <p>{n}</p>
                <button type="button" on:click=move |_| app.notice.set(None)>"知道了"</button>
            </div>
        })}
        {main}
    }
}

/// Shared by the editor and the start page.
pub(crate) fn doc_state_and_shown(doc: &Document, show_all: bool) -> (DocState, Shown) {
    let shown = Shown::new();
    shown.all.set(show_all);
    (DocState::new(doc), shown)
}
