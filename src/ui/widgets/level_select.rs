//! A `select` for 一级 or 二级 of an indicator row. A value outside the
//! choices (from an imported file) stays selected, marked, until the preparer
//! picks another: C1 reports it.

use leptos::prelude::*;

use super::findings::FieldFindings;
use crate::ui::plain::places::Place;
use crate::ui::state::{DocState, Shown};

#[component]
pub fn LevelSelect(
    label: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<&'static str>>,
    place: Place,
    /// What choosing does (for 一级, keeping or clearing 二级).
    on_choose: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let id = place.dom_id();
    // The list itself stands in the row's findings line.
    let field = FieldFindings::new(doc, shown, place);
    let invalid = field.invalid();
    let described = field.described();
    let on_change = move |ev: leptos::ev::Event| {
        on_choose(event_target_value(&ev));
        shown.touch(place);
    };
    view! {
        <div class="field" class:has-error=move || invalid().is_some()>
            <select
                id=id
                aria-label=label
                aria-invalid=invalid
                aria-describedby=described
                on:change=on_change
                // Besides each option's `selected`: when the choices themselves
                // change with the value (一级 and 二级 together), the element's
                // value is set once they are there.
                prop:value=move || {
                    options.track();
                    value.get()
                }
            >
                <option value="" selected=move || value.get().is_empty()>"请选择"</option>
                {move || {
                    let current = value.get();
                    let list = options.get();
                    let outside = (!current.is_empty() && !list.contains(&current.as_str())).then(|| {
                        view! { <option value=current.clone() selected=true>{format!("{current}（不在可选范围内）")}</option> }
                    });
                    view! {
                        {outside}
                        {list.into_iter().map(|o| view! { <option value=o selected=move || value.get() == o>{o}</option> }).collect_view()}
                    }
                }}
            </select>
        </div>
    }
}
