//! Long work in slices: between two slices the page handles input and paints,
//! so opening a file at the 5 MB limit does not freeze it for a second.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long work may run before the page gets a turn (at the next `give_way`).
const SLICE_MS: f64 = 40.0;

/// Resolves in a task of its own. A message to a `MessageChannel`, not
/// `setTimeout(0)`: nested timeouts are held back to 4 ms each.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            // No channel: go on at once rather than never.
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let (receiver, sender) = (channel.port1(), channel.port2());
        let resolve_now = resolve.clone();
        // The closure holds the channel until its message has arrived.
        let done = Closure::once_into_js(move || {
            drop(channel);
            let _ = resolve.call0(&JsValue::NULL);
        });
        receiver.set_onmessage(Some(done.unchecked_ref()));
        if sender.post_message(&JsValue::NULL).is_err() {
            receiver.set_onmessage(None);
            let _ = resolve_now.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Gives the page back when the current slice has run for long enough.
pub struct Slices {
    started: f64,
}

impl Slices {
    pub fn start() -> Self {
        Slices { started: now() }
    }

    /// Yields to the page if this slice is used up; call between pieces of work.
    pub async fn give_way(&mut self) {
        if now() - self.started >= SLICE_MS {
            next_task().await;
            self.started = now();
        }
    }
}
