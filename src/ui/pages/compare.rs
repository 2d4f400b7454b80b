//! 修改对比 (review.md, the next round): every place whose text differs
//! from the last round's `reviewed` snapshot, per step, old and new side by
//! side with the comments on that place and their replies. Unchanged steps
//! are collapsed; added and removed rows and projects are shown as such.

use leptos::prelude::*;

use crate::core::model::Document;
use crate::core::review::anchor::describe_project;
use crate::core::review::{
    compare_with_review, Change, ChangeKind, Comparison, ProjectComparison, Review,
};
use crate::ui::state::DocState;

/// What the comparison shows: the comparison, the snapshot and the current
/// document (for the places' names), and the round compared against.
#[derive(Clone, PartialEq)]
struct Shown {
    comparison: Comparison,
    old: Document,
    new: Document,
    round: u64,
    review: Review,
}

#[component]
pub fn ComparisonView() -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = Memo::new(move |_| {
        doc.revision.track();
        let review = doc.review.get()?;
        let (round, old) = review
            .rounds
            .iter()
            .rev()
            .find_map(|r| r.reviewed.as_ref().map(|s| (r.round, s.clone())))?;
        let new = untrack(|| doc.to_core());
        let comparison = compare_with_review(&review, &new)?;
        Some(Shown {
            comparison,
            old,
            new,
            round,
            review,
        })
    });
    move || {
        let s = shown.get()?;
        let c = &s.comparison;
        let mut steps = vec![
            step("基本信息".into(), None, &c.head, &s),
            step("部门整体绩效目标".into(), None, &c.department, &s),
        ];
        for p in &c.projects {
            steps.push(match p {
                ProjectComparison::Kept { new, changes, .. } => {
                    step(describe_project(&s.new, *new), None, changes, &s)
                }
                ProjectComparison::Added { new, comments } => step(
                    describe_project(&s.new, *new),
                    Some(("新增项目", comments.clone())),
                    &[],
                    &s,
                ),
                ProjectComparison::Removed { old, comments } => step(
                    format!("{}（上一轮中的项目）", describe_project(&s.old, *old)),
                    Some(("已删除的项目", comments.clone())),
                    &[],
                    &s,
                ),
            });
        }
        let lead = if c.is_unchanged() {
            format!("与第{}轮审核时的文件相比，没有任何修改。", s.round)
        } else {
            format!(
                "与第{}轮审核时的文件相比，以下位置有修改；没有修改的部分已折叠。",
                s.round
            )
        };
        Some(view! {
            <section class="comparison" aria-labelledby="comparison-title">
                <h2 id="comparison-title">"修改对比"</h2>
                <p class="hint">{lead}</p>
                {steps}
            </section>
        })
    }
}

fn kind_label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Changed => "修改",
        ChangeKind::Added => "新增",
        ChangeKind::Removed => "删除",
    }
}

/// The comments (with replies and status) on one place.
fn comments_view(ids: &[String], review: &Review) -> impl IntoView {
    ids.iter()
        .filter_map(|id| review.comment(id))
        .map(|c| {
            view! {
                <p class="compare-note">
                    <span class="note-status">{c.status.label()}</span>
                    " "{c.text.clone()}
                    {(!c.reply.trim().is_empty()).then(|| view! { <br/><span class="note-reply">{format!("回复：{}", c.reply)}</span> })}
                </p>
            }
        })
        .collect_view()
}

/// One step: collapsed when nothing changed, else its changes in a table.
fn step(
    title: String,
    whole: Option<(&'static str, Vec<String>)>,
    changes: &[Change],
    s: &Shown,
) -> AnyView {
    if let Some((what, comments)) = whole {
        return view! {
            <details class="compare-step changed" open=true>
                <summary>{format!("{title}：{what}")}</summary>
                {comments_view(&comments, &s.review)}
            </details>
        }
        .into_any();
    }
    if changes.is_empty() {
        return view! {
            <details class="compare-step">
                <summary>{format!("{title}：无修改")}</summary>
            </details>
        }
        .into_any();
    }
    let rows = changes
        .iter()
        .map(|ch| {
            let place = ch
                .new
                .map(|p| p.describe(&s.new))
                .or_else(|| ch.old.map(|p| p.describe(&s.old)))
                .unwrap_or_default();
            view! {
                <tr class=format!("change {}", kind_label(ch.kind))>
                    <th scope="row">{place}<span class="change-kind">{format!("（{}）", kind_label(ch.kind))}</span></th>
                    <td class="old">{ch.old_text.clone()}</td>
                    <td class="new">{ch.new_text.clone()}</td>
                    <td>{comments_view(&ch.comments, &s.review)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="compare-step changed" open=true>
            <summary>{format!("{title}：{} 处修改", changes.len())}</summary>
            <table class="compare">
                <colgroup><col class="c-place" /><col class="c-old" /><col class="c-new" /><col class="c-notes" /></colgroup>
                <thead>
                    <tr>
                        <th scope="col">"位置"</th>
                        <th scope="col">"上一轮审核时"</th>
                        <th scope="col">"现在"</th>
                        <th scope="col">"审核意见与回复"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
    .into_any()
}
