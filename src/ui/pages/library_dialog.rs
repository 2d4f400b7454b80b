//! `从指标库添加`: the 指标库 as a modal dialog. A search box, this project's
//! `推荐指标` first (from 项目名称 and 资金用途, grouped by 一级/二级), then
//! every row by kind (each kind opened on demand); rows are picked with
//! checkboxes and `添加所选指标` appends them. Focus stays inside while it is
//! open (Tab wraps, Esc closes) and goes back to the opener when it closes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::library::{self, add_library_rows, example_of, LibraryStatus, Source};
use super::library_focus::{focus_now, trap_tab};
use crate::core::library::{Aspect, Library, Row};
use crate::ui::state::{DocState, ProjectState, Shown};
use crate::ui::widgets::dom::focus_later;

const TITLE_ID: &str = "lib-dialog-title";
const SEARCH_ID: &str = "lib-search";
/// Recommendations shown first: two of each part of the table.
const RECOMMENDED: usize = 12;
/// Search results listed at most; a longer query narrows them.
const SEARCH_LIMIT: usize = 80;

#[component]
pub fn LibraryDialog(project: ProjectState, open: RwSignal<bool>, opener: String) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let status = library::status();
    library::need_or_retry();
    let query = RwSignal::new(String::new());
    // Row ids, in the order they were picked.
    let picked = RwSignal::new(Vec::<String>::new());
    let dialog = NodeRef::<leptos::html::Div>::new();

    let close = {
        let opener = opener.clone();
        move || {
            open.set(false);
            focus_later(opener.clone());
        }
    };
    let (name, funds, year) = (project.name, project.use_of_funds, doc.year);
    let adding = project.clone();
    let opener_for_add = opener.clone();
    let add = move |_| {
        let rows: Vec<Row> = status.with_untracked(|s| {
            let Some(lib) = s.library() else {
                return Vec::new();
            };
            picked.with_untracked(|ids| ids.iter().filter_map(|id| lib.row(id).cloned()).collect())
        });
        // The focus first goes back inside the table, so leaving the dialog
        // is not leaving the table; then to the first new row.
        focus_now(&opener_for_add);
        open.set(false);
        add_library_rows(doc, shown, &adding, &rows);
    };
    let closing = close.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            closing();
        }
        "Tab" => {
            if let Some(d) = dialog.get_untracked() {
                trap_tab(&ev, &d);
            }
        }
        // Ctrl+Z would bring back a deleted row behind the dialog.
        "z" | "Z" if ev.ctrl_key() || ev.meta_key() => ev.stop_propagation(),
        _ => {}
    };
    focus_later(SEARCH_ID.to_string());

    // Search results: how many in all, and the first SEARCH_LIMIT.
    let found = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        status.with(|s| {
            s.library().map(|l| {
                let all = l.search(&q);
                let rows: Vec<Row> = all
                    .iter()
                    .take(SEARCH_LIMIT)
                    .map(|r| (*r).clone())
                    .collect();
                (all.len(), rows)
            })
        })
    });
    // Said in a live region that stays, so each new count is announced.
    let said = move || {
        found.with(|f| match f {
            None => String::new(),
            Some((0, _)) => "没有找到匹配的指标，请换一个词。".to_string(),
            Some((n, _)) if *n > SEARCH_LIMIT => {
                format!("找到 {n} 条，列出前 {SEARCH_LIMIT} 条；再输入一个词可缩小范围。")
            }
            Some((n, _)) => format!("找到 {n} 条。"),
        })
    };
    let body = move || match status.get() {
        LibraryStatus::Idle | LibraryStatus::Loading => {
            view! { <p class="lib-loading">"正在载入指标库…"</p> }.into_any()
        }
        LibraryStatus::Failed(why) => {
            view! { <p class="lib-warning" role="alert">{why}</p> }.into_any()
        }
        LibraryStatus::Ready { library, .. } => match found.get() {
            None => {
                let recommended: Vec<Row> = library
                    .recommend(&name.get_untracked(), &funds.get_untracked())
                    .into_iter()
                    .take(RECOMMENDED)
                    .cloned()
                    .collect();
                view! {
                    <Recommended rows=recommended picked=picked year=year />
                    <ByKind library=library picked=picked year=year />
                }
                .into_any()
            }
            Some((_, rows)) => view! {
                <section class="lib-group" aria-labelledby="lib-found">
                    <h3 id="lib-found">"搜索结果"</h3>
                    {pick_list(rows, "s", picked, year)}
                </section>
            }
            .into_any(),
        },
    };
    let source_line = move || {
        status.with(|s| match s {
            LibraryStatus::Ready {
                library,
                source,
                refused,
            } => {
                let n = library.rows().len();
                let which = match source {
                    Source::Unit => format!("本单位指标库（{}，{n} 条指标）", library::UNIT_FILE),
                    Source::BuiltIn => format!("内置指标库（{n} 条指标）"),
                };
                Some((which, refused.clone()))
            }
            _ => None,
        })
    };
    let count = move || picked.with(Vec::len);
    let cancel = close.clone();
    let dismiss = close;

    view! {
        <div class="lib-overlay" on:mousedown=|ev| {
            // A click beside the dialog keeps the focus inside it.
            if ev.target() == ev.current_target() {
                ev.prevent_default();
            }
        }>
            <div class="lib-dialog" role="dialog" aria-modal="true" aria-labelledby=TITLE_ID node_ref=dialog on:keydown=on_keydown>
                <div class="lib-head">
                    <h2 id=TITLE_ID>"从指标库添加"</h2>
                    <button type="button" class="icon" aria-label="关闭" title="关闭" on:click=move |_| dismiss()>"✕"</button>
                </div>
                {move || source_line().map(|(which, refused)| view! {
                    <p class="hint lib-source">{which}"。勾选后点击「添加所选指标」，示例中的「{N}」等占位须换成本项目的实际内容。"</p>
                    {refused.map(|r| view! { <p class="lib-warning" role="alert">{r}</p> })}
                })}
                <div class="lib-search">
                    <label for=SEARCH_ID>"搜索指标"</label>
                    <input type="search" id=SEARCH_ID autocomplete="off" placeholder="如：培训 满意度"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <p class="hint lib-found" role="status">{said}</p>
                <div class="lib-body">{body}</div>
                <div class="lib-foot">
                    <span class="lib-count" role="status">{move || format!("已选 {} 项", count())}</span>
                    <button type="button" class="primary" disabled=move || count() == 0 on:click=add>"添加所选指标"</button>
                    <button type="button" class="secondary" on:click=move |_| cancel()>"取消"</button>
                </div>
            </div>
        </div>
    }
}

/// This project's recommendations, grouped by 一级/二级 in the table's order.
#[component]
fn Recommended(
    rows: Vec<Row>,
    picked: RwSignal<Vec<String>>,
    year: RwSignal<String>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <section class="lib-group" aria-labelledby="lib-rec">
                <h3 id="lib-rec">"推荐指标"</h3>
                <p class="hint">"填写项目名称和资金用途后，这里按项目类别推荐常用指标。也可以搜索，或在下面按类别挑选。"</p>
            </section>
        }
        .into_any();
    }
    // In the table's order (数量 … 满意度), each 一级/二级 once, rows in the
    // order recommended.
    let mut groups: Vec<(usize, String, Vec<Row>)> = Vec::new();
    for r in rows {
        let key = format!("{} · {}", r.level1, r.level2);
        let aspect = Aspect::ALL
            .iter()
            .position(|a| *a == r.aspect())
            .unwrap_or(0);
        match groups.iter_mut().find(|(_, k, _)| *k == key) {
            Some((_, _, list)) => list.push(r),
            None => {
                let at = groups.iter().take_while(|(a, _, _)| *a <= aspect).count();
                groups.insert(at, (aspect, key, vec![r]));
            }
        }
    }
    view! {
        <section class="lib-group" aria-labelledby="lib-rec">
            <h3 id="lib-rec">"推荐指标"</h3>
            {groups.into_iter().enumerate().map(|(i, (_, key, list))| {
                let id = format!("lib-rec-{i}");
                let labelled = id.clone();
                view! {
                    <div class="lib-sub" role="group" aria-labelledby=labelled>
                        <h4 id=id>{key}</h4>
                        {pick_list(list, "r", picked, year)}
                    </div>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// Every row by kind; a kind's rows are rendered when it is opened.
#[component]
fn ByKind(
    library: std::sync::Arc<Library>,
    picked: RwSignal<Vec<String>>,
    year: RwSignal<String>,
) -> impl IntoView {
    let kinds: Vec<(usize, String, Vec<Row>)> = library
        .kinds()
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                i,
                k.name.clone(),
                library.rows_of_kind(&k.name).cloned().collect(),
            )
        })
        .filter(|(_, _, rows): &(usize, String, Vec<Row>)| !rows.is_empty())
        .collect();
    view! {
        <section class="lib-group" aria-labelledby="lib-kinds">
            <h3 id="lib-kinds">"按类别"</h3>
            {kinds.into_iter().map(|(i, name, rows)| {
                let opened = RwSignal::new(false);
                let n = rows.len();
                let rows = StoredValue::new(rows);
                view! {
                    <details class="lib-kind" on:toggle=move |ev| {
                        let open = ev.target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                            .is_some_and(|d| d.open());
                        opened.set(open);
                    }>
                        <summary>{format!("{name}（{n} 条）")}</summary>
                        {move || opened.get().then(|| pick_list(rows.get_value(), &format!("k{i}"), picked, year))}
                    </details>
                }
            }).collect_view()}
        </section>
    }
}

/// Rows with a checkbox each: the name is the checkbox's label; example
/// value, unit, place in the table and explanation describe it.
fn pick_list(
    rows: Vec<Row>,
    prefix: &str,
    picked: RwSignal<Vec<String>>,
    year: RwSignal<String>,
) -> impl IntoView {
    view! {
        <ul class="lib-rows">
            {rows.into_iter().map(|row| {
                let id = row.id.clone();
                let cb = format!("lib-{prefix}-{id}");
                let desc = format!("{cb}-d");
                let unit = row.unit_label();
                let example = example_of(&row, &year.get_untracked());
                let is_picked = {
                    let id = id.clone();
                    move || picked.with(|p| p.contains(&id))
                };
                let toggle = move |_| {
                    picked.update(|p| match p.iter().position(|x| *x == id) {
                        Some(at) => {
                            p.remove(at);
                        }
                        None => p.push(id.clone()),
                    })
                };
                view! {
                    <li class="lib-row">
                        <input type="checkbox" id=cb.clone() aria-describedby=desc.clone() prop:checked=is_picked on:change=toggle />
                        <div class="lib-text">
                            <label for=cb class="lib-name">{row.name.clone()}</label>
                            <span class="lib-meta" id=desc>
                                <span>{format!("示例：{example}")}</span>
                                {(!unit.is_empty()).then(|| view! { <span>{format!("单位：{unit}")}</span> })}
                                <span>{format!("{}/{}", row.level1, row.level2)}</span>
                                <span class="lib-explain">{row.explain.clone()}</span>
                            </span>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
