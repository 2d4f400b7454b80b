//! `推荐指标` under an empty project's table once its 项目名称 is typed: the
//! 指标库's top recommendations for the project, each with `添加`, and
//! `全部添加`. It stays while the preparer adds from it, offering what is
//! not in the table yet.

use leptos::prelude::*;

use super::library::{self, add_library_rows, example_of};
use crate::core::library::Row;
use crate::core::model::IndicatorField;
use crate::ui::plain::places::{Part, Place, ProjectPlace};
use crate::ui::state::{DocState, ProjectState, Shown};
use crate::ui::widgets::dom::focus_later;

/// The first six make a complete table: 数量, 质量, 时效, 成本, 效益, 满意度.
const SHOWN: usize = 6;

#[component]
pub fn Recommendations(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let status = library::status();
    let (name, funds, rows, year) = (project.name, project.use_of_funds, project.rows, doc.year);
    let table = Place::Project(project.id, ProjectPlace::Indicators);
    // Rows were added from here: the panel stays for the rest.
    let adding_here = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    let wanted = Memo::new(move |_| {
        !dismissed.get()
            && !name.with(|n| n.trim().is_empty())
            && (adding_here.get() || rows.with(Vec::is_empty))
    });
    // Needed now: the library is fetched the first time an empty project is named.
    Effect::new(move |_| {
        if wanted.get() {
            library::need();
        }
    });
    let offered = Memo::new(move |_| {
        if !wanted.get() {
            return Vec::new();
        }
        let present: Vec<String> = rows.with(|rs| {
            rs.iter()
                .map(|r| r.cell(IndicatorField::Name).get())
                .collect()
        });
        let (name, funds) = (name.get(), funds.get());
        status.with(|s| {
            s.library()
                .map(|l| {
                    l.recommend(&name, &funds)
                        .into_iter()
                        .take(SHOWN)
                        .filter(|r| !present.contains(&r.name))
                        .cloned()
                        .collect::<Vec<Row>>()
                })
                .unwrap_or_default()
        })
    });

    let add = move |picked: Vec<Row>| {
        adding_here.set(true);
        let Some(project) = doc.project(project.id) else {
            return;
        };
        add_library_rows(doc, shown, &project, &picked);
    };
    let add_all = move |_| add(offered.get_untracked());
    let dismiss = move |_| {
        dismissed.set(true);
        focus_later(table.dom(Part::Add));
    };
    let heading = format!("{}-recommended", table.dom_id());

    move || {
        let list = offered.get();
        if list.is_empty() {
            return None;
        }
        let year_now = year.get_untracked();
        let project_name = name.get_untracked().trim().to_string();
        Some(view! {
            <section class="lib-recommend" aria-labelledby=heading.clone()>
                <h3 id=heading.clone()>"推荐指标"</h3>
                <p class="hint">{format!(
                    "按项目名称「{project_name}」从指标库推荐。添加后请把「{{N}}」等占位换成本项目的实际内容。"
                )}</p>
                <ul>
                    {list.into_iter().map(|row| {
                        let example = example_of(&row, &year_now);
                        let label = format!("添加：{}", row.name);
                        let one = row.clone();
                        view! {
                            <li>
                                <span class="lib-name">{row.name.clone()}</span>
                                <span class="lib-meta">{format!("{}/{} · 示例：{example}", row.level1, row.level2)}</span>
                                <button type="button" class="secondary small" aria-label=label on:click=move |_| add(vec![one.clone()])>"添加"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="lib-recommend-tools">
                    <button type="button" class="primary small" on:click=add_all>"全部添加"</button>
                    <button type="button" class="link" on:click=dismiss>"不用推荐"</button>
                </div>
            </section>
        })
    }
}
