//! The Leptos shell: holds the document in reactive state, calls the core, and
//! renders. No rule logic lives here.

mod download;
mod editor;
mod fields;
mod import;
mod indicators;
mod project;
mod review;
mod rules_page;
mod session;
mod start;
pub mod state;

use leptos::prelude::*;

use crate::core::model::Document;
use crate::storage;
use editor::{Editor, EditorState};

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
    /// This tab asked to take a draft over and waits for the other to hand off.
    pub taking_over: StoredValue<bool>,
    /// Whether the browser promised to keep this site's storage (None: not asked yet or no answer).
    pub persisted: RwSignal<Option<bool>>,
    /// Whether localStorage can be used at all.
    pub storage_ok: bool,
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

    /// Opens a document in the editor as draft `id`: editable, unless another
    /// tab is editing it now (then read-only, with the offer to take over).
    pub fn open(&self, id: String, doc: &Document, memory: storage::UiMemory, show_all: bool) {
        let elsewhere = storage::held_elsewhere(&id, session::tab_id()).is_some();
        self.open_with(id, doc, memory, show_all, elsewhere);
    }

    pub fn open_with(
        &self,
        id: String,
        doc: &Document,
        memory: storage::UiMemory,
        show_all: bool,
        read_only: bool,
    ) {
        let session = match self.root.get_value() {
            Some(root) => root.with(Owner::new),
            None => Owner::new(),
        };
        let mut state = session.with(|| EditorState::new(id, doc, memory, show_all));
        state.session = Some(session);
        state.read_only.set(read_only);
        if !read_only {
            storage::take_lease(&state.draft_id, session::tab_id());
            storage::set_last_open(Some(&state.draft_id));
        }
        self.editor.set(Some(state));
        self.save_status.set(SaveStatus::Idle);
        self.page.set(Page::Editor);
    }

    pub fn take_over(&self) {
        session::take_over(*self);
    }

    pub fn close_editor(&self) {
        if let Some(e) = self.editor.get_untracked() {
            e.save_now(*self);
            if !e.read_only.get_untracked() {
                storage::release_lease(&e.draft_id, session::tab_id());
                storage::set_last_open(None);
            }
        }
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
        taking_over: StoredValue::new(false),
        persisted: RwSignal::new(None),
        storage_ok: storage::available(),
    };
    provide_context(app);
    if !app.storage_ok {
        app.notice.set(Some(
            "浏览器不允许本系统在本机保存（可能处于无痕/隐私模式或被策略禁用）。仍可正常填报，但刷新或关闭页面后内容不会保留，请随时点击「下载 JSON」保存。".into(),
        ));
    }
    leptos::task::spawn_local(async move {
        app.persisted.set(storage::ask_persistent().await);
    });

    // A reload reopens the draft that was open, at the step that was open.
    if let Some(id) = storage::last_open() {
        match storage::load(&id) {
            Ok(doc) => app.open(id.clone(), &doc, storage::load_ui(&id), false),
            Err(_) => storage::set_last_open(None),
        }
    }
    session::install(app);
    fields::install_pointer_tracking();

    let main = move || match app.page.get() {
        Page::Start => view! { <start::StartPage /> }.into_any(),
        Page::Rules => view! { <rules_page::RulesPage /> }.into_any(),
        Page::Editor => match app.editor.get() {
            Some(state) => view! { <Editor state=state /> }.into_any(),
            None => view! { <start::StartPage /> }.into_any(),
        },
    };

    // The status line is mounted for the app's whole life, so screen readers
    // announce every change of it (a live region added later is not read).
    let backup = move |_| {
        if let Some(editor) = app.editor.get_untracked() {
            editor.download_backup(app);
        }
    };
    let status = move || match app.save_status.get() {
        SaveStatus::Idle => String::new(),
        SaveStatus::Saving => "正在保存…".to_string(),
        SaveStatus::Saved(t) => format!("已保存 {t}"),
        SaveStatus::Failed(why) => format!("未能保存：{why}"),
    };
    let failed = move || {
        matches!(app.save_status.get(), SaveStatus::Failed(_)) && app.page.get() == Page::Editor
    };

    view! {
        <header class="app-header">
            <span class="app-title">"绩效目标填报"</span>
            <span class="app-sub">"部门整体绩效目标 · 项目支出绩效目标表"</span>
            <p class="save-status" class:failed=failed role="status" aria-live="polite">{status}</p>
            {move || failed().then(|| view! { <button type="button" class="primary small" on:click=backup>"下载 JSON"</button> })}
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
