//! perf-goals-check: the reviewers' command-line checker.
//!
//!     perf-goals-check [--json] FILE...
//!
//! Prints every finding of each file with where it is, then a summary per file.
//! Exit status: 0 when no file has an error, 1 when some file has errors, 2 when
//! a file cannot be read or is not our format.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

// Native only: the checker is never part of the wasm build.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use perf_goals::core::findings::{describe_location, Counts, Finding};
    use perf_goals::core::format::read_document;
    use perf_goals::core::model::Document;
    use perf_goals::core::rules::{status_of, validate};
    use serde_json::{json, Value};

    const USAGE: &str = "用法：perf-goals-check [--json] 文件.json...\n\
        检查绩效目标 JSON 文件，逐条列出发现的问题。\n\
        退出码：0 无错误；1 有文件存在错误；2 有文件无法读取或不是绩效目标文件。";

    enum Outcome {
        Checked {
            doc: Box<Document>,
            findings: Vec<Finding>,
        },
        Refused(String),
    }

    fn check(path: &str) -> Outcome {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => return Outcome::Refused("文件不是 UTF-8 编码的文本".into()),
            },
            Err(e) => return Outcome::Refused(format!("无法读取文件：{e}")),
        };
        match read_document(&text) {
            Ok(doc) => {
                let findings = validate(&doc);
                Outcome::Checked {
                    doc: Box::new(doc),
                    findings,
                }
            }
            Err(e) => Outcome::Refused(e.to_string()),
        }
    }

    pub fn run(args: Vec<String>) -> i32 {
        let json_output = args.iter().any(|a| a == "--json");
        if args.iter().any(|a| a == "-h" || a == "--help") {
            println!("{USAGE}");
            return 0;
        }
        let files: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
        if files.is_empty() {
            eprintln!("{USAGE}");
            return 2;
        }
        let mut any_errors = false;
        let mut any_refused = false;
        let mut reports = Vec::new();
        for path in files {
            let outcome = check(path);
            match &outcome {
                Outcome::Refused(_) => any_refused = true,
                Outcome::Checked { findings, .. } => any_errors |= Counts::of(findings).errors > 0,
            }
            if json_output {
                reports.push(json_report(path, &outcome));
            } else {
                print_report(path, &outcome);
            }
        }
        if json_output {
            println!(
                "{}",
                serde_json::to_string_pretty(&Value::Array(reports)).unwrap_or_default()
            );
        }
        if any_refused {
            2
        } else if any_errors {
            1
        } else {
            0
        }
    }

    fn print_report(path: &str, outcome: &Outcome) {
        match outcome {
            Outcome::Refused(reason) => {
                println!("== {path}");
                println!("无法检查：{reason}");
                println!();
            }
            Outcome::Checked { doc, findings } => {
                println!(
                    "== {path}：{} {}年，{}个项目",
                    doc.unit.name.trim(),
                    doc.year.trim(),
                    doc.projects.len()
                );
                for f in findings {
                    // A finding folded under the one before it: the same cause, said again.
                    let folded = if f.folded_under.is_some() {
                        "  ↳ "
                    } else {
                        ""
                    };
                    println!(
                        "{folded}{}  [{}] {}  {}",
                        describe_location(doc, &f.location),
                        f.code,
                        f.severity.label(),
                        f.message
                    );
                }
                let c = Counts::of(findings);
                println!(
                    "-- {path}：错误 {}，警告 {}，提示 {}；状态 {}",
                    c.errors,
                    c.warnings,
                    c.infos,
                    if c.errors == 0 {
                        "完成（complete）"
                    } else {
                        "草稿（draft）"
                    }
                );
                println!();
            }
        }
    }

    fn json_report(path: &str, outcome: &Outcome) -> Value {
        match outcome {
            Outcome::Refused(reason) => json!({ "file": path, "refused": reason }),
            Outcome::Checked { doc, findings } => {
                let c = Counts::of(findings);
                json!({
                    "file": path,
                    "status": status_of(findings).as_str(),
                    "counts": { "error": c.errors, "warning": c.warnings, "info": c.infos },
                    "findings": findings.iter().map(|f| json!({
                        "code": f.code.as_str(),
                        "severity": f.severity.key(),
                        "message": f.message,
                        "project": f.location.project().map(|i| i + 1),
                        "folded_under": f.folded_under.map(|c| c.as_str()),
                        "where": describe_location(doc, &f.location),
                    })).collect::<Vec<_>>(),
                })
            }
        }
    }
}
