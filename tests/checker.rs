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
