//! A labelled text field with its findings beneath it and ui.md's
//! touched/keystroke behaviour. Typing goes through `DocState::edit`, which
//! keeps the text exactly as typed and marks the document changed.

use leptos::prelude::*;

use super::dom::after_pointer;
use super::findings::{FieldFindings, FindingList};
use super::notes::PlaceNotes;
use crate::ui::plain::places::Place;
use crate::ui::state::{DocState, Shown};

/// What kind of control a field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Line,
    /// Numbers typed by hand: 预算数, percentages. Text input, so a half-typed
    /// or wrong value is kept exactly and validation explains it.
    Number,
    Paragraph,
}

#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    place: Place,
    #[prop(default = Control::Line)] control: Control,
    #[prop(optional)] suffix: Option<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
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
    // Passing through a field (Tab, a click) says nothing yet; a field the
    // preparer typed in shows its findings once left.
    let edited = StoredValue::new(false);
    let on_input = move |ev: leptos::ev::Event| {
        edited.set_value(true);
        doc.edit(value, event_target_value(&ev));
    };
    let on_blur = move |_| {
        if edited.get_value() {
            after_pointer(move || shown.touch(place));
        }
    };
    let aria_label = move || hidden_label.then(|| label.get());
    // In review mode the reviewer reads: focusable and readable, not changed.
    let review_mode = doc.review_mode;
    let input = match control {
        Control::Paragraph => view! {
            <textarea
                id=id.clone()
                rows="3"
                maxlength=place.max_chars()
                aria-label=aria_label
                aria-invalid=invalid
                aria-describedby=described
                readonly=move || review_mode.get()
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
                maxlength=place.max_chars()
                class=if control == Control::Number { "number" } else { "" }
                inputmode=if control == Control::Number { Some("decimal") } else { None }
                autocomplete="off"
                aria-label=aria_label
                aria-invalid=invalid
                aria-describedby=described
                readonly=move || review_mode.get()
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
            <div class=if control == Control::Paragraph { "control" } else { "control line" }>
                {input}
                {suffix.map(|s| view! { <span class="suffix" aria-hidden="true">{s}</span> })}
            </div>
            {hint.map(|h| view! { <p class="hint">{move || h.get()}</p> })}
            {(!findings_elsewhere).then(|| view! {
                <FindingList id=msgs_id findings=findings />
                <PlaceNotes place=place />
            })}
        </div>
    }
}
