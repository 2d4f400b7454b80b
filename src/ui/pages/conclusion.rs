//! 审核结论 of one project (review.md): in review mode the reviewer's `结论`
//! (通过 / 修改后通过 / 退回修改), `等级` (优 / 良 / 中 / 差, proposed from the
//! self-check; the reviewer decides) and `审核意见`; otherwise the last
//! closed round's conclusion, for the preparer to read.

use leptos::prelude::*;

use crate::core::findings::{Finding, Grade};
use crate::core::review::model::{grade_from_label, GRADES};
use crate::core::review::{conclusion_mut, conclusion_of, Conclusion, Decision};
use crate::core::rules::provisional_grade;
use crate::ui::plain::ids::ProjectId;
use crate::ui::state::DocState;

/// Changes this project's conclusion in the open round; a new one takes the
/// proposed grade until the reviewer picks another.
fn change(
    doc: DocState,
    project: ProjectId,
    proposed: Option<Grade>,
    f: impl FnOnce(&mut Conclusion),
) {
    let Some(index) = doc.project_index(project) else {
        return;
    };
    let light = doc.light.get_untracked();
    let _ = doc.try_change_review(|r| {
        conclusion_mut(r, &light, index).map(|c| {
            if c.grade.is_none() {
                c.grade = proposed;
            }
            f(c)
        })
    });
}

#[component]
pub fn ProjectConclusion(project: ProjectId) -> impl IntoView {
    let doc = expect_context::<DocState>();
    // The provisional self-check grade, as 检查与导出's 项目自查 gives it.
    let proposed = Memo::new(move |_| {
        let index = doc.project_index(project)?;
        let p = doc.project(project)?;
        let mut all: Vec<Finding> = doc.doc_findings.with(|f| {
            f.iter()
                .filter(|f| f.location.project() == Some(index))
                .cloned()
                .collect()
        });
        p.findings
            .with(|own| all.extend(own.iter().cloned().map(|f| f.in_project(index))));
        Some(provisional_grade(&all))
    });
    // The conclusion in the round the reviewer works in, or in the last
    // closed round that has one for this project, with that round's number.
    let conclusion = Memo::new(move |_| {
        let index = doc.project_index(project)?;
        let reviewing = doc.review_mode.get();
        doc.light.with(|light| {
            doc.review.with(|r| {
                let r = r.as_ref()?;
                r.rounds
                    .iter()
                    .rev()
                    .filter(|round| round.is_open() == reviewing)
                    .find_map(|round| {
                        conclusion_of(round, light, index).map(|c| (round.round, c.clone()))
                    })
            })
        })
    });
    move || {
        if doc.review_mode.get() {
            Some(view! { <ConclusionForm project=project proposed=proposed conclusion=conclusion /> }.into_any())
        } else {
            let (round, c) = conclusion.get()?;
            let decision = c.decision.map_or("未填写", Decision::label);
            let grade = c.grade.map_or("未填写", Grade::label);
            Some(view! {
                <section class="block conclusion done" aria-label="审核结论">
                    <h2>{format!("第{round}轮审核结论")}</h2>
                    <p>{format!("结论：{decision}　等级：{grade}")}</p>
                    {(!c.opinion.trim().is_empty()).then(|| view! { <p class="note-reply">{format!("审核意见：{}", c.opinion)}</p> })}
                </section>
            }.into_any())
        }
    }
}

#[component]
fn ConclusionForm(
    project: ProjectId,
    proposed: Memo<Option<Grade>>,
    conclusion: Memo<Option<(u64, Conclusion)>>,
) -> impl IntoView {
    let doc = expect_context::<DocState>();
    // Each part follows only itself: choosing a grade does not reset the
    // opinion being typed. Typed text is kept at each keystroke, as in the
    // form's fields, so closing the page loses none of it.
    let part = move |f: fn(&Conclusion) -> String| {
        Memo::new(move |_| conclusion.with(|c| c.as_ref().map(|(_, c)| f(c)).unwrap_or_default()))
    };
    let decision = part(|c| c.decision.map_or("", Decision::label).to_string());
    let grade_label = part(|c| c.grade.map_or("", Grade::label).to_string());
    let opinion = part(|c| c.opinion.clone());
    let grade = move || grade_from_label(&grade_label.get()).or(proposed.get());
    let group = format!("decision-p{}", project.raw());
    let grade_id = format!("grade-p{}", project.raw());
    let opinion_id = format!("opinion-p{}", project.raw());
    let proposed_words = move || {
        proposed.get().map(|g| {
            format!(
                "自查等级为「{}」（只按填写形式和规则检查得出），请审核人确定。",
                g.label()
            )
        })
    };
    view! {
        <fieldset class="block conclusion">
            <legend>"审核结论"</legend>
            <fieldset class="decision">
                <legend>"结论"</legend>
                {Decision::ALL.map(|d| {
                    let group = group.clone();
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=group
                                prop:checked=move || decision.get() == d.label()
                                on:change=move |_| change(doc, project, proposed.get_untracked(), |c| c.decision = Some(d))
                            />
                            {d.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for=grade_id.clone()>"等级"</label>
                <select
                    id=grade_id
                    prop:value=move || grade().map_or("", Grade::label)
                    on:change=move |ev| {
                        let picked = grade_from_label(&event_target_value(&ev));
                        change(doc, project, proposed.get_untracked(), |c| c.grade = picked);
                    }
                >
                    {GRADES.map(|g| view! { <option value=g.label() selected=move || grade() == Some(g)>{g.label()}</option> }).collect_view()}
                </select>
                <p class="hint">{proposed_words}</p>
            </div>
            <div class="field">
                <label for=opinion_id.clone()>"审核意见"</label>
                <textarea
                    id=opinion_id
                    rows="2"
                    prop:value=move || opinion.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        change(doc, project, proposed.get_untracked(), |c| c.opinion = text);
                    }
                ></textarea>
            </div>
        </fieldset>
    }
}
