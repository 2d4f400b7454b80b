//! One project step: the 项目支出绩效目标表 head, the budget block with its
//! live sum check, the spending plan with a chart of its climb to 100%, the
//! goals, and the indicator table.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::editor::{focus_later, EditorState, Step};
use super::fields::{visible_findings, Control, FindingList, TextField};
use super::indicators::IndicatorTable;
use super::state::{DocState, Place, ProjectPlace, ProjectState, Shown};
use crate::core::findings::Field;
use crate::core::model::Checkpoint;
use crate::core::rules::{budget_sum, parse_percent, BudgetSum};

#[component]
pub fn ProjectStep(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let editor = expect_context::<EditorState>();
    let pid = project.id;
    let at = move |field: Field| Place::Project(pid, ProjectPlace::Field(field));
    let number = move || doc.project_index(pid).map_or(0, |i| i + 1);
    let count = move || doc.projects.with(|ps| ps.len());
    let is_first = move || number() <= 1;
    let is_last = move || number() >= count();

    let remove = move |_| {
        let name = doc
            .project(pid)
            .map(|p| p.display_name())
            .unwrap_or_default();
        let question = format!("确定删除项目「{name}」吗？该项目的所有内容将被删除。");
        let yes = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if !yes {
            return;
        }
        let index = doc.project_index(pid).unwrap_or(0);
        doc.projects.update(|ps| ps.retain(|p| p.id != pid));
        doc.changed();
        let next = doc
            .projects
            .with_untracked(|ps| ps.get(index).or(ps.last()).map(|p| p.id));
        editor
            .step
            .set(next.map_or(Step::Department, Step::Project));
    };
    let shift = move |by: isize| {
        let Some(i) = doc.project_index(pid) else {
            return;
        };
        let j = i as isize + by;
        if j < 0 || j as usize >= count() {
            return;
        }
        doc.projects.update(|ps| ps.swap(i, j as usize));
        doc.changed();
        // As for indicator rows: keep the focus on a button that is still enabled.
        let at_edge = j == 0 || j as usize + 1 == count();
        let up = (by < 0) != at_edge;
        focus_later(if up {
            "project-up".into()
        } else {
            "project-down".into()
        });
    };

    view! {
        <section class="step-page project" aria-labelledby="step-title">
            <div class="step-head">
                <h1 id="step-title">
                    {move || format!("项目{}：{}", number(), doc.project(pid).map(|p| p.display_name()).unwrap_or_default())}
                </h1>
                <div class="step-tools">
                    <button type="button" id="project-up" class="secondary small" disabled=is_first on:click=move |_| shift(-1)>"上移项目"</button>
                    <button type="button" id="project-down" class="secondary small" disabled=is_last on:click=move |_| shift(1)>"下移项目"</button>
                    <button type="button" class="danger small" on:click=remove>"删除项目"</button>
                </div>
            </div>
            <p class="table-caption">"项目支出绩效目标表"<span class="unit-note">"单位：万元"</span></p>

            <fieldset class="block">
                <legend>"项目"</legend>
                <div class="grid two">
                    <TextField label="项目编码" value=project.code place=at(Field::ProjectCode) hint="从预算系统复制，如 13081123P00021510001E" />
                    <TextField label="项目名称" value=project.name place=at(Field::ProjectName) />
                </div>
            </fieldset>

            <fieldset class="block">
                <legend>"预算规模及资金用途"</legend>
                <div class="grid three">
                    <TextField label="预算数" value=project.total place=at(Field::BudgetTotal) control=Control::Number suffix="万元" />
                    <TextField label="财政资金" value=project.fiscal place=at(Field::BudgetFiscal) control=Control::Number suffix="万元" />
                    <TextField label="其他资金" value=project.other place=at(Field::BudgetOther) control=Control::Number suffix="万元" hint="没有其他资金的留空" />
                </div>
                <BudgetCheck project=project.clone() />
                <TextField label="资金用途" value=project.use_of_funds place=at(Field::UseOfFunds) control=Control::Paragraph hint="写明支出内容、数量和标准" />
            </fieldset>

            <fieldset class="block">
                <legend>"资金支出计划（%）"</legend>
                <p class="hint">"各节点填写截至该时点累计计划支出占预算数的百分比，到12月底应为100。未支出的节点填0。"</p>
                <div class="plan">
                    <div class="grid four">
                        {Checkpoint::ALL.map(|c| view! {
                            <TextField label=c.label() value=project.plan_of(c) place=at(Field::SpendingPlan(Some(c))) control=Control::Number suffix="%" />
                        }).collect_view()}
                    </div>
                    <PlanChart project=project.clone() />
                </div>
            </fieldset>

            <Goals project=project.clone() />

            <IndicatorTable project=project />
        </section>
    }
}

/// 预算数 against 财政资金 + 其他资金, exact, with the difference.
#[component]
fn BudgetCheck(project: ProjectState) -> impl IntoView {
    let check = move || {
        budget_sum(
            &project.total.get(),
            &project.fiscal.get(),
            &project.other.get(),
        )
    };
    view! {
        <p class="budget-check" aria-live="polite">
            {move || {
                let BudgetSum { sum, difference } = check();
                match (sum, difference) {
                    (Some(s), Some(d)) if d.is_zero() => view! {
                        <span class="ok">{format!("✓ 财政资金 + 其他资金 = {} 万元，与预算数一致。", BudgetSum::format(s))}</span>
                    }.into_any(),
                    (Some(s), Some(d)) => view! {
                        <span class="off">{format!("财政资金 + 其他资金 = {} 万元，与预算数相差 {} 万元。", BudgetSum::format(s), BudgetSum::format(d.abs()))}</span>
                    }.into_any(),
                    (Some(s), None) => view! {
                        <span>{format!("财政资金 + 其他资金 = {} 万元。", BudgetSum::format(s))}</span>
                    }.into_any(),
                    _ => view! { <span>"填写金额后，这里核对预算数是否等于财政资金与其他资金之和。"</span> }.into_any(),
                }
            }}
        </p>
    }
}

/// The cumulative plan as bars from 0 to 100%, so a preparer sees at a glance
/// that it climbs to 100 by 12月底.
#[component]
fn PlanChart(project: ProjectState) -> impl IntoView {
    let plan = project.plan;
    let values = move || plan.map(|p| parse_percent(&p.get()));
    let description = move || {
        let parts: Vec<String> = Checkpoint::ALL
            .iter()
            .zip(values())
            .map(|(c, v)| {
                format!(
                    "{}{}",
                    c.label(),
                    v.map_or("未填".to_string(), |v| format!("{v}%"))
                )
            })
            .collect();
        format!("资金支出计划累计进度：{}", parts.join("，"))
    };
    // A 100-unit-high plot: the bar of 37.5% is 37.5 units tall, from y = 110 down.
    view! {
        <figure class="plan-chart">
            <svg viewBox="0 0 220 130" role="img" aria-label=description>
                <line x1="20" y1="10" x2="215" y2="10" class="target" />
                <text x="0" y="14" class="axis">"100"</text>
                <text x="8" y="114" class="axis">"0"</text>
                <line x1="20" y1="110" x2="215" y2="110" class="axis-line" />
                {move || {
                    values()
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let x = 30 + i * 48;
                            let h = v.unwrap_or_default();
                            let y = Decimal::from(110) - h;
                            view! {
                                <g class:missing=v.is_none()>
                                    <rect x=x.to_string() y=y.to_string() width="30" height=h.to_string() />
                                    <text x=(x + 15).to_string() y="125" class="label">{Checkpoint::ALL[i].label()}</text>
                                    <text x=(x + 15).to_string() y="104" class="value">{v.map_or("?".to_string(), |v| v.to_string())}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <figcaption>"累计支出进度（%）"</figcaption>
        </figure>
    }
}

#[component]
fn Goals(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let pid = project.id;
    let goals = project.goals;
    let place = Place::Project(pid, ProjectPlace::Field(Field::Goals(None)));
    let findings = visible_findings(doc, shown, place);
    let add = move |_| {
        let g = doc.new_paragraph();
        let id = Place::Project(pid, ProjectPlace::Goal(g.id)).dom_id();
        goals.update(|gs| gs.push(g));
        doc.changed();
        focus_later(id);
    };
    view! {
        <fieldset class="block">
            <legend id=place.dom_id() tabindex="-1">"绩效目标"</legend>
            <p class="hint">"写明本项目年度要达到的主要产出和效果，尽量量化（如「全年提供法律咨询不少于40次」）。"</p>
            <FindingList id=format!("{}-msgs", place.dom_id()) findings=findings />
            <For each=move || goals.get() key=|g| g.id let:goal>
                {
                    let gid = goal.id;
                    let number = move || goals.with(|gs| gs.iter().position(|g| g.id == gid).map_or(0, |i| i + 1));
                    let label = Signal::derive(move || format!("绩效目标 {}", number()));
                    let remove = move |_| {
                        goals.update(|gs| gs.retain(|g| g.id != gid));
                        doc.changed();
                        focus_later(format!("add-goal-{pid}"));
                    };
                    view! {
                        <div class="paragraph">
                            <TextField label=label value=goal.text place=Place::Project(pid, ProjectPlace::Goal(gid)) control=Control::Paragraph />
                            <button type="button" class="danger small" aria-label=move || format!("删除{}", label.get()) on:click=remove>"删除"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" id=format!("add-goal-{pid}") on:click=add>"添加绩效目标"</button>
        </fieldset>
    }
}
