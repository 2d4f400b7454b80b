//! perf-goals-check as a reviewer runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_perf-goals-check"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the checker runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_seed_lists_every_mistake_and_exits_1() {
    let (code, out) = check(&["tests/fixtures/seed.json"]);
    assert_eq!(code, 1);
    for line in [
        "项目1「法律顾问费」 指标第4行「指标值」  [C2] 错误  成本指标应填写金额上限",
        "项目1「法律顾问费」 指标第4行「指标值」  [C3] 错误",
        "项目1「法律顾问费」 指标第4行「指标值」  [B9] 警告",
        "项目5「业务评审专项」 绩效指标表  [B4] 错误  第1–9行的指标值均为「11」",
        "项目5「业务评审专项」 指标第1行「指标值」  [B5] 警告",
        "项目2「企业服务中心工作专项」 指标第2行「二级指标」  [C5] 错误",
        "项目2「企业服务中心工作专项」 指标第8行「三级指标」  [A6] 错误",
        "项目6「政务服务专项」 指标第4行「指标值」  [B6] 错误",
        "项目2「企业服务中心工作专项」 指标第6行「指标值」  [B3] 错误  指标值「创造良好营商环境」是工作口号",
        "项目3「审批局政务中心运转专项」 指标第3行「指标值」  [C10] 错误  绩效指标描述中为「206份」，指标值为「25万份」",
        "项目1「法律顾问费」 资金支出计划「12月底」  [E1] 错误",
        "项目3「审批局政务中心运转专项」 指标第8行「指标值」  [B7] 错误",
        "项目4「信息化服务建设专项」 绩效目标 1  [A11] 错误",
    ] {
        assert!(out.contains(line), "missing: {line}\n{out}");
    }
    assert!(out.contains("状态 草稿（draft）"));
}

#[test]
fn a_clean_document_has_no_error_and_exits_0() {
    let (code, out) = check(&["tests/fixtures/clean.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("错误 0"), "{out}");
}

#[test]
fn an_unreadable_file_exits_2_with_the_reason() {
    let (code, out) = check(&[
        "tests/fixtures/clean.json",
        "Cargo.toml",
        "no-such-file.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains("== Cargo.toml\n无法检查：文件不是有效的 JSON"),
        "{out}"
    );
    assert!(
        out.contains("== no-such-file.json\n无法检查：无法读取文件"),
        "{out}"
    );
}

#[test]
fn json_output_lists_findings_with_where() {
    let (code, out) = check(&["--json", "tests/fixtures/seed.json"]);
    assert_eq!(code, 1);
    let reports: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let seed = &reports[0];
    assert_eq!(seed["status"], "draft");
    let c10 = seed["findings"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|x| x["code"] == "C10" && x["severity"] == "error")
        })
        .expect("a C10 error");
    assert_eq!(c10["project"], 3);
    assert_eq!(
        c10["where"],
        "项目3「审批局政务中心运转专项」 指标第3行「指标值」"
    );
}

// ---- hostile files, caps, encodings, summary ----

use std::path::{Path, PathBuf};

use perf_goals::core::format::{read_document, write_document, Status};
use perf_goals::core::summary::COLUMNS;
use serde_json::{json, Value};

const SEED: &str = include_str!("fixtures/seed.json");
const CLEAN: &str = include_str!("fixtures/clean.json");

/// A fresh folder for one test's files.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("perf-goals-check-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn put(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path.to_string_lossy().into_owned()
}

/// Exit code and stdout as bytes, with `env` set.
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_perf-goals-check"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the checker runs");
    (out.status.code().unwrap_or(-1), out.stdout)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("stdout is UTF-8")
}

/// `json` (a document as a Value) with `edit` applied, as file text.
fn edited(source: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(source).expect("json");
    edit(&mut v);
    serde_json::to_string_pretty(&v).expect("json")
}

/// What a terminal must never receive as itself.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn escape_and_bidi_characters_never_reach_the_terminal() {
    let dir = folder("escapes");
    let nasty = "\u{1b}[2J\u{1b}]0;标题\u{7}\u{9b}31m\r-- 错误 0，警告 0；状态 完成（complete）\n\u{202e}局\u{2066}审\u{2069}\u{200f}\u{61c}\u{8}\u{7f}";
    let file = edited(SEED, |v| {
        v["unit"]["name"] = format!("承德{nasty}").into();
        v["year"] = format!("2023{nasty}").into();
        v["projects"][0]["name"] = format!("法律{nasty}").into();
        v["projects"][0]["indicators"][3]["value"] = format!("≥95%{nasty}").into();
        v["projects"][1]["code"] = nasty.into();
    });
    let name = put(&dir, "seed\u{202e}nosj.\u{1b}[31m.json", file);
    for (args, csv) in [
        (vec![name.as_str()], false),
        (vec!["--summary", name.as_str()], false),
        (vec!["--summary", "--csv", name.as_str()], true),
        (vec!["--json", name.as_str()], false),
    ] {
        let (code, out) = run(&args, &[]);
        assert_eq!(code, 1, "{args:?}");
        let out = text(&out);
        let mut chars = out.chars().peekable();
        while let Some(c) = chars.next() {
            let line_end = c == '\n' || (csv && c == '\r' && chars.peek() == Some(&'\n'));
            assert!(
                !hidden(c) || line_end,
                "{args:?}: U+{:04X} printed raw in\n{out}",
                c as u32
            );
        }
        // Shown, not dropped: the reviewer sees that something is there.
        let shown = if args[0] == "--json" {
            "\\u001b"
        } else {
            "\\u{1B}"
        };
        assert!(out.contains(shown), "{args:?}\n{out}");
        assert!(
            out.contains("202E") || out.contains("202e"),
            "{args:?}\n{out}"
        );
    }
    // The fake summary line stays inside the name, on the name's line.
    let (_, out) = run(&[name.as_str()], &[]);
    let out = text(&out);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("-- ")).count(),
        1,
        "{out}"
    );
}

#[test]
fn findings_are_capped_per_rule_and_the_rest_counted() {
    let dir = folder("caps");
    let file = edited(CLEAN, |v| {
        let row = v["projects"][0]["indicators"][0].clone();
        let rows: Vec<Value> = (0..80)
            .map(|i| {
                let mut r = row.clone();
                r["name"] = format!("法律咨询次数{i}").into();
                // A description that copies the name: C15 on every row.
                r["description"] = format!("法律咨询次数{i}").into();
                r
            })
            .collect();
        v["projects"][0]["indicators"] = rows.into();
    });
    let path = put(&dir, "many.json", file);
    let (_, json_out) = run(&["--json", &path], &[]);
    let reports: Value = serde_json::from_slice(&json_out).expect("json");
    let c15 = reports[0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "C15")
        .count();
    assert_eq!(c15, 80, "--json lists every finding");
    let (_, out) = run(&[&path], &[]);
    let out = text(&out);
    assert_eq!(out.matches("  [C15] ").count(), 50, "{out}");
    assert!(out.contains("\n…另有 30 条 [C15]\n"), "{out}");
}

#[test]
fn a_file_that_takes_too_long_is_reported_as_not_checked() {
    let dir = folder("timeout");
    let big = write_document(
        &perf_goals::core::sample::generated_document(200, 30),
        Status::Draft,
    );
    let path = put(&dir, "big.json", big);
    let start = std::time::Instant::now();
    let (code, out) = run(
        &[&path, "tests/fixtures/clean.json"],
        &[("PERF_GOALS_CHECK_TIMEOUT_MS", "1")],
    );
    let out = text(&out);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&format!(
            "== {path}\n无法检查：检查超过 0.001 秒仍未完成，未检查"
        )),
        "{out}"
    );
    assert!(
        out.contains("== tests/fixtures/clean.json"),
        "the rest is still reported"
    );
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn a_file_past_the_byte_limit_is_refused() {
    let dir = folder("large");
    let mut big = CLEAN.to_string();
    big.push_str(&" ".repeat(6 * 1024 * 1024));
    let path = put(&dir, "large.json", big);
    let (code, out) = run(&[&path], &[]);
    let out = text(&out);
    assert_eq!(code, 2);
    assert!(
        out.contains("无法检查：文件有 6.0 MB，超过 5 MB 的上限"),
        "{out}"
    );
}

#[test]
fn a_gbk_file_is_read_with_a_notice_and_latin1_or_utf16_is_refused() {
    let dir = folder("encodings");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(SEED);
    assert!(!unmappable);
    let gbk = put(&dir, "gbk.json", gbk);
    let (code, out) = run(&[&gbk], &[]);
    let out = text(&out);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("== {gbk}：承德高新区行政审批局本级 2023年，6个项目\n注意：文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取")),
        "{out}"
    );
    assert!(
        out.contains("[C10] 错误  绩效指标描述中为「206份」"),
        "{out}"
    );
    let (_, summary) = run(&["--summary", &gbk], &[]);
    assert!(text(&summary).contains("已按 GB18030（GBK）编码读取"));

    let latin1: Vec<u8> = CLEAN
        .replace("承德高新区行政审批局本级", "Caf#")
        .chars()
        .filter(|c| c.is_ascii())
        .map(|c| if c == '#' { 0xE9 } else { c as u8 })
        .collect();
    let latin1 = put(&dir, "latin1.json", latin1);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(CLEAN.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16 = put(&dir, "utf16.json", utf16);
    let (code, out) = run(&[&latin1, &utf16], &[]);
    let out = text(&out);
    assert_eq!(code, 2);
    assert!(
        out.contains(&format!(
            "== {latin1}\n无法检查：文件不是 UTF-8 编码的文本（第"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("== {utf16}\n无法检查：文件是 UTF-16 编码。请用记事本等编辑器「另存为」UTF-8 编码后再导入")),
        "{out}"
    );
}

#[test]
fn a_printable_html_is_checked_and_a_tampered_one_noted() {
    let dir = folder("html");
    let seed = read_document(SEED).expect("seed");
    let html = perf_goals::core::print::printable_html(&seed, &[]);
    let good = put(&dir, "seed.html", &html);
    let tampered = put(
        &dir,
        "tampered.html",
        html.replacen(
            "<td class=\"amount\">5.00</td>",
            "<td class=\"amount\">0.50</td>",
            1,
        ),
    );
    let (code, out) = run(&[&good, &tampered, "tests/fixtures/seed.json"], &[]);
    let out = text(&out);
    assert_eq!(code, 1, "{out}");
    let reports: Vec<&str> = out.split("\n== ").collect();
    assert_eq!(reports.len(), 3);
    assert!(!reports[0].contains("注意："), "{}", reports[0]);
    assert!(
        reports[1].contains("\n注意：文件中的表格与其中的数据不一致：表格中为「"),
        "{}",
        reports[1]
    );
    // The same findings whichever the file.
    let counts = |r: &str| {
        r.lines()
            .rfind(|l| l.starts_with("-- "))
            .and_then(|l| l.split_once('：'))
            .map(|(_, c)| c.to_string())
    };
    assert!(counts(reports[0]).is_some_and(|c| c.starts_with("错误 ")));
    assert_eq!(counts(reports[0]), counts(reports[2]));
}

/// A review block in the state review.md calls 退回修改, with `open` open comments.
fn returned(open: usize) -> Value {
    let comments: Vec<Value> = (0..open + 1)
        .map(|i| json!({ "id": format!("1-{i}"), "status": if i < open { "open" } else { "closed" }, "text": "请核实。" }))
        .collect();
    json!({ "rounds": [{ "round": 1, "reviewed_at": "2027-03-02T08:00:00Z", "decision": "退回修改", "comments": comments }] })
}

/// The table's lines, split into columns of two or more spaces.
fn table(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

#[test]
fn the_summary_has_a_line_per_file_in_order_and_bad_files_say_why() {
    let dir = folder("summary");
    let reviewed = put(
        &dir,
        "reviewed.json",
        edited(CLEAN, |v| {
            v["unit"]["name"] = "承德市财政局".into();
            v["review"] = returned(2);
        }),
    );
    let not_json = put(&dir, "notes.json", "这不是 JSON");
    let newer = put(
        &dir,
        "newer.json",
        CLEAN.replacen("\"version\": 1", "\"version\": 2", 1),
    );
    let truncated = put(&dir, "truncated.json", &CLEAN[..CLEAN.len() / 2]);
    let files = [
        "tests/fixtures/seed.json",
        not_json.as_str(),
        "tests/fixtures/clean.json",
        newer.as_str(),
        reviewed.as_str(),
        truncated.as_str(),
    ];
    let mut args = vec!["--summary"];
    args.extend(files);
    let (code, out) = run(&args, &[]);
    let out = text(&out);
    assert_eq!(code, 2, "{out}");
    let rows = table(&out);
    assert_eq!(rows.len(), 1 + files.len(), "{out}");
    assert_eq!(rows[0], COLUMNS);
    for (row, file) in rows[1..].iter().zip(files) {
        assert_eq!(row[0], file, "argument order");
    }
    let seed = read_document(SEED).expect("seed");
    let findings = perf_goals::core::rules::validate(&seed);
    // Counted as the app counts them: a finding folded under another is not counted apart.
    let counts = perf_goals::core::findings::Counts::of(&findings);
    let total: rust_decimal::Decimal = seed
        .projects
        .iter()
        .map(|p| {
            p.budget
                .total
                .parse::<rust_decimal::Decimal>()
                .expect("amount")
        })
        .sum();
    assert_eq!(
        rows[1][1..],
        [
            "承德高新区行政审批局本级".to_string(),
            "2023".into(),
            "6".into(),
            total.to_string(),
            counts.errors.to_string(),
            counts.warnings.to_string(),
            "差".into(),
            "未审核".into(),
            "0".into(),
        ]
    );
    assert_eq!(
        rows[3][7..],
        ["优".to_string(), "未审核".into(), "0".into()]
    );
    assert_eq!(rows[5][1], "承德市财政局");
    assert_eq!(rows[5][8..], ["退回修改".to_string(), "2".into()]);
    assert!(
        rows[2][1].starts_with("无法检查：文件不是有效的 JSON"),
        "{out}"
    );
    assert!(
        rows[4][1].starts_with("无法检查：文件为第 2 版格式"),
        "{out}"
    );
    assert!(rows[6][1].contains("文件不完整，可能被截断"), "{out}");
}

#[test]
fn open_comments_alone_make_the_exit_status_1() {
    let dir = folder("exit");
    let open = put(
        &dir,
        "open.json",
        edited(CLEAN, |v| v["review"] = returned(1)),
    );
    let closed = put(
        &dir,
        "closed.json",
        edited(CLEAN, |v| v["review"] = returned(0)),
    );
    assert_eq!(run(&["--summary", &closed], &[]).0, 0);
    assert_eq!(run(&[&closed], &[]).0, 0);
    assert_eq!(run(&["--summary", &open], &[]).0, 1);
    let (code, out) = run(&[&open], &[]);
    assert_eq!(code, 1);
    assert!(text(&out).contains("；未处理审核意见 1 条"));
}

/// RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the last record ends with CRLF"
    );
    rows
}

#[test]
fn the_csv_parses_back_into_the_table() {
    let dir = folder("csv");
    let formula = put(
        &dir,
        "a, \"quoted\" name.json",
        edited(CLEAN, |v| {
            v["unit"]["name"] = "=HYPERLINK(\"http://x\",\"点击\")".into();
            v["review"] = returned(3);
        }),
    );
    let newer = put(
        &dir,
        "newer.json",
        CLEAN.replacen("\"version\": 1", "\"version\": 2", 1),
    );
    let files = ["tests/fixtures/seed.json", formula.as_str(), newer.as_str()];
    let mut args = vec!["--summary"];
    args.extend(files);
    let (_, table_out) = run(&args, &[]);
    args.insert(1, "--csv");
    let (code, csv) = run(&args, &[]);
    assert_eq!(code, 2);
    let csv = text(&csv);
    let body = csv
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for Excel");
    let rows = parse_csv(body);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], COLUMNS);
    assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
    for (row, file) in rows[1..].iter().zip(files) {
        assert_eq!(row[0], file);
    }
    // The same figures as the text table.
    let text_rows = table(&text(&table_out));
    assert_eq!(rows[1][..10], text_rows[1][..]);
    assert_eq!(
        rows[2][1], "'=HYPERLINK(\"http://x\",\"点击\")",
        "never a formula"
    );
    assert_eq!(rows[2][8..10], ["退回修改".to_string(), "3".into()]);
    assert!(rows[3][1..10].iter().all(String::is_empty));
    assert!(rows[3][10].starts_with("无法检查：文件为第 2 版格式"));
}

#[test]
fn many_files_keep_the_order_of_the_arguments() {
    let dir = folder("order");
    let files: Vec<String> = (0..12)
        .map(|i| match i % 3 {
            0 => "tests/fixtures/seed.json".to_string(),
            1 => put(&dir, &format!("{i}.json"), CLEAN),
            _ => put(&dir, &format!("{i}.json"), "{"),
        })
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (_, out) = run(&args, &[]);
    let heads: Vec<String> = text(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("== "))
        .map(|l| l.split('：').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(heads, files);
}

#[test]
fn the_review_state_and_open_comments_follow_the_summary_line() {
    let dir = folder("review-line");
    let returned_file = put(
        &dir,
        "returned.json",
        edited(CLEAN, |v| v["review"] = returned(2)),
    );
    let working = put(
        &dir,
        "working.json",
        edited(CLEAN, |v| {
            v["review"] = json!({ "rounds": [
                { "round": 1, "reviewed_at": "2027-03-02T08:00:00Z", "decision": "退回修改" },
                { "round": 2, "reviewed_at": "", "decision": "" }
            ] })
        }),
    );
    let (code, out) = run(
        &["tests/fixtures/clean.json", &returned_file, &working],
        &[],
    );
    let out = text(&out);
    assert_eq!(code, 1, "{out}");
    // The line after each summary line.
    let after: Vec<&str> = out
        .lines()
        .zip(out.lines().skip(1))
        .filter(|(l, _)| l.starts_with("-- "))
        .map(|(_, next)| next)
        .collect();
    assert_eq!(
        after,
        [
            "   审核状态 未审核",
            "   审核状态 退回修改；未处理审核意见 2 条",
            "   审核状态 审核中 第2轮；未处理审核意见 0 条",
        ],
        "{out}"
    );
    // No error, but open comments: the file is a draft.
    assert!(
        out.contains(&format!(
            "-- {returned_file}：错误 0，警告 0，提示 0；状态 草稿（draft）"
        )),
        "{out}"
    );

    let (_, json_out) = run(
        &[
            "--json",
            "tests/fixtures/clean.json",
            &returned_file,
            &working,
        ],
        &[],
    );
    let reports: Value = serde_json::from_slice(&json_out).expect("json");
    assert_eq!(
        reports[0]["review"],
        json!({ "state": "unreviewed", "label": "未审核", "round": null, "open_comments": 0 })
    );
    assert_eq!(
        reports[1]["review"],
        json!({ "state": "returned", "label": "退回修改", "round": 1, "open_comments": 2 })
    );
    assert_eq!(reports[1]["status"], "draft");
    assert_eq!(reports[2]["review"]["state"], "in_review");
    assert_eq!(reports[2]["review"]["round"], 2);
    assert_eq!(reports[2]["status"], "complete");
}

#[test]
fn a_bad_review_block_is_refused_with_its_path() {
    let dir = folder("bad-review");
    let bad = put(
        &dir,
        "bad.json",
        edited(CLEAN, |v| {
            v["review"] = returned(1);
            v["review"]["rounds"][0]["comments"][0]["status"] = "pending".into();
        }),
    );
    let (code, out) = run(&[&bad], &[]);
    let out = text(&out);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("无法检查：文件中「review.rounds[0].comments[0].status」为「pending」"),
        "{out}"
    );
}
