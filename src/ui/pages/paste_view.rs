//! The body of the import preview: the rows, the project or the whole
//! document as they will land, each with the findings the core gives them.
//!
//! Read-only and written once, so it is built with plain DOM calls instead of
//! `view!`: the same markup costs about a sixth of the code in the first
//! load. Every text goes in as `textContent`, so nothing typed becomes markup.

use web_sys::Element;

use crate::core::findings::{Counts, Finding, Location, ProjectField, Severity};
use crate::core::model::{
    Checkpoint, DepartmentList, Document, Indicator, IndicatorField, Project,
};

use super::paste_land::what_lands;
use super::paste_preview::{of_project, Landing, Preview};

/// `3 个错误、1 个警告`, or that nothing was found.
pub fn counts_text(c: Counts) -> String {
    let mut parts = Vec::new();
    if c.errors > 0 {
        parts.push(format!("{} 个错误", c.errors));
    }
    if c.warnings > 0 {
        parts.push(format!("{} 个警告", c.warnings));
    }
    if c.infos > 0 {
        parts.push(format!("{} 条提示", c.infos));
    }
    if parts.is_empty() {
        "没有发现问题".to_string()
    } else {
        parts.join("、")
    }
}

/// Appends a `tag` element (with a class) to `parent`.
fn add(parent: &Element, tag: &str, class: &str) -> Element {
    let made = parent
        .owner_document()
        .and_then(|d| d.create_element(tag).ok());
    let Some(el) = made else {
        return parent.clone();
    };
    if !class.is_empty() {
        el.set_class_name(class);
    }
    let _ = parent.append_child(&el);
    el
}

/// Appends a `tag` element holding `text`.
fn add_text(parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let el = add(parent, tag, class);
    el.set_text_content(Some(text));
    el
}

/// A value as it will land, or `（空）`.
fn add_value(parent: &Element, tag: &str, text: &str) -> Element {
    if text.trim().is_empty() {
        let el = add(parent, tag, "");
        add_text(&el, "span", "empty-value", "（空）");
        el
    } else {
        add_text(parent, tag, "", text)
    }
}

fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// Findings as a list, each named by its field (folded ones are left out, as
/// in the counts).
fn add_findings<P: Copy>(parent: &Element, findings: &[Finding<P>], label: &dyn Fn(P) -> String) {
    let leading: Vec<&Finding<P>> = findings.iter().filter(|f| f.leads()).collect();
    if leading.is_empty() {
        return;
    }
    let list = add(parent, "ul", "findings");
    for f in leading {
        let item = add(&list, "li", &format!("finding {}", f.severity.key()));
        add_text(&item, "span", "finding-field", &label(f.location));
        let _ =
            add_text(&item, "span", "sev", icon(f.severity)).set_attribute("aria-hidden", "true");
        add_text(
            &item,
            "span",
            "sev-word",
            &format!("{} ", f.severity.label()),
        );
        add_text(&item, "span", "code", &format!("[{}] ", f.code));
        add_text(&item, "span", "msg", &f.message);
    }
}

/// Fills `container` with the preview: what 确认导入 will do, the count of
/// findings, the reader's notes, then what lands in a region of its own.
pub fn fill(container: &Element, preview: &Preview) {
    container.set_text_content(None);
    add_text(container, "p", "lead", &what_lands(preview));
    add_text(
        container,
        "p",
        "preview-counts",
        &format!(
            "按规则检查：{}。导入后可逐项修改；点击「确认导入」之前不会写入任何内容。",
            counts_text(Counts::of(&preview.findings))
        ),
    );
    if !preview.notes.is_empty() {
        let notes = add(container, "ul", "import-notes");
        let _ = notes.set_attribute("aria-label", "识别说明");
        for n in &preview.notes {
            add_text(&notes, "li", "", n);
        }
    }
    // Scrolls on its own, and by keyboard too.
    let body = add(container, "div", "preview-body");
    for (name, value) in [
        ("tabindex", "0"),
        ("role", "region"),
        ("aria-label", "导入内容"),
    ] {
        let _ = body.set_attribute(name, value);
    }
    match &preview.landing {
        Landing::Rows { rows, .. } => add_rows(&body, rows, &of_project(&preview.findings, 0)),
        Landing::Project { project, .. } => {
            add_project(&body, project, &of_project(&preview.findings, 0))
        }
        Landing::Draft { doc, .. } => {
            add_document(&body, doc, &preview.findings, &preview.project_notes)
        }
    }
}

fn row_label(field: ProjectField) -> String {
    match field {
        ProjectField::Indicator(_, Some(f)) => f.label().to_string(),
        ProjectField::Indicator(_, None) => "本行".to_string(),
        other => other.describe(),
    }
}

/// The rows as they will stand in the table, each with its findings under it.
fn add_rows(parent: &Element, rows: &[Indicator], findings: &[Finding<ProjectField>]) {
    let table = add(parent, "table", "preview-rows");
    add_text(
        &table,
        "caption",
        "",
        &format!("绩效指标（{} 行）", rows.len()),
    );
    let head = add(&add(&table, "thead", ""), "tr", "");
    let _ = add_text(&head, "th", "num", "行").set_attribute("scope", "col");
    for f in IndicatorField::ALL {
        let _ = add_text(&head, "th", "", f.label()).set_attribute("scope", "col");
    }
    let body = add(&table, "tbody", "");
    for (i, row) in rows.iter().enumerate() {
        let tr = add(&body, "tr", "");
        let _ = add_text(&tr, "th", "num", &(i + 1).to_string()).set_attribute("scope", "row");
        for f in IndicatorField::ALL {
            add_value(&tr, "td", row.get(f));
        }
        let own: Vec<Finding<ProjectField>> = findings
            .iter()
            .filter(|f| matches!(f.location, ProjectField::Indicator(r, _) if r == i))
            .cloned()
            .collect();
        if own.iter().any(|f| f.leads()) {
            // Not a row for assistive technology: the table's rows are the indicators.
            let tr = add(&body, "tr", "row-findings");
            let _ = tr.set_attribute("role", "presentation");
            let td = add(&tr, "td", "");
            let _ = td.set_attribute("colspan", "7");
            add_findings(&td, &own, &row_label);
        }
    }
    let table_wide: Vec<Finding<ProjectField>> = findings
        .iter()
        .filter(|f| f.location == ProjectField::Indicators)
        .cloned()
        .collect();
    add_findings(parent, &table_wide, &row_label);
}

/// A project table's head (项目编码 … 绩效目标) with its findings, then its rows.
fn add_project(parent: &Element, project: &Project, findings: &[Finding<ProjectField>]) {
    let money = |v: &str| {
        if v.trim().is_empty() {
            String::new()
        } else {
            format!("{} 万元", v.trim())
        }
    };
    let plan = Checkpoint::ALL
        .iter()
        .map(|c| {
            let v = project.spending_plan.get(*c).trim();
            format!("{} {}", c.label(), if v.is_empty() { "（空）" } else { v })
        })
        .collect::<Vec<_>>()
        .join("，");
    let dl = add(parent, "dl", "preview-head");
    let pairs = [
        ("项目编码", project.code.clone()),
        ("项目名称", project.name.clone()),
        ("预算数", money(&project.budget.total)),
        ("财政资金", money(&project.budget.fiscal)),
        ("其他资金", money(&project.budget.other)),
        ("资金用途", project.use_of_funds.clone()),
        ("资金支出计划（%）", plan),
    ];
    for (label, value) in pairs {
        add_text(&dl, "dt", "", label);
        add_value(&dl, "dd", &value);
    }
    add_text(&dl, "dt", "", "绩效目标");
    if project.goals.is_empty() {
        add_value(&dl, "dd", "");
    } else {
        let list = add(&add(&dl, "dd", ""), "ol", "");
        for g in &project.goals {
            add_text(&list, "li", "", g);
        }
    }
    let head: Vec<Finding<ProjectField>> = findings
        .iter()
        .filter(|f| {
            !matches!(
                f.location,
                ProjectField::Indicator(..) | ProjectField::Indicators
            )
        })
        .cloned()
        .collect();
    add_findings(parent, &head, &ProjectField::describe);
    add_rows(parent, &project.indicators, findings);
}

/// A whole document: 基本信息, the department part, each project folded.
fn add_document(parent: &Element, doc: &Document, findings: &[Finding], notes: &[Vec<String>]) {
    let describe = |l: Location| l.describe(doc);
    let dl = add(parent, "dl", "preview-head");
    for (label, value) in [
        ("预算年度", &doc.year),
        ("单位编码", &doc.unit.code),
        ("单位名称", &doc.unit.name),
    ] {
        add_text(&dl, "dt", "", label);
        add_value(&dl, "dd", value);
    }
    let head: Vec<Finding> = findings
        .iter()
        .filter(|f| matches!(f.location, Location::Head(_)))
        .cloned()
        .collect();
    add_findings(parent, &head, &describe);

    add_text(parent, "h3", "", "部门整体绩效目标");
    for list in DepartmentList::ALL {
        let paragraphs = doc.department.list(list);
        let filled = paragraphs.iter().filter(|p| !p.trim().is_empty()).count();
        add_text(
            parent,
            "h4",
            "",
            &format!("{}（{filled} 段）", list.label()),
        );
        let ol = add(parent, "ol", "");
        for p in paragraphs {
            add_text(&ol, "li", "", p);
        }
        let own: Vec<Finding> = findings
            .iter()
            .filter(|f| matches!(f.location, Location::Department(l, _) if l == list))
            .cloned()
            .collect();
        add_findings(parent, &own, &describe);
    }

    add_text(
        parent,
        "h3",
        "",
        &format!("项目支出绩效目标表（{} 个）", doc.projects.len()),
    );
    for (i, p) in doc.projects.iter().enumerate() {
        let own = of_project(findings, i);
        let name = if p.name.trim().is_empty() {
            "未命名项目"
        } else {
            p.name.trim()
        };
        let details = add(parent, "details", "preview-project");
        add_text(
            &details,
            "summary",
            "",
            &format!(
                "项目{}：{}（{} 行指标；{}）",
                i + 1,
                name,
                p.indicators.len(),
                counts_text(Counts::of(&own))
            ),
        );
        let list = add(&details, "ul", "import-notes");
        for n in notes.get(i).into_iter().flatten() {
            add_text(&list, "li", "", n);
        }
        add_project(&details, p, &own);
    }
}
