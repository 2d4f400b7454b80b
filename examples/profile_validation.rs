//! Runs full validation of the generated 100 × 30 document N times (default 300),
//! for a profiler: `valgrind --tool=callgrind target/release/examples/profile_validation 10`
//! counts instructions, repeatably on a busy machine.
//!
//!     cargo build --profile bench --example profile_validation

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let doc = perf_goals::core::sample::generated_document(100, 30);
    for _ in 0..n {
        std::hint::black_box(perf_goals::core::rules::validate(&doc));
    }
}
