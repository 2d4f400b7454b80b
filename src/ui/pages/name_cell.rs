//! The 三级指标 cell of an indicator row: a text field offering the 指标库's
//! names while the preparer types (the ARIA 1.2 combobox pattern: a listbox of
//! options, the active one named by `aria-activedescendant`). Arrows move,
//! Enter takes the active completion (filling the row's empty cells from the
//! library row, slots left in place), Esc closes. Nothing is taken unless
//! chosen, and the list closes when nothing matches, so free typing is never
//! hindered.

use leptos::prelude::*;

use super::library;
use super::library_focus::{show_when_table_left, slot_range};
use crate::core::library::Row;
use crate::core::model::IndicatorField;
use crate::ui::plain::places::{Place, ProjectPlace};
use crate::ui::state::{DocState, RowState, Shown};
use crate::ui::widgets::dom::after_pointer;
use crate::ui::widgets::findings::FieldFindings;

/// Completions offered at most: enough to choose from, few enough to scan.
const LIMIT: usize = 8;

#[component]
pub fn NameCell(row: RowState, place: Place) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let shown = expect_context::<Shown>();
    let field = IndicatorField::Name;
    let value = row.cell(field);
    let id = place.dom_id();
    let list_id = format!("{id}-options");
    let findings = FieldFindings::new(doc, shown, place);
    let (invalid, described) = (findings.invalid(), findings.described());
    let input = NodeRef::<leptos::html::Input>::new();

    // Passing through says nothing; typed and left, the findings show (as TextField).
    let edited = StoredValue::new(false);
    // The list may show: the preparer is typing here (not after Esc, a
    // completion taken or the field left).
    let typing = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let status = library::status();
    let options = Memo::new(move |_| {
        if !typing.get() {
            return Vec::new();
        }
        let text = value.get();
        status.with(|s| {
            s.library()
                .map(|l| {
                    l.completions(&text, LIMIT)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<Row>>()
                })
                .unwrap_or_default()
        })
    });
    let expanded = move || options.with(|o| !o.is_empty());
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };

    let filling = row.clone();
    let take = move |i: usize| {
        let Some(chosen) = options.with_untracked(|o| o.get(i).cloned()) else {
            return;
        };
        typing.set(false);
        active.set(None);
        fill_row(doc, shown, &filling, place, &chosen);
        // The name's first slot is selected (typing replaces it), else the
        // cursor goes to its end.
        if let Some(el) = input.get_untracked() {
            el.set_value(&chosen.name);
            let (start, end) = match slot_range(&chosen.name) {
                (0, end) if !crate::core::library::has_slot(&chosen.name) => (end, end),
                range => range,
            };
            let _ = el.set_selection_range(start, end);
        }
    };

    let on_input = move |ev: leptos::ev::Event| {
        edited.set_value(true);
        library::need();
        active.set(None);
        typing.set(true);
        doc.edit(value, event_target_value(&ev));
    };
    let on_blur = move |_| {
        typing.set(false);
        active.set(None);
        if edited.get_value() {
            after_pointer(move || shown.touch(place));
        }
    };
    let taking = take.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                if !typing.get_untracked() {
                    // Down on a closed list opens it (APG), when there is text.
                    library::need();
                    typing.set(true);
                    ev.prevent_default();
                    return;
                }
                if n == 0 {
                    return;
                }
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                active.set(Some(match (active.get_untracked(), down) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                }));
            }
            "Enter" => {
                if let Some(i) = active.get_untracked().filter(|&i| i < n) {
                    ev.prevent_default();
                    taking(i);
                }
            }
            "Escape" if n > 0 => {
                ev.prevent_default();
                ev.stop_propagation();
                typing.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let descendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| expanded()).map(&option_id)
    };

    view! {
        <div class="field combo" class:has-error=move || invalid().is_some()>
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                aria-label=field.label()
                aria-autocomplete="list"
                aria-expanded=move || if expanded() { "true" } else { "false" }
                aria-controls=list_id.clone()
                aria-activedescendant=descendant
                aria-invalid=invalid
                aria-describedby=described
                node_ref=input
                readonly=move || doc.review_mode.get()
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
                on:keydown=on_keydown
            />
            <ul id=list_id role="listbox" aria-label="指标库中的三级指标" class="combo-list" hidden=move || !expanded()>
                {move || options.get().into_iter().enumerate().map(|(i, r)| {
                    let take = take.clone();
                    view! {
                        <li
                            id=option_id(i)
                            role="option"
                            aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                            // Keeps the focus in the field, so the click takes the option.
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| take(i)
                        >
                            <span class="combo-name">{r.name.clone()}</span>
                            <span class="combo-meta">{format!("{} · {}", r.level2, r.value)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Takes a library row for this row: its name, and every other cell the
/// preparer left empty (一级/二级 only where they fit together), slots in place.
fn fill_row(doc: DocState, shown: Shown, row: &RowState, place: Place, chosen: &Row) {
    let lib = chosen.to_indicator();
    doc.edit(row.cell(IndicatorField::Name), lib.name.clone());
    let empty = |f: IndicatorField| row.cell(f).get_untracked().trim().is_empty();
    let mut filled = Vec::new();
    if empty(IndicatorField::Level1) {
        doc.choose_level1(row, lib.level1.clone());
        filled.push(IndicatorField::Level1);
    }
    let level1 = row.cell(IndicatorField::Level1).get_untracked();
    if empty(IndicatorField::Level2) && level1.trim() == lib.level1 {
        doc.edit(row.cell(IndicatorField::Level2), lib.level2.clone());
        filled.push(IndicatorField::Level2);
    }
    for f in [
        IndicatorField::Description,
        IndicatorField::Value,
        IndicatorField::Basis,
    ] {
        if empty(f) {
            doc.edit(row.cell(f), lib.get(f).clone());
            filled.push(f);
        }
    }
    if let Place::Project(pid, ProjectPlace::Cell(rid, _)) = place {
        let cells = filled
            .into_iter()
            .map(|f| Place::Project(pid, ProjectPlace::Cell(rid, f)))
            .collect();
        show_when_table_left(shown, Place::Project(pid, ProjectPlace::Indicators), cells);
    }
}
