//! The indicator table, laid out like the official one: 一级 and 二级 as
//! choices (二级 offering only what belongs under the chosen 一级), the rest
//! typed, each row with its findings, and rows added, moved and deleted
//! without losing focus or text.

use leptos::prelude::*;

use super::editor::focus_later;
use super::fields::{
    after_pointer, visible_findings, Control, FieldFindings, FindingList, TextField,
};
use super::state::{DocState, Place, ProjectPlace, ProjectState, Row, Shown};
use crate::core::findings::Field;
use crate::core::model::{level2_choices, IndicatorField, LEVELS};

#[component]
pub fn IndicatorTable(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let pid = project.id;
    let rows = project.rows;
    let table_place = Place::Project(pid, ProjectPlace::Field(Field::Indicators));
    let findings = visible_findings(doc, shown, table_place);
    let add = move |_| {
        let row = doc.new_row();
        let focus =
            Place::Project(pid, ProjectPlace::Cell(row.id, IndicatorField::Level1)).dom_id();
        rows.update(|rs| rs.push(row));
        doc.changed();
        focus_later(focus);
    };
    view! {
        <section class="block indicators" aria-labelledby=table_place.dom_id()>
            <h2 id=table_place.dom_id() tabindex="-1">"绩效指标"</h2>
            <p class="hint">
                "每行一个可考核的指标。指标值写「比较符+数值+单位」（如 ≥95%、≤50元/件、=12次）、完成时限（如 2024年6月底前）或定性等级；"
                "文字说明写在绩效指标描述中。"
            </p>
            <FindingList id=format!("{}-msgs", table_place.dom_id()) findings=findings />
            <table class="indicator-table">
                <thead>
                    <tr>
                        <th scope="col" class="c-l1">"一级指标"</th>
                        <th scope="col" class="c-l2">"二级指标"</th>
                        <th scope="col" class="c-name">"三级指标"</th>
                        <th scope="col" class="c-desc">"绩效指标描述"</th>
                        <th scope="col" class="c-value">"指标值"</th>
                        <th scope="col" class="c-basis">"指标值确定依据"</th>
                        <th scope="col" class="c-tools"><span class="sr-only">"操作"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.id let:row>
                        <IndicatorRow project=project.clone() row=row />
                    </For>
                </tbody>
            </table>
            <button type="button" class="secondary" id=format!("add-row-{pid}") on:click=add>"添加指标"</button>
        </section>
    }
}

#[component]
fn IndicatorRow(project: ProjectState, row: Row) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let pid = project.id;
    let rid = row.id;
    let rows = project.rows;
    let cell = move |f: IndicatorField| Place::Project(pid, ProjectPlace::Cell(rid, f));
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

    let shift = move |by: isize| {
        let Some(i) = index() else { return };
        let len = rows.with_untracked(|r| r.len());
        let j = i as isize + by;
        if j < 0 || j as usize >= len {
            return;
        }
        rows.update(|rs| rs.swap(i, j as usize));
        doc.changed();
        // The focus stays with the moved row, on the same button unless that
        // one is now disabled (the row reached the top or the bottom).
        let at_edge = j == 0 || j as usize + 1 == len;
        let button = match (by < 0, at_edge) {
            (true, false) | (false, true) => "up",
            (true, true) | (false, false) => "down",
        };
        focus_later(format!("{button}-{rid}"));
    };
    let cells = row.cells;
    let remove = move |_| {
        let has_text = cells.iter().any(|c| !c.get_untracked().trim().is_empty());
        if has_text {
            let yes = web_sys::window()
                .and_then(|w| w.confirm_with_message("确定删除这一行指标吗？").ok())
                .unwrap_or(false);
            if !yes {
                return;
            }
        }
        let i = index().unwrap_or(0);
        rows.update(|rs| rs.retain(|r| r.id != rid));
        doc.changed();
        // The focus goes to the row that took this one's place, or to 添加指标.
        let next = rows.with_untracked(|rs| rs.get(i).or(rs.last()).map(|r| r.id));
        focus_later(match next {
            Some(id) => format!("delete-{id}"),
            None => format!("add-row-{pid}"),
        });
    };

    let l1_options = Signal::stored(LEVELS.iter().map(|(l1, _)| *l1).collect::<Vec<_>>());
    let l2_options = Signal::derive(move || {
        level2_choices(&level1.get())
            .map(<[_]>::to_vec)
            .unwrap_or_default()
    });
    let on_level1 = move |new: String| {
        // A 二级 that does not belong under the new 一级 is cleared, not kept
        // silently wrong; C1 then asks for a choice.
        let fits =
            level2_choices(&new).is_some_and(|c| c.contains(&level2.get_untracked().as_str()));
        if !fits {
            level2.set(String::new());
        }
    };

    let shown = expect_context::<Shown>();
    let cell_findings = IndicatorField::ALL.map(|f| (f, visible_findings(doc, shown, cell(f))));
    let any_findings = move || {
        cell_findings
            .iter()
            .any(|(_, list)| list.with(|l| !l.is_empty()))
    };
    view! {
        <tr class:continues=continues>
            <td class="c-l1">
                <LevelSelect label="一级指标" value=level1 options=l1_options place=cell(IndicatorField::Level1) on_change=on_level1 />
            </td>
            <td class="c-l2">
                <LevelSelect label="二级指标" value=level2 options=l2_options place=cell(IndicatorField::Level2) on_change=|_| {} />
            </td>
            <td class="c-name">
                <TextField label="三级指标" value=row.cell(IndicatorField::Name) place=cell(IndicatorField::Name) hidden_label=true findings_elsewhere=true control=Control::Paragraph />
            </td>
            <td class="c-desc">
                <TextField label="绩效指标描述" value=row.cell(IndicatorField::Description) place=cell(IndicatorField::Description) hidden_label=true findings_elsewhere=true control=Control::Paragraph />
            </td>
            <td class="c-value">
                <TextField label="指标值" value=row.cell(IndicatorField::Value) place=cell(IndicatorField::Value) hidden_label=true findings_elsewhere=true />
            </td>
            <td class="c-basis">
                <TextField label="指标值确定依据" value=row.cell(IndicatorField::Basis) place=cell(IndicatorField::Basis) hidden_label=true findings_elsewhere=true control=Control::Paragraph />
            </td>
            <td class="c-tools">
                <button type="button" class="icon" id=format!("up-{rid}") aria-label="上移指标" title="上移"
                    disabled=move || index() == Some(0) on:click=move |_| shift(-1)>"↑"</button>
                <button type="button" class="icon" id=format!("down-{rid}") aria-label="下移指标" title="下移"
                    disabled=move || index().is_some_and(|i| i + 1 >= rows.with(|r| r.len())) on:click=move |_| shift(1)>"↓"</button>
                <button type="button" class="icon danger" id=format!("delete-{rid}") aria-label="删除指标" title="删除" on:click=remove>"✕"</button>
            </td>
        </tr>
        // The row's findings across the table's width, under the row. Not a
        // table row for assistive technology: the table's rows are the
        // indicator rows, and each list is joined to its control by id.
        <tr role="presentation" class="row-findings" class:empty=move || !any_findings()>
            <td colspan="7">
                {cell_findings.map(|(f, list)| view! {
                    <FindingList id=format!("{}-msgs", cell(f).dom_id()) findings=list prefix=f.label() />
                }).collect_view()}
            </td>
        </tr>
    }
}

/// A `select` for 一级 or 二级. A value outside the choices (from an imported
/// file) stays selected, marked, until the preparer picks another: C1 reports it.
#[component]
fn LevelSelect(
    label: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<&'static str>>,
    place: Place,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let id = place.dom_id();
    // The list itself stands in the row's findings line (IndicatorRow).
    let field = FieldFindings::new(doc, shown, place);
    let invalid = field.invalid();
    let described = field.described();
    let on_change = move |ev: leptos::ev::Event| {
        let new = event_target_value(&ev);
        on_change(new.clone());
        value.set(new);
        doc.changed();
        shown.touch(place);
    };
    view! {
        <div class="field" class:has-error=move || invalid().is_some()>
            <select
                id=id
                aria-label=label
                aria-invalid=invalid
                aria-describedby=described
                on:change=on_change
                on:blur=move |_| after_pointer(move || shown.touch(place))
            >
                <option value="" selected=move || value.get().is_empty()>"请选择"</option>
                {move || {
                    let current = value.get();
                    let list = options.get();
                    let outside = (!current.is_empty() && !list.contains(&current.as_str())).then(|| {
                        view! { <option value=current.clone() selected=true>{format!("{current}（不在可选范围内）")}</option> }
                    });
                    view! {
                        {outside}
                        {list.into_iter().map(|o| view! { <option value=o selected=move || value.get() == o>{o}</option> }).collect_view()}
                    }
                }}
            </select>
        </div>
    }
}
