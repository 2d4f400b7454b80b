//! 规则说明: every rule with its code, severity, explanation and source. Every
//! `[CODE]` shown anywhere links here.

use leptos::prelude::*;

use crate::core::code::Group;
use crate::core::rules::RULES;
use crate::ui::context::{AppState, Page};
use crate::ui::widgets::dom::focus_later;

#[component]
pub fn RulesPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    if let Some(code) = app.rule.get_untracked() {
        focus_later(format!("rule-{code}"));
    } else {
        focus_later("rules-title".to_string());
    }
    let back = move |_| {
        let to = app.previous.get_untracked();
        app.page
            .set(if to == Page::Rules { Page::Start } else { to });
    };
    view! {
        <main class="page rules">
            <button type="button" class="link" on:click=back>"← 返回"</button>
            <h1 id="rules-title" tabindex="-1">"规则说明"</h1>
            <p class="lead">
                "系统按以下规则随填随查。错误：文件不能作为完成稿导出（导出的 JSON 标记为草稿）；警告：请核实，不影响导出；提示：供参考。"
            </p>
            {Group::ALL.map(|group| view! {
                <section class="rule-group">
                    <h2>{group.title()}</h2>
                    {RULES.iter().filter(move |r| r.code.group() == group).map(|r| view! {
                        <article class=format!("rule {}", r.severity.key()) id=format!("rule-{}", r.code) tabindex="-1"
                            class:current=move || app.rule.get() == Some(r.code)>
                            <h3>
                                <span class="code">{format!("[{}]", r.code)}</span>
                                " "{r.title}" "
                                <span class=format!("sev-word {}", r.severity.key())>{r.severity.label()}</span>
                            </h3>
                            <p>{r.explanation}</p>
                            <p class="source">
                                "依据："{r.source.full()}
                                {r.dimension.map(|d| format!("；审核维度：{}", d.label()))}
                            </p>
                        </article>
                    }).collect_view()}
                </section>
            }).collect_view()}
        </main>
    }
}
