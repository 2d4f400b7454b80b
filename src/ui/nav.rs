//! Every page and step has an address of its own, as a hash (`#/project-2`,
//! `#/rules/C3`): it works from any folder of the web server and on reload,
//! and the browser's Back and Forward move between steps instead of leaving
//! the app.

use leptos::prelude::*;

use super::context::{AppState, Page};
use super::plain::address::{parse, text, Address};
use super::plain::memory::StepKey;
use super::session::Step;
use crate::core::code::Code;

/// Where the app is now (tracked).
fn current(app: AppState) -> Address {
    match app.page.get() {
        Page::Start => Address::Start,
        Page::Rules => Address::Rules(app.rule.get()),
        Page::Desk => Address::Desk,
        Page::Editor => match app.editor.get() {
            Some(session) => Address::Step(session.step_key(session.step.get())),
            None => Address::Start,
        },
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn write(address: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    // A bare hash keeps the page's own path: the app works from any folder.
    let url = if address.is_empty() {
        let location = window.location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        address.to_string()
    };
    let state = wasm_bindgen::JsValue::NULL;
    let _ = if push {
        history.push_state_with_url(&state, "", Some(&url))
    } else {
        history.replace_state_with_url(&state, "", Some(&url))
    };
}

/// Goes where an address (from Back, Forward or a reload) says.
fn apply(app: AppState, address: Address) {
    match address {
        Address::Start => {
            if app.page.get_untracked() == Page::Editor {
                app.close_editor();
            } else {
                app.page.set(Page::Start);
            }
        }
        Address::Desk => {
            if app.page.get_untracked() == Page::Editor {
                app.close_editor();
            }
            app.page.set(Page::Desk);
        }
        Address::Rules(code) => match code {
            Some(code) => app.show_rule(code),
            None => app.show_rules(),
        },
        Address::Step(key) => {
            if app.editor.get_untracked().is_none() {
                // Forward to a step after going back to the list: the draft last closed.
                let Some(id) = app.recent.get_value() else {
                    return;
                };
                if app.open_stored(&id, false).is_err() {
                    return;
                }
            }
            let Some(session) = app.editor.get_untracked() else {
                return;
            };
            let step = match key {
                StepKey::Basic => Some(Step::Basic),
                StepKey::Department => Some(Step::Department),
                StepKey::Review => Some(Step::Review),
                StepKey::Project(i) => session
                    .doc
                    .projects
                    .with_untracked(|ps| ps.get(i).map(|p| Step::Project(p.id))),
            };
            if let Some(step) = step {
                if session.step.get_untracked() != step {
                    session.go(step, None);
                }
            }
            app.page.set(Page::Editor);
        }
    }
}

/// Installed once by the app: keeps the address in step with the app, and
/// the app with the address when the browser moves through its history.
pub fn install(app: AppState) {
    // A reload on a step's address opens that step.
    let at_start = parse(&location_hash());
    if matches!(at_start, Address::Step(_)) && app.editor.get_untracked().is_some() {
        apply(app, at_start);
    }
    Effect::new(move |before: Option<(Page, Option<Step>, Option<Code>)>| {
        let page = app.page.get();
        let step = app.editor.with(|e| e.as_ref().map(|s| s.step.get()));
        let rule = app.rule.get();
        let written = text(current(app));
        if location_hash() != written {
            // A new history entry for a new place; the same step at a new
            // position (its project moved) only corrects the address.
            let moved_only = before == Some((page, step, rule));
            write(&written, before.is_some() && !moved_only);
        }
        (page, step, rule)
    });
    let _ = window_event_listener_untyped("popstate", move |_| {
        apply(app, parse(&location_hash()));
    });
}
