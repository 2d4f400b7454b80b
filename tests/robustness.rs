//! Bad input never panics and never loses text: property tests over the 指标值
//! grammar, the reader and validation.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::format::{decode_text, read_document, write_document, ReadError, Status};
use perf_goals::core::model::{
    Budget, Department, Document, Indicator, Project, SpendingPlan, Unit,
};
use perf_goals::core::open::read_file;
use perf_goals::core::rules::validate;
use perf_goals::core::value::{parse_value, quantities_in};
use proptest::prelude::*;
use serde_json::Value;

/// Text made of what 指标值 are made of, so the scanner's every branch is reached.
fn value_like() -> impl Strategy<Value = String> {
    "[0-9０-９.．,，%％≥≤=<>＞＜＝万千亿元/／件份次人个工作日天小时月年底末前号—\\-无创造提升 a-zA-Z]{0,24}"
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![value_like(), any::<String>(), "\\PC{0,12}"]
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        prop_oneof![
            Just("产出指标".to_string()),
            Just("效益指标".to_string()),
            any_text()
        ],
        prop_oneof![
            Just("成本指标".to_string()),
            Just("时效指标".to_string()),
            any_text()
        ],
        any_text(),
        any_text(),
        any_text(),
        any_text(),
    )
        .prop_map(
            |(level1, level2, name, description, value, basis)| Indicator {
                level1,
                level2,
                name,
                description,
                value,
                basis,
                ..Default::default()
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        (
            any_text(),
            any_text(),
            any_text(),
            any_text(),
            any_text(),
            any_text(),
        ),
        (any_text(), any_text(), any_text(), any_text()),
        prop::collection::vec(any_text(), 0..3),
        prop::collection::vec(indicator(), 0..6),
    )
        .prop_map(
            |(
                (code, name, total, fiscal, other, use_of_funds),
                (mar, jun, oct, dec),
                goals,
                indicators,
            )| Project {
                code,
                name,
                budget: Budget {
                    total,
                    fiscal,
                    other,
                    ..Default::default()
                },
                use_of_funds,
                spending_plan: SpendingPlan {
                    mar,
                    jun,
                    oct,
                    dec,
                    ..Default::default()
                },
                goals,
                indicators,
                ..Default::default()
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (
        (any_text(), any_text(), any_text()),
        prop::collection::vec(any_text(), 0..3),
        prop::collection::vec(any_text(), 0..3),
        prop::collection::vec(project(), 0..3),
    )
        .prop_map(
            |((year, code, name), overall_goals, safeguards, projects)| Document {
                year,
                unit: Unit {
                    code,
                    name,
                    ..Default::default()
                },
                money_unit: "万元".into(),
                department: Department {
                    overall_goals,
                    sub_goals: safeguards.clone(),
                    safeguards,
                    ..Default::default()
                },
                projects,
                saved_at: String::new(),
                ..Default::default()
            },
        )
}

/// Text whose JSON form needs every kind of escape (and surrogate pairs).
fn json_text() -> impl Strategy<Value = String> {
    "[\"\\\\/\t\n\r\u{1}\u{8}\u{c}\u{1f}\u{7f}\u{85}\u{2028}\u{feff}😀𝄞a-z法]{0,8}"
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any_text().prop_map(Value::String),
        json_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("projects".to_string()),
                        Just("indicators".to_string()),
                        Just("value".to_string()),
                        Just("budget".to_string()),
                        Just("total".to_string()),
                        Just("goals".to_string()),
                        any_text(),
                        json_text()
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_grammar_never_panics(text in any_text()) {
        let _ = parse_value(&text);
        let _ = quantities_in(&text);
    }

    #[test]
    fn the_reader_never_panics_on_any_text(text in any_text()) {
        let _ = read_document(&text);
    }

    #[test]
    fn the_reader_never_panics_on_any_json_of_our_format(body in json_value()) {
        let mut top = serde_json::Map::new();
        top.insert("format".into(), "performance-goals".into());
        top.insert("version".into(), 1.into());
        if let Value::Object(m) = body {
            for (k, v) in m {
                top.entry(k).or_insert(v);
            }
        }
        let text = Value::Object(top).to_string();
        if let Ok(doc) = read_document(&text) {
            let _ = validate(&doc);
        }
    }

    #[test]
    fn no_text_is_lost_and_validation_never_panics(doc in document()) {
        let _ = validate(&doc);
        let written = write_document(&doc, Status::Draft);
        let again = read_document(&written).expect("our own file reads");
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(write_document(&again, Status::Draft), written);
    }

    #[test]
    fn the_validating_pass_takes_all_json_serde_takes(body in json_value(), pretty in any::<bool>()) {
        // Whatever the JSON, the reader may find it is not ours, never that
        // it is not JSON: the pass and serde_json agree on the grammar.
        let text = if pretty {
            serde_json::to_string_pretty(&body)
        } else {
            serde_json::to_string(&body)
        }
        .expect("serialises");
        let refused_as_not_json = matches!(read_document(&text), Err(ReadError::NotJson { .. }));
        prop_assert!(!refused_as_not_json, "{}", text);
    }

    #[test]
    fn the_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = decode_text(&bytes) {
            let _ = read_file(text);
        }
    }

    #[test]
    fn html_import_never_panics(text in any_text(), at in 0usize..4) {
        let html = perf_goals::core::print::printable_html(
            &read_document(include_str!("fixtures/clean.json")).expect("clean"),
            &[],
        );
        // The text somewhere a hand could put it: before, inside, after the block.
        let cut = [0, html.len() / 2, html.len() - 40, html.len()][at];
        let cut = (0..=cut).rev().find(|&i| html.is_char_boundary(i)).unwrap_or(0);
        let crafted = format!("{}{text}{}", &html[..cut], &html[cut..]);
        let _ = read_file(&crafted);
        let _ = read_file(&format!("<{text}"));
    }
}
