//! Hostile and odd files: every limit of limits.rs (at the limit accepted,
//! one past refused naming the place), encodings, duplicate keys, nesting,
//! and printable HTML that hides, doubles or contradicts its data.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::format::{
    decode_text, read_document, write_document, Cap, HtmlProblem, ReadError, Status,
};
use perf_goals::core::limits::{
    MAX_DOCUMENT_INDICATORS, MAX_FILE_BYTES, MAX_GOALS, MAX_INDICATORS, MAX_LONG_CHARS,
    MAX_PARAGRAPHS, MAX_PROJECTS, MAX_SHORT_CHARS, MAX_UNKNOWN_BYTES, MAX_UNKNOWN_DEPTH,
    MAX_UNKNOWN_VALUES,
};
use perf_goals::core::open::{read_file, ImportWarning};
use perf_goals::core::print::printable_html;
use perf_goals::core::rules::validate;
use serde_json::{json, Value};

const SEED: &str = include_str!("fixtures/seed.json");

/// A file of our format with `body` merged into its top level.
fn file(body: Value) -> String {
    let mut top = json!({ "format": "performance-goals", "version": 1 });
    if let (Some(map), Value::Object(more)) = (top.as_object_mut(), body) {
        map.extend(more);
    }
    top.to_string()
}

fn refusal(text: &str) -> ReadError {
    match read_document(text) {
        Err(e) => e,
        Ok(_) => panic!("accepted: {}", &text[..text.len().min(200)]),
    }
}

fn accepted(text: &str) {
    if let Err(e) = read_document(text) {
        panic!("refused: {e}");
    }
}

fn chars(n: usize) -> String {
    "法".repeat(n)
}

// ---- the limits, one by one ----

#[test]
fn a_file_of_the_limit_reads_and_one_byte_more_is_refused() {
    let small = file(json!({}));
    let at_limit = format!("{small}{}", " ".repeat(MAX_FILE_BYTES - small.len()));
    assert_eq!(at_limit.len(), MAX_FILE_BYTES);
    accepted(&at_limit);
    assert!(read_file(&at_limit).is_ok());
    let past = format!("{at_limit} ");
    let err = refusal(&past);
    assert_eq!(
        err,
        ReadError::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        }
    );
    assert!(err.to_string().contains("超过 5 MB 的上限"), "{err}");
    assert_eq!(
        read_file(&past).map(|i| i.document),
        Err(ReadError::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        })
    );
}

#[test]
fn projects_up_to_the_limit() {
    accepted(&file(json!({ "projects": vec![json!({}); MAX_PROJECTS] })));
    let err = refusal(&file(
        json!({ "projects": vec![json!({}); MAX_PROJECTS + 1] }),
    ));
    assert_eq!(
        err,
        ReadError::TooMany {
            path: format!("projects[{MAX_PROJECTS}]"),
            cap: Cap::Projects
        }
    );
    assert_eq!(
        err.to_string(),
        format!("文件中「projects[{MAX_PROJECTS}]」：每个文件最多 {MAX_PROJECTS} 个项目，未导入。")
    );
}

#[test]
fn indicator_rows_up_to_the_limit() {
    let with_rows = |n: usize| {
        let mut projects = vec![json!({}); 4];
        projects[3] = json!({ "indicators": vec![json!({"value": "≥1次"}); n] });
        file(json!({ "projects": projects }))
    };
    accepted(&with_rows(MAX_INDICATORS));
    let err = refusal(&with_rows(MAX_INDICATORS + 1));
    assert_eq!(
        err.to_string(),
        format!(
            "文件中「projects[3].indicators[{MAX_INDICATORS}]」：每个项目最多 {MAX_INDICATORS} 行绩效指标，未导入。"
        )
    );
}

#[test]
fn indicator_rows_of_the_whole_document_up_to_the_limit() {
    let full = json!({ "indicators": vec![json!({}); MAX_INDICATORS] });
    let projects = MAX_DOCUMENT_INDICATORS / MAX_INDICATORS;
    let mut at_limit = vec![full; projects];
    accepted(&file(json!({ "projects": at_limit.clone() })));
    at_limit.push(json!({ "name": "再加一行", "indicators": [{}] }));
    let err = refusal(&file(json!({ "projects": at_limit })));
    assert_eq!(
        err,
        ReadError::TooMany {
            path: format!("projects[{projects}].indicators[0]"),
            cap: Cap::DocumentIndicators
        }
    );
    assert_eq!(
        err.to_string(),
        format!("文件中「projects[{projects}].indicators[0]」：每个文件的绩效指标合计最多 {MAX_DOCUMENT_INDICATORS} 行，未导入。")
    );
}

#[test]
fn goals_and_paragraphs_up_to_the_limit() {
    accepted(&file(
        json!({ "projects": [{ "goals": vec!["目标"; MAX_GOALS] }] }),
    ));
    assert_eq!(
        refusal(&file(
            json!({ "projects": [{ "goals": vec!["目标"; MAX_GOALS + 1] }] })
        )),
        ReadError::TooMany {
            path: format!("projects[0].goals[{MAX_GOALS}]"),
            cap: Cap::Goals
        }
    );
    for list in ["overall_goals", "sub_goals", "safeguards"] {
        accepted(&file(
            json!({ "department": { list: vec!["段落"; MAX_PARAGRAPHS] } }),
        ));
        assert_eq!(
            refusal(&file(
                json!({ "department": { list: vec!["段落"; MAX_PARAGRAPHS + 1] } })
            )),
            ReadError::TooMany {
                path: format!("department.{list}[{MAX_PARAGRAPHS}]"),
                cap: Cap::Paragraphs
            }
        );
    }
}

/// Puts `text` at `path` of a small document (a JSON pointer).
fn with_text_at(pointer: &str, text: Value) -> String {
    let mut doc = json!({
        "year": "", "unit": { "code": "", "name": "" }, "money_unit": "万元",
        "department": { "overall_goals": [""], "sub_goals": [""], "safeguards": [""] },
        "projects": [{}, {
            "code": "", "name": "", "budget": { "total": "", "fiscal": "", "other": "" },
            "use_of_funds": "", "spending_plan": { "mar": "", "jun": "", "oct": "", "dec": "" },
            "goals": [""],
            "indicators": [{}, { "level1": "", "level2": "", "name": "", "description": "", "value": "", "basis": "" }]
        }],
        "saved_at": ""
    });
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = text;
    }
    file(doc)
}

#[test]
fn every_short_field_up_to_its_limit() {
    for (pointer, path) in [
        ("/year", "year"),
        ("/unit/code", "unit.code"),
        ("/unit/name", "unit.name"),
        ("/money_unit", "money_unit"),
        ("/saved_at", "saved_at"),
        ("/projects/1/code", "projects[1].code"),
        ("/projects/1/name", "projects[1].name"),
        ("/projects/1/budget/total", "projects[1].budget.total"),
        ("/projects/1/budget/other", "projects[1].budget.other"),
        (
            "/projects/1/spending_plan/oct",
            "projects[1].spending_plan.oct",
        ),
        (
            "/projects/1/indicators/1/level1",
            "projects[1].indicators[1].level1",
        ),
        (
            "/projects/1/indicators/1/name",
            "projects[1].indicators[1].name",
        ),
        (
            "/projects/1/indicators/1/value",
            "projects[1].indicators[1].value",
        ),
        (
            "/projects/1/indicators/1/basis",
            "projects[1].indicators[1].basis",
        ),
    ] {
        accepted(&with_text_at(pointer, chars(MAX_SHORT_CHARS).into()));
        let err = refusal(&with_text_at(pointer, chars(MAX_SHORT_CHARS + 1).into()));
        assert_eq!(
            err,
            ReadError::TooLong {
                path: path.into(),
                limit: MAX_SHORT_CHARS,
                chars: MAX_SHORT_CHARS + 1
            }
        );
    }
    // A number in an amount field counts its digits.
    let digits = |n: usize| {
        with_text_at("/projects/1/budget/total", Value::Null)
            .replace(r#""total":null"#, &format!(r#""total":{}"#, "9".repeat(n)))
    };
    accepted(&digits(MAX_SHORT_CHARS));
    assert!(refusal(&digits(MAX_SHORT_CHARS + 1))
        .to_string()
        .contains("「projects[1].budget.total」有 501 个字，超过每项 500 字的上限"));
}

#[test]
fn every_long_field_up_to_its_limit() {
    for (pointer, path) in [
        ("/department/overall_goals/0", "department.overall_goals[0]"),
        ("/department/safeguards/0", "department.safeguards[0]"),
        ("/projects/1/use_of_funds", "projects[1].use_of_funds"),
        ("/projects/1/goals/0", "projects[1].goals[0]"),
        (
            "/projects/1/indicators/1/description",
            "projects[1].indicators[1].description",
        ),
    ] {
        accepted(&with_text_at(pointer, chars(MAX_LONG_CHARS).into()));
        let err = refusal(&with_text_at(pointer, chars(MAX_LONG_CHARS + 1).into()));
        assert_eq!(
            err.to_string(),
            format!("文件中「{path}」有 5001 个字，超过每项 5000 字的上限，未导入。")
        );
    }
}

#[test]
fn unknown_data_per_object_up_to_its_limit() {
    // `"x":"…"` takes 6 bytes besides the text.
    let note = |n: usize| file(json!({ "projects": [{}, { "x": "a".repeat(n - 6) }] }));
    accepted(&note(MAX_UNKNOWN_BYTES));
    let err = refusal(&note(MAX_UNKNOWN_BYTES + 1));
    assert_eq!(
        err,
        ReadError::UnknownTooLarge {
            path: "projects[1]".into()
        }
    );
    assert!(err.to_string().contains("不认识的数据超过 64 KB"));
    // Spread over several keys of one row, it adds up.
    let half = "a".repeat(MAX_UNKNOWN_BYTES / 2);
    let row = json!({ "x": half, "y": half });
    assert_eq!(
        refusal(&file(json!({ "projects": [{ "indicators": [row] }] }))),
        ReadError::UnknownTooLarge {
            path: "projects[0].indicators[0]".into()
        }
    );
    // The top level holds review.md's block: only the file limit applies.
    let review = "审".repeat(MAX_UNKNOWN_BYTES);
    let doc = read_document(&file(
        json!({ "review": { "rounds": [{ "summary": review }] } }),
    ))
    .expect("reads");
    assert_eq!(
        doc.review.as_ref().map(|r| r.rounds[0].summary.len()),
        Some(3 * MAX_UNKNOWN_BYTES)
    );
}

fn nested(levels: usize) -> Value {
    (0..levels).fold(json!("底"), |inner, _| json!([inner]))
}

#[test]
fn unknown_data_nests_up_to_its_limit_and_deeper_has_its_own_message() {
    accepted(&file(
        json!({ "projects": [{ "x": nested(MAX_UNKNOWN_DEPTH) }] }),
    ));
    let err = refusal(&file(
        json!({ "projects": [{ "x": nested(MAX_UNKNOWN_DEPTH + 1) }] }),
    ));
    let path = format!("projects[0].x{}", "[0]".repeat(MAX_UNKNOWN_DEPTH));
    assert_eq!(err, ReadError::TooDeep { path: path.clone() });
    assert_eq!(
        err.to_string(),
        format!("文件中「{path}」嵌套超过 16 层，未导入。")
    );
    // 128 levels (serde_json's own limit, "syntax error" before) and far
    // beyond: the same message, never a syntax error, never a stack overflow.
    for levels in [128, 100_000] {
        let deep = format!(
            r#"{{"format":"performance-goals","version":1,"review":{}0{}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        );
        assert!(
            matches!(refusal(&deep), ReadError::TooDeep { .. }),
            "{levels}"
        );
    }
    // A known key of the wrong type is no way around it.
    assert!(matches!(
        refusal(&file(json!({ "unit": nested(200) }))),
        ReadError::TooDeep { .. }
    ));
}

#[test]
fn unknown_values_in_a_file_up_to_the_limit() {
    // The array counts as one value, each element as one.
    let zeros = |n: usize| {
        format!(
            r#"{{"format":"performance-goals","version":1,"tool":[{}]}}"#,
            vec!["0"; n].join(",")
        )
    };
    accepted(&zeros(MAX_UNKNOWN_VALUES - 1));
    let err = refusal(&zeros(MAX_UNKNOWN_VALUES));
    assert_eq!(
        err,
        ReadError::TooManyUnknownValues {
            path: format!("tool[{}]", MAX_UNKNOWN_VALUES - 1)
        }
    );
}

#[test]
fn a_realistic_large_document_is_far_inside_every_limit() {
    // 150 projects × 40 rows, the largest real units.
    let doc = perf_goals::core::sample::generated_document(150, 40);
    let text = write_document(&doc, Status::Draft);
    assert!(text.len() < MAX_FILE_BYTES / 2, "{} bytes", text.len());
    assert_eq!(read_document(&text).expect("reads"), doc);
}

// ---- encodings ----

fn seed_bytes_in(encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(SEED);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn gbk_bytes_are_not_utf8_and_say_where() {
    let gbk = seed_bytes_in(encoding_rs::GBK);
    let err = decode_text(&gbk).unwrap_err();
    // The first Chinese character of the seed is on its fifth line.
    let line = SEED.lines().position(|l| !l.is_ascii()).expect("Chinese") + 1;
    assert_eq!(err, ReadError::NotUtf8 { line });
    assert!(err.to_string().contains("另存为」UTF-8"), "{err}");
}

#[test]
fn latin1_bytes_are_not_utf8() {
    let latin1: Vec<u8> = r#"{"format":"performance-goals","version":1,"unit":{"name":"Caf#"}}"#
        .bytes()
        .map(|b| if b == b'#' { 0xE9 } else { b })
        .collect();
    assert_eq!(decode_text(&latin1), Err(ReadError::NotUtf8 { line: 1 }));
}

#[test]
fn utf16_and_utf32_are_refused_by_their_byte_order_mark() {
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(SEED.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(SEED.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [&utf16le, &utf16be] {
        let err = decode_text(bytes).unwrap_err();
        assert_eq!(err, ReadError::WrongEncoding { name: "UTF-16" });
        assert_eq!(
            err.to_string(),
            "文件是 UTF-16 编码。请用记事本等编辑器「另存为」UTF-8 编码后再导入，未导入。"
        );
    }
    let utf32le: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain(SEED.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    assert_eq!(
        decode_text(&utf32le),
        Err(ReadError::WrongEncoding { name: "UTF-32" })
    );
}

#[test]
fn one_or_two_byte_order_marks_are_fine() {
    let seed = read_document(SEED).expect("seed");
    for boms in ["\u{feff}", "\u{feff}\u{feff}"] {
        let text = format!("{boms}{SEED}");
        assert_eq!(decode_text(text.as_bytes()), Ok(SEED));
        assert_eq!(read_document(&text).expect("reads"), seed);
        assert_eq!(read_file(&text).expect("reads").document, seed);
    }
}

// ---- duplicate keys ----

#[test]
fn a_duplicate_key_anywhere_is_refused_with_its_path() {
    let err =
        refusal(r#"{"format": "performance-goals", "version": 1, "year": "2023", "year": "2024"}"#);
    assert_eq!(
        err,
        ReadError::DuplicateKey {
            path: "year".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "文件中「year」出现了两次（同一对象中的键重复），无法确定以哪一个为准，未导入。"
    );
    let row = r#"{"value": "≥95%", "name": "结案率", "value": "≥9%"}"#;
    let text = format!(
        r#"{{"format": "performance-goals", "version": 1, "projects": [{{}}, {{"indicators": [{{}}, {row}]}}]}}"#
    );
    assert_eq!(
        refusal(&text),
        ReadError::DuplicateKey {
            path: "projects[1].indicators[1].value".into()
        }
    );
    // In unknown data too, and spelled with an escape.
    let text = r#"{"format": "performance-goals", "version": 1, "review": {"rounds": [{"decision": "通过", "decisio\u006e": "退回修改"}]}}"#;
    assert_eq!(
        refusal(text),
        ReadError::DuplicateKey {
            path: "review.rounds[0].decision".into()
        }
    );
    // `format` itself.
    assert!(matches!(
        refusal(r#"{"format": "budget", "format": "performance-goals", "version": 1}"#),
        ReadError::DuplicateKey { .. }
    ));
}

// ---- printable HTML ----

fn seed_html() -> (perf_goals::core::model::Document, String) {
    let seed = read_document(SEED).expect("seed");
    let html = printable_html(&seed, &validate(&seed));
    (seed, html)
}

const OPEN: &str = r#"<script type="application/json" id="perf-goals-document">"#;

fn html_refusal(html: &str) -> ReadError {
    match read_file(html) {
        Err(e) => e,
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn our_printable_html_reads_back_without_warning_even_as_a_draft() {
    let (seed, html) = seed_html();
    assert!(
        html.contains("附：自查发现的问题"),
        "a draft with its appendix"
    );
    let imported = read_file(&html).expect("reads");
    assert_eq!(imported.document, seed);
    assert_eq!(imported.warnings, []);
    let bom = format!("\u{feff}{html}");
    assert_eq!(read_file(&bom).expect("reads").warnings, []);
}

#[test]
fn a_block_hidden_in_a_comment_before_the_real_one_is_refused() {
    let (mut other, html) = seed_html();
    other.unit.name = "另一个单位".into();
    let hidden = printable_html(&other, &[]);
    let block = &hidden[hidden.find(OPEN).expect("block")..hidden.find("</body>").expect("end")];
    let crafted = html.replacen("<body>\n", &format!("<body>\n<!-- {block} -->\n"), 1);
    assert_eq!(
        html_refusal(&crafted),
        ReadError::BadHtml(HtmlProblem::Comment)
    );
    assert_eq!(
        html_refusal(&crafted).to_string(),
        "这个 HTML 文件在数据块之前有注释（<!-- -->），可能被改动过，未导入。"
    );
    // A comment anywhere before the block, even an empty one.
    let crafted = html.replacen("</h1>", "</h1><!---->", 1);
    assert_eq!(
        html_refusal(&crafted),
        ReadError::BadHtml(HtmlProblem::Comment)
    );
}

#[test]
fn a_second_block_before_or_after_is_refused() {
    let (mut other, html) = seed_html();
    other.unit.name = "另一个单位".into();
    let hidden = printable_html(&other, &[]);
    let block = &hidden[hidden.find(OPEN).expect("block")..hidden.find("</body>").expect("end")];
    let before = html.replacen("<body>\n", &format!("<body>\n{block}"), 1);
    assert_eq!(
        html_refusal(&before),
        ReadError::BadHtml(HtmlProblem::SecondBlock)
    );
    let after = html.replacen("</body>", &format!("{block}</body>"), 1);
    assert_eq!(
        html_refusal(&after),
        ReadError::BadHtml(HtmlProblem::SecondBlock)
    );
    // Or something else after it.
    let trailing = html.replacen("</body>", "<p>另附说明</p>\n</body>", 1);
    assert_eq!(
        html_refusal(&trailing),
        ReadError::BadHtml(HtmlProblem::NotLast)
    );
}

#[test]
fn a_closing_script_tag_in_any_case_inside_the_block_is_refused() {
    let (_, html) = seed_html();
    for tag in ["</SCRIPT>", "</script >", "</ScRiPt"] {
        let crafted = html.replacen(
            "\"name\": \"法律顾问费\"",
            &format!("\"name\": \"法律{tag}顾问费\""),
            1,
        );
        assert_ne!(crafted, html);
        assert_eq!(
            html_refusal(&crafted),
            ReadError::BadHtml(HtmlProblem::ScriptEndInside),
            "{tag}"
        );
    }
    let crafted = html.replacen("\"name\": \"法律顾问费\"", "\"name\": \"<b>法律顾问费\"", 1);
    assert_eq!(
        html_refusal(&crafted),
        ReadError::BadHtml(HtmlProblem::MarkupInside)
    );
}

#[test]
fn tables_that_differ_from_the_data_read_with_a_warning() {
    let (seed, html) = seed_html();
    let warning_of = |crafted: &str| {
        let imported = read_file(crafted).expect("reads");
        assert_eq!(imported.document, seed, "the data is what is read");
        imported.warnings
    };
    // A cell edited by hand: the reviewer would see 6.00, the data says 5.00.
    let edited = html.replacen(
        "<td class=\"amount\">5.00</td>",
        "<td class=\"amount\">6.00</td>",
        1,
    );
    assert_ne!(edited, html);
    let warnings = warning_of(&edited);
    assert_eq!(warnings.len(), 1);
    let text = warnings[0].to_string();
    assert!(
        text.starts_with("文件中的表格与其中的数据不一致："),
        "{text}"
    );
    assert!(text.contains("6.00") && text.contains("5.00"), "{text}");
    // A value moved into the next cell: the same words, another column.
    let moved = html.replacen(
        "<td class=\"value\">≥95%</td><td>",
        "<td class=\"value\"></td><td>≥95%",
        1,
    );
    assert_ne!(moved, html);
    assert!(matches!(
        warning_of(&moved).as_slice(),
        [ImportWarning::TablesDiffer { .. }]
    ));
    // Whitespace and entities written differently are the same text.
    let respaced = html.replacen("<h1>", "<h1>\n   ", 1).replacen(
        "法律顾问费绩效目标表",
        "&#x6CD5;律顾问费绩效目标表",
        1,
    );
    assert_ne!(respaced, html);
    assert_eq!(warning_of(&respaced), []);
}
