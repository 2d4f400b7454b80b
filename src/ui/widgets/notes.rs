//! What stands beside a place besides its findings: the reviewer's 审核意见
//! (review.md) on it, and in review mode `添加审核意见`. Every field, row,
//! project and department list renders this after its own findings.

use leptos::prelude::*;

use super::comment::{CommentEditor, CommentItem};
use crate::core::model::IndicatorField;
use crate::ui::plain::ids::{ProjectId, RowId};
use crate::ui::plain::places::{Place, ProjectPlace};
use crate::ui::plain::review::Spot;
use crate::ui::session::{CommentDraft, Session};
use crate::ui::state::DocState;

/// The notes of one place.
#[component]
pub fn PlaceNotes(place: Place) -> impl IntoView {
    view! { <SpotNotes spot=Spot::Place(place) /> }
}

/// The 审核意见 at one spot, and in review mode the button that adds one.
#[component]
pub fn SpotNotes(spot: Spot) -> impl IntoView {
    let session = expect_context::<Session>();
    let notes = session.notes;
    let here = Memo::new(move |_| notes.with(|n| n.at(spot)));
    view! {
        {move || (!here.with(Vec::is_empty)).then(|| view! {
            <ul class="notes" aria-label="审核意见">
                <For each=move || here.get() key=|n| (n.id.clone(), n.moved()) let:note>
                    <CommentItem note=note />
                </For>
            </ul>
        })}
        <AddComment spot=spot />
    }
}

/// The words that name a place on its `添加审核意见` button: the field's
/// label, the row and column in the table.
fn place_label(doc: DocState, spot: Spot) -> String {
    let place = match spot {
        Spot::Department => return "部门整体绩效目标".into(),
        Spot::Document => return "整个文件".into(),
        Spot::Place(p) => p,
    };
    let row_number = |pid, rid| {
        doc.project(pid)
            .and_then(|p| p.rows.with(|rs| rs.iter().position(|r| r.id == rid)))
            .map_or(0, |i| i + 1)
    };
    match place {
        Place::Head(h) => h.label().into(),
        Place::List(l) => l.label().into(),
        Place::Paragraph(l, id) => {
            let n = doc
                .list(l)
                .with(|ps| ps.iter().position(|p| p.id == id))
                .map_or(0, |i| i + 1);
            format!("{} {n}", l.label())
        }
        Place::Project(pid, pp) => match pp {
            ProjectPlace::Step => "本项目".into(),
            ProjectPlace::Code => "项目编码".into(),
            ProjectPlace::Name => "项目名称".into(),
            ProjectPlace::BudgetTotal => "预算数".into(),
            ProjectPlace::BudgetFiscal => "财政资金".into(),
            ProjectPlace::BudgetOther => "其他资金".into(),
            ProjectPlace::UseOfFunds => "资金用途".into(),
            ProjectPlace::Plan => "资金支出计划".into(),
            ProjectPlace::Checkpoint(c) => format!("资金支出计划「{}」", c.label()),
            ProjectPlace::Goals => "绩效目标".into(),
            ProjectPlace::Goal(g) => {
                let n = doc
                    .project(pid)
                    .and_then(|p| p.goals.with(|gs| gs.iter().position(|x| x.id == g)))
                    .map_or(0, |i| i + 1);
                format!("绩效目标 {n}")
            }
            ProjectPlace::Indicators => "绩效指标表".into(),
            ProjectPlace::Row(r) => format!("指标第{}行", row_number(pid, r)),
            ProjectPlace::Cell(r, f) => format!("指标第{}行「{}」", row_number(pid, r), f.label()),
        },
    }
}

/// What the button shows: in the table's row line, only the column or the
/// row (the line starts with 添加审核意见); elsewhere the words themselves.
/// Always a part of the button's name.
fn visible_text(doc: DocState, spot: Spot) -> String {
    let column = match spot {
        Spot::Place(Place::Project(_, ProjectPlace::Cell(_, f))) => match f {
            IndicatorField::Level1 => "一级指标",
            IndicatorField::Level2 => "二级指标",
            IndicatorField::Name => "三级指标",
            IndicatorField::Description => "绩效指标描述",
            IndicatorField::Value => "指标值",
            IndicatorField::Basis => "指标值确定依据",
        },
        Spot::Place(Place::Project(_, ProjectPlace::Row(_))) => return place_label(doc, spot),
        _ => "添加审核意见",
    };
    column.to_string()
}

/// In review mode: `添加审核意见`, which opens an inline box at this spot.
/// The box also opens here when a finding of this place is made a comment.
#[component]
fn AddComment(spot: Spot) -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let draft = session.draft;
    let editing = Memo::new(move |_| draft.with(|d| d.as_ref().is_some_and(|d| d.spot == spot)));
    let in_table = matches!(
        spot,
        Spot::Place(Place::Project(
            _,
            ProjectPlace::Cell(..) | ProjectPlace::Row(_)
        ))
    );
    move || {
        if !doc.review_mode.get() {
            return None;
        }
        let session = session.clone();
        Some(if editing.get() {
            view! { <CommentEditor session=session /> }.into_any()
        } else {
            let name = move || format!("添加审核意见：{}", place_label(doc, spot));
            view! {
                <button
                    type="button"
                    class=if in_table { "add-note in-table" } else { "add-note" }
                    aria-label=name
                    on:click=move |_| {
                        draft.set(Some(CommentDraft { spot, finding: None, text: String::new() }))
                    }
                >
                    {move || visible_text(doc, spot)}
                </button>
            }
            .into_any()
        })
    }
}

/// Whether the line under an indicator row has notes to show: in review
/// mode its buttons, else a comment on the row or one of its cells.
pub fn row_notes_shown(
    project: ProjectId,
    row: RowId,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let session = expect_context::<Session>();
    let (doc, notes) = (session.doc, session.notes);
    let has = Memo::new(move |_| {
        notes.with(|n| {
            n.at.keys().any(|s| {
                matches!(s, Spot::Place(Place::Project(p, ProjectPlace::Row(r) | ProjectPlace::Cell(r, _)))
                    if *p == project && *r == row)
            })
        })
    });
    move || doc.review_mode.get() || has.get()
}
