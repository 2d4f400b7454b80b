//! Prints a generated document of P projects × R indicator rows as our JSON,
//! for the browser benchmark: `cargo run --release --example generate_document -- 100 30`.

use perf_goals::core::format::{write_document, Status};
use perf_goals::core::sample::generated_document;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(0));
    let projects = args.next().unwrap_or(100);
    let rows = args.next().unwrap_or(30);
    print!(
        "{}",
        write_document(&generated_document(projects, rows), Status::Draft)
    );
}
