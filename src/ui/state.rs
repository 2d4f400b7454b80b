//! The document in reactive state: one signal per field the preparer types
//! into, so a keystroke re-renders that field and re-validates only its own
//! project (plus the cheap document-level rules).
//!
//! Rows, projects and paragraphs carry a stable `Id`, never their position or
//! their text: `<For>` keys on it, so a row keeps its DOM node (and the focus)
//! while it is edited, moved or its neighbours are deleted.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::findings::{Counts, Field, Finding, Location};
use crate::core::model::{
    Budget, Checkpoint, Department, DepartmentList, Document, Extra, Indicator, IndicatorField,
    Project, SpendingPlan, Unit,
};
use crate::core::rules::{check_project, validate_document_level};

pub type Id = u64;

/// A fresh id, unique for the page's life.
pub fn next_id() -> Id {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone)]
pub struct Paragraph {
    pub id: Id,
    pub text: RwSignal<String>,
}

impl Paragraph {
    pub fn new(text: &str) -> Self {
        Paragraph {
            id: next_id(),
            text: RwSignal::new(text.to_string()),
        }
    }
}

#[derive(Clone)]
pub struct Row {
    pub id: Id,
    pub cells: [RwSignal<String>; 6],
    /// Keys of the file this app does not know, written back untouched.
    pub extra: Arc<Extra>,
}

impl Row {
    pub fn new(row: &Indicator) -> Self {
        Row {
            id: next_id(),
            cells: IndicatorField::ALL.map(|f| RwSignal::new(row.get(f).clone())),
            extra: Arc::new(row.extra.clone()),
        }
    }

    pub fn cell(&self, field: IndicatorField) -> RwSignal<String> {
        self.cells[field as usize]
    }

    fn to_core(&self) -> Indicator {
        let mut row = Indicator {
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
pub struct ProjectExtras {
    pub project: Extra,
    pub budget: Extra,
    pub spending_plan: Extra,
}

#[derive(Clone)]
pub struct ProjectState {
    pub id: Id,
    pub code: RwSignal<String>,
    pub name: RwSignal<String>,
    pub total: RwSignal<String>,
    pub fiscal: RwSignal<String>,
    pub other: RwSignal<String>,
    pub use_of_funds: RwSignal<String>,
    pub plan: [RwSignal<String>; 4],
    pub goals: RwSignal<Vec<Paragraph>>,
    pub rows: RwSignal<Vec<Row>>,
    pub extras: Arc<ProjectExtras>,
    /// This project's findings (rules A–E, F1, F4), re-run when one of its own
    /// fields or the 预算年度 changes, and only then.
    pub findings: Memo<Vec<Finding>>,
    /// Their counts, for the step list: unchanged counts notify nobody.
    pub counts: Memo<Counts>,
}

impl ProjectState {
    pub fn new(p: &Project, year: RwSignal<String>) -> Self {
        let code = RwSignal::new(p.code.clone());
        let name = RwSignal::new(p.name.clone());
        let total = RwSignal::new(p.budget.total.clone());
        let fiscal = RwSignal::new(p.budget.fiscal.clone());
        let other = RwSignal::new(p.budget.other.clone());
        let use_of_funds = RwSignal::new(p.use_of_funds.clone());
        let plan = Checkpoint::ALL.map(|c| RwSignal::new(p.spending_plan.get(c).clone()));
        let goals = RwSignal::new(
            p.goals
                .iter()
                .map(|g| Paragraph::new(g))
                .collect::<Vec<_>>(),
        );
        let rows = RwSignal::new(p.indicators.iter().map(Row::new).collect::<Vec<_>>());
        let extras = Arc::new(ProjectExtras {
            project: p.extra.clone(),
            budget: p.budget.extra.clone(),
            spending_plan: p.spending_plan.extra.clone(),
        });
        let mut state = ProjectState {
            id: next_id(),
            code,
            name,
            total,
            fiscal,
            other,
            use_of_funds,
            plan,
            goals,
            rows,
            extras,
            findings: Memo::new(|_| Vec::new()),
            counts: Memo::new(|_| Counts::default()),
        };
        let this = state.clone();
        // Index 0: the project's place is the UI's to know; only fields count here.
        let findings = Memo::new(move |_| check_project(&this.to_core(), &year.get(), 0));
        state.findings = findings;
        state.counts = Memo::new(move |_| findings.with(|f| Counts::of(f)));
        state
    }

    /// The project as the core sees it. Reads every field (tracked).
    pub fn to_core(&self) -> Project {
        let mut plan = SpendingPlan {
            extra: self.extras.spending_plan.clone(),
            ..Default::default()
        };
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
                extra: self.extras.budget.clone(),
            },
            use_of_funds: self.use_of_funds.get(),
            spending_plan: plan,
            goals: self
                .goals
                .with(|g| g.iter().map(|p| p.text.get()).collect()),
            indicators: self.rows.with(|r| r.iter().map(Row::to_core).collect()),
            extra: self.extras.project.clone(),
        }
    }

    /// Only what the document-level rules read (see `validate_document_level`).
    fn to_light_core(&self) -> Project {
        Project {
            code: self.code.get(),
            name: self.name.get(),
            budget: Budget {
                total: self.total.get(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    pub fn plan_of(&self, c: Checkpoint) -> RwSignal<String> {
        self.plan[c as usize]
    }

    pub fn display_name(&self) -> String {
        let name = self.name.get();
        if name.trim().is_empty() {
            "未命名项目".to_string()
        } else {
            name.trim().to_string()
        }
    }
}

/// What the document keeps that nobody types: written back as it came.
#[derive(Clone, Default)]
pub struct DocExtras {
    pub money_unit: String,
    pub saved_at: String,
    pub document: Extra,
    pub unit: Extra,
    pub department: Extra,
}

#[derive(Clone, Copy)]
pub struct DocState {
    pub year: RwSignal<String>,
    pub unit_code: RwSignal<String>,
    pub unit_name: RwSignal<String>,
    pub lists: [RwSignal<Vec<Paragraph>>; 3],
    pub projects: RwSignal<Vec<ProjectState>>,
    pub extras: StoredValue<DocExtras>,
    /// Bumped on every change, so autosave watches one signal, not thousands.
    pub revision: RwSignal<u64>,
    /// Rules F2, F3, F5 and G1–G4, over a light copy of the document.
    pub doc_findings: Memo<Vec<Finding>>,
    /// The reactive owner of this editing session. Rows, paragraphs and
    /// projects added later are created under it: created under a step's view
    /// instead, they would be disposed when the preparer moves to another step.
    owner: StoredValue<Option<Owner>>,
    /// One signal per shown place holding its findings, set only when they
    /// change. Fields subscribe to their own signal, not to the project's
    /// findings: a keystroke then re-renders the fields whose findings it
    /// changed, and not the hundreds of others (each re-run would also
    /// re-subscribe to the shared signals, which costs more than the rules).
    hub: StoredValue<HashMap<Place, RwSignal<Vec<Finding>>>>,
}

impl DocState {
    pub fn new(doc: &Document) -> Self {
        let year = RwSignal::new(doc.year.clone());
        let unit_code = RwSignal::new(doc.unit.code.clone());
        let unit_name = RwSignal::new(doc.unit.name.clone());
        let lists = DepartmentList::ALL.map(|l| {
            RwSignal::new(
                doc.department
                    .list(l)
                    .iter()
                    .map(|p| Paragraph::new(p))
                    .collect::<Vec<_>>(),
            )
        });
        let projects = RwSignal::new(
            doc.projects
                .iter()
                .map(|p| ProjectState::new(p, year))
                .collect::<Vec<_>>(),
        );
        let extras = StoredValue::new(DocExtras {
            money_unit: doc.money_unit.clone(),
            saved_at: doc.saved_at.clone(),
            document: doc.extra.clone(),
            unit: doc.unit.extra.clone(),
            department: doc.department.extra.clone(),
        });
        let doc_findings = Memo::new(move |_| {
            let light = Document {
                year: year.get(),
                unit: Unit {
                    code: unit_code.get(),
                    name: unit_name.get(),
                    ..Default::default()
                },
                department: department_of(lists),
                projects: projects.with(|ps| ps.iter().map(ProjectState::to_light_core).collect()),
                ..Default::default()
            };
            validate_document_level(&light)
        });
        let state = DocState {
            year,
            unit_code,
            unit_name,
            lists,
            projects,
            extras,
            revision: RwSignal::new(0),
            doc_findings,
            owner: StoredValue::new(Owner::current()),
            hub: StoredValue::new(HashMap::new()),
        };
        for p in projects.get_untracked() {
            state.watch(&p);
        }
        // The head and the department part follow the document-level rules.
        Effect::new(move |_| {
            doc_findings.track();
            lists.iter().for_each(|l| l.track());
            state.refresh(None);
        });
        state
    }

    /// Keeps the findings signals of project `p`'s places up to date.
    fn watch(&self, p: &ProjectState) {
        let (this, pid, findings, rows, goals) = (*self, p.id, p.findings, p.rows, p.goals);
        self.create(|| {
            Effect::new(move |_| {
                findings.track();
                rows.track();
                goals.track();
                this.doc_findings.track();
                this.refresh(Some(pid));
            })
        });
    }

    /// Sets the findings signal of every place of `project` (None: head and
    /// department) whose findings changed. Each memo is read once here, not
    /// once per place: reading a memo checks all its sources.
    fn refresh(&self, project: Option<Id>) {
        untrack(|| {
            let places: Vec<(Place, RwSignal<Vec<Finding>>)> = self.hub.with_value(|h| {
                h.iter()
                    .filter(|(p, _)| p.project() == project)
                    .map(|(p, s)| (*p, *s))
                    .collect()
            });
            if places.is_empty() {
                return;
            }
            let own = project
                .and_then(|pid| self.project(pid))
                .map(|p| p.findings.get())
                .unwrap_or_default();
            let doc = self.doc_findings.get();
            for (place, signal) in places {
                let now = self.findings_in(place, &own, &doc);
                if signal.with_untracked(|before| *before != now) {
                    signal.set(now);
                }
            }
        });
    }

    /// The findings of one place as a signal of its own (see `hub`).
    pub fn findings_signal(&self, place: Place) -> RwSignal<Vec<Finding>> {
        if let Some(signal) = self.hub.with_value(|h| h.get(&place).copied()) {
            return signal;
        }
        let initial = untrack(|| self.findings_at(place));
        let signal = self.create(|| RwSignal::new(initial));
        self.hub.update_value(|h| {
            h.insert(place, signal);
        });
        signal
    }

    /// Runs `make` under the session's owner (see `owner`).
    pub fn create<T>(&self, make: impl FnOnce() -> T) -> T {
        match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }

    pub fn new_paragraph(&self) -> Paragraph {
        self.create(|| Paragraph::new(""))
    }

    pub fn new_row(&self) -> Row {
        self.create(|| Row::new(&Indicator::default()))
    }

    pub fn new_project(&self) -> ProjectState {
        let year = self.year;
        let project = self.create(|| ProjectState::new(&Project::default(), year));
        self.watch(&project);
        project
    }

    pub fn list(&self, list: DepartmentList) -> RwSignal<Vec<Paragraph>> {
        self.lists[list as usize]
    }

    /// Marks the document changed (for autosave).
    pub fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// The whole document as the core sees it. Reads every field (tracked).
    pub fn to_core(&self) -> Document {
        let extras = self.extras.get_value();
        let mut department = department_of(self.lists);
        department.extra = extras.department;
        Document {
            year: self.year.get(),
            unit: Unit {
                code: self.unit_code.get(),
                name: self.unit_name.get(),
                extra: extras.unit,
            },
            money_unit: extras.money_unit,
            department,
            projects: self
                .projects
                .with(|ps| ps.iter().map(ProjectState::to_core).collect()),
            saved_at: extras.saved_at,
            extra: extras.document,
        }
    }

    pub fn project(&self, id: Id) -> Option<ProjectState> {
        self.projects
            .with(|ps| ps.iter().find(|p| p.id == id).cloned())
    }

    pub fn project_index(&self, id: Id) -> Option<usize> {
        self.projects.with(|ps| ps.iter().position(|p| p.id == id))
    }

    /// Every finding of the document, with project indices as they stand now.
    pub fn all_findings(&self) -> Vec<Finding> {
        let mut all = self.doc_findings.get();
        self.projects.with(|ps| {
            for (i, p) in ps.iter().enumerate() {
                all.extend(p.findings.get().into_iter().map(|mut f| {
                    f.location.project = Some(i);
                    f
                }));
            }
        });
        crate::core::rules::sort_by_place(&mut all);
        all
    }

    /// Counts of the whole document, added up from each project's counts (no
    /// finding is copied: this runs on every keystroke for the step list).
    pub fn total_counts(&self) -> Counts {
        let mut total = self.doc_findings.with(|f| Counts::of(f));
        self.projects.with(|ps| {
            for p in ps {
                let c = p.counts.get();
                total.errors += c.errors;
                total.warnings += c.warnings;
                total.infos += c.infos;
            }
        });
        total
    }

    /// Counts of one project: its own findings and the document-level ones that name it.
    pub fn project_counts(&self, id: Id) -> Counts {
        let Some(index) = self.project_index(id) else {
            return Counts::default();
        };
        let Some(p) = self.project(id) else {
            return Counts::default();
        };
        let mut c = p.counts.get();
        let doc = self
            .doc_findings
            .with(|f| Counts::of(f.iter().filter(|f| f.location.project == Some(index))));
        c.errors += doc.errors;
        c.warnings += doc.warnings;
        c.infos += doc.infos;
        c
    }

    pub fn head_counts(&self) -> Counts {
        let found = self.doc_findings.get();
        Counts::of(found.iter().filter(|f| {
            f.location.project.is_none()
                && matches!(
                    f.location.field,
                    Field::Year | Field::UnitCode | Field::UnitName
                )
        }))
    }

    pub fn department_counts(&self) -> Counts {
        let found = self.doc_findings.get();
        Counts::of(
            found
                .iter()
                .filter(|f| matches!(f.location.field, Field::Department(..))),
        )
    }

    /// The place in the editor a finding concerns, with stable ids.
    pub fn place_of(&self, location: &Location) -> Option<Place> {
        match (location.project, location.field) {
            (None, Field::Department(list, None)) => Some(Place::List(list)),
            (None, Field::Department(list, Some(i))) => self
                .list(list)
                .with_untracked(|ps| ps.get(i).map(|p| Place::Paragraph(list, p.id))),
            (None, field) => Some(Place::Head(field)),
            (Some(i), field) => {
                let p = self.projects.with_untracked(|ps| ps.get(i).cloned())?;
                let place = match field {
                    Field::Goals(Some(g)) => {
                        ProjectPlace::Goal(p.goals.with_untracked(|gs| gs.get(g).map(|x| x.id))?)
                    }
                    Field::Indicator(r, Some(f)) => {
                        ProjectPlace::Cell(p.rows.with_untracked(|rs| rs.get(r).map(|x| x.id))?, f)
                    }
                    Field::Indicator(r, None) => ProjectPlace::Cell(
                        p.rows.with_untracked(|rs| rs.get(r).map(|x| x.id))?,
                        IndicatorField::Level1,
                    ),
                    other => ProjectPlace::Field(other),
                };
                Some(Place::Project(p.id, place))
            }
        }
    }

    /// Where a place stands now, as the core names it (`None` once it is gone).
    pub fn field_of(&self, place: Place) -> Option<(Option<usize>, Field)> {
        match place {
            Place::Head(field) => Some((None, field)),
            Place::List(list) => Some((None, Field::Department(list, None))),
            Place::Paragraph(list, id) => {
                let i = self
                    .list(list)
                    .with(|ps| ps.iter().position(|p| p.id == id))?;
                Some((None, Field::Department(list, Some(i))))
            }
            Place::Project(pid, pp) => {
                let index = self.project_index(pid)?;
                let p = self.project(pid)?;
                let field = match pp {
                    ProjectPlace::Field(f) => f,
                    ProjectPlace::Goal(gid) => Field::Goals(Some(
                        p.goals.with(|gs| gs.iter().position(|g| g.id == gid))?,
                    )),
                    ProjectPlace::Cell(rid, f) => Field::Indicator(
                        p.rows.with(|rs| rs.iter().position(|r| r.id == rid))?,
                        Some(f),
                    ),
                };
                Some((Some(index), field))
            }
        }
    }

    /// The findings at one place (tracked: follows every keystroke).
    pub fn findings_at(&self, place: Place) -> Vec<Finding> {
        let own = place
            .project()
            .and_then(|pid| self.project(pid))
            .map(|p| p.findings.get())
            .unwrap_or_default();
        self.findings_in(place, &own, &self.doc_findings.get())
    }

    /// The findings at `place`, from its project's own findings and the
    /// document-level ones.
    fn findings_in(&self, place: Place, own: &[Finding], doc: &[Finding]) -> Vec<Finding> {
        let Some((project, field)) = self.field_of(place) else {
            return Vec::new();
        };
        let mut found: Vec<Finding> = match place {
            Place::Project(..) => own
                .iter()
                .filter(|f| f.location.field == field)
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        found.extend(
            doc.iter()
                .filter(|f| f.location.project == project && f.location.field == field)
                .cloned(),
        );
        found
    }
}

fn department_of(lists: [RwSignal<Vec<Paragraph>>; 3]) -> Department {
    let read = |i: usize| lists[i].with(|ps| ps.iter().map(|p| p.text.get()).collect());
    Department {
        overall_goals: read(0),
        sub_goals: read(1),
        safeguards: read(2),
        extra: Extra::new(),
    }
}

/// A place in the editor, named by stable ids (unlike the core's `Field`,
/// which uses positions): what was touched, and where a finding link goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// 预算年度, 单位编码 or 单位名称.
    Head(Field),
    List(DepartmentList),
    Paragraph(DepartmentList, Id),
    Project(Id, ProjectPlace),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProjectPlace {
    /// A head field, a checkpoint, the goals as a whole or the table as a whole.
    Field(Field),
    Goal(Id),
    Cell(Id, IndicatorField),
}

impl Place {
    /// The DOM id of the control (or heading) at this place.
    pub fn dom_id(self) -> String {
        match self {
            Place::Head(Field::Year) => "f-year".into(),
            Place::Head(Field::UnitCode) => "f-unit-code".into(),
            Place::Head(_) => "f-unit-name".into(),
            Place::List(list) => format!("f-{}", list.key()),
            Place::Paragraph(list, id) => format!("f-{}-{id}", list.key()),
            Place::Project(pid, pp) => match pp {
                ProjectPlace::Field(f) => format!("f-p{pid}-{}", project_field_key(f)),
                ProjectPlace::Goal(gid) => format!("f-p{pid}-goal-{gid}"),
                ProjectPlace::Cell(rid, f) => format!("f-p{pid}-r{rid}-{}", f.key()),
            },
        }
    }

    pub fn project(self) -> Option<Id> {
        match self {
            Place::Project(pid, _) => Some(pid),
            _ => None,
        }
    }

    /// A place that gathers others (a list, the goals, the table): its findings
    /// show once anything inside it was touched.
    pub fn contains(self, other: Place) -> bool {
        match (self, other) {
            (Place::List(a), Place::Paragraph(b, _)) => a == b,
            (
                Place::Project(a, ProjectPlace::Field(Field::Goals(None))),
                Place::Project(b, ProjectPlace::Goal(_)),
            ) => a == b,
            (
                Place::Project(a, ProjectPlace::Field(Field::Indicators)),
                Place::Project(b, ProjectPlace::Cell(..)),
            ) => a == b,
            _ => self == other,
        }
    }
}

fn project_field_key(field: Field) -> String {
    match field {
        Field::ProjectCode => "code".into(),
        Field::ProjectName => "name".into(),
        Field::BudgetTotal => "total".into(),
        Field::BudgetFiscal => "fiscal".into(),
        Field::BudgetOther => "other".into(),
        Field::UseOfFunds => "use".into(),
        Field::SpendingPlan(Some(c)) => format!("plan-{}", c.key()),
        Field::SpendingPlan(None) => "plan".into(),
        Field::Goals(_) => "goals".into(),
        Field::Indicators => "indicators".into(),
        _ => "other".into(),
    }
}

/// Which findings the preparer has been shown so far: a field says nothing
/// until it was left once, or 检查与导出 was opened, or the file was imported.
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
