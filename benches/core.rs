//! The native benchmark of the domain core: full validation, the editor's
//! per-keystroke re-validation, and JSON read/write of a generated document of
//! 100 projects × 30 indicator rows. Medians of repeated runs; a benchmark, not a
//! timed test.
//!
//!     cargo bench --bench core

use std::hint::black_box;
use std::time::{Duration, Instant};

use perf_goals::core::format::{read_document, write_document, Status};
use perf_goals::core::rules::{validate, validate_document_level, validate_project};
use perf_goals::core::sample::generated_document;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn measure(mut f: impl FnMut()) -> Duration {
    for _ in 0..5 {
        f(); // warm up
    }
    let runs = (0..51)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    median(runs)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let doc = generated_document(100, 30);
    let text = write_document(&doc, Status::Draft);
    let findings = validate(&doc).len();
    let last = doc.projects.len() - 1;

    let full = measure(|| {
        black_box(validate(black_box(&doc)));
    });
    let one_project = measure(|| {
        black_box(validate_project(black_box(&doc), last));
        black_box(validate_document_level(black_box(&doc)));
    });
    let read = measure(|| {
        black_box(read_document(black_box(&text)).ok());
    });
    let write = measure(|| {
        black_box(write_document(black_box(&doc), Status::Draft));
    });

    println!(
        "document: 100 projects × 30 indicator rows, {} KiB of JSON, {findings} findings",
        text.len() / 1024
    );
    println!("| measure (median of 51) | time |");
    println!("|---|---|");
    println!("| full validation | {} |", ms(full));
    println!(
        "| one project + document-level rules (per keystroke) | {} |",
        ms(one_project)
    );
    println!("| read JSON | {} |", ms(read));
    println!("| write JSON | {} |", ms(write));
    println!("| read + write | {} |", ms(read + write));
}
