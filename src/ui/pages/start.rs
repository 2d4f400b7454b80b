//! 草稿, in the app: the start page's markup (`ui::start_view`, shared with
//! the first load's start program) with what each of its buttons does.

use leptos::prelude::*;

use super::paste_dialog::{Dialog, ImportDialog};
use super::paste_preview::Target;
use crate::core::export::{copy_for_next_year, export_json, file_name};
use crate::core::model::Document;
use crate::storage;
use crate::ui::context::{errors_of, AppState, Page};
use crate::ui::plain::start_act::StartAct;
use crate::ui::session::now_rfc3339;
use crate::ui::start_view::{unit_label, StartView};
use crate::ui::widgets::dom::confirm;
use crate::ui::widgets::download::download;

/// What the start page's buttons reach: its one file input (导入 JSON) and
/// the dialog of 粘贴表格 and 导入 Word 文档.
#[derive(Clone, Copy)]
struct StartTools {
    json_input: NodeRef<leptos::html::Input>,
    dialog: RwSignal<Dialog>,
}

#[component]
pub fn StartPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let entries = Memo::new(move |_| {
        app.drafts_changed.track();
        storage::entries(errors_of)
    });
    let tools = StartTools {
        json_input: NodeRef::new(),
        dialog: RwSignal::new(Dialog::Closed),
    };
    let act = Callback::new(move |act: StartAct| run(app, tools, act));
    // A click on the start program's page before the app was up: done now
    // that the page is in place.
    if let Some(act) = crate::ui::boot::take_act() {
        leptos::task::spawn_local(async move { run_handed_over(app, tools, act) });
    }
    view! {
        <StartView entries=entries.into() persisted=app.persisted.into() act=act />
        <super::import::JsonFileInput node_ref=tools.json_input />
        <ImportDialog dialog=tools.dialog />
    }
}

fn run_handed_over(app: AppState, tools: StartTools, act: StartAct) {
    if act.chooses_file() && !crate::ui::boot::click_still_counts() {
        // Too long after the click for the browser to open its file chooser.
        crate::ui::boot::focus_act(&act.encode());
        app.notice.set(Some(
            "本系统已载入完毕。请再点一次刚才的按钮选择文件。".to_string(),
        ));
        return;
    }
    run(app, tools, act);
}

/// Does what a start-page button asks (clicked here, or in the start program
/// before the app was up: `ui::boot`).
fn run(app: AppState, tools: StartTools, act: StartAct) {
    match act {
        StartAct::Create => {
            let memory = storage::UiMemory {
                step: "basic".into(),
                ..Default::default()
            };
            app.create(&Document::new_draft(), memory, false);
        }
        StartAct::ImportJson => {
            if let Some(input) = tools.json_input.get_untracked() {
                input.click();
            }
        }
        StartAct::Paste => tools.dialog.set(Dialog::Paste {
            target: Target::NewDraft,
            error: None,
        }),
        StartAct::ImportWord => super::docx_import::choose_file(app, tools.dialog),
        StartAct::Desk => app.page.set(Page::Desk),
        StartAct::Rules => app.show_rules(),
        StartAct::Open(id) => {
            if let Err(e) = app.open_stored(&id, false) {
                app.notice.set(Some(e));
            }
        }
        StartAct::Download(id) => download_draft(app, &id),
        StartAct::Copy(id) => copy_draft(app, &id),
        StartAct::NextYear(id) => match storage::load(&id) {
            Ok(doc) => super::next_year::make_next_year(app, &doc),
            Err(e) => app.notice.set(Some(e)),
        },
        StartAct::Delete(id) => delete_draft(app, &id),
        StartAct::DownloadRaw(key) => {
            let text = storage::raw(&key).unwrap_or_default();
            if let Err(e) = download("已损坏的草稿.txt", "text/plain;charset=utf-8", &text) {
                app.notice.set(Some(e));
            }
        }
    }
}

fn download_draft(app: AppState, id: &str) {
    match storage::load(id) {
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
    }
}

fn copy_draft(app: AppState, id: &str) {
    match storage::load(id) {
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
    }
}

fn delete_draft(app: AppState, id: &str) {
    let label = storage::summaries()
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| format!("{} {}", unit_label(&s), s.year))
        .unwrap_or_else(|| "（未填单位名称）".to_string());
    // Another tab editing it now is told, and keeps its text to download.
    let question = if storage::held_elsewhere(id, crate::ui::session::tab_id()).is_some() {
        format!("草稿「{label}」正在另一个标签页中编辑。仍要删除吗？那个标签页会改为只读，并可下载它的内容。删除后无法恢复。")
    } else {
        format!("确定删除草稿「{label}」吗？删除后无法恢复。")
    };
    if confirm(&question) {
        storage::delete(id);
        app.refresh_drafts();
    }
}
