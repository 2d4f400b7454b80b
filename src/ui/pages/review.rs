//! 检查与导出: every finding of the document grouped by step, each a link to
//! its field (已核实 ones muted, with their reason); the department totals;
//! the per-project self-check; the exports. An imported file's banner, the
//! review's summary (`review_panel`) and 修改对比 (`compare`) come first.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::amount::format_wan;
use crate::core::code::Code;
use crate::core::export::file_name;
use crate::core::findings::{Counts, Finding, Location, Severity};
use crate::core::model::Project;
use crate::core::print::printable_html;
use crate::core::rules::{
    department_totals, errors_by_dimension, light_project, provisional_grade, validate,
};
use crate::ui::context::AppState;
use crate::ui::plain::finding_list::{findings_markup_parts, FindingGroup, FindingLine};
use crate::ui::plain::places::Addresses;
use crate::ui::session::{Session, Step};
use crate::ui::state::DocState;
use crate::ui::widgets::download::{download, print_html};
use crate::ui::widgets::tasks::next_task;

use super::compare::ComparisonView;
use super::import_banner::ImportBanner;
use super::review_panel::ReviewPanel;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let app = expect_context::<AppState>();
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    let findings = Memo::new(move |_| doc.all_findings());
    let counts = move || Counts::of(&findings.get());
    let acked = move || doc.ack_counts.with(|a| a.total());
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
            <ImportBanner findings=findings />
            <p class="summary" aria-live="polite">
                {move || {
                    let (c, a) = (counts(), acked());
                    let (warnings, infos) = (c.warnings.saturating_sub(a.warnings), c.infos.saturating_sub(a.infos));
                    let checked = a.warnings + a.infos;
                    let checked = if checked > 0 { format!("已核实 {checked} 条。") } else { String::new() };
                    if c.errors == 0 {
                        format!("没有错误，可以导出。警告 {warnings} 条，提示 {infos} 条（不影响导出，建议逐条核实）。{checked}")
                    } else {
                        format!("还有 {} 个错误、{warnings} 个警告、{infos} 条提示。有错误时导出的文件标记为草稿。{checked}", c.errors)
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

            <ReviewPanel />
            <ComparisonView />

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

/// Findings in the list's first part (and each later one): many screens'
/// worth, parsed in a few milliseconds.
const FINDINGS_PER_PART: usize = 400;

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

/// Every finding, grouped by step, as one piece of markup (see
/// `plain::finding_list`: thousands of findings appear in milliseconds). One
/// listener takes the clicks on its links: a rule code opens its explanation,
/// a finding takes the focus to its field.
#[component]
fn FindingsByStep(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    // Where the n-th finding's link goes.
    let targets: StoredValue<Vec<(Step, Option<String>)>> = StoredValue::new(Vec::new());
    let markup = move || {
        let all = findings.get();
        // Headings and places name a project by its number and 项目名称 only:
        // the light copy, not a copy of every row.
        let core = doc.light.get_untracked();
        let mut groups: Vec<FindingGroup> = Vec::new();
        let mut places = Vec::with_capacity(all.len());
        let acknowledgements = doc.acknowledgements(&all);
        for (f, acknowledgement) in all.into_iter().zip(acknowledgements) {
            let title = match f.location {
                Location::Project(i, _) => format!(
                    "项目{}：{}",
                    i + 1,
                    core.projects
                        .get(i)
                        .map(|p| p.name.trim())
                        .filter(|n| !n.is_empty())
                        .unwrap_or("未命名项目")
                ),
                Location::Department(..) => "部门整体绩效目标".to_string(),
                Location::Head(_) => "基本信息".to_string(),
            };
            let place = doc.place_of(f.location).map(|p| p.dom_id());
            places.push((step_of(doc, f.location), place.clone()));
            let acknowledged = acknowledgement.map(|a| a.reason);
            let word = match acknowledged {
                Some(_) => format!("{}（已核实）", f.severity.label()),
                None => f.severity.label().to_string(),
            };
            let listed = FindingLine {
                severity: f.severity,
                word,
                code: f.code,
                field_id: place.unwrap_or_default(),
                text: format!("{}：{}", f.location.describe(&core), f.message),
                folded: f.folded_under.is_some(),
                acknowledged,
            };
            match groups.last_mut() {
                Some(g) if g.heading == title => g.findings.push(listed),
                _ => groups.push(FindingGroup {
                    heading: title,
                    findings: vec![listed],
                }),
            }
        }
        targets.set_value(places);
        for g in &mut groups {
            let open: Vec<_> = g
                .findings
                .iter()
                .filter(|f| f.acknowledged.is_none())
                .collect();
            let count = |severity| open.iter().filter(|f| f.severity == severity).count();
            let checked = g.findings.len() - open.len();
            let checked = if checked > 0 {
                format!("，已核实 {checked}")
            } else {
                String::new()
            };
            g.heading = format!(
                "{}（{} 错误，{} 警告，{} 提示{checked}）",
                g.heading,
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
        }
        findings_markup_parts(&groups, FINDINGS_PER_PART)
    };
    // The first part now, each other one a task later: an imported file at
    // the 5 MB limit lists about ten thousand findings.
    let list = NodeRef::<leptos::html::Div>::new();
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let parts = markup();
        let Some(el) = list.get() else { return };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        let mut parts = parts.into_iter();
        el.set_inner_html(&parts.next().unwrap_or_default());
        let rest: Vec<String> = parts.collect();
        if rest.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            for part in rest {
                next_task().await;
                // A newer list (or none: the page has gone) replaces this one.
                if generation.try_get_value() != Some(this) {
                    return;
                }
                let _ = el.insert_adjacent_html("beforeend", &part);
            }
        });
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten())
        else {
            return;
        };
        if let Some(code) = link
            .get_attribute("data-code")
            .and_then(|c| Code::parse(c.as_str()))
        {
            ev.prevent_default();
            app.show_rule(code);
        } else if let Some(i) = link
            .get_attribute("data-i")
            .and_then(|i| i.parse::<usize>().ok())
        {
            ev.prevent_default();
            if let Some((step, place)) = targets.with_value(|t| t.get(i).cloned()) {
                session.go(step, place);
            }
        }
    };
    view! {
        {move || findings.with(|f| f.is_empty()).then(|| view! { <p class="ok">"✓ 没有发现问题。"</p> })}
        <div class="findings-by-step" on:click=on_click node_ref=list></div>
    }
}
