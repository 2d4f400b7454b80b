//! 审核台 (review.md, "Many files at once"): a reviewer opens dozens of units'
//! files at once and sees one table of them. This page runs in 审核台's own
//! program (src/bin/desk.rs; the app shows it inside its frame, `desk`). The
//! files are read and checked by Web Workers running the same core
//! (`desk_pool`); this page keeps the `File`s, so that `打开` reads the chosen
//! one again (`desk_open`).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::summary::csv;
use crate::storage::Summary;
use crate::ui::widgets::download::download;

use super::desk::{HIDE_EVENT, SHOW_EVENT};
use super::desk_open::{OpenOffer, Read};
use super::desk_pool::Pool;
use super::desk_table::{shown, Line, Table};

/// A line's file is already a draft of the same unit and year: which to open.
#[derive(Clone, Debug)]
pub struct Offer {
    pub file: String,
    pub existing: Summary,
    pub imported: Read,
}

/// What 审核台 holds. Made once (not per visit), so the table is still there
/// after a line was opened and the reviewer comes back.
#[derive(Clone, Copy)]
pub struct Desk {
    /// The lines that are done, in the order they were done.
    pub lines: RwSignal<Vec<Line>>,
    /// Files given but not yet in `lines`.
    pub pending: RwSignal<usize>,
    /// The column sorted by, and whether descending; none: the order given.
    pub sort: RwSignal<Option<(usize, bool)>>,
    pub filter: RwSignal<String>,
    pub offer: RwSignal<Option<Offer>>,
    /// Why a line could not be opened.
    pub message: RwSignal<Option<String>>,
    /// By line id; none once the list is cleared.
    files: StoredValue<Vec<Option<web_sys::File>>, LocalStorage>,
    pool: StoredValue<Option<Rc<Pool>>, LocalStorage>,
}

impl Desk {
    pub fn new() -> Self {
        Desk {
            lines: RwSignal::new(Vec::new()),
            pending: RwSignal::new(0),
            sort: RwSignal::new(None),
            filter: RwSignal::new(String::new()),
            offer: RwSignal::new(None),
            message: RwSignal::new(None),
            files: StoredValue::new_local(Vec::new()),
            pool: StoredValue::new_local(None),
        }
    }

    pub fn file(&self, id: usize) -> Option<web_sys::File> {
        self.files
            .try_with_value(|f| f.get(id).cloned().flatten())
            .flatten()
    }

    /// The workers, started the first time 审核台 is shown (so they are
    /// ready by the time files are chosen).
    fn pool(&self) -> Rc<Pool> {
        if let Some(pool) = self.pool.get_value() {
            return pool;
        }
        let pool = Pool::start(*self);
        self.pool.set_value(Some(pool.clone()));
        pool
    }

    /// Adds files to the table.
    pub fn add(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let Some(ids) = self.files.try_update_value(|all| {
            let from = all.len();
            all.extend(files.into_iter().map(Some));
            from..all.len()
        }) else {
            return;
        };
        self.pending.update(|p| *p += ids.len());
        self.pool().enqueue(ids);
    }

    pub fn clear(&self) {
        if let Some(pool) = self.pool.get_value() {
            pool.forget_all();
        }
        self.files
            .update_value(|f| f.iter_mut().for_each(|file| *file = None));
        self.pending.set(0);
        self.offer.set(None);
        self.message.set(None);
        self.lines.set(Vec::new());
    }

    pub fn toggle_sort(&self, column: usize) {
        self.sort.update(|s| {
            *s = match *s {
                Some((c, false)) if c == column => Some((column, true)),
                _ => Some((column, false)),
            }
        });
    }
}

impl Default for Desk {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// The desk, under an owner of its own that lives as long as the program.
    static DESK: RefCell<Option<(Owner, Desk)>> = const { RefCell::new(None) };
    /// The page on screen (its unmount handle).
    static SHOWN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// The program started in the page: shows the page now, and whenever the
/// app shows 审核台 again.
pub fn start() {
    if let Some(window) = web_sys::window() {
        for (event, on) in [(SHOW_EVENT, mount as fn()), (HIDE_EVENT, unmount)] {
            let on = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on);
            let _ = window.add_event_listener_with_callback(event, on.as_ref().unchecked_ref());
            // For the program's life.
            on.forget();
        }
    }
    mount();
}

/// Shows the page in the app's frame for it (`[data-desk]`, if 审核台 is on
/// screen), with the table as it was left.
fn mount() {
    unmount();
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-desk]").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let desk = DESK.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| {
                let owner = Owner::new();
                let desk = owner.with(Desk::new);
                (owner, desk)
            })
            .1
    });
    desk.pool();
    // The frame's "loading" line goes.
    host.set_text_content(None);
    let shown = leptos::mount::mount_to(host, move || view! { <DeskView desk=desk /> });
    SHOWN.set(Some(Box::new(shown)));
}

/// The app left 审核台: the page goes, the desk stays.
fn unmount() {
    drop(SHOWN.take());
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

#[component]
fn DeskView(desk: Desk) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let over = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        desk.lines
            .with(|lines| desk.filter.with(|f| shown(lines, f, desk.sort.get())))
    });

    // Not the lines themselves: the table is made once and then only updated.
    let any = Memo::new(move |_| desk.lines.with(|l| !l.is_empty()));
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            desk.add(files_of(el.files()));
            // The same files may be chosen again.
            el.set_value("");
        }
    };
    // Files dropped anywhere on the page while 审核台 is shown: one beside
    // the zone must not make the browser leave the app to show it.
    let dragging = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        over.set(true);
    });
    let leaving = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Out of the window (not from one element to another).
        if ev.related_target().is_none() {
            over.set(false);
        }
    });
    let dropping = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        over.set(false);
        desk.add(files_of(ev.data_transfer().and_then(|d| d.files())));
    });
    on_cleanup(move || {
        dragging.remove();
        leaving.remove();
        dropping.remove();
    });

    let progress = move || {
        let pending = desk.pending.get();
        let (done, bad) = desk
            .lines
            .with(|l| (l.len(), l.iter().filter(|l| !l.readable).count()));
        if pending > 0 {
            format!("正在读取 {done}/{}…", done + pending)
        } else if done == 0 {
            String::new()
        } else if bad > 0 {
            format!("已读取 {done} 个文件，其中 {bad} 个无法检查。")
        } else {
            format!("已读取 {done} 个文件。")
        }
    };
    let export = move |_| {
        let text = csv(rows.get_untracked().into_iter().map(|l| l.cells));
        if let Err(e) = download("审核汇总表.csv", "text/csv;charset=utf-8", &text) {
            desk.message.set(Some(e));
        }
    };

    view! {
        <div class="desk-body">
            <p class="lead">
                "一次打开多个单位报送的 JSON 文件，逐个检查，汇总成一张表。"
                "文件只在本机浏览器中读取，不会上传；点「打开」把其中一份作为草稿打开。"
            </p>
            <div class="desk-drop" class:over=move || over.get()>
                <p>"把各单位的 JSON 文件拖放到此处（可一次多个），或"</p>
                <input
                    type="file"
                    multiple
                    accept=".json,.html,.htm,application/json,text/html"
                    class="sr-only"
                    tabindex="-1"
                    aria-hidden="true"
                    node_ref=input
                    on:change=on_change
                />
                <button type="button" class="primary" on:click=move |_| {
                    if let Some(el) = input.get() {
                        el.click();
                    }
                }>"选择文件"</button>
            </div>
            <p class="desk-progress" role="status" aria-live="polite">{progress}</p>
            {move || desk.message.get().map(|m| view! {
                <div class="notice" role="alert">
                    <p>{m}</p>
                    <button type="button" on:click=move |_| desk.message.set(None)>"知道了"</button>
                </div>
            })}
            <OpenOffer desk=desk />
            {move || any.get().then(|| view! {
                <div class="desk-tools">
                    <label>
                        "筛选"
                        <input
                            type="search"
                            placeholder="文件名、单位名称或审核状态"
                            prop:value=move || desk.filter.get()
                            on:input=move |ev| desk.filter.set(event_target_value(&ev))
                        />
                    </label>
                    <span class="hint">{move || format!("显示 {} / {} 个文件", rows.with(Vec::len), desk.lines.with(Vec::len))}</span>
                    <button type="button" on:click=export>"导出汇总表"</button>
                    <button type="button" on:click=move |_| desk.clear()>"清空列表"</button>
                </div>
                <Table desk=desk rows=rows />
            })}
        </div>
    }
}
