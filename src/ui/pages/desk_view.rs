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
use crate::ui::widgets::download::download;

use super::desk::{HIDE_EVENT, SHOW_EVENT};
use super::desk_line::shown;
use super::desk_open::OpenOffer;
use super::desk_pool::Pool;
use super::desk_state::Desk;
use super::desk_table::Table;

thread_local! {
    /// The desk, under an owner of its own that lives as long as the program.
    static DESK: RefCell<Option<(Owner, Desk)>> = const { RefCell::new(None) };
    /// The workers, started the first time 审核台 is shown (so they are
    /// ready by the time files are chosen).
    static POOL: RefCell<Option<Rc<Pool>>> = const { RefCell::new(None) };
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
    pool(desk);
    // The frame's "loading" line goes.
    host.set_text_content(None);
    let shown = leptos::mount::mount_to(host, move || view! { <DeskView desk=desk /> });
    SHOWN.set(Some(Box::new(shown)));
}

fn pool(desk: Desk) -> Rc<Pool> {
    POOL.with(|p| {
        p.borrow_mut()
            .get_or_insert_with(|| Pool::start(desk))
            .clone()
    })
}

/// Adds files to the table and has the workers check them.
fn add(desk: Desk, files: Vec<web_sys::File>) {
    if let Some(ids) = desk.add(files) {
        pool(desk).enqueue(ids);
    }
}

fn clear(desk: Desk) {
    if let Some(pool) = POOL.with(|p| p.borrow().clone()) {
        pool.forget_all();
    }
    desk.clear();
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
            add(desk, files_of(el.files()));
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
        add(desk, files_of(ev.data_transfer().and_then(|d| d.files())));
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
                    <button type="button" on:click=move |_| clear(desk)>"清空列表"</button>
                </div>
                <Table desk=desk rows=rows />
            })}
        </div>
    }
}
