//! Where the focus goes around the 指标库: onto the slot a preparer replaces
//! first, kept inside the dialog, and (for cells the library filled) the
//! moment their findings may show.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::library::{slots, SLOTS};
use crate::ui::plain::places::Place;
use crate::ui::state::Shown;

thread_local! {
    /// Cells filled from the library, with their table: their findings show
    /// once the focus leaves that table, as if the preparer had typed them.
    static PENDING: RefCell<Vec<(Shown, Place, Place)>> = const { RefCell::new(Vec::new()) };
}

/// Findings of `cells` show once the focus goes outside `table`'s section.
pub fn show_when_table_left(shown: Shown, table: Place, cells: Vec<Place>) {
    PENDING.with(|p| {
        p.borrow_mut()
            .extend(cells.into_iter().map(|c| (shown, table, c)))
    });
    thread_local!(static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    // One listener for the page's life; it does nothing while nothing waits.
    let handle = window_event_listener(leptos::ev::focusin, |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let document = web_sys::window().and_then(|w| w.document());
        let left: Vec<(Shown, Place)> = PENDING.with(|p| {
            let mut p = p.borrow_mut();
            let mut out = Vec::new();
            p.retain(|&(shown, table, cell)| {
                let section = document
                    .as_ref()
                    .and_then(|d| d.get_element_by_id(&table.dom_id()))
                    .and_then(|h| h.closest("section").ok().flatten());
                match (&section, &target) {
                    (Some(s), Some(t)) if s.contains(Some(t)) => true,
                    // The table is gone: its step was left (so everything on
                    // it shows) or the draft closed.
                    (None, _) => false,
                    _ => {
                        out.push((shown, cell));
                        false
                    }
                }
            });
            out
        });
        for (shown, cell) in left {
            shown.touch(cell);
        }
    });
    std::mem::forget(handle);
}

/// Focuses the text control `id` once it is on screen and selects its first
/// library slot (`{N}`), or all of its text when it has none.
pub fn select_slot_later(id: String) {
    fn try_select(id: &str) -> bool {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
        else {
            return false;
        };
        let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
            return false;
        };
        let _ = el.focus();
        let scroll = web_sys::ScrollIntoViewOptions::new();
        scroll.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&scroll);
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            let (start, end) = slot_range(&input.value());
            let _ = input.set_selection_range(start, end);
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let (start, end) = slot_range(&area.value());
            let _ = area.set_selection_range(start, end);
        }
        true
    }
    // In the next frame: the new row's text has been rendered by then (a
    // selection made earlier is lost when its value is set).
    request_animation_frame(move || {
        if !try_select(&id) {
            request_animation_frame(move || {
                try_select(&id);
            });
        }
    });
}

/// The first slot of `text` in UTF-16 units (what the DOM counts), or all of it.
pub fn slot_range(text: &str) -> (u32, u32) {
    let utf16 = |s: &str| s.encode_utf16().count() as u32;
    match slots(text).find(|s| SLOTS.contains(&s.name)) {
        Some(s) => (utf16(&text[..s.range.start]), utf16(&text[..s.range.end])),
        None => (0, utf16(text)),
    }
}

/// Focuses element `id` now, if it is there.
pub fn focus_now(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Keeps Tab inside the dialog: from its last control to its first, and
/// Shift+Tab from the first to the last.
pub fn trap_tab(ev: &leptos::ev::KeyboardEvent, dialog: &web_sys::HtmlDivElement) {
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), input:not([disabled]), summary, [tabindex=\"0\"]",
    ) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        // Not inside a closed <details>, not hidden.
        .filter(|e| e.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    };
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.unchecked_ref())));
    if ev.shift_key() && (at(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
