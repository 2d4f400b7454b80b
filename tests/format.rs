//! Reading and writing the JSON file exactly as format.md says.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::format::{
    read_document, write_document, write_document_compact, ReadError, Status,
};

fn minimal(body: &str) -> String {
    format!(r#"{{"format": "performance-goals", "version": 1{body}}}"#)
}

fn wrong_type_path(text: &str) -> String {
    match read_document(text) {
        Err(ReadError::WrongType { path, .. }) => path,
        other => panic!("expected WrongType, got {other:?}"),
    }
}

#[test]
fn not_json_is_refused_with_where() {
    let err = read_document("{\"format\": ").unwrap_err();
    assert!(matches!(err, ReadError::NotJson { line: 1, .. }));
    assert!(err.to_string().contains("不是有效的 JSON"));
    assert!(matches!(read_document(""), Err(ReadError::NotJson { .. })));
}

#[test]
fn not_our_file_is_refused() {
    assert_eq!(read_document("[1, 2]"), Err(ReadError::NotAnObject));
    assert_eq!(
        read_document("{}"),
        Err(ReadError::NotOurFormat { found: None })
    );
    let err = read_document(r#"{"format": "budget", "version": 1}"#).unwrap_err();
    assert_eq!(
        err,
        ReadError::NotOurFormat {
            found: Some("budget".into())
        }
    );
    assert!(err.to_string().contains("「budget」"));
}

#[test]
fn a_newer_version_is_refused_naming_both() {
    let err = read_document(r#"{"format": "performance-goals", "version": 2}"#).unwrap_err();
    assert_eq!(
        err,
        ReadError::NewerVersion {
            found: 2,
            supported: 1
        }
    );
    assert!(err.to_string().contains("第 2 版") && err.to_string().contains("第 1 版"));
    assert!(matches!(
        read_document(r#"{"format": "performance-goals", "version": "1"}"#),
        Err(ReadError::BadVersion { .. })
    ));
    assert!(matches!(
        read_document(r#"{"format": "performance-goals"}"#),
        Err(ReadError::BadVersion { .. })
    ));
}

#[test]
fn a_wrong_type_names_its_path() {
    let rows = r#"{"value": "≥1次"}, {"value": "≥1次"}, {"value": "≥1次"}, {"value": "≥1次"}, {"value": "≥1次"}"#;
    let text = minimal(&format!(
        r#", "projects": [{{}}, {{}}, {{"indicators": [{rows}, {{"value": 95}}]}}]"#
    ));
    assert_eq!(wrong_type_path(&text), "projects[2].indicators[5].value");
    let err = read_document(&text).unwrap_err().to_string();
    assert_eq!(
        err,
        "文件中「projects[2].indicators[5].value」应为文本，实际为数字，未导入。"
    );
    assert_eq!(wrong_type_path(&minimal(r#", "unit": "120001""#)), "unit");
    assert_eq!(
        wrong_type_path(&minimal(r#", "department": {"sub_goals": "x"}"#)),
        "department.sub_goals"
    );
    assert_eq!(
        wrong_type_path(&minimal(r#", "department": {"safeguards": ["a", 3]}"#)),
        "department.safeguards[1]"
    );
    assert_eq!(wrong_type_path(&minimal(r#", "projects": {}"#)), "projects");
    assert_eq!(
        wrong_type_path(&minimal(r#", "projects": [7]"#)),
        "projects[0]"
    );
    assert_eq!(
        wrong_type_path(&minimal(r#", "projects": [{"budget": {"total": true}}]"#)),
        "projects[0].budget.total"
    );
}

#[test]
fn numbers_in_amount_fields_keep_every_digit() {
    let text = minimal(
        r#", "projects": [{"budget": {"total": 5.00, "fiscal": 12345678901234567890.123456789, "other": 1e2},
            "spending_plan": {"mar": 0, "jun": 37.5, "oct": "80", "dec": 100}}]"#,
    );
    let doc = read_document(&text).expect("reads");
    let p = &doc.projects[0];
    assert_eq!(p.budget.total, "5.00");
    assert_eq!(p.budget.fiscal, "12345678901234567890.123456789");
    assert_eq!(p.budget.other, "100");
    assert_eq!(
        (p.spending_plan.mar.as_str(), p.spending_plan.jun.as_str()),
        ("0", "37.5")
    );
    assert_eq!(p.spending_plan.dec, "100");
}

#[test]
fn missing_fields_are_empty_and_unknown_keys_come_back() {
    let text = minimal(
        r#", "reviewer": {"name": "李", "score": 1.50}, "unit": {"code": "120001", "x-note": [1, 2]},
            "projects": [{"name": "法律顾问费", "x-id": 7, "budget": {"total": "5", "x": null},
            "indicators": [{"level1": "产出", "level2": "数量", "value": "≥1次", "x-flag": true}]}]"#,
    );
    let doc = read_document(&text).expect("reads");
    assert_eq!(doc.year, "");
    assert_eq!(doc.unit.name, "");
    let row = &doc.projects[0].indicators[0];
    assert_eq!(
        (row.level1.as_str(), row.level2.as_str()),
        ("产出", "数量"),
        "vocabulary kept as typed"
    );
    let written = write_document(&doc, Status::Draft);
    for kept in [
        r#""reviewer": {"#,
        r#""score": 1.50"#,
        r#""x-note": ["#,
        r#""x-id": 7"#,
        r#""x": null"#,
        r#""x-flag": true"#,
    ] {
        assert!(written.contains(kept), "{kept} kept in\n{written}");
    }
    let again = read_document(&written).expect("reads again");
    assert_eq!(again, doc);
    assert_eq!(write_document(&again, Status::Draft), written);
}

#[test]
fn the_written_file_has_the_documented_key_order_and_indent() {
    let doc = read_document(&minimal(
        r#", "saved_at": "2026-11-27T10:00:00Z", "year": "2023", "projects": [{}]"#,
    ))
    .expect("reads");
    let written = write_document(&doc, Status::Complete);
    let keys: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|l| l.trim().split('"').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        keys,
        [
            "format",
            "version",
            "status",
            "year",
            "unit",
            "money_unit",
            "department",
            "projects",
            "saved_at"
        ]
    );
    assert!(written.contains("\n  \"status\": \"complete\",\n"));
    assert!(written.contains("\n      \"budget\": {\n        \"total\": \"\",\n"));
    assert!(written.ends_with("}\n"));
}

#[test]
fn status_in_a_file_is_not_trusted() {
    let doc = read_document(&minimal(r#", "status": "complete""#)).expect("reads");
    assert!(write_document(&doc, Status::Draft).contains("\"status\": \"draft\""));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(read_document(&format!("\u{feff}{}", minimal(""))).is_ok());
}

#[test]
fn an_import_takes_our_json_or_our_printable_html() {
    use perf_goals::core::open::read_file;
    use perf_goals::core::print::printable_html;
    let seed = include_str!("fixtures/seed.json");
    let doc = read_document(seed).expect("seed");
    assert_eq!(read_file(seed).expect("json").document, doc);
    let html = printable_html(&doc, &[]);
    let imported = read_file(&html).expect("our html");
    assert_eq!(imported.document, doc);
    assert_eq!(imported.warnings, []);
    assert_eq!(
        read_file("<!DOCTYPE html><html><body>别的网页</body></html>").map(|i| i.document),
        Err(ReadError::NotOurHtml)
    );
    assert_eq!(read_file("").map(|i| i.document), Err(ReadError::Empty));
    assert_eq!(read_file("  \n").map(|i| i.document), Err(ReadError::Empty));
    assert_eq!(
        read_file("").unwrap_err().to_string(),
        "文件是空的，未导入。"
    );
}

// ---- the optional keys of format.md 1.1: acknowledged, review, last_year_value ----

use perf_goals::core::findings::{Location, ProjectField, Severity};
use perf_goals::core::model::{Document, IndicatorField};
use perf_goals::core::review::anchor::ProjectPlace;
use perf_goals::core::review::{
    acknowledge, add_comment, close_round, conclusion_mut, set_reply, start_round, Decision, Place,
    Review,
};
use perf_goals::core::rules::validate;
use serde_json::{json, Value};

const SEED: &str = include_str!("fixtures/seed.json");
const CLEAN: &str = include_str!("fixtures/clean.json");

/// The seed as a reviewer leaves it after two rounds, with the preparer's
/// 已核实 on two warnings and last year's values on the first table.
fn reviewed_seed() -> Document {
    let mut doc = read_document(SEED).expect("seed");
    for (r, row) in doc.projects[0].indicators.iter_mut().enumerate() {
        row.last_year_value = Some(format!("≥{}次", 10 + r));
    }
    doc.projects[1].indicators[0].last_year_value = Some(String::new());
    let findings = validate(&doc);
    let mut acks = Vec::new();
    // Two warnings at two places (one place may have two of one code).
    for w in findings.iter().filter(|f| f.severity == Severity::Warning) {
        if acks.len() < 2 {
            let reason = format!("已核实 {}", acks.len());
            acknowledge(&mut acks, &doc, w, &reason).expect("a warning");
        }
    }
    assert_eq!(acks.len(), 2, "the seed has warnings");
    doc.acknowledged = acks;
    let mut review = Review::default();
    start_round(&mut review, "承德市财政局绩效管理科");
    let cell = Place::Project(0, ProjectPlace::Cell(3, IndicatorField::Value));
    let first = add_comment(&mut review, &doc, cell, "成本指标应为金额上限。").expect("comment");
    add_comment(&mut review, &doc, Place::Document, "请补充申报依据。").expect("comment");
    if let Ok(c) = conclusion_mut(&mut review, &doc, 0) {
        c.decision = Some(Decision::Returned);
        c.opinion = "成本指标应为金额上限。".into();
    }
    close_round(
        &mut review,
        &doc,
        "2027-03-02T08:00:00Z",
        Decision::Returned,
    )
    .expect("closed");
    set_reply(&mut review, &first, "已改为≤5000元/件。").expect("reply");
    start_round(&mut review, "");
    doc.review = Some(review);
    doc
}

#[test]
fn a_reviewed_file_with_acknowledgements_and_last_year_values_round_trips() {
    let doc = reviewed_seed();
    let written = write_document(&doc, Status::Draft);
    let back = read_document(&written).expect("reads");
    assert_eq!(back, doc);
    assert_eq!(write_document(&back, Status::Draft), written);
    // Keys in format.md's order: the 1.1 keys after `projects`.
    let top: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|l| l.trim().split('"').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        top[top.len() - 4..],
        ["projects", "acknowledged", "review", "saved_at"]
    );
    let v: Value = serde_json::from_str(&written).expect("json");
    let row = v["projects"][0]["indicators"][0]
        .as_object()
        .expect("a row");
    let keys: Vec<&str> = row.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "level1",
            "level2",
            "name",
            "description",
            "value",
            "basis",
            "last_year_value"
        ]
    );
    assert_eq!(
        v["projects"][1]["indicators"][0]["last_year_value"],
        json!("")
    );
    assert!(v["projects"][1]["indicators"][1]
        .get("last_year_value")
        .is_none());
    assert_eq!(v["review"]["rounds"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["acknowledged"][1]["reason"], json!("已核实 1"));
}

#[test]
fn a_draft_in_storage_is_one_line_that_reads_back_whole_in_far_fewer_characters() {
    let doc = reviewed_seed();
    let stored = write_document_compact(&doc, Status::Draft);
    assert!(!stored.contains('\n'), "one line");
    assert_eq!(read_document(&stored).expect("reads"), doc);
    // The same key order as the file, only without the indentation.
    let file: Value = serde_json::from_str(&write_document(&doc, Status::Draft)).expect("json");
    assert_eq!(serde_json::to_string(&file).expect("json"), stored);
    // Storage holds more drafts: the seed's indentation was a third of its
    // characters or more.
    let pretty = write_document(&doc, Status::Draft).chars().count();
    let compact = stored.chars().count();
    assert!(compact * 3 < pretty * 2, "{compact} of {pretty} characters");
}

#[test]
fn a_file_without_the_optional_keys_is_written_as_before() {
    for fixture in [SEED, CLEAN] {
        let doc = read_document(fixture).expect("reads");
        assert_eq!((doc.review.as_ref(), doc.acknowledged.len()), (None, 0));
        let status = if fixture.contains("\"status\": \"complete\"") {
            Status::Complete
        } else {
            Status::Draft
        };
        let written = write_document(&doc, status);
        assert_eq!(written, fixture, "byte for byte");
        for key in ["acknowledged", "review", "last_year_value"] {
            assert!(!written.contains(&format!("\"{key}\"")), "{key}");
        }
    }
    // Empty, null or absent: the same document, and the key is not written.
    let text = minimal(
        r#", "acknowledged": [], "review": null, "projects": [{"indicators": [{"value": "1次", "last_year_value": null}]}]"#,
    );
    let doc = read_document(&text).expect("reads");
    assert_eq!(doc.projects[0].indicators[0].last_year_value, None);
    let written = write_document(&doc, Status::Draft);
    assert_eq!(
        written,
        write_document(
            &read_document(&minimal(
                r#", "projects": [{"indicators": [{"value": "1次"}]}]"#
            ))
            .expect("reads"),
            Status::Draft
        )
    );
}

#[test]
fn unknown_keys_inside_the_review_and_acknowledgements_survive() {
    let mut v: Value =
        serde_json::from_str(&write_document(&reviewed_seed(), Status::Draft)).expect("json");
    v["review"]["tool"] = json!({ "name": "其他工具" });
    v["review"]["rounds"][0]["signature"] = json!("张三");
    v["review"]["rounds"][0]["projects"][0]["score"] = json!(72);
    v["review"]["rounds"][0]["comments"][0]["color"] = json!("yellow");
    v["review"]["rounds"][0]["comments"][0]["at"]["cell"] = json!("c4");
    v["review"]["rounds"][0]["reviewed"]["tool_note"] = json!([1, 2]);
    v["acknowledged"][0]["by"] = json!("李四");
    v["acknowledged"][0]["at"]["why"] = json!(true);
    v["projects"][0]["indicators"][0]["x-source"] = json!("上年");
    let mut text = serde_json::to_string_pretty(&v).expect("json");
    text.push('\n');
    let doc = read_document(&text).expect("reads");
    assert_eq!(
        write_document(&doc, Status::Draft),
        text,
        "each in its object"
    );
    let review = doc.review.as_ref().expect("review");
    assert_eq!(review.extra["tool"], json!({ "name": "其他工具" }));
    assert_eq!(review.rounds[0].comments[0].at_extra["cell"], json!("c4"));
    assert_eq!(doc.acknowledged[0].extra["by"], json!("李四"));
    let row = &doc.projects[0].indicators[0];
    assert_eq!(row.last_year_value.as_deref(), Some("≥10次"));
    assert_eq!(row.extra["x-source"], json!("上年"));
}

#[test]
fn bad_review_blocks_and_last_year_values_are_refused_with_the_path() {
    let file = || -> Value {
        serde_json::from_str(&write_document(&reviewed_seed(), Status::Draft)).expect("json")
    };
    let cases: [(&str, Value, &str); 8] = [
        ("/review", json!([]), "review"),
        (
            "/review/rounds/0/round",
            json!("1"),
            "review.rounds[0].round",
        ),
        (
            "/review/rounds/0/decision",
            json!("同意"),
            "review.rounds[0].decision",
        ),
        (
            "/review/rounds/0/comments/0/status",
            json!("pending"),
            "review.rounds[0].comments[0].status",
        ),
        (
            "/review/rounds/0/comments/1/id",
            json!("1-1"),
            "review.rounds[0].comments[1].id",
        ),
        (
            "/review/rounds/0/comments/0/at/row",
            json!(0),
            "review.rounds[0].comments[0].at.row",
        ),
        ("/acknowledged", json!({}), "acknowledged"),
        ("/acknowledged/1/reason", json!(5), "acknowledged[1].reason"),
    ];
    for (pointer, bad, path) in cases {
        let mut v = file();
        *v.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = bad;
        let err = read_document(&v.to_string()).expect_err(pointer);
        match &err {
            ReadError::Review(e) => assert_eq!(e.path(), path, "{pointer}"),
            other => panic!("{pointer}: {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains(&format!("「{path}」")) && message.ends_with("未导入。"),
            "{message}"
        );
    }
    let mut v = file();
    v["projects"][0]["indicators"][2]["last_year_value"] = json!(95);
    assert_eq!(
        wrong_type_path(&v.to_string()),
        "projects[0].indicators[2].last_year_value"
    );
    // In a row, last year's value is a short field like 指标值.
    let mut v = file();
    v["projects"][0]["indicators"][2]["last_year_value"] = json!("很".repeat(501));
    assert!(matches!(
        read_document(&v.to_string()),
        Err(ReadError::TooLong { path, .. }) if path == "projects[0].indicators[2].last_year_value"
    ));
}

#[test]
fn the_checked_findings_of_a_reviewed_file_are_the_same_as_without_its_keys() {
    let doc = reviewed_seed();
    let mut bare = doc.clone();
    bare.review = None;
    bare.acknowledged.clear();
    for p in &mut bare.projects {
        for r in &mut p.indicators {
            r.last_year_value = None;
        }
    }
    let findings = validate(&doc);
    assert_eq!(findings, validate(&bare));
    assert!(findings.iter().any(|f| matches!(
        f.location,
        Location::Project(0, ProjectField::Indicator(3, Some(IndicatorField::Value)))
    )));
}
