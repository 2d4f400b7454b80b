//! 部门整体绩效目标: three lists of paragraphs.

use leptos::prelude::*;

use crate::core::limits::MAX_PARAGRAPHS;
use crate::core::model::DepartmentList;
use crate::ui::plain::places::{Part, Place};
use crate::ui::session::Session;
use crate::ui::state::{DocState, Shown};
use crate::ui::widgets::dom::{cap_reason, focus_later, on_leaving};
use crate::ui::widgets::{visible_findings, Control, FindingList, PlaceNotes, TextField};

#[component]
pub fn DepartmentStep() -> impl IntoView {
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <h1 id="step-title" tabindex="-1">"部门整体绩效目标"</h1>
            <p class="lead">"每段一项内容。总体绩效目标概括全年主要产出和效果并尽量量化；分项绩效目标写明重点项目；工作保障措施说明组织、制度、资金和监控。"</p>
            {DepartmentList::ALL.map(|list| view! { <ParagraphList list=list /> }).collect_view()}
        </section>
    }
}

#[component]
fn ParagraphList(list: DepartmentList) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let undo = expect_context::<Session>().undo;
    let paragraphs = doc.list(list);
    let place = Place::List(list);
    let findings = visible_findings(doc, shown, place);
    let full = move || paragraphs.with(|ps| ps.len() >= MAX_PARAGRAPHS);
    let add = move |_| {
        if full() {
            return;
        }
        let id = doc.add_paragraph(list);
        focus_later(Place::Paragraph(list, id).dom_id());
    };
    view! {
        <section class="paragraphs" aria-labelledby=place.dom_id() on:focusout=on_leaving(shown, place)>
            <h2 id=place.dom_id() tabindex="-1">{list.label()}</h2>
            <For each=move || paragraphs.get() key=|p| p.id let:paragraph>
                {
                    let pid = paragraph.id;
                    let number = move || paragraphs.with(|ps| ps.iter().position(|p| p.id == pid).map_or(0, |i| i + 1));
                    let label = Signal::derive(move || format!("{} {}", list.label(), number()));
                    let remove = move |_| {
                        let index = paragraphs.with_untracked(|ps| ps.iter().position(|p| p.id == pid));
                        undo.deleted(doc.remove_paragraph(list, pid));
                        // Focus stays in the list: the next paragraph, or 添加段落.
                        let next = index.and_then(|i| paragraphs.with_untracked(|ps| ps.get(i).or(ps.last()).map(|p| p.id)));
                        match next {
                            Some(id) => focus_later(Place::Paragraph(list, id).dom_id()),
                            None => focus_later(place.dom(Part::Add)),
                        }
                    };
                    view! {
                        <div class="paragraph">
                            <TextField label=label value=paragraph.text place=Place::Paragraph(list, pid) control=Control::Paragraph />
                            <button type="button" class="danger small" aria-label=move || format!("删除{}", label.get()) on:click=remove>"删除"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" id=place.dom(Part::Add) on:click=add
                disabled=full aria-describedby=move || full().then(|| format!("{}-cap", place.dom(Part::Add)))>"添加段落"</button>
            {move || cap_reason(full(), format!("{}-cap", place.dom(Part::Add)), "已达上限：每部分最多 200 段。")}
            <FindingList id=place.dom(Part::Messages) findings=findings />
            <PlaceNotes place=place />
        </section>
    }
}
