//! The indicator table, laid out like the official one: 一级 and 二级 as
//! choices (二级 offering only what belongs under the chosen 一级), the rest
//! typed, each row with its findings, and rows added, moved and deleted
//! without losing focus or text.

use leptos::prelude::*;

/// A deadline in the draft's own year, for hints: `2023年6月底前`.
pub fn example_deadline(year: &str) -> String {
    let year = year.trim();
    if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        format!("{year}年6月底前")
    } else {
        "6月底前".to_string()
    }
}

use super::name_cell::NameCell;
use super::table_tools::TableTools;
use crate::core::limits::{MAX_DOCUMENT_INDICATORS, MAX_INDICATORS};
use crate::core::model::{level2_choices, Indicator, IndicatorField, LEVELS};
use crate::ui::plain::places::{Part, Place, ProjectPlace};
use crate::ui::session::Session;
use crate::ui::state::{DocState, ProjectState, RowState, Shown};
use crate::ui::widgets::dom::{cap_reason, focus_later, on_leaving};
use crate::ui::widgets::{
    visible_findings, Control, FindingList, LevelSelect, PlaceNotes, TextField,
};

#[component]
pub fn IndicatorTable(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let pid = project.id;
    let rows = project.rows;
    let table = Place::Project(pid, ProjectPlace::Indicators);
    let findings = visible_findings(doc, shown, table);
    // 上年指标值 (a draft from 新建下一年度): a read-only column, only when some row has it.
    let last_year =
        Memo::new(move |_| rows.with(|rs| rs.iter().any(|r| r.last_year_value.is_some())));
    let tools_project = project.clone();
    // The file's limits: per project, and over the whole document.
    let full = move || {
        rows.with(|rs| rs.len() >= MAX_INDICATORS)
            || doc
                .projects
                .with(|ps| ps.iter().map(|p| p.rows.with(Vec::len)).sum::<usize>())
                >= MAX_DOCUMENT_INDICATORS
    };
    let adding = project.clone();
    let add = move |_| {
        if full() {
            return;
        }
        let ids = doc.add_rows(&adding, &[Indicator::default()]);
        if let Some(id) = ids.first() {
            focus_later(
                Place::Project(pid, ProjectPlace::Cell(*id, IndicatorField::Level1)).dom_id(),
            );
        }
    };
    view! {
        <section class="block indicators" aria-labelledby=table.dom_id() on:focusout=on_leaving(shown, table)>
            <h2 id=table.dom_id() tabindex="-1">"绩效指标"</h2>
            <p class="hint">
                {move || format!(
                    "每行一个可考核的指标。指标值写「比较符+数值+单位」（如 ≥95%、≤50元/件、=12次）、完成时限（如 {}）或定性等级；文字说明写在绩效指标描述中。",
                    example_deadline(&doc.year.get())
                )}
            </p>
            // Explicit roles: on narrow screens the rows are laid out as cards,
            // and a table keeps its meaning for screen readers all the same.
            <table class="indicator-table" role="table">
                <thead role="rowgroup">
                    <tr role="row">
                        <th role="columnheader" scope="col" class="c-l1">"一级指标"</th>
                        <th role="columnheader" scope="col" class="c-l2">"二级指标"</th>
                        <th role="columnheader" scope="col" class="c-name">"三级指标"</th>
                        <th role="columnheader" scope="col" class="c-desc">"绩效指标描述"</th>
                        <th role="columnheader" scope="col" class="c-value">"指标值"</th>
                        {move || last_year.get().then(|| view! { <th role="columnheader" scope="col" class="c-last">"上年指标值"</th> })}
                        <th role="columnheader" scope="col" class="c-basis">"指标值确定依据"</th>
                        <th role="columnheader" scope="col" class="c-tools"><span class="sr-only">"操作"</span></th>
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    <For each=move || rows.get() key=|r| r.id let:row>
                        <IndicatorRow project=project.clone() row=row last_year=last_year />
                    </For>
                </tbody>
            </table>
            <div class="table-tools">
                <button type="button" class="secondary" id=table.dom(Part::Add) on:click=add
                    disabled=full aria-describedby=move || full().then(|| format!("{}-cap", table.dom(Part::Add)))>"添加指标"</button>
                {move || cap_reason(full(), format!("{}-cap", table.dom(Part::Add)), "已达上限：每个项目最多 100 行指标（全部项目合计最多 20000 行）。")}
                <TableTools project=tools_project />
            </div>
            // Below the table: findings about the table as a whole never push
            // the row being typed in.
            <FindingList id=table.dom(Part::Messages) findings=findings />
            <PlaceNotes place=table />
        </section>
    }
}

#[component]
fn IndicatorRow(project: ProjectState, row: RowState, last_year: Memo<bool>) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let pid = project.id;
    let rid = row.id;
    let rows = project.rows;
    let cell = move |f: IndicatorField| Place::Project(pid, ProjectPlace::Cell(rid, f));
    let tools = Place::Project(pid, ProjectPlace::Row(rid));
    let last_value = row.last_year_value.clone();
    let index = move || rows.with(|rs| rs.iter().position(|r| r.id == rid));
    let level1 = row.cell(IndicatorField::Level1);
    let level2 = row.cell(IndicatorField::Level2);

    // The official table merges a 一级 cell over the rows under it: a row that
    // continues the 一级 of the row above shows it quietly.
    let continues = move || {
        let Some(i) = index() else { return false };
        i > 0
            && rows.with(|rs| rs[i - 1].cell(IndicatorField::Level1).get() == level1.get())
            && !level1.get().is_empty()
    };

    let moving = project.clone();
    let shift = move |by: isize| {
        if !doc.move_row(&moving, rid, by) {
            return;
        }
        // The focus stays with the moved row, on the same button unless that
        // one is now disabled (the row reached the top or the bottom).
        let len = rows.with_untracked(|r| r.len());
        let j = rows
            .with_untracked(|rs| rs.iter().position(|r| r.id == rid))
            .unwrap_or(0);
        let at_edge = j == 0 || j + 1 == len;
        let part = match (by < 0, at_edge) {
            (true, false) | (false, true) => Part::Up,
            (true, true) | (false, false) => Part::Down,
        };
        focus_later(tools.dom(part));
    };
    let shift_down = shift.clone();
    let undo = expect_context::<Session>().undo;
    let removing = project.clone();
    // No question asked: 已删除 · 撤销 (and Ctrl+Z) bring the row back.
    let remove = move |_| {
        let i = index().unwrap_or(0);
        undo.deleted(doc.remove_row(&removing, rid));
        // The focus goes to the row that took this one's place, or to 添加指标.
        let next = rows.with_untracked(|rs| rs.get(i).or(rs.last()).map(|r| r.id));
        focus_later(match next {
            Some(id) => Place::Project(pid, ProjectPlace::Row(id)).dom(Part::Delete),
            None => Place::Project(pid, ProjectPlace::Indicators).dom(Part::Add),
        });
    };

    let l1_options = Signal::stored(LEVELS.iter().map(|(l1, _)| *l1).collect::<Vec<_>>());
    let l2_options = Signal::derive(move || {
        level2_choices(&level1.get())
            .map(<[_]>::to_vec)
            .unwrap_or_default()
    });
    let choosing = row.clone();
    let on_level1 = move |new: String| doc.choose_level1(&choosing, new);
    let on_level2 = move |new: String| doc.edit(level2, new);

    let cell_findings = IndicatorField::ALL.map(|f| (f, visible_findings(doc, shown, cell(f))));
    let any_findings = move || {
        cell_findings
            .iter()
            .any(|(_, list)| list.with(|l| !l.is_empty()))
    };
    let name_row = row.clone();
    let text = move |f: IndicatorField, control: Control| {
        view! {
            <TextField label=f.label() value=row.cell(f) place=cell(f) hidden_label=true findings_elsewhere=true control=control />
        }
    };
    view! {
        <tr role="row" class:continues=continues>
            <td role="cell" class="c-l1" data-label="一级指标">
                <LevelSelect label="一级指标" value=level1 options=l1_options place=cell(IndicatorField::Level1) on_choose=on_level1 />
            </td>
            <td role="cell" class="c-l2" data-label="二级指标">
                <LevelSelect label="二级指标" value=level2 options=l2_options place=cell(IndicatorField::Level2) on_choose=on_level2 />
            </td>
            <td role="cell" class="c-name" data-label="三级指标"><NameCell row=name_row place=cell(IndicatorField::Name) /></td>
            <td role="cell" class="c-desc" data-label="绩效指标描述">{text(IndicatorField::Description, Control::Paragraph)}</td>
            <td role="cell" class="c-value" data-label="指标值">{text(IndicatorField::Value, Control::Line)}</td>
            {move || last_year.get().then(|| view! { <td role="cell" class="c-last" data-label="上年指标值">{last_value.as_deref().map(String::from)}</td> })}
            <td role="cell" class="c-basis" data-label="指标值确定依据">{text(IndicatorField::Basis, Control::Paragraph)}</td>
            <td role="cell" class="c-tools">
                <button type="button" class="icon" id=tools.dom(Part::Up) aria-label="上移指标" title="上移"
                    disabled=move || index() == Some(0) on:click=move |_| shift(-1)>"↑"</button>
                <button type="button" class="icon" id=tools.dom(Part::Down) aria-label="下移指标" title="下移"
                    disabled=move || index().is_some_and(|i| i + 1 >= rows.with(|r| r.len())) on:click=move |_| shift_down(1)>"↓"</button>
                <button type="button" class="icon danger" id=tools.dom(Part::Delete) aria-label="删除指标" title="删除" on:click=remove>"✕"</button>
            </td>
        </tr>
        // The row's findings across the table's width, under the row. Not a
        // table row for assistive technology: the table's rows are the
        // indicator rows, and each list is joined to its control by id.
        <tr role="presentation" class="row-findings" class:empty=move || !any_findings()>
            <td colspan=move || if last_year.get() { "8" } else { "7" }>
                {cell_findings.map(|(f, list)| view! {
                    <FindingList id=cell(f).dom(Part::Messages) findings=list prefix=f.label() />
                    <PlaceNotes place=cell(f) />
                }).collect_view()}
                <PlaceNotes place=tools />
            </td>
        </tr>
    }
}
