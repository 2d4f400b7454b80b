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
use super::widgets::tasks::Slices;

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
    /// This tab's text that could not be saved (another tab wrote or deleted
    /// the draft first), offered for download until dismissed.
    pub rescue: RwSignal<Option<String>>,
    /// The app's root owner: each editing session's state is created under a
    /// child of it.
    root: StoredValue<Option<Owner>>,
    /// The draft last closed, for Forward after Back to the list.
    pub recent: StoredValue<Option<String>>,
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
            rescue: RwSignal::new(None),
            root: StoredValue::new(Owner::current()),
            recent: StoredValue::new(None),
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

    /// Opens a document in the editor as draft `id`, at stored revision
    /// `revision`: editable when this tab can take the draft's lease, else
    /// read-only (another tab edits it now) with the offer to take over.
    pub fn open(
        &self,
        id: String,
        doc: &Document,
        revision: u64,
        memory: storage::UiMemory,
        show_all: bool,
    ) {
        let editable = storage::claim_lease(&id, tab_id());
        // Two tabs may claim in the same moment: `tabs` checks a little later
        // which one kept the lease.
        self.open_with(id, doc, revision, memory, show_all, !editable);
    }

    /// Stores `doc` as a new draft, then opens it (saved before it is shown,
    /// so a crash while showing it loses nothing). When storage refuses, the
    /// draft still opens, in memory, and the notice says why. Gives its id.
    pub fn create(&self, doc: &Document, memory: storage::UiMemory, show_all: bool) -> String {
        let id = storage::new_id();
        let session = self.session_of(id.clone(), doc, 0, &memory, show_all);
        self.store_new(&session, doc);
        self.show_new(session);
        id
    }

    /// Writes a new draft's first revision. The session's findings, which the
    /// editor shows next, count the errors of the index line: the document
    /// is checked once, not twice.
    fn store_new(&self, session: &Session, doc: &Document) {
        match storage::save_draft(&session.draft_id, doc, session.doc.errors(), None) {
            Ok((_, revision)) => session.stored_at(revision),
            Err(e) => self.notice.set(Some(e.message())),
        }
    }

    fn show_new(&self, session: Session) {
        let editable = storage::claim_lease(&session.draft_id, tab_id());
        self.show(session, !editable);
    }

    /// `create` for an imported file, in tasks of their own: the draft's
    /// state is built and checked (its effects read every project's findings
    /// in that same task), then saved, then shown. The page handles input and
    /// paints in between. Shown only if nothing else was opened meanwhile;
    /// the draft is in the list either way.
    pub async fn create_in_slices(
        &self,
        doc: &Document,
        memory: storage::UiMemory,
        show_all: bool,
    ) -> String {
        let before = self.open_draft_id();
        let mut slices = Slices::start();
        let id = storage::new_id();
        let session = self.session_of(id.clone(), doc, 0, &memory, show_all);
        slices.give_way().await;
        self.store_new(&session, doc);
        slices.give_way().await;
        if self.open_draft_id() == before {
            self.show_new(session);
        } else {
            self.refresh_drafts();
        }
        id
    }

    /// The draft in the editor, if any.
    fn open_draft_id(&self) -> Option<String> {
        self.editor
            .with_untracked(|e| e.as_ref().map(|s| s.draft_id.clone()))
    }

    /// Opens draft `id` as stored, with what the editor remembered of it.
    pub fn open_stored(&self, id: &str, show_all: bool) -> Result<(), String> {
        let (doc, revision) = storage::load_with_revision(id)?;
        self.open(
            id.to_string(),
            &doc,
            revision,
            storage::load_ui(id),
            show_all,
        );
        Ok(())
    }

    pub fn open_with(
        &self,
        id: String,
        doc: &Document,
        revision: u64,
        memory: storage::UiMemory,
        show_all: bool,
        read_only: bool,
    ) {
        let session = self.session_of(id, doc, revision, &memory, show_all);
        self.show(session, read_only);
    }

    /// The session of a draft, under the app's root owner (not shown yet).
    fn session_of(
        &self,
        id: String,
        doc: &Document,
        revision: u64,
        memory: &storage::UiMemory,
        show_all: bool,
    ) -> Session {
        let root = self.root.get_value().unwrap_or_default();
        Session::open(&root, id, doc, revision, memory, show_all)
    }

    /// Puts `session` on screen in the editor.
    fn show(&self, session: Session, read_only: bool) {
        session.read_only.set(read_only);
        if !read_only {
            storage::set_last_open(Some(&session.draft_id));
        }
        self.editor.set(Some(session));
        self.save_status.set(SaveStatus::Idle);
        self.page.set(Page::Editor);
    }

    pub fn close_editor(&self) {
        if let Some(e) = self.editor.get_untracked() {
            self.recent.set_value(Some(e.draft_id.clone()));
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
