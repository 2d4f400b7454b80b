//! Which findings the preparer has been shown so far: a field says nothing
//! until it was left once, or 检查与导出 was opened, or the file was imported.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::ui::plain::places::Place;

#[derive(Clone, Copy)]
pub struct Shown {
    pub touched: RwSignal<HashSet<Place>>,
    pub all: RwSignal<bool>,
}

impl Shown {
    pub fn new() -> Self {
        Shown {
            touched: RwSignal::new(HashSet::new()),
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

    pub fn is_shown(&self, place: Place) -> bool {
        self.all.get() || self.touched.with(|t| t.iter().any(|p| place.contains(*p)))
    }
}

impl Default for Shown {
    fn default() -> Self {
        Self::new()
    }
}
