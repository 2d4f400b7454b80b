//! What stands beside a place besides its findings: the reviewer's 审核意见
//! (review.md) and the preparer's 已核实. Every field, row, project and
//! department list renders this after its own findings.

use leptos::prelude::*;

use crate::ui::plain::places::Place;

/// The notes of one place. Empty until review and acknowledgement land.
#[component]
pub fn PlaceNotes(place: Place) -> impl IntoView {
    let _ = place;
}
