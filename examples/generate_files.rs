//! Writes N realistic files of our format into DIR, as a reviewer receives
//! them from many units, for the 审核台 and `perf-goals-check --summary`:
//!
//!     cargo run --release --example generate_files -- DIR N [SEED]
//!
//! Deterministic for a given SEED (default 1). Each file is one unit's year:
//! 2–40 projects of 5–20 indicator rows in the official vocabulary; about 60%
//! carry a few of the seed's typical mistakes; some hold a `review` block in
//! each state of review.md (in review, returned with open comments, passed,
//! a second round under way); a few are bad (not JSON, a newer version,
//! truncated). Ideas from `core::sample`, with more variety.

use std::path::Path;

use perf_goals::core::format::{write_document, Status};
use perf_goals::core::model::{
    Budget, Department, Document, Indicator, Project, SpendingPlan, Unit,
};
use perf_goals::core::rules::{status_of, validate};
use serde_json::{json, Value};

/// splitmix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

const UNITS: [&str; 24] = [
    "承德高新区行政审批局本级",
    "承德市财政局",
    "双桥区教育局",
    "滦平县卫生健康局",
    "围场满族蒙古族自治县林业和草原局",
    "承德市生态环境局",
    "兴隆县农业农村局",
    "平泉市文化广电和旅游局",
    "丰宁满族自治县水务局",
    "宽城满族自治县交通运输局",
    "隆化县民政局",
    "承德县人力资源和社会保障局",
    "承德市公安局交通警察支队",
    "承德市市场监督管理局",
    "双滦区住房和城乡建设局",
    "鹰手营子矿区应急管理局",
    "承德市统计局",
    "承德市档案馆",
    "承德市第一中学",
    "承德市中心医院",
    "承德市自然资源和规划局",
    "承德市退役军人事务局",
    "承德市医疗保障局",
    "承德市图书馆",
];

/// Project names: a subject and a kind.
const SUBJECTS: [&str; 20] = [
    "政务服务",
    "法律顾问",
    "信息化平台运维",
    "义务教育学生资助",
    "基层医疗卫生机构运转",
    "森林草原防火",
    "大气污染防治",
    "高标准农田建设",
    "公共文化服务",
    "农村饮水安全",
    "农村公路养护",
    "困难群众救助",
    "就业创业服务",
    "交通安全设施维护",
    "食品安全抽检",
    "老旧小区改造",
    "安全生产执法",
    "统计调查",
    "档案数字化",
    "退役军人服务保障",
];
const KINDS: [&str; 6] = [
    "专项",
    "专项经费",
    "运转经费",
    "建设项目",
    "补助资金",
    "工作经费",
];

/// Sound rows: level1, level2, name, description, value (`{n}` a number), basis.
const ROWS: [(&str, &str, &str, &str, &str, &str); 16] = [
    (
        "产出指标",
        "数量指标",
        "服务企业和群众人次",
        "全年窗口受理并服务的人次",
        "≥{n}人次",
        "上年实际服务人次及业务增长预测",
    ),
    (
        "产出指标",
        "数量指标",
        "开展培训场次",
        "面向基层工作人员开展业务培训的场次",
        "≥{n}场",
        "年度培训计划",
    ),
    (
        "产出指标",
        "数量指标",
        "完成抽检批次",
        "全年完成的监督抽检批次",
        "≥{n}批次",
        "省下达年度抽检任务",
    ),
    (
        "产出指标",
        "数量指标",
        "维护设施数量",
        "年度内完成维护的设施数量",
        "={n}处",
        "设施台账",
    ),
    (
        "产出指标",
        "质量指标",
        "办件按时办结率",
        "在承诺时限内办结的办件数÷受理办件数",
        "≥{q}%",
        "省政务服务考核标准",
    ),
    (
        "产出指标",
        "质量指标",
        "验收合格率",
        "验收合格的项目数÷完成的项目数",
        "=100%",
        "行业验收规范",
    ),
    (
        "产出指标",
        "时效指标",
        "项目完成时间",
        "全部建设内容完成并验收的时间",
        "{year}年11月底前",
        "项目实施方案",
    ),
    (
        "产出指标",
        "时效指标",
        "资金拨付及时率",
        "按时拨付的资金÷应拨付资金",
        "≥{q}%",
        "资金管理办法",
    ),
    (
        "产出指标",
        "成本指标",
        "单次培训成本",
        "每场培训的平均支出",
        "≤{n}元/场",
        "培训费管理办法标准",
    ),
    (
        "产出指标",
        "成本指标",
        "项目总成本",
        "项目全年实际支出",
        "≤{budget}万元",
        "部门预算批复",
    ),
    (
        "效益指标",
        "社会效益指标",
        "群众办事平均用时",
        "企业和群众办理一件事的平均用时",
        "≤{n}个工作日",
        "省营商环境考核要求",
    ),
    (
        "效益指标",
        "社会效益指标",
        "受益人数",
        "项目直接受益的群众人数",
        "≥{n}人",
        "上年受益人数统计",
    ),
    (
        "效益指标",
        "生态效益指标",
        "空气质量优良天数比例",
        "全年空气质量优良天数÷全年天数",
        "≥{e}%",
        "省下达年度目标",
    ),
    (
        "效益指标",
        "经济效益指标",
        "带动社会投资",
        "项目带动的社会资本投入",
        "≥{n}万元",
        "招商协议",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "设施持续使用年限",
        "设施建成后可持续使用的年限",
        "≥{y}年",
        "设计使用年限",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "受益群众满意度",
        "抽样调查中满意及基本满意的比例",
        "≥{p}%",
        "上年满意度调查结果",
    ),
];

/// Distinguishes a row that repeats a kind already in the table.
const AGAIN: [&str; 4] = ["（城区）", "（乡镇）", "（重点）", "（其他）"];

fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.next() as usize % (i + 1));
    }
}

/// `n` rows as real tables have them: one each of 数量, 质量, 时效, 成本 and
/// 效益 (the smallest tables leave out 时效), more of any kind but 项目总成本,
/// in the table's order, the satisfaction row last.
fn rows(rng: &mut Rng, n: usize, budget: &str, year: &str) -> Vec<Indicator> {
    let of =
        |level2: &str| -> Vec<usize> { (0..ROWS.len()).filter(|&k| ROWS[k].1 == level2).collect() };
    let mut picked: Vec<usize> = Vec::new();
    for level2 in [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "社会效益指标",
    ] {
        if level2 == "时效指标" && n < 6 {
            continue;
        }
        picked.push(*rng.pick(&of(level2)));
    }
    let mut more: Vec<usize> = (0..ROWS.len() - 1)
        .filter(|&k| ROWS[k].2 != "项目总成本")
        .collect();
    shuffle(rng, &mut more);
    picked.extend(more.iter().cycle().take(n - 1 - picked.len()));
    picked.sort();
    picked.push(ROWS.len() - 1);
    let mut seen = vec![0; ROWS.len()];
    picked
        .into_iter()
        .map(|k| {
            let (level1, level2, name, description, value, basis) = ROWS[k];
            let again = seen[k];
            seen[k] += 1;
            Indicator {
                level1: level1.into(),
                level2: level2.into(),
                name: match again {
                    0 => name.into(),
                    a => format!("{name}{}", AGAIN[(a - 1) % AGAIN.len()]),
                },
                description: description.into(),
                value: value
                    .replace("{n}", &rng.range(2, 500).to_string())
                    .replace("{p}", &rng.range(85, 95).to_string())
                    .replace("{q}", &rng.range(90, 99).to_string())
                    .replace("{e}", &rng.range(70, 85).to_string())
                    .replace("{y}", &rng.range(5, 20).to_string())
                    .replace("{year}", year)
                    .replace("{budget}", budget),
                basis: basis.into(),
                ..Default::default()
            }
        })
        .collect()
}

fn amount(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn project(rng: &mut Rng, unit: usize, year: u64, i: usize, name: String) -> Project {
    let total = rng.range(100, 200_000);
    let other = if rng.chance(20) {
        rng.range(0, total / 3)
    } else {
        0
    };
    let rows_n = rng.range(5, 20) as usize;
    let mar = rng.range(0, 30);
    let jun = rng.range(mar, 60);
    let oct = rng.range(jun, 90);
    Project {
        // 6-digit region, 2-digit year, P, 11 digits, a letter (F1).
        code: format!(
            "1308{:02}{:02}P{:011}{}",
            unit % 100,
            year % 100,
            i + 1,
            char::from(b'A' + (i % 26) as u8)
        ),
        name,
        budget: Budget {
            total: amount(total),
            fiscal: amount(total - other),
            other: if other > 0 {
                amount(other)
            } else {
                String::new()
            },
            ..Default::default()
        },
        use_of_funds: "用于聘请第三方服务、购置必要设备耗材、组织培训和开展督导检查等支出。".into(),
        spending_plan: SpendingPlan {
            mar: mar.to_string(),
            jun: jun.to_string(),
            oct: oct.to_string(),
            dec: "100".into(),
            ..Default::default()
        },
        goals: vec![format!(
            "全年保障{}工作正常开展，完成年度目标任务，服务对象满意度不低于90%。",
            rng.pick(&SUBJECTS)
        )],
        indicators: rows(rng, rows_n, &amount(total), &year.to_string()),
        ..Default::default()
    }
}

/// One of the seed's typical mistakes, somewhere in `doc`.
fn mistake(rng: &mut Rng, doc: &mut Document) {
    let p = rng.next() as usize % doc.projects.len();
    let project = &mut doc.projects[p];
    let r = rng.next() as usize % project.indicators.len();
    let row = &mut project.indicators[r];
    match rng.range(0, 9) {
        0 => {
            // A cost in percent (C2).
            row.level1 = "产出指标".into();
            row.level2 = "成本指标".into();
            row.value = "≥95%".into();
        }
        1 => row.value = "创造良好营商环境".into(), // a slogan (B3)
        2 => row.value = rng.range(5, 99).to_string(), // a bare number (B5)
        3 => row.basis.clear(),                     // no basis (A10)
        4 => {
            // Satisfaction of 100% (B8).
            row.level1 = "满意度指标".into();
            row.level2 = "服务对象满意度指标".into();
            row.name = "服务对象满意度".into();
            row.value = "=100%".into();
        }
        5 => project.budget.fiscal = amount(rng.range(100, 10_000)), // totals differ (D1)
        6 => project.spending_plan.dec = "90".into(),                // plan short of 100 (E)
        7 => project.goals = vec!["目标内容1".into()], // the template's placeholder (A11)
        8 => {
            // A count as 时效 (C5).
            row.level2 = "时效指标".into();
            row.value = format!("{}次", rng.range(2, 50));
        }
        _ => project.spending_plan.mar.clear(), // an empty checkpoint (E1)
    }
}

fn document(rng: &mut Rng, unit: usize) -> Document {
    let projects = rng.range(2, 40) as usize;
    let name = UNITS[unit % UNITS.len()];
    let year = rng.range(2023, 2026);
    // Each project its own subject and kind.
    let mut names: Vec<String> = SUBJECTS
        .iter()
        .flat_map(|s| KINDS.iter().map(move |k| format!("{s}{k}")))
        .collect();
    shuffle(rng, &mut names);
    let mut doc = Document {
        year: year.to_string(),
        unit: Unit {
            code: format!("{}", 120_001 + unit * 7),
            name: name.into(),
            ..Default::default()
        },
        money_unit: "万元".into(),
        department: Department {
            overall_goals: vec![format!(
                "{year}年，{name}围绕中心工作，全年办理各类业务不少于{}件，服务对象满意度不低于90%，确保各项重点任务按期完成。",
                rng.range(500, 20_000)
            )],
            sub_goals: Vec::new(),
            safeguards: vec!["一是加强组织领导，明确责任分工；二是健全内控制度，严格资金监管，专款专用；三是开展绩效运行监控和年度自评，确保各项目标按期完成。".into()],
            ..Default::default()
        },
        projects: names
            .into_iter()
            .take(projects)
            .enumerate()
            .map(|(i, name)| project(rng, unit, year, i, name))
            .collect(),
        saved_at: format!("{}-11-{:02}T09:30:00Z", year - 1, rng.range(1, 28)),
        ..Default::default()
    };
    // 分项绩效目标 names the main projects (the largest budgets), as G3 wants.
    let mut main: Vec<&Project> = doc.projects.iter().collect();
    main.sort_by_key(|p| {
        std::cmp::Reverse(p.budget.total.replace('.', "").parse::<u64>().unwrap_or(0))
    });
    doc.department.sub_goals = main
        .iter()
        .take(5)
        .map(|p| format!("{}：保障项目顺利实施，完成年度绩效目标。", p.name))
        .collect();
    doc
}

/// A `review` block in one of review.md's states.
fn review(rng: &mut Rng, doc: &Document, state: u64) -> Value {
    let snapshot = json!({
        "year": doc.year, "unit": { "code": doc.unit.code, "name": doc.unit.name },
        "projects": doc.projects.iter().map(|p| json!({ "code": p.code, "name": p.name })).collect::<Vec<_>>(),
    });
    let comment = |id: String, status: &str, p: &Project| {
        json!({
            "id": id,
            "at": { "project": p.code, "row": 1, "field": "value" },
            "quote": p.indicators[0].value, "code": "",
            "text": "指标值应与绩效目标对应，请核实。", "status": status,
            "reply": if status == "open" { "" } else { "已按意见修改。" },
        })
    };
    let p = &doc.projects[rng.next() as usize % doc.projects.len()];
    let closed = |decision: &str, comments: Vec<Value>| {
        json!({
            "round": 1, "reviewer": "承德市财政局绩效管理科", "reviewed_at": "2027-03-02T08:00:00Z",
            "decision": decision, "summary": "部分项目指标设置需完善。",
            "projects": [{ "code": p.code, "name": p.name, "decision": decision, "grade": "良", "opinion": "" }],
            "comments": comments, "reviewed": snapshot,
        })
    };
    let rounds = match state {
        // In review: round 1 open.
        0 => vec![
            json!({ "round": 1, "reviewer": "承德市财政局绩效管理科", "reviewed_at": "",
            "decision": "", "summary": "", "projects": [],
            "comments": [comment("1-1".into(), "open", p)], "reviewed": {} }),
        ],
        // Returned, with open comments.
        1 => vec![closed(
            "退回修改",
            (1..=rng.range(1, 4))
                .map(|i| comment(format!("1-{i}"), "open", p))
                .collect(),
        )],
        // Passed.
        2 => vec![closed("通过", vec![comment("1-1".into(), "closed", p)])],
        // Round 2 under way, round 1's comments answered.
        _ => {
            let mut first = closed("退回修改", vec![comment("1-1".into(), "answered", p)]);
            first["comments"][0]["status"] = "answered".into();
            vec![
                first,
                json!({ "round": 2, "reviewer": "承德市财政局绩效管理科", "reviewed_at": "",
                    "decision": "", "summary": "", "projects": [], "comments": [], "reviewed": {} }),
            ]
        }
    };
    json!({ "rounds": rounds })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("用法：generate_files 目录 文件数 [种子]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut rng = Rng(seed);
    let dir = Path::new(dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("无法创建目录 {}：{e}", dir.display());
        std::process::exit(2);
    }
    let mut kinds = [0usize; 5];
    for i in 0..n {
        let mut doc = document(&mut rng, i);
        if rng.chance(60) {
            for _ in 0..rng.range(1, 4) {
                mistake(&mut rng, &mut doc);
            }
        }
        if rng.chance(35) {
            let state = rng.range(0, 3);
            doc.extra
                .insert("review".into(), review(&mut rng, &doc, state));
        }
        let status = status_of(&validate(&doc));
        let mut text = write_document(&doc, status);
        // A few bad ones, at fixed places among every 33 files.
        let bad = match i % 33 {
            7 => {
                text = "这是一份 Word 文档另存的文本，不是 JSON。\n单位：……\n".into();
                0
            }
            18 => {
                text = text.replacen("\"version\": 1", "\"version\": 2", 1);
                1
            }
            29 => {
                let mut cut = text.len() * 3 / 5;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
                2
            }
            _ => 3 + usize::from(status == Status::Draft),
        };
        kinds[bad] += 1;
        let path = dir.join(format!("{:03}-{}.json", i + 1, doc.unit.code));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("无法写入 {}：{e}", path.display());
            std::process::exit(2);
        }
    }
    println!(
        "{n} files in {}: {} complete, {} with errors, {} not JSON, {} newer version, {} truncated",
        dir.display(),
        kinds[3],
        kinds[4],
        kinds[0],
        kinds[1],
        kinds[2]
    );
}
