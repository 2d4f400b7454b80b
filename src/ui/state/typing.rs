//! What the preparer types or chooses in a field: kept exactly as typed;
//! nothing changes in review mode.

use leptos::prelude::*;

use crate::core::model::{level2_choices, IndicatorField};

use super::doc::DocState;
use super::items::RowState;

impl DocState {
    /// The preparer typed into a field: the text is kept exactly as typed.
    /// Nothing changes in review mode (the fields are read-only then).
    pub fn edit(&self, field: RwSignal<String>, text: String) {
        if self.review_mode.get_untracked() {
            return;
        }
        if crate::ui::crash::test_trigger_armed() && text == crate::ui::crash::TEST_TRIGGER {
            panic!("the test trigger was typed");
        }
        field.set(text);
        self.changed();
    }

    /// A new 一级 for a row: a 二级 that does not belong under it is cleared, not
    /// kept silently wrong (C1 then asks for a choice); one that belongs stays;
    /// and coming back to the 一级 it was cleared from gives it back.
    pub fn choose_level1(&self, row: &RowState, level1: String) {
        if self.review_mode.get_untracked() {
            return;
        }
        let level2 = row.cell(IndicatorField::Level2);
        let previous1 = row.cell(IndicatorField::Level1).get_untracked();
        let current2 = level2.get_untracked();
        let fits = |l1: &str, l2: &str| level2_choices(l1).is_some_and(|c| c.contains(&l2));
        let new2 = if current2.is_empty() {
            let back = row
                .set_aside
                .get_value()
                .filter(|(l1, l2)| *l1 == level1 && fits(&level1, l2));
            back.map(|(_, l2)| {
                row.set_aside.set_value(None);
                l2
            })
        } else if !fits(&level1, &current2) {
            row.set_aside.set_value(Some((previous1, current2)));
            Some(String::new())
        } else {
            None
        };
        // 一级 first: the 二级 choices under it exist before one is selected.
        row.cell(IndicatorField::Level1).set(level1);
        if let Some(l2) = new2 {
            level2.set(l2);
        }
        self.changed();
    }
}
