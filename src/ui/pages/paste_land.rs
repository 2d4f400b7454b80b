//! 确认导入: writing what the preview showed — rows into the table
//! (`DocState::add_rows`), a project into the open document, or a new draft —
//! and the one sentence that says which, beforehand.

use leptos::prelude::*;

use crate::core::model::{Checkpoint, Document, IndicatorField, Project};
use crate::storage;
use crate::ui::context::AppState;
use crate::ui::plain::places::{Place, ProjectPlace, Step};
use crate::ui::session::{now_rfc3339, Session};
use crate::ui::state::{DocState, ProjectState};
use crate::ui::widgets::dom::focus_later;

use super::paste_preview::{Landing, Preview};

/// One sentence on what 确认导入 will do.
pub fn what_lands(preview: &Preview) -> String {
    match &preview.landing {
        Landing::Rows {
            doc,
            project,
            rows,
            replaces_blank,
        } => {
            let name = untrack(|| doc.project(*project).map(|p| p.display_name()));
            let mut s = format!(
                "将在「{}」的绩效指标表末尾添加 {} 行指标。",
                name.unwrap_or_default(),
                rows.len()
            );
            if *replaces_blank > 0 {
                s.push_str(&format!("表中原有的 {replaces_blank} 个空行将被替换。"));
            }
            s
        }
        Landing::Project {
            fills_here,
            project,
            ..
        } => {
            let name = if project.name.trim().is_empty() {
                "未命名项目"
            } else {
                project.name.trim()
            };
            if *fills_here {
                format!(
                    "将把整张项目表「{name}」（{} 行指标）填入当前这个空项目。",
                    project.indicators.len()
                )
            } else {
                format!(
                    "将新增项目「{name}」（{} 行指标），当前项目不变。",
                    project.indicators.len()
                )
            }
        }
        Landing::Draft { doc, source } => {
            let unit = if doc.unit.name.trim().is_empty() {
                "未填单位名称"
            } else {
                doc.unit.name.trim()
            };
            let rows: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
            format!(
                "将新建一份草稿：{unit} {}，{} 个项目，共 {rows} 行指标（来源：{source}）。已有的草稿不变。",
                doc.year.trim(),
                doc.projects.len()
            )
        }
    }
}

/// Writes what the preview showed. Focus goes to what landed.
pub fn land(landing: Landing, app: AppState, session: Option<Session>) {
    match landing {
        Landing::Rows {
            doc,
            project,
            rows,
            replaces_blank,
        } => {
            let Some(project) = untrack(|| doc.project(project)) else {
                return;
            };
            if replaces_blank > 0 {
                for id in project
                    .rows
                    .with_untracked(|rs| rs.iter().map(|r| r.id).collect::<Vec<_>>())
                {
                    let _ = doc.remove_row(&project, id);
                }
            }
            let ids = doc.add_rows(&project, &rows);
            let pid = project.id;
            if let Some(session) = &session {
                // The preview showed their findings: they stay in view.
                session
                    .shown
                    .touch(Place::Project(pid, ProjectPlace::Indicators));
                for id in &ids {
                    for f in IndicatorField::ALL {
                        session
                            .shown
                            .touch(Place::Project(pid, ProjectPlace::Cell(*id, f)));
                    }
                }
            }
            if let Some(first) = ids.first() {
                focus_later(
                    Place::Project(pid, ProjectPlace::Cell(*first, IndicatorField::Level1))
                        .dom_id(),
                );
            }
        }
        Landing::Project {
            doc,
            here,
            fills_here,
            project,
        } => {
            let id = if fills_here { here } else { doc.add_project() };
            let target = untrack(|| doc.project(id));
            let Some(target) = target else { return };
            fill(doc, &target, &project);
            if let Some(session) = session {
                session.shown.leave(Step::Project(target.id));
                session.go(Step::Project(target.id), None);
            }
        }
        Landing::Draft { doc, source } => open_draft(app, *doc, source),
    }
}

/// Types a whole project into a blank one, field by field, as the preparer would.
fn fill(doc: DocState, p: &ProjectState, data: &Project) {
    let pairs = [
        (p.code, &data.code),
        (p.name, &data.name),
        (p.total, &data.budget.total),
        (p.fiscal, &data.budget.fiscal),
        (p.other, &data.budget.other),
        (p.use_of_funds, &data.use_of_funds),
    ];
    for (field, text) in pairs {
        doc.edit(field, text.clone());
    }
    for c in Checkpoint::ALL {
        doc.edit(p.plan_of(c), data.spending_plan.get(c).clone());
    }
    let mut goals = p.goals.get_untracked().into_iter();
    for text in &data.goals {
        let field = goals.next().map(|g| g.text).or_else(|| {
            let id = doc.add_goal(p);
            p.goals
                .with_untracked(|gs| gs.iter().find(|g| g.id == id).map(|g| g.text))
        });
        if let Some(field) = field {
            doc.edit(field, text.clone());
        }
    }
    // Blank goals beyond the pasted ones would only say 请填写.
    for extra in goals {
        let _ = doc.remove_goal(p, extra.id);
    }
    for id in p
        .rows
        .with_untracked(|rs| rs.iter().map(|r| r.id).collect::<Vec<_>>())
    {
        let _ = doc.remove_row(p, id);
    }
    doc.add_rows(p, &data.indicators);
}

/// Opens `doc` as a new draft (every finding shown, as for an imported
/// file), saved before it is shown.
fn open_draft(app: AppState, doc: Document, source: String) {
    app.notice.set(None);
    let id = app.create(&doc, storage::UiMemory::default(), true);
    storage::note_source(&id, &source, &now_rfc3339());
}
