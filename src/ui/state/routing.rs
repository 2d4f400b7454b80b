//! The findings router of the open document: each shown place has its own
//! findings signal, set only when that place's findings change (see
//! `ui::plain::routing`). Fed by one effect per project (its own findings)
//! and one for the document-level rules; a place shows both.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::ui::plain::ids::ProjectId;
use crate::ui::plain::places::Place;
use crate::ui::plain::routing::{changed_places, ByPlace, PlacedFinding};

#[derive(Default)]
struct Data {
    own: HashMap<ProjectId, ByPlace>,
    document: ByPlace,
    signals: HashMap<Place, RwSignal<Vec<PlacedFinding>>>,
}

impl Data {
    fn findings_at(&self, place: Place) -> Vec<PlacedFinding> {
        let own = place
            .project()
            .and_then(|p| self.own.get(&p))
            .and_then(|m| m.get(&place));
        own.into_iter()
            .chain(self.document.get(&place))
            .flatten()
            .cloned()
            .collect()
    }

    /// Sets the signals of `places` that someone shows.
    fn refresh(&self, places: &[Place]) {
        for place in places {
            if let Some(signal) = self.signals.get(place) {
                let now = self.findings_at(*place);
                if signal.with_untracked(|before| *before != now) {
                    signal.set(now);
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct Router {
    data: StoredValue<Data>,
    /// The session's owner: a place's signal outlives the view that first
    /// asked for it (the step is left and opened again).
    owner: StoredValue<Owner>,
}

impl Router {
    /// A router whose signals live as long as `owner` (the editing session).
    pub fn new(owner: Owner) -> Self {
        Router {
            data: StoredValue::new(Data::default()),
            owner: StoredValue::new(owner),
        }
    }

    /// A project's own findings, grouped anew after a change.
    pub fn set_own(&self, project: ProjectId, grouped: ByPlace) {
        self.data.update_value(|d| {
            let before = d.own.insert(project, grouped).unwrap_or_default();
            let changed = changed_places(&before, &d.own[&project]);
            d.refresh(&changed);
        });
    }

    /// The document-level findings, grouped anew after a change.
    pub fn set_document(&self, grouped: ByPlace) {
        self.data.update_value(|d| {
            let before = std::mem::replace(&mut d.document, grouped);
            let changed = changed_places(&before, &d.document);
            d.refresh(&changed);
        });
    }

    /// The findings of one place as a signal of its own, made on first use
    /// under the session's owner.
    pub fn signal(&self, place: Place) -> RwSignal<Vec<PlacedFinding>> {
        if let Some(s) = self.data.with_value(|d| d.signals.get(&place).copied()) {
            return s;
        }
        let initial = self.data.with_value(|d| d.findings_at(place));
        let signal = self.owner.get_value().with(|| RwSignal::new(initial));
        self.data.update_value(|d| {
            d.signals.insert(place, signal);
        });
        signal
    }

    /// Forgets the places for which `gone` holds (a removed row, goal, paragraph
    /// or project), disposing their signals.
    pub fn forget(&self, gone: impl Fn(&Place) -> bool) {
        self.data.update_value(|d| {
            d.signals.retain(|place, signal| {
                let keep = !gone(place);
                if !keep {
                    signal.dispose();
                }
                keep
            });
        });
    }

    pub fn forget_project(&self, project: ProjectId) {
        self.data.update_value(|d| {
            d.own.remove(&project);
        });
        self.forget(|p| p.project() == Some(project));
    }
}
