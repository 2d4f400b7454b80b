//! 草稿: the drafts stored in this browser.

use leptos::prelude::*;

use crate::core::export::{copy_for_next_year, export_json, file_name};
use crate::core::model::Document;
use crate::storage::{self, Entry, Summary};
use crate::ui::context::{errors_of, AppState, Page};
use crate::ui::session::now_rfc3339;
use crate::ui::widgets::dom::confirm;
use crate::ui::widgets::download::download;

fn saved_label(saved_at: &str) -> String {
    // RFC 3339 UTC as written; shown in the preparer's local time.
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

#[component]
pub fn StartPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let entries = Memo::new(move |_| {
        app.drafts_changed.track();
        storage::entries(errors_of)
    });

    let create = move |_| {
        let memory = storage::UiMemory {
            step: "basic".into(),
            ..Default::default()
        };
        app.create(&Document::new_draft(), memory, false);
    };

    view! {
        <main class="page start">
            <h1 id="start-title" tabindex="-1">"草稿"</h1>
            <p class="lead">
                "按官方表格逐项填写部门整体绩效目标和项目支出绩效目标表，系统随填随查。"
                "草稿自动保存在本机浏览器中；清除浏览器数据会删除草稿，下载的 JSON 文件才是可靠的备份。"
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=create>"新建草稿"</button>
                <super::import::ImportButton />
                <super::paste::StartImports />
                <button type="button" on:click=move |_| app.page.set(Page::Desk)>"审核台"</button>
            </div>
            <p class="hint">"导入：本系统下载的 JSON 文件，或本系统导出的可打印 HTML 文件。导入的文件成为一份新草稿，不覆盖已有草稿。"</p>
            <p class="hint">"上年的绩效目标在 Word、WPS 或 Excel 中：复制其中的表格后点「粘贴表格」，或用「导入 Word 文档」打开 .docx 文件；先预览，确认后成为一份新草稿。"</p>
            <p class="hint persist">{move || match app.persisted.get() {
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
                                {list.into_iter().map(|e| view! { <DraftRow entry=e /> }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
            }}
        </main>
    }
}

#[component]
fn DraftRow(entry: Entry) -> impl IntoView {
    let app = expect_context::<AppState>();
    match entry {
        Entry::Readable(s) => readable_row(app, s).into_any(),
        Entry::Damaged { key, reason } => {
            let raw_key = key.clone();
            view! {
                <tr class="damaged">
                    <td colspan="5">
                        <strong>"已损坏"</strong>
                        {format!("：{reason}（存储项 {key}）。该草稿不会被打开或覆盖，可下载原始内容。")}
                    </td>
                    <td>
                        <button type="button" on:click=move |_| {
                            let text = storage::raw(&raw_key).unwrap_or_default();
                            if let Err(e) = download("已损坏的草稿.txt", "text/plain;charset=utf-8", &text) {
                                app.notice.set(Some(e));
                            }
                        }>"下载原始内容"</button>
                    </td>
                </tr>
            }
            .into_any()
        }
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

fn readable_row(app: AppState, s: Summary) -> impl IntoView {
    let unit = if s.unit.is_empty() {
        "（未填单位名称）".to_string()
    } else {
        s.unit.clone()
    };
    let label = format!("{unit} {}", s.year);
    let (open_id, dl_id, del_id) = (s.id.clone(), s.id.clone(), s.id.clone());
    let open = move |_| {
        if let Err(e) = app.open_stored(&open_id, false) {
            app.notice.set(Some(e));
        }
    };
    let download_json = move |_| match storage::load(&dl_id) {
        Ok(doc) => {
            let text = export_json(&doc, &now_rfc3339());
            if let Err(e) = download(
                &file_name(&doc.unit.name, &doc.year, "json"),
                "application/json",
                &text,
            ) {
                app.notice.set(Some(e));
            }
        }
        Err(e) => app.notice.set(Some(e)),
    };
    let copy_id = s.id.clone();
    let copy = move |_| match storage::load(&copy_id) {
        Ok(doc) => {
            // A copy starts the next year from this one.
            let (copy, next) = copy_for_next_year(&doc);
            let id = storage::new_id();
            match storage::save_with_errors(&id, &copy, errors_of(&copy)) {
                Ok(_) => {
                    app.refresh_drafts();
                    app.notice.set(Some(match next {
                        Some(y) => {
                            format!("已复制为 {y} 年度的新草稿，原草稿不变。请核对金额和指标。")
                        }
                        None => "已复制为新草稿，原草稿不变。".to_string(),
                    }));
                }
                Err(e) => app.notice.set(Some(e.message())),
            }
        }
        Err(e) => app.notice.set(Some(e)),
    };
    let delete_label = label.clone();
    let delete = move |_| {
        // Another tab editing it now is told, and keeps its text to download.
        let question = if storage::held_elsewhere(&del_id, crate::ui::session::tab_id()).is_some() {
            format!("草稿「{delete_label}」正在另一个标签页中编辑。仍要删除吗？那个标签页会改为只读，并可下载它的内容。删除后无法恢复。")
        } else {
            format!("确定删除草稿「{delete_label}」吗？删除后无法恢复。")
        };
        if confirm(&question) {
            storage::delete(&del_id);
            app.refresh_drafts();
        }
    };
    view! {
        <tr>
            <td>
                {unit}
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
                <button type="button" on:click=open>"打开"</button>
                <button type="button" on:click=download_json>"下载 JSON"</button>
                <button type="button" on:click=copy>"复制草稿"</button>
                <super::next_year::NextYearButton draft_id=s.id.clone() />
                <button type="button" class="danger" on:click=delete>"删除"</button>
            </td>
        </tr>
    }
}
