//! Small things done to the page itself: moving the focus once the view has
//! updated, asking before something is lost, and not moving a button away
//! between its mousedown and its click.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves the focus to element `id` once the view has been updated: in a
/// microtask (the render has run by then, so typing straight after a click
/// lands in the new field), or in the next frame if it is not there yet. The
/// element is scrolled into the middle of the window, so what stands under it
/// (its messages) is in view too.
pub fn focus_later(id: String) {
    fn try_focus(id: &str) -> bool {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match element {
            Some(el) => {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
                let scroll = web_sys::ScrollIntoViewOptions::new();
                scroll.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&scroll);
                true
            }
            None => false,
        }
    }
    if id.is_empty() {
        return;
    }
    queue_microtask(move || {
        if !try_focus(&id) {
            request_animation_frame(move || {
                try_focus(&id);
            });
        }
    });
}

/// Whether a focusout leaves `region` (the focus goes somewhere outside it,
/// or nowhere): then the region's own findings may show.
pub fn leaves(ev: &web_sys::FocusEvent, region: &web_sys::Element) -> bool {
    let to = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    !to.is_some_and(|node| region.contains(Some(&node)))
}

/// The browser's own confirmation; false when it cannot ask.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
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

/// A focusout handler for a region (a table, a list, the goals): once the
/// focus leaves it, the findings about the region as a whole may show.
pub fn on_leaving(
    shown: crate::ui::state::Shown,
    place: crate::ui::plain::places::Place,
) -> impl Fn(web_sys::FocusEvent) + Clone + 'static {
    move |ev: web_sys::FocusEvent| {
        let region = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if region.is_some_and(|r| leaves(&ev, &r)) {
            after_pointer(move || shown.touch(place));
        }
    }
}

/// A cap reached (the file's limits): the 添加 button is disabled and this
/// says why, joined to it by `aria-describedby`.
pub fn cap_reason(reached: bool, id: String, reason: &'static str) -> impl leptos::IntoView {
    use leptos::prelude::*;
    reached.then(|| view! { <p class="hint cap" id=id>{reason}</p> })
}
