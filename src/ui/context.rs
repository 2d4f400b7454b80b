//! What the whole app shares: the page on screen, the open draft, the save
//! status line and the page's notice. Opening a draft makes its session under
//! the app's root owner, never under the view that happened to open it.

use leptos::prelude::*;

use crate::core::code::Code;
use crate::core::findings::Counts;
use crate::core::model::Document;
use crate::core::rules::validate;
use crate::storage;

use super::session::{tab_id, SaveStatus, Session};

/// Which page is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Editor,
    Rules,
    /// 审核台: many files at once.
    Desk,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub page: RwSignal<Page>,
    /// The page to go back to from 规则说明.
    pub previous: RwSignal<Page>,
    pub rule: RwSignal<Option<Code>>,
    pub editor: RwSignal<Option<Session>>,
    /// Bumped when drafts in storage change, so the start page lists them anew.
    pub drafts_changed: RwSignal<u64>,
    pub save_status: RwSignal<SaveStatus>,
    /// A message for the whole page (an import refused, storage unavailable).
    pub notice: RwSignal<Option<String>>,
    /// The app's root owner: each editing session's state is created under a
    /// child of it.
    root: StoredValue<Option<Owner>>,
    /// This tab asked to take a draft over and waits for the other to hand off.
    pub taking_over: StoredValue<bool>,
    /// Whether the browser promised to keep this site's storage (None: not asked yet or no answer).
    pub persisted: RwSignal<Option<bool>>,
    /// Whether localStorage can be used at all.
    pub storage_ok: bool,
}

/// The errors of a document, for a draft's line in the index.
pub fn errors_of(doc: &Document) -> usize {
    Counts::of(&validate(doc)).errors
}

impl AppState {
    pub fn new() -> Self {
        AppState {
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
        }
    }

    pub fn show_rule(&self, code: Code) {
        if self.page.get_untracked() != Page::Rules {
            self.previous.set(self.page.get_untracked());
        }
        self.rule.set(Some(code));
        self.page.set(Page::Rules);
    }

    pub fn show_rules(&self) {
        if self.page.get_untracked() != Page::Rules {
            self.previous.set(self.page.get_untracked());
        }
        self.rule.set(None);
        self.page.set(Page::Rules);
    }

    pub fn refresh_drafts(&self) {
        self.drafts_changed.update(|n| *n += 1);
    }

    /// Opens a document in the editor as draft `id`: editable, unless another
    /// tab is editing it now (then read-only, with the offer to take over).
    pub fn open(&self, id: String, doc: &Document, memory: storage::UiMemory, show_all: bool) {
        let elsewhere = storage::held_elsewhere(&id, tab_id()).is_some();
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
        let root = self.root.get_value().unwrap_or_default();
        let session = Session::open(&root, id, doc, &memory, show_all);
        session.read_only.set(read_only);
        if !read_only {
            storage::take_lease(&session.draft_id, tab_id());
            storage::set_last_open(Some(&session.draft_id));
        }
        self.editor.set(Some(session));
        self.save_status.set(SaveStatus::Idle);
        self.page.set(Page::Editor);
    }

    pub fn close_editor(&self) {
        if let Some(e) = self.editor.get_untracked() {
            e.save_now(self.save_status);
            if !e.read_only.get_untracked() {
                storage::release_lease(&e.draft_id, tab_id());
                storage::set_last_open(None);
            }
        }
        self.editor.set(None);
        self.refresh_drafts();
        self.page.set(Page::Start);
    }

    /// Downloads the open draft exactly as typed, when saving failed.
    pub fn download_backup(&self) {
        if let Some(session) = self.editor.get_untracked() {
            let doc = untrack(|| session.doc.to_core());
            let name = crate::core::export::file_name(&doc.unit.name, &doc.year, "json");
            if let Err(e) = super::widgets::download::download(
                &name,
                "application/json",
                &session.backup_text(),
            ) {
                self.notice.set(Some(e));
            }
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
