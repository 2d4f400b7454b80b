//! One line per file of the 审核台 table (review.md, "Many files at once"):
//! the same for the command-line checker's `--summary` and, later, the
//! browser's 审核台, including its CSV.

use rust_decimal::Decimal;

use super::findings::{Counts, Finding, Grade};
use super::model::{Document, Project};
use super::review::{review_summary, ReviewSummary};
use super::rules::{department_totals, light_copy, provisional_grade};

/// What the table says about one document that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub unit_name: String,
    pub year: String,
    pub projects: usize,
    /// 预算数合计 in 万元, the exact sum of the amounts that are numbers.
    pub budget_total: Decimal,
    /// 预算数 that are filled in but not numbers (left out of the sum).
    pub budget_not_numbers: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The worst provisional self-check grade of its projects; none without projects.
    pub grade: Option<Grade>,
    /// The review state and open comments (review.md's 审核台 columns).
    pub review: ReviewSummary,
}

/// The summary of `doc`, whose validation findings are `findings`.
pub fn summary_row(doc: &Document, findings: &[Finding]) -> SummaryRow {
    let counts = Counts::of(findings);
    let mut per_project: Vec<Vec<Finding>> = vec![Vec::new(); doc.projects.len()];
    for f in findings {
        if let Some(own) = f.location.project().and_then(|i| per_project.get_mut(i)) {
            own.push(f.clone());
        }
    }
    let grade = per_project.iter().map(|own| provisional_grade(own)).max();
    // Only the 预算数 column: a light copy, so `left_out` counts that column alone.
    let light: Vec<Project> = doc.projects.iter().map(light_copy).collect();
    let totals = department_totals(&light);
    SummaryRow {
        unit_name: doc.unit.name.trim().to_string(),
        year: doc.year.trim().to_string(),
        projects: doc.projects.len(),
        budget_total: totals.total,
        budget_not_numbers: totals.left_out.len(),
        errors: counts.errors,
        warnings: counts.warnings,
        grade,
        review: review_summary(doc.review.as_ref()),
    }
}

/// One line of the table: a file that was read, or why it was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryLine {
    pub file: String,
    pub outcome: Result<SummaryRow, String>,
    /// Said about the file besides (read as GB18030, tables differ from data).
    pub notes: Vec<String>,
}

pub const COLUMNS: [&str; 11] = [
    "文件",
    "单位名称",
    "预算年度",
    "项目数",
    "预算数合计（万元）",
    "错误",
    "警告",
    "自查等级",
    "审核状态",
    "未处理意见",
    "说明",
];

/// An amount as the tables show it: at least two decimals, never rounded.
pub fn amount_text(amount: Decimal) -> String {
    let mut d = amount;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// The line's cells, in the order of [`COLUMNS`].
pub fn cells(line: &SummaryLine) -> [String; 11] {
    let mut notes = line.notes.clone();
    let mut cells: [String; 11] = Default::default();
    cells[0] = line.file.clone();
    match &line.outcome {
        Ok(row) => {
            if row.budget_not_numbers > 0 {
                notes.push(format!(
                    "另有 {} 个预算数不是数字，未计入合计",
                    row.budget_not_numbers
                ));
            }
            cells[1] = row.unit_name.clone();
            cells[2] = row.year.clone();
            cells[3] = row.projects.to_string();
            cells[4] = amount_text(row.budget_total);
            cells[5] = row.errors.to_string();
            cells[6] = row.warnings.to_string();
            cells[7] = row.grade.map_or("—", Grade::label).to_string();
            cells[8] = row.review.state.label();
            cells[9] = row.review.open_comments.to_string();
        }
        Err(reason) => notes.insert(0, format!("无法检查：{reason}")),
    }
    cells[10] = notes.join("；");
    cells
}

/// The table as CSV for Excel: UTF-8 with a byte order mark, CRLF line ends,
/// RFC 4180 quoting, and a `'` before any cell that starts with `=`, `+`, `-`
/// or `@`, so that no cell is taken for a formula.
pub fn csv<I: IntoIterator<Item = [String; 11]>>(rows: I) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    };
    line(&mut COLUMNS.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

fn csv_cell(out: &mut String, cell: &str) {
    let guard = if cell.starts_with(['=', '+', '-', '@']) {
        "'"
    } else {
        ""
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(guard);
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(guard);
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::read_document;
    use crate::core::rules::validate;

    fn with_review(review: serde_json::Value) -> Document {
        let mut file: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/clean.json")).expect("json");
        file["review"] = review;
        read_document(&file.to_string()).expect("reads")
    }

    #[test]
    fn the_review_columns_come_from_the_review_block() {
        use crate::core::review::ReviewState;
        let row = |doc: &Document| summary_row(doc, &validate(doc));
        let unreviewed = row(&Document::new_draft());
        assert_eq!(
            (unreviewed.review.state, unreviewed.review.open_comments),
            (ReviewState::Unreviewed, 0)
        );
        let returned = with_review(serde_json::json!({ "rounds": [
            { "round": 1, "reviewed_at": "2027-03-02T08:00:00Z", "decision": "退回修改", "comments": [
                { "id": "1-1", "status": "open" },
                { "id": "1-2", "status": "closed" },
                { "id": "1-3", "status": "open" }
            ] }
        ] }));
        let line = SummaryLine {
            file: "a.json".into(),
            outcome: Ok(row(&returned)),
            notes: Vec::new(),
        };
        let cells = cells(&line);
        assert_eq!((cells[8].as_str(), cells[9].as_str()), ("退回修改", "2"));
        let working = with_review(serde_json::json!({ "rounds": [
            { "round": 1, "reviewed_at": "2027-03-02T08:00:00Z", "decision": "退回修改" },
            { "round": 2, "reviewed_at": "", "decision": "" }
        ] }));
        assert_eq!(row(&working).review.state.label(), "审核中 第2轮");
    }

    #[test]
    fn the_seed_row_adds_up_and_grades_by_its_worst_project() {
        let seed = read_document(include_str!("../../tests/fixtures/seed.json")).expect("seed");
        let findings = validate(&seed);
        let row = summary_row(&seed, &findings);
        assert_eq!(row.unit_name, "承德高新区行政审批局本级");
        assert_eq!(row.projects, 6);
        let sum = seed
            .projects
            .iter()
            .map(|p| p.budget.total.parse::<Decimal>().expect("number"))
            .sum::<Decimal>();
        assert_eq!(row.budget_total, sum);
        assert_eq!(row.errors, Counts::of(&findings).errors);
        assert_eq!(
            row.grade,
            Some(Grade::Poor),
            "the seed has projects with errors in two dimensions"
        );
        let clean = read_document(include_str!("../../tests/fixtures/clean.json")).expect("clean");
        let row = summary_row(&clean, &validate(&clean));
        assert!(matches!(row.grade, Some(Grade::Excellent | Grade::Good)));
        assert_eq!(summary_row(&Document::new_draft(), &[]).grade, None);
    }

    #[test]
    fn amounts_keep_every_digit_and_show_two_decimals() {
        assert_eq!(amount_text("5".parse().expect("d")), "5.00");
        assert_eq!(amount_text("5.1".parse().expect("d")), "5.10");
        assert_eq!(amount_text("5.125".parse().expect("d")), "5.125");
    }

    #[test]
    fn csv_quotes_and_guards_against_formulas() {
        let mut cells: [String; 11] = Default::default();
        cells[0] = "a,b.json".into();
        cells[1] = "=HYPERLINK(\"x\")".into();
        cells[2] = "-1".into();
        cells[3] = "@SUM(A1)".into();
        cells[4] = "+1".into();
        cells[5] = "第一行\n第二行".into();
        let text = csv([cells]);
        assert!(text.starts_with("\u{feff}文件,单位名称,"));
        let line = text.lines().nth(1).expect("a row");
        assert!(
            line.starts_with(r#""a,b.json","'=HYPERLINK(""x"")",'-1,'@SUM(A1),'+1,"第一行"#),
            "{line}"
        );
        assert!(text.ends_with(",,,,,\r\n"));
    }
}
