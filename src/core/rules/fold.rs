//! Several rules can fire on one cell for one cause: a cost row valued `≥95%`
//! is C3 (a unit cost must be 元/单位), C2 (a cost must be money) and B9 (a
//! cost takes `≤`). The most specific leads; the others are folded under it,
//! still found (the checker lists them, `status` counts them) but shown under
//! the lead and not counted apart.

use crate::core::code::Code;
use crate::core::findings::Finding;

/// Which codes a code's finding covers when both stand on the same place,
/// most specific first.
const COVERS: [(Code, &[Code]); 6] = [
    (Code::C3, &[Code::C2, Code::B9, Code::B5]),
    (Code::C2, &[Code::B9, Code::B5]),
    (Code::B7, &[Code::B5, Code::B6]),
    (Code::B6, &[Code::B5]),
    (Code::E2, &[Code::E3]),
    (Code::B12, &[Code::C17]),
];

/// Marks each finding covered by a more specific one on the same place.
pub(super) fn fold<P: PartialEq>(findings: &mut [Finding<P>]) {
    for i in 0..findings.len() {
        let covering = COVERS.iter().find_map(|(lead, covered)| {
            let here = &findings[i];
            (covered.contains(&here.code)
                && findings
                    .iter()
                    .any(|f| f.code == *lead && f.location == here.location))
            .then_some(*lead)
        });
        findings[i].folded_under = covering;
    }
}

#[cfg(test)]
mod tests {
    use crate::core::code::Code;
    use crate::core::findings::{Counts, Location, ProjectField};
    use crate::core::model::IndicatorField::{Name, Value};
    use crate::core::rules::testkit::*;
    use crate::core::rules::validate;

    #[test]
    fn a_cost_row_in_percent_leads_with_c3_and_folds_c2_and_b9() {
        let mut doc = with_cell(3, Name, "案例办理单价");
        doc.projects[0].indicators[3].value = "≥95%".into();
        let on_value: Vec<_> = validate(&doc)
            .into_iter()
            .filter(|f| f.location == Location::Project(0, ProjectField::Indicator(3, Some(Value))))
            .collect();
        let mut codes: Vec<_> = on_value.iter().map(|f| (f.code, f.folded_under)).collect();
        assert_eq!(codes[0], (Code::C3, None), "the lead comes first");
        codes.sort();
        assert_eq!(
            codes,
            [
                (Code::B9, Some(Code::C3)),
                (Code::C2, Some(Code::C3)),
                (Code::C3, None)
            ]
        );
        assert_eq!(
            Counts::of(&on_value).errors,
            1,
            "one cause, one error counted"
        );
    }

    #[test]
    fn findings_on_different_places_are_not_folded() {
        let doc = with_cell(3, Value, "≥5万元");
        let b9 = findings(&doc, "B9");
        assert_eq!(b9.len(), 1);
        assert_eq!(b9[0].folded_under, None);
    }
}
