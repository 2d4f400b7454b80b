//! The 三级指标 cell of an indicator row: a text field (later with the
//! 指标库's completions).

use leptos::prelude::*;

use crate::core::model::IndicatorField;
use crate::ui::plain::places::Place;
use crate::ui::state::RowState;
use crate::ui::widgets::{Control, TextField};

#[component]
pub fn NameCell(row: RowState, place: Place) -> impl IntoView {
    let field = IndicatorField::Name;
    view! {
        <TextField label=field.label() value=row.cell(field) place=place hidden_label=true findings_elsewhere=true control=Control::Paragraph />
    }
}
