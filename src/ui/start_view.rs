//! The start page (草稿: the drafts stored in this browser) and the page's
//! header, as markup only: every button says what it asks for (`StartAct`)
//! and the caller decides what happens. Shown by the start program
//! (`ui::boot`, the first load) and by the app (`pages::start`), so both are
//! one page; it uses no core, or the first load would carry it.

use leptos::prelude::*;

use super::plain::start_act::StartAct;
use crate::storage::{Entry, Summary};

/// RFC 3339 UTC as written, shown in the preparer's local time.
pub fn saved_label(saved_at: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(saved_at));
    if date.get_time().is_nan() {
        return "—".into();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The page's header; `children` is the save status line (and its button).
#[component]
pub fn AppHeader(act: Callback<StartAct>, children: Children) -> impl IntoView {
    view! {
        <header class="app-header">
            <span class="app-title">"绩效目标填报"</span>
            <span class="app-sub">"部门整体绩效目标 · 项目支出绩效目标表"</span>
            {children()}
            <nav class="app-links" aria-label="帮助">
                <ActButton act=StartAct::Rules on=act class="link">"规则说明"</ActButton>
            </nav>
        </header>
    }
}

/// A button that asks for `act`, named by it (`data-act`), so the app can put
/// the focus back on its own after it takes over the page.
#[component]
fn ActButton(
    act: StartAct,
    on: Callback<StartAct>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let name = act.encode();
    view! {
        <button type="button" class=class data-act=name on:click=move |_| on.run(act.clone())>
            {children()}
        </button>
    }
}

#[component]
pub fn StartView(
    entries: Signal<Vec<Entry>>,
    persisted: Signal<Option<bool>>,
    act: Callback<StartAct>,
) -> impl IntoView {
    view! {
        <main class="page start">
            <h1 id="start-title" tabindex="-1">"草稿"</h1>
            <p class="lead">
                "按官方表格逐项填写部门整体绩效目标和项目支出绩效目标表，系统随填随查。"
                "草稿自动保存在本机浏览器中；清除浏览器数据会删除草稿，下载的 JSON 文件才是可靠的备份。"
            </p>
            <div class="actions">
                <ActButton act=StartAct::Create on=act class="primary">"新建草稿"</ActButton>
                <ActButton act=StartAct::ImportJson on=act>"导入 JSON"</ActButton>
                <ActButton act=StartAct::Paste on=act>"粘贴表格"</ActButton>
                <ActButton act=StartAct::ImportWord on=act>"导入 Word 文档"</ActButton>
                <ActButton act=StartAct::Desk on=act>"审核台"</ActButton>
            </div>
            <p class="hint">"导入：本系统下载的 JSON 文件，或本系统导出的可打印 HTML 文件。导入的文件成为一份新草稿，不覆盖已有草稿。"</p>
            <p class="hint">"上年的绩效目标在 Word、WPS 或 Excel 中：复制其中的表格后点「粘贴表格」，或用「导入 Word 文档」打开 .docx 文件；先预览，确认后成为一份新草稿。"</p>
            <p class="hint persist">{move || match persisted.get() {
                Some(true) => "本浏览器会一直保留这些草稿，除非您自己清除浏览数据。",
                Some(false) => "草稿保存在本浏览器中；磁盘空间不足或清除浏览数据时可能丢失，请定期点击「下载 JSON」留一份备份。",
                None => "",
            }}</p>
            {move || {
                let list = entries.get();
                if list.is_empty() {
                    view! { <p class="empty">"本浏览器中还没有草稿。点击「新建草稿」开始填报。"</p> }.into_any()
                } else {
                    view! {
                        <table class="drafts">
                            <caption>"本浏览器中的草稿"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"单位名称"</th>
                                    <th scope="col">"预算年度"</th>
                                    <th scope="col">"项目数"</th>
                                    <th scope="col">"未解决的错误"</th>
                                    <th scope="col">"最后保存"</th>
                                    <th scope="col">"操作"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|e| draft_row(e, act)).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
            }}
        </main>
    }
}

fn draft_row(entry: Entry, act: Callback<StartAct>) -> AnyView {
    match entry {
        Entry::Readable(s) => readable_row(s, act).into_any(),
        Entry::Damaged { key, reason } => view! {
            <tr class="damaged">
                <td colspan="5">
                    <strong>"已损坏"</strong>
                    {format!("：{reason}（存储项 {key}）。该草稿不会被打开或覆盖，可下载原始内容。")}
                </td>
                <td>
                    <ActButton act=StartAct::DownloadRaw(key.clone()) on=act>"下载原始内容"</ActButton>
                </td>
            </tr>
        }
        .into_any(),
        Entry::Newer { key, version } => view! {
            <tr class="newer">
                <td colspan="6">
                    <strong>"新版本草稿"</strong>
                    {format!("：由新版本的填报系统保存（格式第 {version} 版，存储项 {key}），本版本不能打开，也不会改动它。")}
                </td>
            </tr>
        }
        .into_any(),
    }
}

fn readable_row(s: Summary, act: Callback<StartAct>) -> impl IntoView {
    let id = s.id.clone();
    view! {
        <tr>
            <td>
                {unit_label(&s)}
                // Two imports of one file are told apart by where and when.
                {(!s.source.is_empty()).then(|| view! {
                    <div class="draft-source">{format!("导入自「{}」，{}", s.source, saved_label(&s.imported_at))}</div>
                })}
            </td>
            <td>{s.year.clone()}</td>
            <td class="num">{s.projects}</td>
            <td class="num">{if s.errors == 0 { "无".to_string() } else { s.errors.to_string() }}</td>
            <td>{saved_label(&s.saved_at)}</td>
            <td class="row-actions">
                <ActButton act=StartAct::Open(id.clone()) on=act>"打开"</ActButton>
                <ActButton act=StartAct::Download(id.clone()) on=act>"下载 JSON"</ActButton>
                <ActButton act=StartAct::Copy(id.clone()) on=act>"复制草稿"</ActButton>
                <ActButton act=StartAct::NextYear(id.clone()) on=act>"新建下一年度"</ActButton>
                <ActButton act=StartAct::Delete(id) on=act class="danger">"删除"</ActButton>
            </td>
        </tr>
    }
}

/// The unit as the list shows it, and as 删除 names the draft.
pub fn unit_label(s: &Summary) -> String {
    if s.unit.is_empty() {
        "（未填单位名称）".to_string()
    } else {
        s.unit.clone()
    }
}
