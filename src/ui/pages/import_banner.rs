//! The banner an imported file opens with on 检查与导出 (issue 15): what the
//! file claims to be (its own `status`, never trusted) against what the app
//! finds, and where it stands with its reviewer.

use leptos::prelude::*;

use crate::core::findings::{Counts, Finding};
use crate::core::format::Status;
use crate::core::review::{document_status, review_summary, ReviewState};
use crate::ui::plain::claimed::status_label;
use crate::ui::session::Session;

#[component]
pub fn ImportBanner(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let imported = session.imported;
    move || {
        let facts = imported.get()?;
        let found = findings.get();
        let c = Counts::of(&found);
        let (status, review) = doc.review.with(|r| {
            (
                document_status(&found, r.as_ref()),
                review_summary(r.as_ref()),
            )
        });
        let claimed = match &facts.claimed {
            Some(s) => format!("文件自称：{}。", status_label(s)),
            None => "文件中没有注明状态（status）。".to_string(),
        };
        let is = match status {
            Status::Complete => "complete",
            Status::Draft => "draft",
        };
        let differs = facts.claimed.as_deref().is_some_and(|s| s != is);
        let found_line = format!(
            "本系统检查：{} 个错误、{} 个警告、{} 条提示；按规则应为{}{}",
            c.errors,
            c.warnings,
            c.infos,
            status_label(is),
            if differs {
                "，与文件自称的不符。"
            } else {
                "。"
            }
        );
        let review_line = match review.state {
            ReviewState::Unreviewed => "审核状态：未审核。".to_string(),
            ReviewState::InReview { round } => format!("审核状态：第{round}轮审核进行中。"),
            ReviewState::Reviewed { round, decision } => format!(
                "审核状态：第{round}轮审核已完成{}。",
                decision.map_or(String::new(), |d| format!("，结论「{}」", d.label()))
            ),
        };
        let open = review.open_comments;
        let warnings = facts.warnings.clone();
        Some(view! {
            <section class="import-banner" class:differs=differs aria-labelledby="import-banner-title">
                <h2 id="import-banner-title">{format!("已导入「{}」", facts.file)}</h2>
                <ul>
                    <li>{claimed}</li>
                    <li class="found">{found_line}</li>
                    <li>
                        {review_line}
                        {(open > 0).then(|| format!("待处理的审核意见 {open} 条，见下方「审核意见汇总」。"))}
                    </li>
                    {warnings.into_iter().map(|w| view! { <li class="warning">{w}</li> }).collect_view()}
                </ul>
                <button type="button" class="small" on:click=move |_| imported.set(None)>"关闭提示"</button>
            </section>
        })
    }
}
