//! The items of the open document that a preparer adds, moves and deletes:
//! paragraphs (and goals), indicator rows and projects. Each is created under
//! a reactive owner of its own, so removing it disposes what it owned.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::findings::{Counts, Finding, ProjectField};
use crate::core::model::{
    Budget, Checkpoint, Extra, Indicator, IndicatorField, Project, SpendingPlan,
};
use crate::core::rules::{check_project_rows, PreparedRow};
use crate::ui::plain::ids::{ParagraphId, ProjectId, RowId};
use crate::ui::plain::places::{ProjectIds, ProjectPlace};
use crate::ui::plain::routing::group_project;

use super::routing::Router;

/// Runs `make` under a new child of `parent`: what it creates is disposed
/// together when the item is removed.
pub(super) fn owned<T>(parent: &Owner, make: impl FnOnce() -> T) -> (Owner, T) {
    let owner = parent.child();
    let value = owner.with(make);
    (owner, value)
}

/// Disposes `owner` once the keyed list has dropped the removed item's view
/// (which still holds its signals until it re-renders, in a microtask).
pub(super) fn dispose_later(owner: Owner) {
    set_timeout(move || owner.cleanup(), std::time::Duration::ZERO);
}

#[derive(Clone)]
pub struct Paragraph {
    pub id: ParagraphId,
    pub text: RwSignal<String>,
    pub(super) owner: Owner,
}

impl Paragraph {
    pub(super) fn new(parent: &Owner, id: ParagraphId, text: &str) -> Self {
        let (owner, text) = owned(parent, || RwSignal::new(text.to_string()));
        Paragraph { id, text, owner }
    }
}

#[derive(Clone)]
pub struct RowState {
    pub id: RowId,
    pub cells: [RwSignal<String>; 6],
    /// A 二级 cleared because a new 一级 did not take it, with that 一级: given
    /// back if the preparer returns to it (browsing 一级 with the arrow keys).
    pub(super) set_aside: StoredValue<Option<(String, String)>>,
    /// 上年指标值, never edited: written back as it came.
    pub last_year_value: Option<Arc<str>>,
    /// Keys of the file this app does not know, written back untouched.
    pub extra: Arc<Extra>,
    /// The row's cells as the rules read them, made again only when one of
    /// them changes: the project's check then reads this row's preparation
    /// instead of re-reading and re-parsing every row of its table.
    pub(super) prepared: Memo<Arc<PreparedRow>>,
    pub(super) owner: Owner,
}

impl RowState {
    pub(super) fn new(parent: &Owner, id: RowId, row: &Indicator) -> Self {
        let (owner, (cells, set_aside, prepared)) = owned(parent, || {
            let cells = IndicatorField::ALL.map(|f| RwSignal::new(row.get(f).clone()));
            // Only the cells: the rules read neither 上年指标值 nor unknown keys.
            let prepared = Memo::new(move |_| {
                let mut checked = Indicator::default();
                for f in IndicatorField::ALL {
                    *checked.get_mut(f) = cells[f as usize].get();
                }
                Arc::new(PreparedRow::new(checked))
            });
            (cells, StoredValue::new(None), prepared)
        });
        RowState {
            id,
            cells,
            set_aside,
            prepared,
            last_year_value: row.last_year_value.as_deref().map(Arc::from),
            extra: Arc::new(row.extra.clone()),
            owner,
        }
    }

    pub fn cell(&self, field: IndicatorField) -> RwSignal<String> {
        self.cells[field as usize]
    }

    pub(super) fn to_core(&self) -> Indicator {
        let mut row = Indicator {
            last_year_value: self.last_year_value.as_deref().map(String::from),
            extra: (*self.extra).clone(),
            ..Default::default()
        };
        for f in IndicatorField::ALL {
            *row.get_mut(f) = self.cell(f).get();
        }
        row
    }
}

/// The unknown keys of a project's nested objects.
#[derive(Clone, Default)]
struct ProjectExtras {
    project: Extra,
    budget: Extra,
    spending_plan: Extra,
}

#[derive(Clone)]
pub struct ProjectState {
    pub id: ProjectId,
    pub code: RwSignal<String>,
    pub name: RwSignal<String>,
    pub total: RwSignal<String>,
    pub fiscal: RwSignal<String>,
    pub other: RwSignal<String>,
    pub use_of_funds: RwSignal<String>,
    pub plan: [RwSignal<String>; 4],
    pub goals: RwSignal<Vec<Paragraph>>,
    pub rows: RwSignal<Vec<RowState>>,
    extras: Arc<ProjectExtras>,
    /// This project's findings (rules A–E, F1, F4), re-run when one of its own
    /// fields or the 预算年度 changes, and only then.
    pub findings: Memo<Vec<Finding<ProjectField>>>,
    /// Their counts, for the step list: unchanged counts notify nobody.
    pub counts: Memo<Counts>,
    pub(super) owner: Owner,
}

impl ProjectState {
    pub(super) fn new(
        parent: &Owner,
        id: ProjectId,
        p: &Project,
        year: RwSignal<String>,
        router: Router,
    ) -> Self {
        let owner = parent.child();
        let state = owner.with(|| {
            let goals = p
                .goals
                .iter()
                .map(|g| Paragraph::new(&owner, ParagraphId::fresh(), g));
            let rows = p
                .indicators
                .iter()
                .map(|r| RowState::new(&owner, RowId::fresh(), r));
            let mut state = ProjectState {
                id,
                code: RwSignal::new(p.code.clone()),
                name: RwSignal::new(p.name.clone()),
                total: RwSignal::new(p.budget.total.clone()),
                fiscal: RwSignal::new(p.budget.fiscal.clone()),
                other: RwSignal::new(p.budget.other.clone()),
                use_of_funds: RwSignal::new(p.use_of_funds.clone()),
                plan: Checkpoint::ALL.map(|c| RwSignal::new(p.spending_plan.get(c).clone())),
                goals: RwSignal::new(goals.collect()),
                rows: RwSignal::new(rows.collect()),
                extras: Arc::new(ProjectExtras {
                    project: p.extra.clone(),
                    budget: p.budget.extra.clone(),
                    spending_plan: p.spending_plan.extra.clone(),
                }),
                findings: Memo::new(|_| Vec::new()),
                counts: Memo::new(|_| Counts::default()),
                owner: owner.clone(),
            };
            let this = state.clone();
            let findings = Memo::new(move |_| {
                let rows: Vec<Arc<PreparedRow>> = this
                    .rows
                    .with(|rs| rs.iter().map(|r| r.prepared.get()).collect());
                check_project_rows(&this.head(), &rows, &year.get())
            });
            state.findings = findings;
            state.counts = Memo::new(move |_| findings.with(|f| Counts::of(f)));
            // Routes this project's findings to its places; rows and goals
            // are tracked so a move re-places them even when nothing changed.
            let (rows, goals) = (state.rows, state.goals);
            Effect::new(move |_| {
                let row_ids: Vec<RowId> = rows.with(|rs| rs.iter().map(|r| r.id).collect());
                let goal_ids: Vec<ParagraphId> = goals.with(|gs| gs.iter().map(|g| g.id).collect());
                let ids = ProjectIds {
                    id,
                    rows: &row_ids,
                    goals: &goal_ids,
                };
                let grouped = findings.with(|f| group_project(f, &ids));
                untrack(|| router.set_own(id, grouped));
            });
            Owner::on_cleanup(move || router.forget_project(id));
            state
        });
        state
    }

    /// The project's own fields without its rows, as the rules read them
    /// (tracked; its rows come prepared, see `RowState::prepared`).
    fn head(&self) -> Project {
        let mut plan = SpendingPlan::default();
        for (i, c) in Checkpoint::ALL.iter().enumerate() {
            *plan.get_mut(*c) = self.plan[i].get();
        }
        Project {
            code: self.code.get(),
            name: self.name.get(),
            budget: Budget {
                total: self.total.get(),
                fiscal: self.fiscal.get(),
                other: self.other.get(),
                ..Default::default()
            },
            use_of_funds: self.use_of_funds.get(),
            spending_plan: plan,
            goals: self
                .goals
                .with(|g| g.iter().map(|p| p.text.get()).collect()),
            ..Default::default()
        }
    }

    /// The project as the core sees it. Reads every field (tracked).
    pub fn to_core(&self) -> Project {
        let mut project = self.head();
        project.budget.extra = self.extras.budget.clone();
        project.spending_plan.extra = self.extras.spending_plan.clone();
        project.extra = self.extras.project.clone();
        project.indicators = self
            .rows
            .with(|r| r.iter().map(RowState::to_core).collect());
        project
    }

    pub fn plan_of(&self, c: Checkpoint) -> RwSignal<String> {
        self.plan[c as usize]
    }

    /// The signal of a head field of the project (`None` for places that gather others).
    pub fn field(&self, place: ProjectPlace) -> Option<RwSignal<String>> {
        Some(match place {
            ProjectPlace::Code => self.code,
            ProjectPlace::Name => self.name,
            ProjectPlace::BudgetTotal => self.total,
            ProjectPlace::BudgetFiscal => self.fiscal,
            ProjectPlace::BudgetOther => self.other,
            ProjectPlace::UseOfFunds => self.use_of_funds,
            ProjectPlace::Checkpoint(c) => self.plan_of(c),
            _ => return None,
        })
    }

    pub fn display_name(&self) -> String {
        let name = self.name.get();
        if name.trim().is_empty() {
            "未命名项目".to_string()
        } else {
            name.trim().to_string()
        }
    }

    pub(super) fn row(&self, id: RowId) -> Option<RowState> {
        self.rows
            .with_untracked(|rs| rs.iter().find(|r| r.id == id).cloned())
    }

    pub(super) fn row_ids(&self) -> Vec<RowId> {
        self.rows
            .with_untracked(|rs| rs.iter().map(|r| r.id).collect())
    }

    pub(super) fn goal_ids(&self) -> Vec<ParagraphId> {
        self.goals
            .with_untracked(|gs| gs.iter().map(|g| g.id).collect())
    }
}
