//! 审核台's Web Workers: each runs the core (src/bin/desk.rs) and
//! turns a `File` into its line of the table, off the main thread. Files wait
//! in a queue; each worker has a few in hand, so it never waits for the page.
//! Answers are shown once per frame, so a hundred of them cost a few renders.
//! A worker that fails (a file that crashed it, or it could not start) is
//! replaced a few times; the file it was on is listed with the reason, and
//! the rest go on.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ops::Range;
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::desk_line::Line;
use super::desk_state::Desk;

/// Files a worker has in hand at once.
const IN_HAND: usize = 8;
/// Workers started again after a failure, over the page's life.
const RESTARTS: usize = 3;

struct Slot {
    worker: web_sys::Worker,
    ready: bool,
    /// Ids posted and not yet answered, in the order posted (= answered).
    busy: VecDeque<usize>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

pub struct Pool {
    desk: Desk,
    url: String,
    slots: RefCell<Vec<Option<Slot>>>,
    /// Failed slots, kept: their handlers may be running when they fail.
    dead: RefCell<Vec<Slot>>,
    queue: RefCell<VecDeque<usize>>,
    /// Answers not yet shown.
    done: RefCell<Vec<Line>>,
    frame_asked: Cell<bool>,
    restarts: Cell<usize>,
    /// Why the last worker stopped.
    last_failure: RefCell<String>,
    me: Weak<Pool>,
}

/// This program's own script (it starts itself), relative to the page (so any
/// folder works), with its hashed name.
fn worker_url() -> String {
    format!("{}.js", super::desk::program_base())
}

/// One worker per core but one (the page keeps a core for itself: it must
/// not freeze), at least one, at most four (each holds its own copy of the
/// program).
fn worker_count() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).saturating_sub(1).clamp(1, 4)
}

impl Pool {
    pub fn start(desk: Desk) -> Rc<Pool> {
        let count = worker_count();
        let pool = Rc::new_cyclic(|me| Pool {
            desk,
            url: worker_url(),
            slots: RefCell::new((0..count).map(|_| None).collect()),
            dead: RefCell::new(Vec::new()),
            queue: RefCell::new(VecDeque::new()),
            done: RefCell::new(Vec::new()),
            frame_asked: Cell::new(false),
            restarts: Cell::new(0),
            // No worker at all: `Worker::new` refused (a policy, or no workers).
            last_failure: RefCell::new("浏览器不允许启动".into()),
            me: me.clone(),
        });
        for i in 0..count {
            pool.spawn(i);
        }
        pool
    }

    pub fn enqueue(&self, ids: Range<usize>) {
        self.queue.borrow_mut().extend(ids);
        if self.slots.borrow().iter().all(Option::is_none) {
            self.fail_queue();
        }
        self.pump();
    }

    /// The list was cleared: nothing queued or answered is shown any more.
    pub fn forget_all(&self) {
        self.queue.borrow_mut().clear();
        self.done.borrow_mut().clear();
    }

    fn spawn(&self, i: usize) {
        let worker = match web_sys::Worker::new(&self.url) {
            Ok(w) => w,
            // Workers forbidden here (a policy): nothing to start.
            Err(_) => return,
        };
        let me = self.me.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(pool) = me.upgrade() {
                    pool.message(i, &ev.data().as_string().unwrap_or_default());
                }
            });
        let me = self.me.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            // A script error says what; a script that did not load says nothing.
            let why = ev
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "程序文件未能加载".into());
            if let Some(pool) = me.upgrade() {
                pool.failed(i, &why);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.slots.borrow_mut()[i] = Some(Slot {
            worker,
            ready: false,
            busy: VecDeque::new(),
            _on_message: on_message,
            _on_error: on_error,
        });
    }

    fn message(&self, i: usize, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        if v.get("ready").is_some() {
            if let Some(slot) = self.slots.borrow_mut()[i].as_mut() {
                slot.ready = true;
            }
        } else if let Some(why) = v.get("failed").and_then(Value::as_str) {
            self.failed(i, why);
        } else if let Some(line) = Line::from_answer(&v) {
            if let Some(slot) = self.slots.borrow_mut()[i].as_mut() {
                slot.busy.retain(|&id| id != line.id);
            }
            self.finish(line);
        }
        self.pump();
    }

    /// Worker `i` stopped: the file it was on is listed with the reason, the
    /// others it had go back to the queue, and a new worker takes its place
    /// (unless it never started: then it would fail the same way).
    fn failed(&self, i: usize, why: &str) {
        let Some(mut slot) = self.slots.borrow_mut()[i].take() else {
            return;
        };
        self.last_failure.replace(why.to_string());
        slot.worker.set_onmessage(None);
        slot.worker.set_onerror(None);
        slot.worker.terminate();
        if let Some(id) = slot.busy.pop_front() {
            let reason = format!("检查此文件时出错（{why}）");
            self.finish(Line::refused(id, self.name(id), &reason));
        }
        {
            let mut queue = self.queue.borrow_mut();
            for id in slot.busy.drain(..).rev() {
                queue.push_front(id);
            }
        }
        let again = slot.ready && self.restarts.get() < RESTARTS;
        self.dead.borrow_mut().push(slot);
        if again {
            self.restarts.set(self.restarts.get() + 1);
            self.spawn(i);
        }
        if self.slots.borrow().iter().all(Option::is_none) {
            self.fail_queue();
        }
        self.pump();
    }

    /// No worker is left: every file waiting is listed with why.
    fn fail_queue(&self) {
        let ids: Vec<usize> = self.queue.borrow_mut().drain(..).collect();
        let why = self.last_failure.borrow();
        for id in ids {
            let reason = format!("后台检查程序无法运行（{why}）。请刷新页面后重试。");
            self.finish(Line::refused(id, self.name(id), &reason));
        }
    }

    fn name(&self, id: usize) -> String {
        self.desk.file(id).map(|f| f.name()).unwrap_or_default()
    }

    /// Gives each ready worker files up to `IN_HAND`.
    fn pump(&self) {
        let mut slots = self.slots.borrow_mut();
        for slot in slots.iter_mut().flatten().filter(|s| s.ready) {
            while slot.busy.len() < IN_HAND {
                let Some(id) = self.queue.borrow_mut().pop_front() else {
                    return;
                };
                let Some(file) = self.desk.file(id) else {
                    continue;
                };
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id as f64));
                let _ = js_sys::Reflect::set(&message, &"file".into(), &file);
                match slot.worker.post_message(&message) {
                    Ok(()) => slot.busy.push_back(id),
                    Err(_) => self.finish(Line::refused(id, file.name(), "无法交给后台检查程序")),
                }
            }
        }
    }

    /// Shown with the next frame, together with the answers before it.
    fn finish(&self, line: Line) {
        // A line of a list since cleared.
        if self.desk.file(line.id).is_none() {
            return;
        }
        self.done.borrow_mut().push(line);
        if !self.frame_asked.replace(true) {
            let me = self.me.clone();
            request_animation_frame(move || {
                if let Some(pool) = me.upgrade() {
                    pool.show();
                }
            });
        }
    }

    fn show(&self) {
        self.frame_asked.set(false);
        let batch = std::mem::take(&mut *self.done.borrow_mut());
        if batch.is_empty() {
            return;
        }
        let n = batch.len();
        self.desk.pending.update(|p| *p = p.saturating_sub(n));
        self.desk.lines.update(|lines| lines.extend(batch));
    }
}
