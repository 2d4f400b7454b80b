//! 审核台's table: the columns of `core::summary::COLUMNS`, each sortable by
//! a button in its header, and a line per file with its `打开`.

use leptos::prelude::*;

use crate::core::summary::COLUMNS;

use super::desk_line::Line;
use super::desk_open::open_line;
use super::desk_state::Desk;

#[component]
pub fn Table(desk: Desk, rows: Memo<Vec<Line>>) -> impl IntoView {
    let headers = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let sorted = move || match desk.sort.get() {
                Some((c, descending)) if c == i => Some(descending),
                _ => None,
            };
            view! {
                <th scope="col" aria-sort=move || match sorted() {
                    Some(false) => "ascending",
                    Some(true) => "descending",
                    None => "none",
                }>
                    <button type="button" class="sort" on:click=move |_| desk.toggle_sort(i)>
                        {*name}
                        <span aria-hidden="true">{move || match sorted() {
                            Some(false) => " ▲",
                            Some(true) => " ▼",
                            None => "",
                        }}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="desk-scroll">
        <table class="desk-table">
            <caption class="sr-only">"汇总表"</caption>
            <thead>
                <tr>{headers}<th scope="col">"操作"</th></tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|l| l.id children=move |l| row(desk, l) />
                {move || rows.with(Vec::is_empty).then(|| view! {
                    <tr><td colspan="12">"没有符合筛选条件的文件。"</td></tr>
                })}
            </tbody>
        </table>
        </div>
    }
}

fn row(desk: Desk, line: Line) -> impl IntoView {
    let id = line.id;
    let readable = line.readable;
    let has_errors = readable && line.cells[5] != "0";
    let [file, unit, year, projects, total, errors, warnings, grade, state, open, notes] =
        line.cells;
    let (unit_key, year_key) = (unit.clone(), year.clone());
    view! {
        <tr class:unreadable=!readable>
            <th scope="row">{file}</th>
            <td>{unit}</td>
            <td>{year}</td>
            <td class="num">{projects}</td>
            <td class="num">{total}</td>
            <td class="num" class:has-errors=has_errors>{errors}</td>
            <td class="num">{warnings}</td>
            <td>{grade}</td>
            <td>{state}</td>
            <td class="num">{open}</td>
            <td class="notes">{notes}</td>
            <td>{readable.then(|| view! {
                <button type="button" on:click=move |_| open_line(desk, id, &unit_key, &year_key)>"打开"</button>
            })}</td>
        </tr>
    }
}
