//! The worst files the limits accept (limits.rs), and what each costs: read,
//! validate, printable HTML, write. For the figures in spec/format.md:
//!
//!     cargo build --release --example worst_file
//!     /usr/bin/time -v target/release/examples/worst_file empty-rows
//!
//! Kinds: empty-rows, full-fields, realistic, paragraphs, unknown.

use std::time::Instant;

use perf_goals::core::format::{read_document, write_document, Status};
use perf_goals::core::limits::{
    MAX_FILE_BYTES, MAX_GOALS, MAX_INDICATORS, MAX_LONG_CHARS, MAX_PARAGRAPHS, MAX_PROJECTS,
    MAX_SHORT_CHARS, MAX_UNKNOWN_BYTES, MAX_UNKNOWN_DEPTH, MAX_UNKNOWN_VALUES,
};
use perf_goals::core::print::printable_html;
use perf_goals::core::rules::validate;
use perf_goals::core::sample::generated_document;
use serde_json::{json, Value};

fn top(projects: Vec<Value>, department: Value, extra: Option<(&str, Value)>) -> String {
    let mut doc = json!({
        "format": "performance-goals", "version": 1, "year": "2023",
        "unit": { "code": "120001", "name": "承德高新区行政审批局本级" },
        "money_unit": "万元", "department": department, "projects": projects,
    });
    if let (Some((k, v)), Some(map)) = (extra, doc.as_object_mut()) {
        map.insert(k.into(), v);
    }
    serde_json::to_string(&doc).unwrap_or_default()
}

fn text(piece: &str, chars: usize) -> String {
    piece.chars().cycle().take(chars).collect()
}

/// Text of `kind`, as large as the limits let it be.
fn worst(kind: &str) -> String {
    let dep = json!({ "overall_goals": ["x"], "sub_goals": ["x"], "safeguards": ["x"] });
    match kind {
        // Most findings per byte: every row empty, every project full.
        "empty-rows" => {
            let project = json!({ "indicators": vec![json!({}); MAX_INDICATORS] });
            top(vec![project; MAX_PROJECTS], dep, None)
        }
        // Every field at its limit, with text the rules quote in messages,
        // as many rows as fit in the file.
        "full-fields" => {
            let short = text("创造良好营商环境，", MAX_SHORT_CHARS);
            let long = text("结案率达到95%以上，", MAX_LONG_CHARS);
            let row = json!({ "level1": short, "level2": short, "name": short,
                "description": long, "value": short, "basis": short });
            let row_bytes = row.to_string().len() + 1;
            let rows = (MAX_FILE_BYTES - 64 * 1024) / row_bytes;
            let projects = (0..rows.div_ceil(MAX_INDICATORS))
                .map(|p| {
                    let n = MAX_INDICATORS.min(rows - p * MAX_INDICATORS);
                    json!({ "code": text(&format!("P{p}"), MAX_SHORT_CHARS), "name": short,
                        "use_of_funds": long, "goals": [long], "indicators": vec![row.clone(); n] })
                })
                .collect();
            top(projects, dep, None)
        }
        // The benchmark's realistic rows (most sound, some of the seed's
        // mistakes), every project full, as many projects as fit.
        "realistic" => {
            let mut projects = MAX_PROJECTS;
            loop {
                let doc = generated_document(projects, MAX_INDICATORS);
                let written = write_document(&doc, Status::Draft);
                if written.len() <= MAX_FILE_BYTES {
                    return written;
                }
                projects = projects * MAX_FILE_BYTES / written.len();
            }
        }
        // Department lists full of the longest paragraphs that fit, and goals.
        "paragraphs" => {
            let per = (MAX_FILE_BYTES - 64 * 1024) / (3 * MAX_PARAGRAPHS + MAX_GOALS) / 3;
            let para = text("持续深化产业项目拿地即开工改革，", per.min(MAX_LONG_CHARS));
            let list = vec![para.clone(); MAX_PARAGRAPHS];
            let dep = json!({ "overall_goals": list, "sub_goals": list, "safeguards": list });
            let project = json!({ "name": "法律顾问费", "goals": vec![para; MAX_GOALS] });
            top(vec![project], dep, None)
        }
        // Unknown data: the most values allowed, as small as they come, in a
        // review-like block at the top, and a full 64 KB note in each row
        // that fits.
        "unknown" => {
            let mut nested = json!(0);
            for _ in 0..MAX_UNKNOWN_DEPTH - 1 {
                nested = json!([nested]);
            }
            let values = MAX_UNKNOWN_VALUES - 2 * MAX_UNKNOWN_DEPTH - 10;
            let review = json!({ "rounds": vec![json!(0); values], "deep": nested });
            let note = text("审核备注", MAX_UNKNOWN_BYTES / 3 - 32);
            let rows: Vec<Value> = (0..40).map(|_| json!({ "x-note": note })).collect();
            let project = json!({ "indicators": rows });
            top(vec![project], dep, Some(("review", review)))
        }
        _ => String::new(),
    }
}

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let text = worst(&kind);
    if text.is_empty() {
        eprintln!("kinds: empty-rows, full-fields, realistic, paragraphs, unknown");
        std::process::exit(2);
    }
    let t = Instant::now();
    let doc = match read_document(&text) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{kind}: refused: {e}");
            std::process::exit(1);
        }
    };
    let read = t.elapsed();
    let t = Instant::now();
    let findings = validate(&doc);
    let validated = t.elapsed();
    let t = Instant::now();
    let html = printable_html(&doc, &findings);
    let printed = t.elapsed();
    let t = Instant::now();
    let written = write_document(&doc, Status::Draft);
    let wrote = t.elapsed();
    let rows: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    println!(
        "{kind}: file {:.2} MB, {} projects, {rows} rows, {} findings; read {:.0} ms, validate {:.0} ms, printable HTML {:.0} ms ({:.1} MB), write {:.0} ms ({:.2} MB)",
        text.len() as f64 / 1048576.0,
        doc.projects.len(),
        findings.len(),
        read.as_secs_f64() * 1000.0,
        validated.as_secs_f64() * 1000.0,
        printed.as_secs_f64() * 1000.0,
        html.len() as f64 / 1048576.0,
        wrote.as_secs_f64() * 1000.0,
        written.len() as f64 / 1048576.0,
    );
}
