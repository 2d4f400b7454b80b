//! perf-goals-check: the reviewers' command-line checker.
//!
//!     perf-goals-check [--json] FILE...
//!     perf-goals-check --summary [--csv] FILE...
//!
//! Prints every finding of each file with where it is, then a summary per
//! file and its review state (审核状态, open 审核意见); or (`--summary`) one
//! table line per file, as the 审核台 shows it.
//! Exit status: 2 when a file could not be read or checked, else 1 when some
//! file has errors or open review comments, else 0.
//!
//! Files are checked in parallel; output keeps the order of the arguments.
//! Everything printed as text has control and bidi characters shown as
//! `\u{…}`, so a file cannot move the cursor, clear the screen or reorder
//! what a reviewer reads. A file that takes longer than a generous limit is
//! reported as not checked (`PERF_GOALS_CHECK_TIMEOUT_MS` changes the limit,
//! for tests).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

// Native only: the checker is never part of the wasm build.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::borrow::Cow;
    use std::collections::HashMap;
    use std::io::{Read, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use perf_goals::core::findings::{describe_location, Counts, Finding};
    use perf_goals::core::format::{decode_text, ReadError, Status};
    use perf_goals::core::limits::MAX_FILE_BYTES;
    use perf_goals::core::model::Document;
    use perf_goals::core::open::read_file;
    use perf_goals::core::review::{document_status, review_summary, Decision, ReviewState};
    use perf_goals::core::rules::validate;
    use perf_goals::core::summary::{self, summary_row, SummaryLine, COLUMNS};
    use serde_json::{json, Value};

    const USAGE: &str = "用法：perf-goals-check [--json] 文件.json...\n\
        \x20     perf-goals-check --summary [--csv] 文件.json...\n\
        检查绩效目标文件（JSON，或本系统导出的可打印 HTML），逐条列出发现的问题；\n\
        --summary 每个文件一行汇总（单位、年度、项目数、预算数合计、错误、警告、自查等级、审核状态、未处理意见），\n\
        --csv 以 CSV（UTF-8，带 BOM，可用 Excel 打开）输出该汇总表。\n\
        每个文件每条规则最多列出 50 条，其余只计数；--json 列出全部。\n\
        退出码：0 无错误；1 有文件存在错误或未处理的审核意见；2 有文件无法读取或未能检查。";

    /// Lines printed per rule per file; the rest are counted (`--json` lists
    /// all). The seed, a real document of six projects, has 29 of its most
    /// frequent rule; a flood of one mistake over hundreds of rows says no
    /// more in its 51st line than in its 50th.
    const LINES_PER_RULE: usize = 50;

    /// Time one file may take before it is reported as not checked. The
    /// largest file the limits allow takes well under a second.
    const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

    enum Outcome {
        Checked {
            doc: Box<Document>,
            findings: Vec<Finding>,
            /// Said about the file besides its findings.
            notes: Vec<String>,
        },
        Refused(String),
    }

    struct Options {
        json: bool,
        summary: bool,
        csv: bool,
        files: Vec<String>,
    }

    fn options(args: Vec<String>) -> Result<Options, String> {
        let mut o = Options {
            json: false,
            summary: false,
            csv: false,
            files: Vec::new(),
        };
        let mut only_files = false;
        for a in args {
            match a.as_str() {
                _ if only_files => o.files.push(a),
                "--" => only_files = true,
                "--json" => o.json = true,
                "--summary" => o.summary = true,
                "--csv" => o.csv = true,
                _ if a.starts_with("--") => return Err(format!("未知选项：{a}")),
                _ => o.files.push(a),
            }
        }
        if o.csv && !o.summary {
            return Err("--csv 只用于 --summary".into());
        }
        if o.json && o.summary {
            return Err("--json 与 --summary 不能同时使用".into());
        }
        if o.files.is_empty() {
            return Err("请给出要检查的文件".into());
        }
        Ok(o)
    }

    /// Reads at most the file limit: a larger file is refused unread.
    fn read_capped(path: &str) -> Result<Vec<u8>, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("无法读取文件：{e}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("无法读取文件：{e}"))?;
        if bytes.len() > MAX_FILE_BYTES {
            let size = std::fs::metadata(path).map_or(bytes.len(), |m| m.len() as usize);
            return Err(ReadError::TooLarge { bytes: size }.to_string());
        }
        Ok(bytes)
    }

    fn check(path: &str) -> Outcome {
        let bytes = match read_capped(path) {
            Ok(b) => b,
            Err(reason) => return Outcome::Refused(reason),
        };
        let mut notes = Vec::new();
        let read = match decode_text(&bytes) {
            Ok(text) => read_file(text),
            Err(not_utf8 @ ReadError::NotUtf8 { .. }) => {
                // An older Windows editor's "ANSI" is GBK/GB18030; taken only
                // when every byte decodes, and said so.
                match encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(&bytes)
                {
                    Some(text) => {
                        notes.push(
                            "文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取，请核对文字是否正确"
                                .to_string(),
                        );
                        read_file(&text)
                    }
                    None => Err(not_utf8),
                }
            }
            Err(e) => Err(e),
        };
        match read {
            Ok(imported) => {
                notes.extend(imported.warnings.iter().map(|w| w.to_string()));
                let doc = imported.document;
                let findings = validate(&doc);
                Outcome::Checked {
                    doc: Box::new(doc),
                    findings,
                    notes,
                }
            }
            Err(e) => Outcome::Refused(e.to_string()),
        }
    }

    pub fn run(args: Vec<String>) -> i32 {
        if args.iter().any(|a| a == "-h" || a == "--help") {
            println!("{USAGE}");
            return 0;
        }
        let o = match options(args) {
            Ok(o) => o,
            Err(problem) => {
                eprintln!("{}\n{USAGE}", visible(&problem));
                return 2;
            }
        };
        let timeout = std::env::var("PERF_GOALS_CHECK_TIMEOUT_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(DEFAULT_TIMEOUT, Duration::from_millis);

        let mut out = Output::default();
        let mut any_refused = false;
        let mut any_errors = false;
        let mut reports = Vec::new();
        let mut lines = Vec::new();
        check_all(&o.files, timeout, |i, outcome| {
            let path = &o.files[i];
            match &outcome {
                Outcome::Refused(_) => any_refused = true,
                // Errors or open 审核意见: the file is not complete.
                Outcome::Checked { doc, findings, .. } => {
                    any_errors |= document_status(findings, doc.review.as_ref()) == Status::Draft
                }
            }
            if o.summary {
                lines.push(summary_line(path, &outcome));
            } else if o.json {
                reports.push(json_report(path, &outcome));
            } else {
                print_report(&mut out, path, &outcome);
                out.flush();
            }
        });
        if o.summary {
            if o.csv {
                let rows = lines
                    .iter()
                    .map(|l| summary::cells(l).map(|c| visible(&c).into_owned()));
                out.text.push_str(&summary::csv(rows));
            } else {
                print_table(&mut out, &lines);
            }
        } else if o.json {
            let text = serde_json::to_string_pretty(&Value::Array(reports)).unwrap_or_default();
            out.text.push_str(&json_visible(&text));
            out.text.push('\n');
        }
        out.flush();
        if any_refused {
            2
        } else if any_errors {
            1
        } else {
            0
        }
    }

    /// Checks every file on the machine's cores and hands each outcome to
    /// `emit` in the order of `files`, as soon as it and those before it are
    /// done. A file not done `timeout` after it started is emitted as not
    /// checked; its worker is left behind (the process ends without it) and
    /// another takes its place.
    fn check_all(files: &[String], timeout: Duration, mut emit: impl FnMut(usize, Outcome)) {
        let n = files.len();
        let files: Arc<Vec<String>> = Arc::new(files.to_vec());
        let next = Arc::new(AtomicUsize::new(0));
        let started: Arc<Mutex<Vec<Option<Instant>>>> = Arc::new(Mutex::new(vec![None; n]));
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        let spawn_worker = || {
            let (files, next, started, tx) =
                (files.clone(), next.clone(), started.clone(), tx.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= files.len() {
                    break;
                }
                if let Ok(mut s) = started.lock() {
                    s[i] = Some(Instant::now());
                }
                if tx.send((i, check(&files[i]))).is_err() {
                    break;
                }
            });
        };
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        for _ in 0..cores.min(n) {
            spawn_worker();
        }
        let mut done: Vec<Option<Outcome>> = (0..n).map(|_| None).collect();
        let mut given_up = vec![false; n];
        let mut emitted = 0;
        while emitted < n {
            if let Some(outcome) = done[emitted].take() {
                emit(emitted, outcome);
                emitted += 1;
                continue;
            }
            if given_up[emitted] {
                emit(
                    emitted,
                    Outcome::Refused(format!(
                        "检查超过 {} 秒仍未完成，未检查",
                        timeout.as_secs_f64()
                    )),
                );
                emitted += 1;
                continue;
            }
            let started_at = started.lock().ok().and_then(|s| s[emitted]);
            let wait = started_at.map_or(timeout, |t| timeout.saturating_sub(t.elapsed()));
            match rx.recv_timeout(wait.max(Duration::from_millis(1))) {
                Ok((i, outcome)) => {
                    if !given_up[i] {
                        done[i] = Some(outcome);
                    }
                }
                Err(_) => {
                    let late: Vec<usize> = match started.lock() {
                        Ok(s) => (emitted..n)
                            .filter(|&i| done[i].is_none() && !given_up[i])
                            .filter(|&i| s[i].is_some_and(|t| t.elapsed() >= timeout))
                            .collect(),
                        Err(_) => (emitted..n).filter(|&i| done[i].is_none()).collect(),
                    };
                    for i in late {
                        given_up[i] = true;
                        spawn_worker();
                    }
                }
            }
        }
    }

    /// Text on its way to stdout, one line at a time, made visible.
    #[derive(Default)]
    struct Output {
        text: String,
    }

    impl Output {
        fn line(&mut self, line: &str) {
            self.text.push_str(&visible(line));
            self.text.push('\n');
        }

        fn flush(&mut self) {
            // A closed pipe (`| head`) is not an error worth a panic.
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(self.text.as_bytes());
            let _ = stdout.flush();
            self.text.clear();
        }
    }

    /// Whether a character must not reach a terminal as itself: C0 and C1
    /// controls and DEL (cursor moves, screen clearing, titles), the bidi
    /// controls (they reorder what is read), and the line separators.
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{061C}'
                    | '\u{200E}'
                    | '\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
    }

    /// `text` with every hidden character written as `\u{…}`.
    fn visible(text: &str) -> Cow<'_, str> {
        if !text.chars().any(hidden) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            if hidden(c) {
                out.push_str(&format!("\\u{{{:X}}}", c as u32));
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }

    /// JSON text with hidden characters as JSON escapes: the same JSON, and
    /// safe on a terminal (serde_json leaves DEL, C1 and bidi controls raw).
    fn json_visible(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if hidden(c) && c != '\n' {
                // All are in the Basic Multilingual Plane: one \u escape each.
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push(c);
            }
        }
        out
    }

    fn print_report(out: &mut Output, path: &str, outcome: &Outcome) {
        match outcome {
            Outcome::Refused(reason) => {
                out.line(&format!("== {path}"));
                out.line(&format!("无法检查：{reason}"));
                out.line("");
            }
            Outcome::Checked {
                doc,
                findings,
                notes,
            } => {
                out.line(&format!(
                    "== {path}：{} {}年，{}个项目",
                    doc.unit.name.trim(),
                    doc.year.trim(),
                    doc.projects.len()
                ));
                for note in notes {
                    out.line(&format!("注意：{note}"));
                }
                // Per rule: how many were printed, in the order rules first appear.
                let mut printed: HashMap<String, usize> = HashMap::new();
                let mut order: Vec<String> = Vec::new();
                for f in findings {
                    let code = f.code.to_string();
                    let count = printed.entry(code.clone()).or_insert_with(|| {
                        order.push(code.clone());
                        0
                    });
                    *count += 1;
                    if *count <= LINES_PER_RULE {
                        // A finding folded under the one before it: the same cause, said again.
                        let folded = if f.folded_under.is_some() {
                            "  ↳ "
                        } else {
                            ""
                        };
                        out.line(&format!(
                            "{folded}{}  [{code}] {}  {}",
                            describe_location(doc, &f.location),
                            f.severity.label(),
                            f.message
                        ));
                    }
                }
                for code in order {
                    let count = printed.get(&code).copied().unwrap_or(0);
                    if count > LINES_PER_RULE {
                        out.line(&format!("…另有 {} 条 [{code}]", count - LINES_PER_RULE));
                    }
                }
                let c = Counts::of(findings);
                out.line(&format!(
                    "-- {path}：错误 {}，警告 {}，提示 {}；状态 {}",
                    c.errors,
                    c.warnings,
                    c.infos,
                    match document_status(findings, doc.review.as_ref()) {
                        Status::Complete => "完成（complete）",
                        Status::Draft => "草稿（draft）",
                    },
                ));
                let review = review_summary(doc.review.as_ref());
                out.line(&match review.state {
                    ReviewState::Unreviewed => "   审核状态 未审核".to_string(),
                    state => format!(
                        "   审核状态 {}；未处理审核意见 {} 条",
                        state.label(),
                        review.open_comments
                    ),
                });
                out.line("");
            }
        }
    }

    fn json_report(path: &str, outcome: &Outcome) -> Value {
        match outcome {
            Outcome::Refused(reason) => json!({ "file": path, "refused": reason }),
            Outcome::Checked {
                doc,
                findings,
                notes,
            } => {
                let c = Counts::of(findings);
                let review = review_summary(doc.review.as_ref());
                json!({
                    "file": path,
                    "status": document_status(findings, doc.review.as_ref()).as_str(),
                    "counts": { "error": c.errors, "warning": c.warnings, "info": c.infos },
                    "notes": notes,
                    "open_comments": review.open_comments,
                    "review": review_json(review.state, review.open_comments),
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

    /// `review` of `--json`: the state as a key and as 审核台 shows it, the
    /// current round (none before the first) and the open comments.
    fn review_json(state: ReviewState, open_comments: usize) -> Value {
        let (key, round) = match state {
            ReviewState::Unreviewed => ("unreviewed", None),
            ReviewState::InReview { round } => ("in_review", Some(round)),
            ReviewState::Reviewed { round, decision } => (
                match decision {
                    Some(Decision::Approved) => "approved",
                    Some(Decision::ApprovedAfterChanges) => "approved_after_changes",
                    Some(Decision::Returned) => "returned",
                    None => "reviewed",
                },
                Some(round),
            ),
        };
        json!({
            "state": key,
            "label": state.label(),
            "round": round,
            "open_comments": open_comments,
        })
    }

    fn summary_line(path: &str, outcome: &Outcome) -> SummaryLine {
        match outcome {
            Outcome::Refused(reason) => SummaryLine {
                file: path.to_string(),
                outcome: Err(reason.clone()),
                notes: Vec::new(),
            },
            Outcome::Checked {
                doc,
                findings,
                notes,
            } => SummaryLine {
                file: path.to_string(),
                outcome: Ok(summary_row(doc, findings)),
                notes: notes.clone(),
            },
        }
    }

    /// Columns padded to the widest cell (CJK characters take two columns);
    /// the last column (说明) is not padded.
    fn print_table(out: &mut Output, lines: &[SummaryLine]) {
        let rows: Vec<Vec<String>> = std::iter::once(COLUMNS.map(String::from).to_vec())
            .chain(lines.iter().map(|l| {
                summary::cells(l)
                    .iter()
                    .map(|c| visible(c).into_owned())
                    .collect()
            }))
            .collect();
        let mut widths = vec![0; COLUMNS.len()];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        // Numbers line up on the right.
        let right = [
            false, false, false, true, true, true, true, false, false, true, false,
        ];
        for (n, row) in rows.iter().enumerate() {
            let mut line = String::new();
            // A file not checked: its name, then why, where the figures would be.
            if n > 0 && lines[n - 1].outcome.is_err() {
                let pad = " ".repeat(widths[0] - width(&row[0]));
                out.line(&format!("{}{pad}  {}", row[0], row[COLUMNS.len() - 1]));
                continue;
            }
            for (i, cell) in row.iter().enumerate() {
                let pad = " ".repeat(widths[i] - width(cell));
                if i + 1 == row.len() {
                    line.push_str(cell);
                } else if right[i] {
                    line.push_str(&pad);
                    line.push_str(cell);
                    line.push_str("  ");
                } else {
                    line.push_str(cell);
                    line.push_str(&pad);
                    line.push_str("  ");
                }
            }
            out.line(line.trim_end());
        }
    }

    /// Columns a terminal gives the text: two for East Asian wide characters.
    fn width(text: &str) -> usize {
        text.chars()
            .map(|c| match c as u32 {
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x20000..=0x3FFFD => 2,
                _ => 1,
            })
            .sum()
    }
}
