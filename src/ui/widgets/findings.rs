//! Findings as a preparer sees them: on their field (joined by
//! `aria-describedby`, an error also sets `aria-invalid`), with the rule's
//! code, a word and an icon besides the colour; a finding folded under
//! another is shown inside it, not counted apart.

use leptos::prelude::*;

use crate::core::code::Code;
use crate::core::findings::Severity;
use crate::ui::context::AppState;
use crate::ui::plain::places::{Part, Place};
use crate::ui::plain::routing::PlacedFinding;
use crate::ui::session::Session;
use crate::ui::state::{DocState, Shown};

use super::finding_actions::{acknowledgement_of, FindingActions};

/// The findings at `place` that the preparer should see now: none until the
/// field was left once (or 检查与导出 was opened, or the file imported), then
/// every keystroke's.
///
/// It reads the place's own findings signal (see `state::routing`), set only
/// when that place's findings change, and is a memo, so the list and both
/// aria attributes re-run only for the fields a keystroke really affects.
pub fn visible_findings(doc: DocState, shown: Shown, place: Place) -> Signal<Vec<PlacedFinding>> {
    let findings = doc.router.signal(place);
    Memo::new(move |_| {
        if shown.is_shown(place) {
            findings.get()
        } else {
            Vec::new()
        }
    })
    .into()
}

/// What a control needs to show its findings: the visible findings, the id
/// of their list, and the values of `aria-invalid` and `aria-describedby`.
#[derive(Clone)]
pub struct FieldFindings {
    pub findings: Signal<Vec<PlacedFinding>>,
    pub msgs_id: String,
}

impl FieldFindings {
    pub fn new(doc: DocState, shown: Shown, place: Place) -> Self {
        FieldFindings {
            findings: visible_findings(doc, shown, place),
            msgs_id: place.dom(Part::Messages),
        }
    }

    /// `aria-invalid="true"` while an error shows; a warning leaves it off.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let findings = self.findings;
        move || findings.with(|f| has_error_in(f)).then_some("true")
    }

    /// `aria-describedby` pointing at the list while it has anything in it.
    pub fn described(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let (findings, id) = (self.findings, self.msgs_id.clone());
        move || findings.with(|f| !f.is_empty()).then(|| id.clone())
    }
}

pub fn has_error_in(findings: &[PlacedFinding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// `[C2]` inside a field's messages: opens the rule's explanation in place,
/// without leaving the step. Not a Tab stop: Tab goes from field to field
/// (the explanation is on 规则说明 and in 检查与导出 for keyboard users).
#[component]
fn RuleToggle(code: Code) -> impl IntoView {
    let app = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let rule = code.rule();
    view! {
        <button
            type="button"
            class="code"
            tabindex="-1"
            title="查看规则说明"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {format!("[{code}]")}
        </button>
        {move || open.get().then(|| view! {
            <span class="explain">
                <strong>{rule.title}</strong>"："{rule.explanation}
                <span class="source">{format!("（依据：{}）", rule.source.full())}</span>
                " "
                <a href=format!("#rule-{code}") tabindex="-1" on:click=move |ev| {
                    ev.prevent_default();
                    app.show_rule(code);
                }>"规则说明"</a>
            </span>
        })}
    }
}

/// One finding: severity as a word and an icon as well as a colour. In the
/// editor it also offers what can be done with it (`FindingActions`); a
/// warning or hint marked 已核实 shows muted, with its reason.
#[component]
pub fn FindingLine(
    finding: PlacedFinding,
    #[prop(optional)] field: Option<&'static str>,
) -> impl IntoView {
    let folded = finding.folded_under.is_some();
    let session = use_context::<Session>();
    let acknowledgement = session
        .as_ref()
        .map(|s| acknowledgement_of(s.doc, &finding));
    let class = format!(
        "finding {}{}",
        finding.severity.key(),
        if folded { " folded" } else { "" }
    );
    let class = move || match acknowledgement.is_some_and(|a| a.with(Option::is_some)) {
        true => format!("{class} acknowledged"),
        false => class.clone(),
    };
    let word = finding.severity.label();
    let word = move || match acknowledgement.is_some_and(|a| a.with(Option::is_some)) {
        true => format!("{word}（已核实）"),
        false => word.to_string(),
    };
    let actions = acknowledgement.map(|a| {
        view! { " " <FindingActions finding=finding.clone() acknowledgement=a /> }
    });
    view! {
        <li class=class>
            {field.filter(|f| !f.is_empty() && !folded).map(|f| view! { <span class="finding-field">{f}</span> })}
            {folded.then(|| view! { <span class="folded-mark">"同一原因："</span> })}
            <span class="sev" aria-hidden="true">{icon(finding.severity)}</span>
            <span class="sev-word">{word}</span>
            " "
            <RuleToggle code=finding.code />
            " "
            <span class="msg">{finding.message.clone()}</span>
            {actions}
        </li>
    }
}

/// The findings of one place, always mounted so `aria-describedby` points at
/// something even while it is empty. `prefix` names the field where the list
/// stands apart from it (`指标值：`).
#[component]
pub fn FindingList(
    id: String,
    findings: Signal<Vec<PlacedFinding>>,
    #[prop(optional)] prefix: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ul id=id class="findings">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| view! { <FindingLine finding=f field=prefix.unwrap_or("") /> })
                    .collect_view()
            }}
        </ul>
    }
}
