//! 检查与导出: every finding of the document grouped by step, each a link to
//! its field; the department totals; the per-project self-check; the exports.

use leptos::prelude::*;

use crate::core::amount::format_wan;
use crate::core::export::file_name;
use crate::core::findings::{Counts, Finding, Location};
use crate::core::model::Project;
use crate::core::print::printable_html;
use crate::core::rules::{
    department_totals, errors_by_dimension, light_project, provisional_grade, validate,
};
use crate::ui::context::AppState;
use crate::ui::plain::places::Addresses;
use crate::ui::session::{Session, Step};
use crate::ui::state::DocState;
use crate::ui::widgets::download::{download, print_html};
use crate::ui::widgets::RuleCode;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let app = expect_context::<AppState>();
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    let findings = Memo::new(move |_| doc.all_findings());
    let counts = move || Counts::of(&findings.get());
    // Only the amounts: once per change, not a copy of every row per cell.
    let totals = Memo::new(move |_| {
        let projects: Vec<Project> = doc.projects.with(|ps| {
            ps.iter()
                .map(|p| {
                    let mut light = light_project(String::new(), String::new(), p.total.get());
                    light.budget.fiscal = p.fiscal.get();
                    light.budget.other = p.other.get();
                    light
                })
                .collect()
        });
        department_totals(&projects)
    });

    let exporting = session.clone();
    let download_json = move |_| {
        let core = untrack(|| doc.to_core());
        let name = file_name(&core.unit.name, &core.year, "json");
        if let Err(e) = download(&name, "application/json", &exporting.export_text()) {
            app.notice.set(Some(e));
        }
    };

    let printable = move || {
        let core = crate::core::export::canonical(&untrack(|| doc.to_core()).trimmed());
        let findings = validate(&core);
        (printable_html(&core, &findings), core)
    };
    let download_html = move |_| {
        let (html, core) = printable();
        let name = file_name(&core.unit.name, &core.year, "html");
        if let Err(e) = download(&name, "text/html", &html) {
            app.notice.set(Some(e));
        }
    };
    let print = move |_| {
        if let Err(e) = print_html(&printable().0) {
            app.notice.set(Some(e));
        }
    };

    view! {
        <section class="step-page review" aria-labelledby="step-title">
            <h1 id="step-title" tabindex="-1">"检查与导出"</h1>
            <p class="summary" aria-live="polite">
                {move || {
                    let c = counts();
                    if c.errors == 0 {
                        format!("没有错误，可以导出。警告 {} 条，提示 {} 条（不影响导出，建议逐条核实）。", c.warnings, c.infos)
                    } else {
                        format!("还有 {} 个错误、{} 个警告、{} 条提示。有错误时导出的文件标记为草稿。", c.errors, c.warnings, c.infos)
                    }
                }}
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=download_json>"下载 JSON"</button>
                <button type="button" on:click=download_html>"下载可打印 HTML"</button>
                <button type="button" on:click=print>"打印"</button>
                <super::next_year::NextYearOfOpen />
            </div>
            <p class="hint">"JSON 文件供审核人员在本系统中打开；可打印 HTML 按官方表格排版（A4 横向），有错误时每页标注「草稿」并附问题清单，也可再导入。"</p>

            <h2>"部门预算合计"</h2>
            <table class="totals">
                <thead><tr><th scope="col">"预算数合计"</th><th scope="col">"财政资金合计"</th><th scope="col">"其他资金合计"</th></tr></thead>
                <tbody>
                    <tr>
                        <td class="num">{move || format!("{} 万元", format_wan(totals.get().total))}</td>
                        <td class="num">{move || format!("{} 万元", format_wan(totals.get().fiscal))}</td>
                        <td class="num">{move || format!("{} 万元", format_wan(totals.get().other))}</td>
                    </tr>
                </tbody>
            </table>
            {move || {
                let left_out = totals.get().left_out;
                (!left_out.is_empty()).then(|| {
                    let list = left_out.iter().map(|n| format!("项目{n}")).collect::<Vec<_>>().join("、");
                    view! { <p class="hint">{format!("{list}的金额不是数字，未计入以上三项合计。")}</p> }
                })
            }}

            <h2>"项目自查（形式与规则检查，按88号文四个审核维度）"</h2>
            <SelfCheck findings=findings />

            <h2>"发现的问题"</h2>
            <FindingsByStep findings=findings />
        </section>
    }
}

#[component]
fn SelfCheck(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let doc = expect_context::<DocState>();
    view! {
        <table class="self-check">
            <thead>
                <tr>
                    <th scope="col">"项目"</th>
                    {crate::core::findings::Dimension::ALL.map(|d| view! { <th scope="col">{d.label()}</th> }).collect_view()}
                    <th scope="col">"自查等级"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let all = findings.get();
                    doc.projects.get().into_iter().enumerate().map(|(i, p)| {
                        let own: Vec<Finding> = all.iter().filter(|f| f.location.project() == Some(i)).cloned().collect();
                        let grade = provisional_grade(&own);
                        let cells = errors_by_dimension(&own).map(|(_, errors)| {
                            if errors == 0 { view! { <td class="ok">"✓"</td> }.into_any() } else { view! { <td class="bad">{format!("{errors} 错误")}</td> }.into_any() }
                        });
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {}", i + 1, p.display_name())}</th>
                                {cells.collect_view()}
                                <td class=format!("grade grade-{}", grade.label())>{grade.label()}</td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
        <p class="hint">"自查等级只检查填写的形式和规则：优＝无错误无警告；良＝只有警告；中＝错误集中在一个维度；差＝两个及以上维度有错误。指标和目标值是否合理、是否与项目相符，由审核人员判断；这不是正式审核结论。"</p>
    }
}

/// The step a finding belongs to.
fn step_of(doc: DocState, location: Location) -> Step {
    match location {
        Location::Project(i, _) => doc
            .projects
            .with_untracked(|ps| ps.get(i).map(|p| Step::Project(p.id)))
            .unwrap_or(Step::Basic),
        Location::Department(..) => Step::Department,
        Location::Head(_) => Step::Basic,
    }
}

#[component]
fn FindingsByStep(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    view! {
        {move || {
            let all = findings.get();
            if all.is_empty() {
                return view! { <p class="ok">"✓ 没有发现问题。"</p> }.into_any();
            }
            let core = untrack(|| doc.to_core());
            let mut groups: Vec<(String, Vec<Finding>)> = Vec::new();
            for f in all {
                let title = match f.location {
                    Location::Project(i, _) => format!("项目{}：{}", i + 1, core.projects.get(i).map(|p| p.name.trim()).filter(|n| !n.is_empty()).unwrap_or("未命名项目")),
                    Location::Department(..) => "部门整体绩效目标".to_string(),
                    Location::Head(_) => "基本信息".to_string(),
                };
                match groups.last_mut() {
                    Some((t, list)) if *t == title => list.push(f),
                    _ => groups.push((title, vec![f])),
                }
            }
            groups.into_iter().map(|(title, list)| {
                let c = Counts::of(&list);
                view! {
                    <section class="finding-group">
                        <h3>{format!("{title}（{} 错误，{} 警告，{} 提示）", c.errors, c.warnings, c.infos)}</h3>
                        <ul class="findings all">
                            {list.into_iter().map(|f| {
                                let where_ = f.location.describe(&core);
                                let place = doc.place_of(f.location);
                                let step = step_of(doc, f.location);
                                let href = format!("#{}", place.map(|p| p.dom_id()).unwrap_or_default());
                                let session = session.clone();
                                let go = move |ev: leptos::ev::MouseEvent| {
                                    ev.prevent_default();
                                    session.go(step, place.map(|p| p.dom_id()));
                                };
                                let folded = if f.folded_under.is_some() { " folded" } else { "" };
                                view! {
                                    <li class=format!("finding {}{folded}", f.severity.key())>
                                        <span class="sev-word">{f.severity.label()}</span>
                                        " "
                                        <RuleCode code=f.code />
                                        " "
                                        <a href=href class="goto" on:click=go>{format!("{where_}：{}", f.message)}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view().into_any()
        }}
    }
}
