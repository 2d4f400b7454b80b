//! 审核台's `打开`: the line's file becomes a draft of its own, as with 导入
//! (the app reads it again from the `File` the page kept, and stores it as a
//! new draft before showing it: `AppState::create`); a draft of the same unit
//! and year already in this browser is offered instead (`打开已有`), never
//! overwritten. This page runs in 审核台's own program, so it asks the app
//! with [`OPEN_EVENT`].

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::storage::{self, Summary};

use super::desk::OPEN_EVENT;
use super::desk_state::{Desk, Offer};

/// Opens line `id` (its unit and year as the worker read them).
pub fn open_line(desk: Desk, id: usize, unit: &str, year: &str) {
    let Some(file) = desk.file(id) else {
        return;
    };
    desk.offer.set(None);
    desk.message.set(None);
    let (unit, year) = (unit.trim(), year.trim());
    let existing = storage::summaries()
        .into_iter()
        .filter(|s| !unit.is_empty() && s.unit == unit && s.year == year)
        .max_by(|a, b| a.saved_at.cmp(&b.saved_at));
    match existing {
        Some(existing) => desk.offer.set(Some(Offer {
            file: file.name(),
            line: id,
            existing,
        })),
        None => ask_app_to_open(file.into()),
    }
}

/// Asks the app to open `what` — a draft's id (a string) or a `File` to
/// import as a new draft — once the click that asked is over (the app then
/// takes this page away).
fn ask_app_to_open(what: JsValue) {
    set_timeout(
        move || {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&what);
            let event = web_sys::CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init);
            if let (Ok(event), Some(window)) = (event, web_sys::window()) {
                let _ = window.dispatch_event(&event);
            }
        },
        std::time::Duration::ZERO,
    );
}

fn open_existing(s: &Summary) {
    ask_app_to_open(JsValue::from_str(&s.id));
}

fn save_as_new(desk: Desk, line: usize) {
    if let Some(file) = desk.file(line) {
        ask_app_to_open(file.into());
    }
}

/// 打开已有 / 另存为新草稿, when the line's unit and year are already a draft.
#[component]
pub fn OpenOffer(desk: Desk) -> impl IntoView {
    let first = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if desk.offer.with(Option::is_some) {
            if let Some(b) = first.get() {
                let _ = b.focus();
            }
        }
    });
    move || {
        desk.offer.with(|p| {
            p.as_ref().map(|p| {
                let s = &p.existing;
                let text = format!(
                    "本浏览器中已有「{} {}」的草稿。打开已有的草稿，还是把「{}」另存为新草稿（两份都保留）？",
                    s.unit, s.year, p.file
                );
                view! {
                    <div class="desk-offer" role="group" aria-label="已有同一单位同一年度的草稿">
                        <p>{text}</p>
                        <button type="button" class="primary" node_ref=first on:click=move |_| {
                            if let Some(p) = desk.offer.try_update(Option::take).flatten() {
                                open_existing(&p.existing);
                            }
                        }>"打开已有"</button>
                        <button type="button" on:click=move |_| {
                            if let Some(p) = desk.offer.try_update(Option::take).flatten() {
                                save_as_new(desk, p.line);
                            }
                        }>"另存为新草稿"</button>
                        <button type="button" on:click=move |_| desk.offer.set(None)>"取消"</button>
                    </div>
                }
            })
        })
    }
}
