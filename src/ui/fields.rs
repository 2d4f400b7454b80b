//! The controls every step is made of: a labelled text field with its
//! findings, and the list of findings itself. Findings are joined to their
//! control by `aria-describedby`; an error also sets `aria-invalid`.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use super::state::{DocState, Place, Shown};
use super::AppState;
use crate::core::findings::{Finding, Severity};

/// The findings at `place` that the preparer should see now: none until the
/// field was left once (or 检查与导出 was opened, or the file imported), then
/// every keystroke's.
///
/// It reads the place's own findings signal (`DocState::findings_signal`),
/// set only when that place's findings change, and is a memo, so the list and
/// both aria attributes re-run only for the fields a keystroke really affects.
pub fn visible_findings(doc: DocState, shown: Shown, place: Place) -> Signal<Vec<Finding>> {
    let findings = doc.findings_signal(place);
    Memo::new(move |_| {
        if shown.is_shown(place) {
            findings.get()
        } else {
            Vec::new()
        }
    })
    .into()
}

thread_local! {
    static POINTER_DOWN: Cell<bool> = const { Cell::new(false) };
    static AFTER_POINTER: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` now, or, while a mouse button or finger is down, once it is
/// released. Leaving a field by clicking a button makes the field's findings
/// appear; shown at once (on mousedown) they push the button away before the
/// mouseup, and the click is lost. Keyboard users see them at once.
pub fn after_pointer(f: impl FnOnce() + 'static) {
    if POINTER_DOWN.with(Cell::get) {
        AFTER_POINTER.with(|pending| pending.borrow_mut().push(Box::new(f)));
    } else {
        f();
    }
}

/// Installed once by the app: tracks whether a pointer is down.
pub fn install_pointer_tracking() {
    let _ = window_event_listener(leptos::ev::pointerdown, |_| {
        POINTER_DOWN.with(|d| d.set(true))
    });
    let release = |_| {
        POINTER_DOWN.with(|d| d.set(false));
        let pending: Vec<Box<dyn FnOnce()>> =
            AFTER_POINTER.with(|p| p.borrow_mut().drain(..).collect());
        if !pending.is_empty() {
            // After the click that this release completes has been dispatched.
            set_timeout(
                move || pending.into_iter().for_each(|f| f()),
                std::time::Duration::ZERO,
            );
        }
    };
    let _ = window_event_listener(leptos::ev::pointerup, release);
    let _ = window_event_listener(leptos::ev::pointercancel, release);
}

/// What a control needs to show its findings: the visible findings, the id
/// of their list, and the values of `aria-invalid` and `aria-describedby`.
#[derive(Clone)]
pub struct FieldFindings {
    pub findings: Signal<Vec<Finding>>,
    pub msgs_id: String,
}

impl FieldFindings {
    pub fn new(doc: DocState, shown: Shown, place: Place) -> Self {
        FieldFindings {
            findings: visible_findings(doc, shown, place),
            msgs_id: format!("{}-msgs", place.dom_id()),
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

/// `[C2]`, a link to the rule's explanation on the 规则说明 page.
#[component]
pub fn RuleCode(code: &'static str) -> impl IntoView {
    let app = expect_context::<AppState>();
    view! {
        <a
            class="code"
            href=format!("#rule-{code}")
            title="查看规则说明"
            on:click=move |ev| {
                ev.prevent_default();
                app.show_rule(code);
            }
        >
            {format!("[{code}]")}
        </a>
    }
}

/// One finding: severity as a word and an icon as well as a colour.
#[component]
pub fn FindingLine(
    finding: Finding,
    #[prop(optional)] field: Option<&'static str>,
) -> impl IntoView {
    let class = format!("finding {}", finding.severity.key());
    let icon = match finding.severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    };
    view! {
        <li class=class>
            {field.filter(|f| !f.is_empty()).map(|f| view! { <span class="finding-field">{f}</span> })}
            <span class="sev" aria-hidden="true">{icon}</span>
            <span class="sev-word">{finding.severity.label()}</span>
            " "
            <RuleCode code=finding.code />
            " "
            <span class="msg">{finding.message}</span>
        </li>
    }
}

/// The findings of one place, always mounted so `aria-describedby` points at
/// something even while it is empty. `prefix` names the field where the list
/// stands apart from it (`指标值：`).
#[component]
pub fn FindingList(
    id: String,
    findings: Signal<Vec<Finding>>,
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

pub fn has_error_in(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// What kind of control a field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Line,
    /// Numbers typed by hand: 预算数, percentages. Text input, so a half-typed
    /// or wrong value is kept exactly and validation explains it.
    Number,
    Paragraph,
}

/// A text field with a visible label (its accessible name), its findings
/// beneath it, and the touched/keystroke behaviour of ui.md.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    place: Place,
    #[prop(default = Control::Line)] control: Control,
    #[prop(optional)] suffix: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Label only for assistive technology (table cells, whose column heading shows it).
    #[prop(optional)]
    hidden_label: bool,
    /// The findings list is rendered by the caller (the indicator table shows a
    /// row's findings across the full width below it).
    #[prop(optional)]
    findings_elsewhere: bool,
) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let id = place.dom_id();
    let field = FieldFindings::new(doc, shown, place);
    let (findings, msgs_id) = (field.findings, field.msgs_id.clone());
    let invalid = field.invalid();
    let described = field.described();
    let on_input = move |ev: leptos::ev::Event| {
        value.set(event_target_value(&ev));
        doc.changed();
    };
    let on_blur = move |_| after_pointer(move || shown.touch(place));
    let input = match control {
        Control::Paragraph => view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-label=move || hidden_label.then(|| label.get())
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
            ></textarea>
        }
        .into_any(),
        _ => view! {
            <input
                id=id.clone()
                type="text"
                class=if control == Control::Number { "number" } else { "" }
                inputmode=if control == Control::Number { Some("decimal") } else { None }
                autocomplete="off"
                aria-label=move || hidden_label.then(|| label.get())
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:has-error=move || invalid().is_some()>
            {(!hidden_label).then(|| view! { <label for=id.clone()>{move || label.get()}</label> })}
            <div class="control">
                {input}
                {suffix.map(|s| view! { <span class="suffix" aria-hidden="true">{s}</span> })}
            </div>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {(!findings_elsewhere).then(|| view! { <FindingList id=msgs_id findings=findings /> })}
        </div>
    }
}
