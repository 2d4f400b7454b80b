//! Which findings the preparer has been shown so far (ui.md, "When findings
//! show"): a field says nothing until it was edited and left; the findings of
//! a table, a list or the goals as a whole say nothing until that region was
//! left; everything on a step shows once the step was left; everything shows
//! once 检查与导出 was opened or the file was imported. From then on they
//! follow every keystroke.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::ui::plain::places::{Place, Step};

#[derive(Clone, Copy)]
pub struct Shown {
    /// Places edited and left, and regions left.
    pub touched: RwSignal<HashSet<Place>>,
    /// Steps the preparer has left.
    pub left: RwSignal<HashSet<Step>>,
    pub all: RwSignal<bool>,
}

impl Shown {
    pub fn new() -> Self {
        Shown {
            touched: RwSignal::new(HashSet::new()),
            left: RwSignal::new(HashSet::new()),
            all: RwSignal::new(false),
        }
    }

    pub fn touch(&self, place: Place) {
        if !self.touched.with_untracked(|t| t.contains(&place)) {
            self.touched.update(|t| {
                t.insert(place);
            });
        }
    }

    pub fn leave(&self, step: Step) {
        if step != Step::Review && !self.left.with_untracked(|l| l.contains(&step)) {
            self.left.update(|l| {
                l.insert(step);
            });
        }
    }

    /// Whether the findings of a step show in full (its badge in colour).
    pub fn step_shown(&self, step: Step) -> bool {
        self.all.get() || self.left.with(|l| l.contains(&step))
    }

    pub fn is_shown(&self, place: Place) -> bool {
        self.step_shown(place.step()) || self.touched.with(|t| t.contains(&place))
    }
}

impl Default for Shown {
    fn default() -> Self {
        Self::new()
    }
}
