//! 新建下一年度: next year's draft from a draft (on the start page) or from
//! the open document (检查与导出), made by `core::export::next_year` and
//! stored as a draft of its own; the draft it came from does not change.

use leptos::prelude::*;

use crate::core::export::next_year;
use crate::core::model::Document;
use crate::storage;
use crate::ui::context::{errors_of, AppState};
use crate::ui::session::Session;

/// Stores next year's draft of `doc` and says so.
pub fn make_next_year(app: AppState, doc: &Document) {
    let next = next_year(doc);
    let id = storage::new_id();
    match storage::save_with_errors(&id, &next, errors_of(&next)) {
        Ok(_) => {
            app.refresh_drafts();
            let unit = if next.unit.name.trim().is_empty() {
                "未填单位名称".to_string()
            } else {
                next.unit.name.trim().to_string()
            };
            let year = next.year.trim();
            let year = if year.is_empty() {
                "下一年度".to_string()
            } else {
                format!("{year} 年度")
            };
            app.notice.set(Some(format!(
                "已新建「{unit}」{year}的草稿（在草稿列表中打开）：项目、绩效目标和指标沿用，预算数、财政资金、其他资金和资金支出计划已清空，各指标的原指标值列为「上年指标值」供参考。原草稿不变。"
            )));
        }
        Err(e) => app.notice.set(Some(e.message())),
    }
}

/// 新建下一年度 for the open document (检查与导出).
#[component]
pub fn NextYearOfOpen() -> impl IntoView {
    let app = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let make = move |_| {
        let doc = untrack(|| session.doc.to_core());
        make_next_year(app, &doc);
    };
    view! { <button type="button" on:click=make>"新建下一年度"</button> }
}
