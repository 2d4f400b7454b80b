//! Reading and writing the JSON file exactly as format.md says.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::format::{read_document, write_document, ReadError, Status};

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
    use perf_goals::core::format::read_file;
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
