//! What the editor remembers of a draft besides the document (the open step,
//! which fields' findings were shown), written with explicit names so that
//! renaming a type in code never silently drops a preparer's memory.

use crate::core::findings::{HeadField, Location, ProjectField};
use crate::core::model::{Checkpoint, DepartmentList, IndicatorField};

/// A step by position, as it is remembered and put in the page's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKey {
    Basic,
    Department,
    /// The project at this position (0-based).
    Project(usize),
    Review,
}

impl StepKey {
    /// `basic`, `department`, `project-3` (1-based, as a preparer counts), `review`.
    pub fn key(self) -> String {
        match self {
            StepKey::Basic => "basic".into(),
            StepKey::Department => "department".into(),
            StepKey::Project(i) => format!("project-{}", i + 1),
            StepKey::Review => "review".into(),
        }
    }

    pub fn parse(text: &str) -> Option<StepKey> {
        Some(match text {
            "basic" => StepKey::Basic,
            "department" => StepKey::Department,
            "review" => StepKey::Review,
            _ => {
                let n: usize = text.strip_prefix("project-")?.parse().ok()?;
                StepKey::Project(n.checked_sub(1)?)
            }
        })
    }
}

/// `head:unit.code`, `department:sub_goals:2`, `project:3:indicator:5:value`
/// (positions 1-based, keys those of format.md).
pub fn location_key(location: Location) -> String {
    match location {
        Location::Head(field) => format!("head:{}", field.key()),
        Location::Department(list, None) => format!("department:{}", list.key()),
        Location::Department(list, Some(i)) => format!("department:{}:{}", list.key(), i + 1),
        Location::Project(p, field) => {
            let rest = match field {
                ProjectField::Code => "code".to_string(),
                ProjectField::Name => "name".to_string(),
                ProjectField::BudgetTotal => "budget.total".to_string(),
                ProjectField::BudgetFiscal => "budget.fiscal".to_string(),
                ProjectField::BudgetOther => "budget.other".to_string(),
                ProjectField::UseOfFunds => "use_of_funds".to_string(),
                ProjectField::SpendingPlan(None) => "spending_plan".to_string(),
                ProjectField::SpendingPlan(Some(c)) => format!("spending_plan.{}", c.key()),
                ProjectField::Goals(None) => "goals".to_string(),
                ProjectField::Goals(Some(i)) => format!("goals:{}", i + 1),
                ProjectField::Indicators => "indicators".to_string(),
                ProjectField::Indicator(r, None) => format!("indicators:{}", r + 1),
                ProjectField::Indicator(r, Some(f)) => format!("indicators:{}:{}", r + 1, f.key()),
            };
            format!("project:{}:{rest}", p + 1)
        }
    }
}

/// Reads a [`location_key`]; `None` for anything else (an old or foreign memory).
pub fn parse_location_key(text: &str) -> Option<Location> {
    let mut parts = text.split(':');
    let position = |s: Option<&str>| s?.parse::<usize>().ok()?.checked_sub(1);
    let location = match parts.next()? {
        "head" => {
            let key = parts.next()?;
            Location::Head(*HeadField::ALL.iter().find(|f| f.key() == key)?)
        }
        "department" => {
            let key = parts.next()?;
            let list = *DepartmentList::ALL.iter().find(|l| l.key() == key)?;
            match parts.next() {
                None => Location::Department(list, None),
                some => Location::Department(list, Some(position(some)?)),
            }
        }
        "project" => {
            let p = position(parts.next())?;
            let field = match parts.next()? {
                "code" => ProjectField::Code,
                "name" => ProjectField::Name,
                "budget.total" => ProjectField::BudgetTotal,
                "budget.fiscal" => ProjectField::BudgetFiscal,
                "budget.other" => ProjectField::BudgetOther,
                "use_of_funds" => ProjectField::UseOfFunds,
                "spending_plan" => ProjectField::SpendingPlan(None),
                "goals" => match parts.next() {
                    None => ProjectField::Goals(None),
                    some => ProjectField::Goals(Some(position(some)?)),
                },
                "indicators" => match parts.next() {
                    None => ProjectField::Indicators,
                    some => {
                        let row = position(some)?;
                        match parts.next() {
                            None => ProjectField::Indicator(row, None),
                            Some(key) => ProjectField::Indicator(
                                row,
                                Some(*IndicatorField::ALL.iter().find(|f| f.key() == key)?),
                            ),
                        }
                    }
                },
                other => {
                    let key = other.strip_prefix("spending_plan.")?;
                    ProjectField::SpendingPlan(Some(
                        *Checkpoint::ALL.iter().find(|c| c.key() == key)?,
                    ))
                }
            };
            Location::Project(p, field)
        }
        _ => return None,
    };
    parts.next().is_none().then_some(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_location_reads_back() {
        let all = [
            Location::Head(HeadField::UnitName),
            Location::Department(DepartmentList::SubGoals, None),
            Location::Department(DepartmentList::Safeguards, Some(2)),
            Location::Project(0, ProjectField::Code),
            Location::Project(3, ProjectField::BudgetOther),
            Location::Project(1, ProjectField::SpendingPlan(Some(Checkpoint::Oct))),
            Location::Project(1, ProjectField::SpendingPlan(None)),
            Location::Project(1, ProjectField::Goals(Some(0))),
            Location::Project(1, ProjectField::Goals(None)),
            Location::Project(1, ProjectField::Indicators),
            Location::Project(1, ProjectField::Indicator(4, None)),
            Location::Project(9, ProjectField::Indicator(4, Some(IndicatorField::Basis))),
        ];
        for l in all {
            assert_eq!(parse_location_key(&location_key(l)), Some(l), "{l:?}");
        }
        assert_eq!(
            location_key(Location::Project(
                2,
                ProjectField::Indicator(4, Some(IndicatorField::Value))
            )),
            "project:3:indicators:5:value"
        );
    }

    #[test]
    fn foreign_text_is_not_a_location() {
        for bad in [
            "",
            "head",
            "head:x",
            "project:0:code",
            "project:1:code:x",
            "{\"project\":1}",
        ] {
            assert_eq!(parse_location_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn steps_have_names() {
        for s in [
            StepKey::Basic,
            StepKey::Department,
            StepKey::Project(4),
            StepKey::Review,
        ] {
            assert_eq!(StepKey::parse(&s.key()), Some(s));
        }
        assert_eq!(StepKey::Project(0).key(), "project-1");
        assert_eq!(StepKey::parse("project-0"), None);
    }
}
