//! One project step: the 项目支出绩效目标表 head, the budget block with its
//! live sum check, the spending plan with a chart of its climb to 100%, the
//! goals, and the indicator table.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::indicators::IndicatorTable;
use crate::core::amount::{budget_sum, parse_percent, BudgetSum};
use crate::core::limits::MAX_GOALS;
use crate::core::model::Checkpoint;
use crate::ui::plain::places::{Part, Place, ProjectPlace};
use crate::ui::session::{Session, Step};
use crate::ui::state::{DocState, ProjectState, Shown};
use crate::ui::widgets::dom::{cap_reason, confirm, focus_later, on_leaving};
use crate::ui::widgets::{visible_findings, Control, FindingList, PlaceNotes, TextField};

#[component]
pub fn ProjectStep(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    let pid = project.id;
    let at = move |pp: ProjectPlace| Place::Project(pid, pp);
    let number = move || doc.project_index(pid).map_or(0, |i| i + 1);
    let count = move || doc.projects.with(|ps| ps.len());
    let is_first = move || number() <= 1;
    let is_last = move || number() >= count();

    let remove = move |_| {
        let name = doc
            .project(pid)
            .map(|p| p.display_name())
            .unwrap_or_default();
        if !confirm(&format!(
            "确定删除项目「{name}」吗？该项目的所有内容将被删除。"
        )) {
            return;
        }
        let index = doc.project_index(pid).unwrap_or(0);
        session.undo.deleted(doc.remove_project(pid));
        let next = doc
            .projects
            .with_untracked(|ps| ps.get(index).or(ps.last()).map(|p| p.id));
        session.go(next.map_or(Step::Department, Step::Project), None);
    };
    let shift = move |by: isize| {
        if !doc.move_project(pid, by) {
            return;
        }
        // As for indicator rows: keep the focus on a button that is still enabled.
        let i = doc.project_index(pid).unwrap_or(0);
        let at_edge = i == 0 || i + 1 == count();
        let up = (by < 0) != at_edge;
        focus_later(at(ProjectPlace::Step).dom(if up { Part::Up } else { Part::Down }));
    };

    view! {
        <section class="step-page project" aria-labelledby="step-title">
            <div class="step-head">
                <h1 id="step-title" tabindex="-1">
                    {move || format!("项目{}：{}", number(), doc.project(pid).map(|p| p.display_name()).unwrap_or_default())}
                </h1>
                <div class="step-tools">
                    <button type="button" id=at(ProjectPlace::Step).dom(Part::Up) class="secondary small" disabled=is_first on:click=move |_| shift(-1)>"上移项目"</button>
                    <button type="button" id=at(ProjectPlace::Step).dom(Part::Down) class="secondary small" disabled=is_last on:click=move |_| shift(1)>"下移项目"</button>
                    <button type="button" class="danger small" on:click=remove>"删除项目"</button>
                </div>
            </div>
            <PlaceNotes place=at(ProjectPlace::Step) />
            <p class="table-caption">"项目支出绩效目标表"<span class="unit-note">"单位：万元"</span></p>

            <fieldset class="block">
                <legend>"项目"</legend>
                <div class="grid two">
                    <TextField label="项目编码" value=project.code place=at(ProjectPlace::Code) hint=Signal::stored("从预算系统复制，如 13081123P00021510001E".to_string()) />
                    <TextField label="项目名称" value=project.name place=at(ProjectPlace::Name) />
                </div>
            </fieldset>

            <fieldset class="block">
                <legend>"预算规模及资金用途"</legend>
                <div class="grid three">
                    <TextField label="预算数" value=project.total place=at(ProjectPlace::BudgetTotal) control=Control::Number suffix="万元" />
                    <TextField label="财政资金" value=project.fiscal place=at(ProjectPlace::BudgetFiscal) control=Control::Number suffix="万元" />
                    <TextField label="其他资金" value=project.other place=at(ProjectPlace::BudgetOther) control=Control::Number suffix="万元" hint=Signal::stored("没有其他资金的留空".to_string()) />
                </div>
                <BudgetCheck project=project.clone() />
                <TextField label="资金用途" value=project.use_of_funds place=at(ProjectPlace::UseOfFunds) control=Control::Paragraph hint=Signal::stored("写明支出内容、数量和标准".to_string()) />
            </fieldset>

            <fieldset class="block">
                <legend>"资金支出计划（%）"</legend>
                <p class="hint">"各节点填写截至该时点累计计划支出占预算数的百分比，到12月底应为100。未支出的节点填0。"</p>
                <div class="plan">
                    <div class="grid four">
                        {Checkpoint::ALL.map(|c| view! {
                            <TextField label=c.label() value=project.plan_of(c) place=at(ProjectPlace::Checkpoint(c)) control=Control::Number suffix="%" />
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
    let undo = expect_context::<Session>().undo;
    let shown = expect_context::<Shown>();
    let pid = project.id;
    let goals = project.goals;
    let place = Place::Project(pid, ProjectPlace::Goals);
    let findings = visible_findings(doc, shown, place);
    let full = move || goals.with(|gs| gs.len() >= MAX_GOALS);
    let adding = project.clone();
    let add = move |_| {
        if full() {
            return;
        }
        let id = doc.add_goal(&adding);
        focus_later(Place::Project(pid, ProjectPlace::Goal(id)).dom_id());
    };
    view! {
        <fieldset class="block" on:focusout=on_leaving(shown, place)>
            <legend id=place.dom_id() tabindex="-1">"绩效目标"</legend>
            <p class="hint">"写明本项目年度要达到的主要产出和效果，尽量量化（如「全年提供法律咨询不少于40次」）。"</p>
            <For each=move || goals.get() key=|g| g.id let:goal>
                {
                    let gid = goal.id;
                    let number = move || goals.with(|gs| gs.iter().position(|g| g.id == gid).map_or(0, |i| i + 1));
                    let label = Signal::derive(move || format!("绩效目标 {}", number()));
                    let owner = project.clone();
                    let remove = move |_| {
                        undo.deleted(doc.remove_goal(&owner, gid));
                        focus_later(place.dom(Part::Add));
                    };
                    view! {
                        <div class="paragraph">
                            <TextField label=label value=goal.text place=Place::Project(pid, ProjectPlace::Goal(gid)) control=Control::Paragraph />
                            <button type="button" class="danger small" aria-label=move || format!("删除{}", label.get()) on:click=remove>"删除"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="secondary" id=place.dom(Part::Add) on:click=add
                disabled=full aria-describedby=move || full().then(|| format!("{}-cap", place.dom(Part::Add)))>"添加绩效目标"</button>
            {move || cap_reason(full(), format!("{}-cap", place.dom(Part::Add)), "已达上限：每个项目最多 50 条绩效目标。")}
            <FindingList id=place.dom(Part::Messages) findings=findings />
            <PlaceNotes place=place />
        </fieldset>
    }
}
