//! The value corpus (tests/fixtures/value-corpus.json): indicator rows modelled
//! on published 项目支出绩效目标表 of many provinces and sectors, each with the
//! verdict a 财政局 reviewer gives. Each row is checked inside an otherwise sound
//! project; a case disagrees with its reviewer when an accepted row gets an
//! error ("false alarm") or a rejected row gets neither error nor warning
//! ("missed"). The disagreements must be exactly those listed in
//! tests/fixtures/value-corpus-known.json, so a new one fails the test and so
//! does a fixed one that is still listed.
//!
//! Run with `cargo test --test corpus -- --nocapture` to see the summary.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::str::FromStr;

use perf_goals::core::findings::{Finding, Location, ProjectField, Severity};
use perf_goals::core::model::{
    Budget, Department, Document, Indicator, Project, SpendingPlan, Unit,
};
use perf_goals::core::rules::validate;
use rust_decimal::Decimal;
use serde::Deserialize;

const CORPUS: &str = include_str!("fixtures/value-corpus.json");
const KNOWN: &str = include_str!("fixtures/value-corpus-known.json");

/// Every rule code of rules.md 1.1, for checking the corpus's `expect` lists
/// (the spec/ copy in the repository may still be 1.0).
const CODES_1_1: &[&str] = &[
    "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "B1", "B2", "B3",
    "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12", "C1", "C2", "C3", "C4", "C5", "C6",
    "C7", "C8", "C9", "C10", "C11", "C12", "C13", "C14", "C15", "C16", "C17", "C18", "D1", "D2",
    "D3", "D4", "E1", "E2", "E3", "E4", "E5", "F1", "F2", "F3", "F4", "F5", "G1", "G2", "G3", "G4",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Verdict {
    Accept,
    Reject,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    /// What the case is about (normalise, period, cost …), for the summary.
    aspect: String,
    verdict: Verdict,
    level1: String,
    level2: String,
    name: String,
    description: String,
    value: String,
    basis: String,
    /// 预算数 in 万元, for cost rows compared with it.
    #[serde(default)]
    budget: Option<String>,
    why: String,
    #[serde(default)]
    expect: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    FalseAlarm,
    Missed,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::FalseAlarm => "false_alarm",
            Kind::Missed => "missed",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Known {
    id: String,
    kind: Kind,
    reason: String,
}

fn corpus() -> Vec<Case> {
    serde_json::from_str(CORPUS).expect("value-corpus.json is a list of cases")
}

fn known() -> Vec<Known> {
    serde_json::from_str(KNOWN).expect("value-corpus-known.json is a list of {id, kind, reason}")
}

fn row(l1: &str, l2: &str, name: &str, desc: &str, value: &str, basis: &str) -> Indicator {
    Indicator {
        level1: l1.into(),
        level2: l2.into(),
        name: name.into(),
        description: desc.into(),
        value: value.into(),
        basis: basis.into(),
        ..Default::default()
    }
}

/// Sound rows after the case row, one per 二级 the table rules look for
/// (数量, 质量, 时效, 成本, 效益, 满意度: six, so A4/A5 stay quiet whatever the
/// case is), with names, values and bases no case uses.
fn filler_rows() -> Vec<Indicator> {
    vec![
        row(
            "产出指标",
            "数量指标",
            "项目档案归档卷数",
            "年度内形成并移交单位档案室的项目档案卷数",
            "≥12卷",
            "计划标准：本单位2023年档案管理工作计划",
        ),
        row(
            "产出指标",
            "质量指标",
            "项目资料归档完整率",
            "已归档的项目资料份数÷应归档的项目资料份数",
            "≥98%",
            "行业标准：《机关档案管理规定》关于归档范围的要求",
        ),
        row(
            "产出指标",
            "时效指标",
            "项目资料归档时限",
            "项目年度工作结束后完成资料整理归档的时间",
            "≤20个工作日",
            "计划标准：本单位《档案工作管理办法》规定的归档时间",
        ),
        row(
            "产出指标",
            "成本指标",
            "档案整理装订单位成本",
            "每卷档案整理、编目、装订的平均费用",
            "≤85元/卷",
            "历史标准：2022年档案整理服务合同结算单价",
        ),
        row(
            "效益指标",
            "社会效益指标",
            "档案查阅平均用时",
            "从提出查阅申请到调出所需档案的平均时间",
            "≤30分钟",
            "历史标准：2022年档案室查阅登记簿统计的平均用时",
        ),
        row(
            "满意度指标",
            "服务对象满意度指标",
            "查档人员档案利用满意度",
            "对来档案室查档的人员开展问卷调查，满意人数÷调查人数",
            "≥92%",
            "历史标准：近三年查档人员满意度调查结果",
        ),
    ]
}

const PROJECT_NAME: &str = "部门业务综合保障专项";

/// A sound document of year 2023 with one project whose first indicator row
/// is `case_row`, followed by the filler rows.
fn document_with(case_row: Indicator, budget: &str) -> Document {
    let mut indicators = vec![case_row];
    indicators.extend(filler_rows());
    Document {
        year: "2023".into(),
        unit: Unit {
            code: "130802".into(),
            name: "承德市双桥区综合服务中心".into(),
            ..Default::default()
        },
        money_unit: "万元".into(),
        department: Department {
            overall_goals: vec![
                "2023年完成各项业务保障任务，档案归档完整率不低于98%，服务对象满意度不低于90%。"
                    .into(),
            ],
            sub_goals: vec![format!(
                "{PROJECT_NAME}：保障全年业务工作正常开展，完成项目档案归档12卷以上。"
            )],
            safeguards: vec![
                "加强组织领导，由主要负责同志牵头；健全绩效管理制度，落实资金监管责任；开展绩效运行监控，年终组织考核，确保各项目标按期完成。"
                    .into(),
            ],
            ..Default::default()
        },
        projects: vec![Project {
            code: "13080223P00100210001A".into(),
            name: PROJECT_NAME.into(),
            budget: Budget {
                total: budget.into(),
                fiscal: budget.into(),
                other: "".into(),
                ..Default::default()
            },
            use_of_funds: "用于全年业务工作开展、项目档案整理和服务对象调查等支出".into(),
            spending_plan: SpendingPlan {
                mar: "20".into(),
                jun: "50".into(),
                oct: "80".into(),
                dec: "100".into(),
                ..Default::default()
            },
            goals: vec![
                "全年完成项目档案归档不少于12卷，归档完整率不低于98%，服务对象满意度不低于90%。"
                    .into(),
            ],
            indicators,
            ..Default::default()
        }],
        saved_at: "2026-11-27T10:00:00Z".into(),
        ..Default::default()
    }
}

fn document_for(case: &Case) -> Document {
    document_with(
        row(
            &case.level1,
            &case.level2,
            &case.name,
            &case.description,
            &case.value,
            &case.basis,
        ),
        case.budget.as_deref().unwrap_or("100.00"),
    )
}

/// The findings located on indicator row `row` of the (only) project. The one
/// place that knows how a finding names a row: adapt it when `Location` changes.
fn findings_on_row(findings: &[Finding], row: usize) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| {
            matches!(f.location, Location::Project(0, ProjectField::Indicator(r, _)) if r == row)
        })
        .collect()
}

/// The findings located on the case row (row 0 of the project).
fn findings_on_case_row(findings: &[Finding]) -> Vec<&Finding> {
    findings_on_row(findings, 0)
}

/// `B2`, `C5?` (warning), `B10·` (info): a code with its severity, short.
fn code_list(findings: &[&Finding]) -> String {
    let mut codes: Vec<String> = findings
        .iter()
        .map(|f| {
            let mark = match f.severity {
                Severity::Error => "",
                Severity::Warning => "?",
                Severity::Info => "·",
            };
            format!("{}{mark}", f.code)
        })
        .collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        "—".into()
    } else {
        codes.join(" ")
    }
}

struct Outcome<'a> {
    case: &'a Case,
    /// Codes of every finding on the case row, severity marked.
    codes: String,
    disagreement: Option<Kind>,
    /// For a rejected case: every code it expects is among the row's findings.
    expected_all_fire: bool,
}

fn run(case: &Case) -> (Outcome<'_>, Vec<String>) {
    let findings = validate(&document_for(case));
    let on_row = findings_on_case_row(&findings);
    let has = |s: Severity| on_row.iter().any(|f| f.severity == s);
    let disagreement = match case.verdict {
        Verdict::Accept if has(Severity::Error) => Some(Kind::FalseAlarm),
        Verdict::Reject if !has(Severity::Error) && !has(Severity::Warning) => Some(Kind::Missed),
        _ => None,
    };
    let fired: BTreeSet<String> = on_row.iter().map(|f| f.code.to_string()).collect();
    let expected_all_fire = case.expect.iter().all(|c| fired.contains(c));
    // Anything on a filler row means the case disturbed the table (a repeated
    // name, value or basis): a defect of the corpus, not of the rules.
    let on_fillers: Vec<String> = (1..=filler_rows().len())
        .flat_map(|r| findings_on_row(&findings, r))
        .map(|f| format!("{}: {}", f.code, f.message))
        .collect();
    (
        Outcome {
            case,
            codes: code_list(&on_row),
            disagreement,
            expected_all_fire,
        },
        on_fillers,
    )
}

fn summary(outcomes: &[Outcome]) -> String {
    let mut s = String::new();
    let count = |v: Verdict, k: Option<Kind>| {
        outcomes
            .iter()
            .filter(|o| o.case.verdict == v && (k.is_none() || o.disagreement == k))
            .count()
    };
    let accepted = count(Verdict::Accept, None);
    let rejected = count(Verdict::Reject, None);
    let _ = writeln!(
        s,
        "value corpus: {} cases, {accepted} accepted by the reviewer, {rejected} rejected",
        outcomes.len()
    );
    let _ = writeln!(
        s,
        "accepted cases with an error (false alarms): {}/{accepted}",
        count(Verdict::Accept, Some(Kind::FalseAlarm))
    );
    let _ = writeln!(
        s,
        "rejected cases with no error and no warning (missed): {}/{rejected}",
        count(Verdict::Reject, Some(Kind::Missed))
    );
    let _ = writeln!(
        s,
        "rejected cases where every expected code fires: {}/{rejected}",
        outcomes
            .iter()
            .filter(|o| o.case.verdict == Verdict::Reject && o.expected_all_fire)
            .count()
    );
    let mut by_aspect: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for o in outcomes {
        let e = by_aspect.entry(o.case.aspect.as_str()).or_default();
        match o.case.verdict {
            Verdict::Accept => e[0] += 1,
            Verdict::Reject => e[2] += 1,
        }
        match o.disagreement {
            Some(Kind::FalseAlarm) => e[1] += 1,
            Some(Kind::Missed) => e[3] += 1,
            None => {}
        }
    }
    let _ = writeln!(s, "by aspect (false alarms/accepted, missed/rejected):");
    for (aspect, [acc, fa, rej, mi]) in &by_aspect {
        let _ = writeln!(s, "  {aspect:<20} {fa:>2}/{acc:<3} {mi:>2}/{rej}");
    }
    let _ = writeln!(s, "disagreements (codes on the row; ? warning, · info):");
    for o in outcomes {
        if let Some(kind) = o.disagreement {
            let _ = writeln!(
                s,
                "  {:<24} {:<11} 「{}」：「{}」  found [{}]  expect [{}]",
                o.case.id,
                kind.key(),
                o.case.name,
                o.case.value,
                o.codes,
                o.case.expect.join(" ")
            );
        }
    }
    let _ = writeln!(
        s,
        "accepted cases with a warning but no error (not counted as disagreeing):"
    );
    for o in outcomes {
        if o.case.verdict == Verdict::Accept && o.disagreement.is_none() && o.codes.contains('?') {
            let _ = writeln!(
                s,
                "  {:<24} 「{}」：「{}」  found [{}]",
                o.case.id, o.case.name, o.case.value, o.codes
            );
        }
    }
    let _ = writeln!(s, "rejected cases caught, but not by every expected code:");
    for o in outcomes {
        if o.case.verdict == Verdict::Reject && o.disagreement.is_none() && !o.expected_all_fire {
            let _ = writeln!(
                s,
                "  {:<24} 「{}」：「{}」  found [{}]  expect [{}]",
                o.case.id,
                o.case.name,
                o.case.value,
                o.codes,
                o.case.expect.join(" ")
            );
        }
    }
    s
}

#[test]
fn the_corpus_disagrees_with_reviewers_only_where_known() {
    let cases = corpus();
    let mut outcomes = Vec::new();
    let mut disturbed = Vec::new();
    for case in &cases {
        let (outcome, on_fillers) = run(case);
        if !on_fillers.is_empty() {
            disturbed.push(format!("{}: {}", case.id, on_fillers.join("; ")));
        }
        outcomes.push(outcome);
    }
    let report = summary(&outcomes);
    println!("{report}");
    assert!(
        disturbed.is_empty(),
        "cases that make findings on the filler rows (fix the case):\n{}",
        disturbed.join("\n")
    );

    let found: BTreeSet<(String, Kind)> = outcomes
        .iter()
        .filter_map(|o| o.disagreement.map(|k| (o.case.id.clone(), k)))
        .collect();
    let listed: BTreeSet<(String, Kind)> = known().into_iter().map(|k| (k.id, k.kind)).collect();
    let new: Vec<String> = found
        .difference(&listed)
        .map(|(id, kind)| {
            let o = outcomes.iter().find(|o| &o.case.id == id);
            let codes = o.map_or(String::new(), |o| o.codes.clone());
            format!(
                "  {{ \"id\": \"{id}\", \"kind\": \"{}\", \"reason\": \"found [{codes}]\" }}",
                kind.key()
            )
        })
        .collect();
    let gone: Vec<String> = listed
        .difference(&found)
        .map(|(id, kind)| format!("  {id} ({})", kind.key()))
        .collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "the disagreements differ from value-corpus-known.json\n\
         new (add them, or fix the rules):\n{}\n\
         listed but no longer disagreeing (remove them):\n{}\n\n{report}",
        new.join(",\n"),
        gone.join("\n")
    );
}

#[test]
fn the_filler_rows_alone_make_no_finding() {
    // A sound first row of the same shape as a case row.
    let doc = document_with(
        row(
            "产出指标",
            "数量指标",
            "业务培训班举办期数",
            "年度内举办的业务工作培训班期数",
            "≥4期",
            "计划标准：本单位2023年教育培训计划",
        ),
        "100.00",
    );
    let findings = validate(&doc);
    assert!(
        findings.is_empty(),
        "{:#?}",
        findings.iter().map(Finding::text).collect::<Vec<_>>()
    );
}

#[test]
fn findings_on_case_row_picks_row_0_only() {
    let mut doc = document_with(
        row(
            "产出指标",
            "数量指标",
            "业务培训班举办期数",
            "年度内举办的业务工作培训班期数",
            "",
            "计划标准：本单位2023年教育培训计划",
        ),
        "100.00",
    );
    doc.projects[0].indicators[2].value.clear();
    let findings = validate(&doc);
    let on_row: Vec<String> = findings_on_case_row(&findings)
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    // The empty value of row 0 is there; the one of row 2 and the project's
    // own fields are not.
    assert_eq!(on_row, ["B1"]);
    let row_2: Vec<String> = findings_on_row(&findings, 2)
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    assert_eq!(row_2, ["B1"]);
}

#[test]
fn the_corpus_is_well_formed() {
    let cases = corpus();
    assert!(
        cases.len() >= 180,
        "{} cases, at least 180 wanted",
        cases.len()
    );
    let accepted = cases
        .iter()
        .filter(|c| c.verdict == Verdict::Accept)
        .count();
    let share = accepted * 100 / cases.len();
    assert!(
        (45..=65).contains(&share),
        "{share}% accepted, about 55% wanted"
    );
    let mut ids = BTreeSet::new();
    for c in &cases {
        assert!(ids.insert(c.id.as_str()), "{} is used twice", c.id);
        assert!(!c.aspect.trim().is_empty(), "{}: no aspect", c.id);
        assert!(
            c.why
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{}: `why` should say in Chinese why the reviewer decides so",
            c.id
        );
        for text in [&c.level1, &c.level2] {
            assert!(!text.trim().is_empty(), "{}: level1/level2 missing", c.id);
        }
        match c.verdict {
            Verdict::Accept => assert!(c.expect.is_empty(), "{}: accepted but expects codes", c.id),
            Verdict::Reject => assert!(!c.expect.is_empty(), "{}: rejected without `expect`", c.id),
        }
        for code in &c.expect {
            assert!(
                CODES_1_1.contains(&code.as_str()),
                "{}: {code} is not a code of rules.md 1.1",
                c.id
            );
        }
        if let Some(b) = &c.budget {
            assert!(
                Decimal::from_str(b).is_ok_and(|d| d > Decimal::ZERO),
                "{}: budget {b} is not an amount in 万元",
                c.id
            );
        }
        // Accepted rows are sound in every cell, so only the aspect under test varies.
        if c.verdict == Verdict::Accept {
            assert!(
                c.description.trim() != c.name.trim() && c.basis.chars().count() >= 8,
                "{}: an accepted row needs a real description and basis",
                c.id
            );
        }
    }
    let mut listed = BTreeSet::new();
    for k in known() {
        assert!(
            ids.contains(k.id.as_str()),
            "known list names {} which is not a case",
            k.id
        );
        assert!(listed.insert(k.id.clone()), "{} is listed twice", k.id);
        assert!(!k.reason.trim().is_empty(), "{}: give a reason", k.id);
    }
}
