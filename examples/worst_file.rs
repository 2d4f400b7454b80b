//! The worst files the limits accept (limits.rs), and what each costs: read,
//! validate, printable HTML, write. For the figures in spec/format.md:
//!
//!     cargo build --release --example worst_file
//!     /usr/bin/time -v target/release/examples/worst_file empty-rows
//!
//! Kinds: empty-rows, empty-tables, full-fields, realistic, html, paragraphs,
//! unknown. A second argument writes the file there too (the browser
//! benchmark imports `realistic`). Times are
//! CPU time of the one thread, so a busy machine does not inflate them.

use std::time::Duration;

use perf_goals::core::format::{read_document, write_document, Status};
use perf_goals::core::limits::{
    MAX_DOCUMENT_INDICATORS, MAX_FILE_BYTES, MAX_GOALS, MAX_INDICATORS, MAX_LONG_CHARS,
    MAX_PARAGRAPHS, MAX_PROJECTS, MAX_SHORT_CHARS, MAX_UNKNOWN_BYTES, MAX_UNKNOWN_DEPTH,
    MAX_UNKNOWN_VALUES,
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
        // Most findings per byte: every row empty, all the rows a document
        // may have, over all the projects it may have.
        "empty-rows" => {
            let rows = MAX_DOCUMENT_INDICATORS / MAX_PROJECTS;
            let project = json!({ "indicators": vec![json!({}); rows] });
            top(vec![project; MAX_PROJECTS], dep, None)
        }
        // The same rows in full projects.
        "empty-tables" => {
            let project = json!({ "indicators": vec![json!({}); MAX_INDICATORS] });
            top(
                vec![project; MAX_DOCUMENT_INDICATORS / MAX_INDICATORS],
                dep,
                None,
            )
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
            let ten = write_document(&generated_document(10, MAX_INDICATORS), Status::Draft);
            let mut projects =
                (MAX_DOCUMENT_INDICATORS / MAX_INDICATORS).min(10 * MAX_FILE_BYTES / ten.len());
            loop {
                let written =
                    write_document(&generated_document(projects, MAX_INDICATORS), Status::Draft);
                if written.len() <= MAX_FILE_BYTES {
                    return written;
                }
                projects -= 1;
            }
        }
        // The largest realistic document whose printable HTML can be imported again.
        "html" => {
            let mut projects = 100;
            loop {
                let doc = generated_document(projects, MAX_INDICATORS);
                let html = printable_html(&doc, &validate(&doc));
                if html.len() <= MAX_FILE_BYTES {
                    return write_document(&doc, Status::Draft);
                }
                projects = projects * MAX_FILE_BYTES / html.len();
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
            // Room for the block's own containers, the nesting and the row notes.
            let values = MAX_UNKNOWN_VALUES - 100;
            let review = json!({ "rounds": vec![json!(0); values], "deep": nested });
            let note = text("审核备注", MAX_UNKNOWN_BYTES / 3 - 32);
            let rows: Vec<Value> = (0..40).map(|_| json!({ "x-note": note })).collect();
            let project = json!({ "indicators": rows });
            top(vec![project], dep, Some(("review", review)))
        }
        _ => String::new(),
    }
}

/// CPU time of this thread so far (Linux): the machine is shared, and wall
/// time would count other people's work.
fn cpu() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

struct Instant(Duration);

impl Instant {
    fn now() -> Self {
        Instant(cpu())
    }

    fn elapsed(&self) -> Duration {
        cpu().saturating_sub(self.0)
    }
}

/// Peak resident memory since the last reset (Linux: VmHWM), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let text = worst(&kind);
    if text.is_empty() {
        eprintln!(
            "kinds: empty-rows, empty-tables, full-fields, realistic, html, paragraphs, unknown"
        );
        std::process::exit(2);
    }
    if let Some(path) = std::env::args().nth(2) {
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(2);
        }
    }
    // What building the file cost is not the reader's: start the peak afresh.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
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
    let tables_only = printable_html(&doc, &[]).len();
    let printed_tables = t.elapsed();
    let t = Instant::now();
    let written = write_document(&doc, Status::Draft);
    let wrote = t.elapsed();
    // 导入 of its printable HTML: the data block read, the tables rebuilt and
    // compared. Only a file within the byte limit can be imported.
    let import = if html.len() <= MAX_FILE_BYTES {
        let t = Instant::now();
        let ok = perf_goals::core::open::read_file(&html).is_ok_and(|i| i.warnings.is_empty());
        format!(
            "; 导入 of its printable HTML {:.0} ms ({})",
            t.elapsed().as_secs_f64() * 1000.0,
            if ok { "no warning" } else { "FAILED" }
        )
    } else {
        String::new()
    };
    // The written file reads again as the same document.
    let round_trip = match read_document(&written) {
        Ok(again) if again == doc => "reads back the same",
        Ok(_) => "reads back DIFFERENT",
        Err(_) => "is REFUSED when read back",
    };
    let rows: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    println!(
        "{kind}: file {:.2} MB, {} projects, {rows} rows, {} findings; read {:.0} ms, validate {:.0} ms, printable HTML {:.0} ms ({:.1} MB; without the appendix {:.0} ms, {:.1} MB), write {:.0} ms ({:.2} MB, {round_trip}){import}; peak memory {:.0} MB",
        text.len() as f64 / 1048576.0,
        doc.projects.len(),
        findings.len(),
        read.as_secs_f64() * 1000.0,
        validated.as_secs_f64() * 1000.0,
        printed.as_secs_f64() * 1000.0,
        html.len() as f64 / 1048576.0,
        printed_tables.as_secs_f64() * 1000.0,
        tables_only as f64 / 1048576.0,
        wrote.as_secs_f64() * 1000.0,
        written.len() as f64 / 1048576.0,
        peak_mb(),
    );
}
