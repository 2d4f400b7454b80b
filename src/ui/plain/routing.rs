//! Findings routed forward to the places they concern: the core names
//! positions; each place of the editor has its own list, set only when it
//! changed, so a keystroke re-renders the fields whose findings it changed
//! and not the hundreds of others.

use std::collections::HashMap;

use crate::core::findings::{Finding, ProjectField};

use super::places::{Addresses, Place, ProjectIds};

/// A finding as a place shows it.
pub type PlacedFinding = Finding<Place>;

/// Findings grouped by the place they concern.
pub type ByPlace = HashMap<Place, Vec<PlacedFinding>>;

fn placed<P>(f: &Finding<P>, place: Place) -> PlacedFinding {
    Finding {
        code: f.code,
        severity: f.severity,
        message: f.message.clone(),
        location: place,
        folded_under: f.folded_under,
    }
}

/// One project's own findings (from `check_project`), by place.
pub fn group_project(findings: &[Finding<ProjectField>], ids: &ProjectIds) -> ByPlace {
    let mut out = ByPlace::new();
    for f in findings {
        if let Some(place) = ids.place(f.location) {
            out.entry(place).or_default().push(placed(f, place));
        }
    }
    out
}

/// The document-level findings (head, department, across projects), by place.
pub fn group_document(findings: &[Finding], addresses: &impl Addresses) -> ByPlace {
    let mut out = ByPlace::new();
    for f in findings {
        if let Some(place) = addresses.place_of(f.location) {
            out.entry(place).or_default().push(placed(f, place));
        }
    }
    out
}

/// The places whose findings differ between two groupings.
pub fn changed_places(before: &ByPlace, after: &ByPlace) -> Vec<Place> {
    let mut changed: Vec<Place> = after
        .iter()
        .filter(|(place, list)| before.get(place) != Some(list))
        .map(|(place, _)| *place)
        .collect();
    changed.extend(before.keys().filter(|p| !after.contains_key(p)).copied());
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::code::Code;
    use crate::core::findings::Severity;
    use crate::core::model::IndicatorField;
    use crate::core::rules::check_project;
    use crate::ui::plain::ids::{ParagraphId, ProjectId, RowId};
    use crate::ui::plain::places::ProjectPlace;

    fn finding(code: Code, at: ProjectField) -> Finding<ProjectField> {
        Finding {
            code,
            severity: Severity::Error,
            message: String::new(),
            location: at,
            folded_under: None,
        }
    }

    #[test]
    fn a_projects_findings_land_on_its_rows_by_id() {
        let rows = [RowId::fresh(), RowId::fresh()];
        let ids = ProjectIds {
            id: ProjectId::fresh(),
            rows: &rows,
            goals: &[],
        };
        let value = |i| ProjectField::Indicator(i, Some(IndicatorField::Value));
        let grouped = group_project(
            &[
                finding(Code::B1, value(1)),
                finding(Code::B5, value(1)),
                finding(Code::A2, ProjectField::Indicators),
            ],
            &ids,
        );
        let cell = Place::Project(ids.id, ProjectPlace::Cell(rows[1], IndicatorField::Value));
        assert_eq!(grouped[&cell].len(), 2);
        assert_eq!(
            grouped[&Place::Project(ids.id, ProjectPlace::Indicators)].len(),
            1
        );
        assert_eq!(grouped.len(), 2);
    }

    #[test]
    fn a_keystroke_changes_only_the_places_whose_findings_changed() {
        let mut project = crate::core::model::Project {
            indicators: vec![Default::default(), Default::default()],
            ..Default::default()
        };
        let rows = [RowId::fresh(), RowId::fresh()];
        let goals: [ParagraphId; 0] = [];
        let ids = ProjectIds {
            id: ProjectId::fresh(),
            rows: &rows,
            goals: &goals,
        };
        let before = group_project(&check_project(&project, "2023"), &ids);
        project.indicators[1].value = "≥95%".into();
        let after = group_project(&check_project(&project, "2023"), &ids);
        let changed = changed_places(&before, &after);
        assert_eq!(
            changed,
            [Place::Project(
                ids.id,
                ProjectPlace::Cell(rows[1], IndicatorField::Value)
            )],
            "the empty-value error went away there, and nowhere else changed"
        );
    }

    #[test]
    fn a_place_that_lost_all_its_findings_is_changed() {
        let place = Place::Project(ProjectId::fresh(), ProjectPlace::Code);
        let mut before = ByPlace::new();
        before.insert(place, vec![]);
        assert_eq!(changed_places(&before, &ByPlace::new()), [place]);
    }
}
