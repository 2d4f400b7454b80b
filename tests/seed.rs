//! The real document of shared/seed, transcribed to tests/fixtures/seed.json:
//! every mistake rules.md §Seed lists is reported at the right project and row.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::findings::{Finding, Location, ProjectField as Field, Severity};
use perf_goals::core::format::{read_document, write_document, Status};
use perf_goals::core::model::{Checkpoint, IndicatorField};
use perf_goals::core::rules::{provisional_grade, status_of, validate};

const SEED: &str = include_str!("fixtures/seed.json");

fn seed_findings() -> Vec<Finding> {
    validate(&read_document(SEED).expect("the seed fixture reads"))
}

fn has(findings: &[Finding], code: &str, project: usize, field: Field) -> bool {
    let at = Location::Project(project, field);
    findings
        .iter()
        .any(|f| f.code.as_str() == code && f.location == at)
}

fn value(row: usize) -> Field {
    Field::Indicator(row, Some(IndicatorField::Value))
}

#[test]
fn cost_indicator_in_percent_is_c2_c3_b9() {
    let f = seed_findings();
    for code in ["C2", "C3", "B9"] {
        assert!(
            has(&f, code, 0, value(3)),
            "{code} on 法律顾问费 案例办理单价"
        );
    }
}

#[test]
fn every_value_11_is_b4_and_b5() {
    let f = seed_findings();
    // B4 is one finding of the table, naming its rows (rules 1.1 messages).
    let b4: Vec<_> = f
        .iter()
        .filter(|x| x.code.as_str() == "B4" && x.location.project() == Some(4))
        .collect();
    assert_eq!(b4.len(), 1);
    assert_eq!(b4[0].location, Location::Project(4, Field::Indicators));
    assert!(b4[0].message.starts_with("第1–9行的指标值均为「11」"));
    for row in 0..9 {
        assert!(
            has(&f, "B5", 4, value(row)),
            "B5 on 业务评审专项 row {}",
            row + 1
        );
    }
}

#[test]
fn a_count_under_timeliness_is_c5() {
    assert!(has(
        &seed_findings(),
        "C5",
        1,
        Field::Indicator(1, Some(IndicatorField::Level2))
    ));
}

#[test]
fn an_indicator_named_wu_is_a6() {
    assert!(has(
        &seed_findings(),
        "A6",
        1,
        Field::Indicator(7, Some(IndicatorField::Name))
    ));
}

#[test]
fn at_least_100_percent_on_a_ratio_is_b6() {
    assert!(
        has(&seed_findings(), "B6", 5, value(3)),
        "政务服务专项 生产效率 ≥100%"
    );
}

#[test]
fn slogans_are_b3() {
    let f = seed_findings();
    assert!(has(&f, "B3", 1, value(5)), "创造良好营商环境");
    assert!(has(&f, "B3", 5, value(5)), "营造良好营商环境");
    assert!(has(&f, "B3", 2, value(0)), "保证大厅正常运转");
}

#[test]
fn description_and_value_that_disagree_are_c10() {
    let f = seed_findings();
    let c10: Vec<_> = f
        .iter()
        .filter(|x| x.code.as_str() == "C10" && x.location == Location::Project(2, value(2)))
        .collect();
    assert_eq!(c10.len(), 1);
    assert_eq!(c10[0].severity, Severity::Error);
    assert_eq!(
        c10[0].message,
        "绩效指标描述中为「206份」，指标值为「25万份」，两者不一致，请核对。"
    );
}

#[test]
fn incomplete_spending_plans_are_e1() {
    let f = seed_findings();
    let plan = |c| Field::SpendingPlan(Some(c));
    for c in [Checkpoint::Mar, Checkpoint::Jun, Checkpoint::Dec] {
        assert!(has(&f, "E1", 0, plan(c)), "法律顾问费 {c:?}");
    }
    assert!(
        !has(&f, "E1", 0, plan(Checkpoint::Oct)),
        "10月底 100% is filled"
    );
    for project in 1..6 {
        for c in [Checkpoint::Mar, Checkpoint::Jun, Checkpoint::Oct] {
            assert!(has(&f, "E1", project, plan(c)), "project {project} {c:?}");
        }
    }
}

#[test]
fn satisfaction_without_percent_is_b7() {
    assert!(
        has(&seed_findings(), "B7", 2, value(7)),
        "审批局政务中心运转专项 ≥95"
    );
}

#[test]
fn template_goals_are_a11_in_every_table() {
    let f = seed_findings();
    for project in 0..6 {
        assert!(
            has(&f, "A11", project, Field::Goals(Some(0))),
            "project {project}"
        );
    }
}

#[test]
fn the_seed_is_a_draft_and_every_project_grades_poor() {
    let f = seed_findings();
    assert_eq!(status_of(&f), Status::Draft);
    for project in 0..6 {
        let own: Vec<_> = f
            .iter()
            .filter(|x| x.location.project() == Some(project))
            .cloned()
            .collect();
        assert_eq!(provisional_grade(&own).label(), "差", "project {project}");
    }
}

#[test]
fn the_fixture_is_written_back_byte_for_byte() {
    let doc = read_document(SEED).expect("reads");
    assert_eq!(write_document(&doc, Status::Draft), SEED);
}

/// The editor checks a project from rows prepared one by one
/// (`check_project_rows`); a preparer must see exactly the findings the
/// whole-project check gives, on the seed's mistakes and on generated tables.
#[test]
fn prepared_rows_give_the_same_findings_as_the_whole_project() {
    use perf_goals::core::rules::{check_project, check_project_rows, PreparedRow};
    use std::sync::Arc;
    let seed = read_document(SEED).expect("the seed fixture reads");
    let generated = perf_goals::core::sample::generated_document(5, 30);
    let mut compared = 0;
    for doc in [&seed, &generated] {
        for project in &doc.projects {
            let rows: Vec<Arc<PreparedRow>> = project
                .indicators
                .iter()
                .map(|r| Arc::new(PreparedRow::new(r.clone())))
                .collect();
            let mut head = project.clone();
            head.indicators.clear();
            let whole = check_project(project, &doc.year);
            assert_eq!(check_project_rows(&head, &rows, &doc.year), whole);
            compared += whole.len();
        }
    }
    assert!(
        compared > 50,
        "the documents have findings to compare ({compared})"
    );
}
