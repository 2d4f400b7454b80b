//! The step list (填报步骤) and 下一步: where the preparer is and where to go.

use leptos::prelude::*;

use crate::core::findings::Counts;
use crate::ui::session::{Session, Step};
use crate::ui::state::DocState;

/// A step's badge: in colour once the step was left (or everything is shown);
/// before that a neutral count of what is still to fill in, not a wall of red.
fn counts_badge(counts: Counts, shown: bool) -> impl IntoView {
    let open = counts.errors + counts.warnings;
    if open == 0 {
        return view! { <span class="badge ok">"✓"<span class="sr-only">"无问题"</span></span> }
            .into_any();
    }
    if !shown {
        return view! { <span class="badge todo">{format!("待填写 {open} 项")}</span> }.into_any();
    }
    view! {
        <span class="badges">
            {(counts.errors > 0).then(|| view! { <span class="badge error">{format!("{} 错误", counts.errors)}</span> })}
            {(counts.warnings > 0).then(|| view! { <span class="badge warning">{format!("{} 警告", counts.warnings)}</span> })}
        </span>
    }
    .into_any()
}

#[component]
pub fn StepItem(label: Signal<String>, target: Step, counts: Signal<Counts>) -> impl IntoView {
    let session = expect_context::<Session>();
    let step = session.step;
    let shown = session.shown;
    let current = move || (step.get() == target).then_some("step");
    let badge_shown = move || match target {
        Step::Review => shown.all.get(),
        other => shown.step_shown(other),
    };
    view! {
        <li>
            <button
                type="button"
                class="step"
                aria-current=current
                on:click=move |_| session.go(target, None)
            >
                <span class="step-label">{move || label.get()}</span>
                {move || counts_badge(counts.get(), badge_shown())}
            </button>
        </li>
    }
}

/// The step after `step`, and its name: 基本信息 → 部门整体绩效目标 → each
/// project → 检查与导出.
pub fn next_step(doc: DocState, step: Step) -> Option<(Step, String)> {
    let projects: Vec<(Step, String)> = doc.projects.with(|ps| {
        ps.iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    Step::Project(p.id),
                    format!("项目{}：{}", i + 1, p.display_name()),
                )
            })
            .collect()
    });
    let review = (Step::Review, "检查与导出".to_string());
    match step {
        Step::Basic => Some((Step::Department, "部门整体绩效目标".into())),
        Step::Department => Some(projects.into_iter().next().unwrap_or(review)),
        Step::Project(id) => {
            let i = projects.iter().position(|(s, _)| *s == Step::Project(id))?;
            Some(projects.into_iter().nth(i + 1).unwrap_or(review))
        }
        Step::Review => None,
    }
}

/// `下一步：…` at the end of each step.
#[component]
pub fn NextStep() -> impl IntoView {
    let session = expect_context::<Session>();
    let doc = session.doc;
    let step = session.step;
    move || {
        let session = session.clone();
        next_step(doc, step.get()).map(|(target, name)| {
            view! {
                <div class="next-step">
                    <button type="button" class="primary" on:click=move |_| session.go(target, None)>
                        {format!("下一步：{name}")}
                    </button>
                </div>
            }
        })
    }
}
