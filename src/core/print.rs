//! The printable HTML: one self-contained file in the layout of the official
//! tables, readable with scripts off (inline CSS, no script, no external
//! resource, a CSP that forbids scripts). It carries the document itself in a
//! JSON data block, so the printed file can be imported again.
//!
//! Every piece of user text goes through [`Html::text`], which escapes; markup
//! can only be written from `&'static str`, so no typed text can become markup.
//!
//! The data block is written and read here and nowhere else
//! ([`embedded_json`], [`visible_text`]); `core::open` uses them for 导入.
//!
//! After the tables: the reviewer's 审核意见 when the document has a round,
//! then the appendices (findings while errors remain, 已核实, 上年指标值).

use super::findings::{describe_location, Finding, Severity};
use super::format::{write_document, HtmlProblem, ReadError};
use super::model::{Checkpoint, DepartmentList, Document, Project};
use super::normalise::display_comparators;
use super::review::anchor::describe_project;
use super::review::{acknowledgement_of, document_status, Locator, Resolved, Review, MOVED_LABEL};

/// The id of the data block that carries the document.
pub const DATA_ID: &str = "perf-goals-document";

/// The data block's opening tag, exactly as written.
const BLOCK_OPEN: &str = "<script type=\"application/json\" id=\"perf-goals-document\">";
/// What the writer puts before and after the visible document.
const DRAFT_MARK: &str = "<div class=\"draft-mark\">草稿</div>";
const APPENDIX_OPEN: &str = "<section class=\"appendix\">";

/// Appends `text` to `out`, escaped for element content and quoted attribute
/// values alike. Runs without a special character are copied whole (the
/// appendix of a large draft is tens of MB).
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

struct Html {
    out: String,
}

impl Html {
    /// Markup: only literals can be written this way.
    fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped (see [`escape_into`]).
    fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// Anything with a text form (a rule code), escaped like [`Html::text`].
    fn shown(&mut self, value: &impl std::fmt::Display) -> &mut Self {
        self.text(&value.to_string())
    }

    /// A number we computed (a rowspan, a page count): digits only.
    fn number(&mut self, n: usize) -> &mut Self {
        self.out.push_str(&n.to_string());
        self
    }

    fn cell(&mut self, open: &'static str, text: &str) -> &mut Self {
        self.raw(open).text(text.trim()).raw("</td>")
    }
}

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 14mm 12mm 14mm; }
html { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; color: #000; }
body { margin: 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
h2 { font-size: 15pt; text-align: center; margin: 6mm 0 4mm; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
p { margin: 0 0 2mm; text-indent: 2em; line-height: 1.6; white-space: pre-wrap; }
.part + .part, .project + .project { break-before: page; }
.project h3 { text-align: center; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: middle; white-space: pre-wrap; word-break: break-all; }
td.value, td.amount, td.plan { word-break: keep-all; overflow-wrap: break-word; }
th { font-weight: normal; text-align: center; }
table.head td.caption { border: none; padding: 0 0 1.5mm; }
table.head td.unit { border: none; padding: 0 0 1.5mm; text-align: right; }
table.head td.amount, table.head td.plan { text-align: center; }
table.indicators { margin-top: -0.6pt; }
table.indicators thead { display: table-header-group; }
table.indicators td.merged { text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }
.goals div { margin: 0.5mm 0; }
.draft-mark { position: absolute; top: 0; right: 0; border: 1.5pt solid #c00; color: #c00; padding: 1mm 4mm; font-size: 14pt; font-family: "SimHei", "黑体", sans-serif; letter-spacing: .3em; }
@media print { .draft-mark { display: none; } }
.appendix { break-before: page; }
.appendix li { margin: 1mm 0; }
.appendix .error { color: #a00; }
.review { break-before: page; }
.review table { margin-bottom: 3mm; }
.review h3 { margin-top: 5mm; }
@media screen { body { max-width: 277mm; margin: 8mm auto; position: relative; } }
"#;

/// On every printed page, in the page's top margin, while errors remain.
const DRAFT_PAGES: &str = r#"
@page { @top-right { content: "草稿"; color: #c00; font-size: 14pt; font-family: "SimHei", "黑体", sans-serif; letter-spacing: .3em; } }
"#;

/// The printable HTML of `doc`. `findings` are its validation findings: while
/// any is an error, every page is marked 草稿 and an appendix lists them.
pub fn printable_html(doc: &Document, findings: &[Finding]) -> String {
    let has_errors = findings.iter().any(|f| f.severity == Severity::Error);
    let mut h = Html {
        out: String::with_capacity(64 * 1024),
    };
    h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'\">\n")
        .raw("<meta name=\"generator\" content=\"绩效目标填报\">\n<title>")
        .text(doc.unit.name.trim())
        .text(doc.year.trim())
        .raw("年度绩效目标</title>\n<style>")
        .raw(STYLE);
    if has_errors {
        h.raw(DRAFT_PAGES);
    }
    h.raw("</style>\n</head>\n<body>\n");
    if has_errors {
        h.raw("<div class=\"draft-mark\">草稿</div>\n");
    }
    h.raw("<h1>")
        .text(doc.unit.name.trim())
        .text(doc.year.trim())
        .raw("年度绩效目标</h1>\n");

    h.raw("<section class=\"part\">\n<h2>第一部分 部门整体绩效目标</h2>\n");
    for (list, heading) in [
        (DepartmentList::OverallGoals, "<h3>一、总体绩效目标</h3>\n"),
        (DepartmentList::SubGoals, "<h3>二、分项绩效目标</h3>\n"),
        (DepartmentList::Safeguards, "<h3>三、工作保障措施</h3>\n"),
    ] {
        h.raw(heading);
        for p in doc
            .department
            .list(list)
            .iter()
            .filter(|p| !p.trim().is_empty())
        {
            h.raw("<p>").text(p.trim()).raw("</p>\n");
        }
    }
    h.raw("</section>\n<section class=\"part\">\n<h2>第二部分 预算项目绩效目标</h2>\n");
    for (i, p) in doc.projects.iter().enumerate() {
        project_table(&mut h, doc, i, p);
    }
    h.raw("</section>\n");
    if let Some(review) = doc.review.as_ref().filter(|r| !r.rounds.is_empty()) {
        review_section(&mut h, doc, review);
    }

    if has_errors {
        appendix(&mut h, doc, findings);
    }
    acknowledged_appendix(&mut h, doc, findings);
    last_year_appendix(&mut h, doc);

    let status = document_status(findings, doc.review.as_ref());
    data_block(&mut h.out, &write_document(doc, status));
    h.raw("</body>\n</html>\n");
    h.out
}

/// The document itself, for 导入: the last thing before `</body>`. `<`, `>`
/// and `&` only occur inside JSON strings, where \u escapes mean the same, so
/// the block holds no `<` at all and cannot be closed early.
fn data_block(out: &mut String, json: &str) {
    out.push_str(BLOCK_OPEN);
    out.push('\n');
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push_str("</script>\n");
}

fn project_table(h: &mut Html, doc: &Document, index: usize, p: &Project) {
    h.raw("<section class=\"project\">\n<h3>")
        .number(index + 1)
        .raw(".")
        .text(p.name.trim())
        .raw("绩效目标表</h3>\n");
    // Seven columns: the row label, then three label/value pairs.
    h.raw("<table class=\"head\">\n<colgroup><col style=\"width:16%\"><col style=\"width:12%\"><col style=\"width:16%\"><col style=\"width:12%\"><col style=\"width:16%\"><col style=\"width:12%\"><col style=\"width:16%\"></colgroup>\n");
    h.raw("<tr>")
        .cell(
            "<td class=\"caption\" colspan=\"4\">",
            &format!("{}{}", doc.unit.code.trim(), doc.unit.name.trim()),
        )
        .raw("<td class=\"unit\" colspan=\"3\">单位：万元</td></tr>\n");
    h.raw("<tr><th>项目编码</th>")
        .cell("<td colspan=\"2\">", &p.code)
        .raw("<th>项目名称</th>")
        .cell("<td colspan=\"3\">", &p.name)
        .raw("</tr>\n");
    h.raw("<tr><th rowspan=\"2\">预算规模及资金用途</th><th>预算数</th>")
        .cell("<td class=\"amount\">", &p.budget.total)
        .raw("<th>其中：财政资金</th>")
        .cell("<td class=\"amount\">", &p.budget.fiscal)
        .raw("<th>其他资金</th>")
        .cell("<td class=\"amount\">", &p.budget.other)
        .raw("</tr>\n<tr>")
        .cell("<td colspan=\"6\">", &p.use_of_funds)
        .raw("</tr>\n");
    h.raw("<tr><th rowspan=\"2\">资金支出计划（%）</th><th colspan=\"2\">3月底</th><th colspan=\"2\">6月底</th><th>10月底</th><th>12月底</th></tr>\n<tr>");
    for (c, open) in [
        (Checkpoint::Mar, "<td class=\"plan\" colspan=\"2\">"),
        (Checkpoint::Jun, "<td class=\"plan\" colspan=\"2\">"),
        (Checkpoint::Oct, "<td class=\"plan\">"),
        (Checkpoint::Dec, "<td class=\"plan\">"),
    ] {
        h.cell(open, p.spending_plan.get(c));
    }
    h.raw("</tr>\n<tr><th>绩效目标</th><td class=\"goals\" colspan=\"6\">");
    for (n, goal) in p.goals.iter().filter(|g| !g.trim().is_empty()).enumerate() {
        h.raw("<div>")
            .number(n + 1)
            .raw(".")
            .text(goal.trim())
            .raw("</div>");
    }
    h.raw("</td></tr>\n</table>\n");

    h.raw("<table class=\"indicators\">\n<colgroup><col style=\"width:10%\"><col style=\"width:12%\"><col style=\"width:18%\"><col style=\"width:24%\"><col style=\"width:12%\"><col style=\"width:24%\"></colgroup>\n");
    h.raw("<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th></tr></thead>\n<tbody>\n");
    let spans = merge_spans(p);
    for (r, row) in p.indicators.iter().enumerate() {
        h.raw("<tr>");
        let (level1_span, level2_span) = spans[r];
        if level1_span > 0 {
            h.raw("<td class=\"merged\" rowspan=\"")
                .number(level1_span)
                .raw("\">")
                .text(row.level1.trim())
                .raw("</td>");
        }
        if level2_span > 0 {
            h.raw("<td class=\"merged\" rowspan=\"")
                .number(level2_span)
                .raw("\">")
                .text(row.level2.trim())
                .raw("</td>");
        }
        h.cell("<td>", &row.name)
            .cell("<td>", &row.description)
            // The comparator the standard way (`‹=` → `≤`), and a number kept
            // with its unit on one line.
            .cell("<td class=\"value\">", &display_comparators(&row.value))
            .cell("<td>", &row.basis);
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// For each indicator row, the rowspan of its 一级 and 二级 cells: the number
/// of rows the cell covers on the row where it starts, 0 where it is covered
/// by a cell above (consecutive rows with the same 一级, and within it the
/// same 二级, share one cell, as in the official table).
pub fn merge_spans(p: &Project) -> Vec<(usize, usize)> {
    let rows = &p.indicators;
    let mut spans = vec![(0, 0); rows.len()];
    let mut start = 0;
    while start < rows.len() {
        let l1 = rows[start].level1.trim();
        let end = (start..rows.len())
            .find(|&i| rows[i].level1.trim() != l1)
            .unwrap_or(rows.len());
        spans[start].0 = end - start;
        let mut s2 = start;
        while s2 < end {
            let l2 = rows[s2].level2.trim();
            let e2 = (s2..end)
                .find(|&i| rows[i].level2.trim() != l2)
                .unwrap_or(end);
            spans[s2].1 = e2 - s2;
            s2 = e2;
        }
        start = end;
    }
    spans
}

/// Findings listed per rule in the appendix; the rest are counted. A real
/// document has at most a few dozen of one rule (the seed: 29); a file of
/// hundreds of empty rows would otherwise print tens of MB of the same line.
pub const APPENDIX_PER_RULE: usize = 50;

fn appendix(h: &mut Html, doc: &Document, findings: &[Finding]) {
    h.raw("<section class=\"appendix\">\n<h2>附：自查发现的问题（草稿）</h2>\n<ol>\n");
    // Per rule, in the order rules first appear: its code and how many.
    let mut per_rule: Vec<(String, usize)> = Vec::new();
    for f in findings {
        let code = f.code.to_string();
        let seen = match per_rule.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_rule.push((code, 1));
                1
            }
        };
        if seen > APPENDIX_PER_RULE {
            continue;
        }
        h.raw(match f.severity {
            Severity::Error => "<li class=\"error\">",
            Severity::Warning => "<li class=\"warning\">",
            Severity::Info => "<li class=\"info\">",
        })
        .text(&describe_location(doc, &f.location))
        .raw("：[")
        .shown(&f.code)
        .raw("] ")
        .text(f.severity.label())
        .raw(" ")
        .text(&f.message)
        .raw("</li>\n");
    }
    h.raw("</ol>\n");
    for (code, n) in per_rule {
        if n > APPENDIX_PER_RULE {
            h.raw("<p>…另有 ")
                .number(n - APPENDIX_PER_RULE)
                .raw(" 条 [")
                .text(&code)
                .raw("]</p>\n");
        }
    }
    h.raw("</section>\n");
}

/// 审核意见: every round, newest first, with its 审核人, 审核时间, 审核结论
/// and 总体审核意见, the 审核结论 of each project, and every comment with its
/// place in the words of the form (found again as the editor finds it, or
/// `原位置已修改`), its rule code, text, status and reply. Depends on the
/// document only, so 导入 compares it like the tables.
fn review_section(h: &mut Html, doc: &Document, review: &Review) {
    h.raw("<section class=\"review\">\n<h2>审核意见</h2>\n");
    let located = Locator::new(review, doc).all();
    for (r, round) in review.rounds.iter().enumerate().rev() {
        h.raw("<h3>第").shown(&round.round).raw("轮审核</h3>\n");
        h.raw("<table class=\"review-head\">\n<colgroup><col style=\"width:14%\"><col style=\"width:22%\"><col style=\"width:14%\"><col style=\"width:18%\"><col style=\"width:14%\"><col style=\"width:18%\"></colgroup>\n");
        h.raw("<tr><th>审核人</th>")
            .cell("<td>", &round.reviewer)
            .raw("<th>审核时间</th>");
        if round.is_open() {
            h.raw("<td>审核中</td>");
        } else {
            h.cell("<td>", &round.reviewed_at);
        }
        h.raw("<th>审核结论</th>")
            .cell("<td>", round.decision.map_or("未定", |d| d.label()))
            .raw("</tr>\n<tr><th>总体审核意见</th>")
            .cell("<td colspan=\"5\">", &round.summary)
            .raw("</tr>\n</table>\n");
        if !round.projects.is_empty() {
            h.raw("<table class=\"conclusions\">\n<colgroup><col style=\"width:18%\"><col style=\"width:20%\"><col style=\"width:10%\"><col style=\"width:6%\"><col style=\"width:46%\"></colgroup>\n");
            h.raw("<thead><tr><th>项目编码</th><th>项目名称</th><th>结论</th><th>等级</th><th>意见</th></tr></thead>\n<tbody>\n");
            for c in &round.projects {
                h.raw("<tr>")
                    .cell("<td>", &c.code)
                    .cell("<td>", &c.name)
                    .cell("<td>", c.decision.map_or("", |d| d.label()))
                    .cell("<td>", c.grade.map_or("", |g| g.label()))
                    .cell("<td>", &c.opinion)
                    .raw("</tr>\n");
            }
            h.raw("</tbody>\n</table>\n");
        }
        let comments: Vec<_> = located.iter().filter(|l| l.round == r).collect();
        if comments.is_empty() {
            continue;
        }
        h.raw("<table class=\"comments\">\n<colgroup><col style=\"width:24%\"><col style=\"width:6%\"><col style=\"width:32%\"><col style=\"width:8%\"><col style=\"width:30%\"></colgroup>\n");
        h.raw("<thead><tr><th>位置</th><th>规则</th><th>审核意见</th><th>状态</th><th>回复</th></tr></thead>\n<tbody>\n");
        for l in comments {
            let Some(comment) = round.comments.get(l.index) else {
                continue;
            };
            let place = match l.resolved {
                Resolved::At(place) => place.describe(doc),
                Resolved::Moved { project: Some(i) } => {
                    format!("{} {MOVED_LABEL}", describe_project(doc, i))
                }
                Resolved::Moved { project: None } => MOVED_LABEL.to_string(),
            };
            h.raw("<tr>")
                .cell("<td>", &place)
                .cell("<td>", &comment.code)
                .cell("<td>", &comment.text)
                .cell("<td>", comment.status.label())
                .cell("<td>", &comment.reply)
                .raw("</tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }
    h.raw("</section>\n");
}

/// 已核实, for the reviewer: each warning or hint the preparer marked checked
/// and still reported, with its code, place, message and the reason given.
fn acknowledged_appendix(h: &mut Html, doc: &Document, findings: &[Finding]) {
    if doc.acknowledged.is_empty() {
        return;
    }
    let listed: Vec<_> = findings
        .iter()
        .filter_map(|f| acknowledgement_of(&doc.acknowledged, doc, f).map(|a| (f, a)))
        .collect();
    if listed.is_empty() {
        return;
    }
    h.raw(APPENDIX_OPEN)
        .raw("\n<h2>附：已核实的问题</h2>\n<table class=\"acknowledged\">\n<colgroup><col style=\"width:6%\"><col style=\"width:22%\"><col style=\"width:40%\"><col style=\"width:32%\"></colgroup>\n");
    h.raw("<thead><tr><th>规则</th><th>位置</th><th>问题</th><th>核实理由</th></tr></thead>\n<tbody>\n");
    for (f, a) in listed {
        h.raw("<tr><td>")
            .shown(&f.code)
            .raw("</td>")
            .cell("<td>", &describe_location(doc, &f.location))
            .cell("<td>", &f.message)
            .cell("<td>", &a.reason)
            .raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// 上年指标值: on a draft started with 新建下一年度, each row's value of the
/// year before beside this year's, in the order of the tables.
fn last_year_appendix(h: &mut Html, doc: &Document) {
    let rows: Vec<_> = doc
        .projects
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.indicators
                .iter()
                .enumerate()
                .filter_map(move |(r, row)| Some((i, p, r, row, row.last_year_value.as_ref()?)))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    h.raw(APPENDIX_OPEN)
        .raw("\n<h2>附：上年指标值</h2>\n<table class=\"last-year\">\n<colgroup><col style=\"width:24%\"><col style=\"width:6%\"><col style=\"width:26%\"><col style=\"width:22%\"><col style=\"width:22%\"></colgroup>\n");
    h.raw("<thead><tr><th>项目</th><th>行</th><th>三级指标</th><th>上年指标值</th><th>本年指标值</th></tr></thead>\n<tbody>\n");
    for (i, p, r, row, last) in rows {
        h.raw("<tr><td>")
            .number(i + 1)
            .raw(".")
            .text(p.name.trim())
            .raw("</td><td>")
            .number(r + 1)
            .raw("</td>")
            .cell("<td>", &row.name)
            .cell("<td>", last)
            .cell("<td>", &row.value)
            .raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// The JSON document carried by a printable HTML file of ours, and the markup
/// before it. Exactly one data block is accepted, where the writer puts it:
/// last before `</body></html>`, with no comment and no other `<script`
/// before it, and no `<` inside it. A reader that took the first match would
/// import a block hidden in a comment while the browser shows another.
pub fn embedded_json(html: &str) -> Result<(&str, &str), ReadError> {
    let Some(open_at) = html.rfind(BLOCK_OPEN) else {
        return Err(ReadError::NotOurHtml);
    };
    let before = &html[..open_at];
    let json = ["</html>", "</body>", "</script>"]
        .iter()
        .try_fold(&html[open_at + BLOCK_OPEN.len()..], |rest, tag| {
            strip_suffix_ignore_case(rest.trim_end(), tag)
        })
        .ok_or(ReadError::BadHtml(HtmlProblem::NotLast))?;
    if find_ignore_case(json, "</script").is_some() {
        return Err(ReadError::BadHtml(HtmlProblem::ScriptEndInside));
    }
    if json.contains('<') {
        return Err(ReadError::BadHtml(HtmlProblem::MarkupInside));
    }
    let start = before.trim_start();
    let after_doctype = strip_prefix_ignore_case(start, "<!doctype html>").unwrap_or(start);
    if after_doctype.contains("<!") || after_doctype.contains("<?") {
        return Err(ReadError::BadHtml(HtmlProblem::Comment));
    }
    if find_ignore_case(after_doctype, "<script").is_some() {
        return Err(ReadError::BadHtml(HtmlProblem::SecondBlock));
    }
    Ok((json, before))
}

/// The text a reader sees in the document part of a printable file (`html` up
/// to its data block): the body's text without the 草稿 mark and without the
/// appendix of findings (which depends on the rules of the app that wrote
/// it). Tags become one separator (so text moved to another cell shows),
/// entities are decoded, whitespace runs become one space.
pub fn visible_text(html: &str) -> String {
    let body = find_ignore_case(html, "<body>").map_or(html, |at| &html[at + "<body>".len()..]);
    let body = body.trim_start();
    let body = body.strip_prefix(DRAFT_MARK).unwrap_or(body);
    let body = body.find(APPENDIX_OPEN).map_or(body, |at| &body[..at]);
    normalised_text(body)
}

/// Stands for a tag in [`visible_text`].
pub const TAG_SEPARATOR: char = '\u{1f}';

fn normalised_text(html: &str) -> String {
    #[derive(PartialEq)]
    enum Gap {
        None,
        Space,
        Tag,
    }
    let mut out = String::with_capacity(html.len() / 2);
    let mut gap = Gap::None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let (visible, len) = match c {
            '<' => {
                let len = rest.find('>').map_or(rest.len(), |end| end + 1);
                gap = Gap::Tag;
                (None, len)
            }
            '&' => entity(rest).map_or((Some('&'), 1), |(c, len)| (Some(c), len)),
            c => (Some(c), c.len_utf8()),
        };
        rest = &rest[len..];
        match visible {
            Some(c) if c.is_whitespace() => {
                gap = match gap {
                    Gap::Tag => Gap::Tag,
                    _ => Gap::Space,
                }
            }
            Some(c) => {
                if !out.is_empty() {
                    match gap {
                        Gap::Tag => out.push(TAG_SEPARATOR),
                        Gap::Space => out.push(' '),
                        Gap::None => {}
                    }
                }
                gap = Gap::None;
                out.push(c);
            }
            None => {}
        }
    }
    out
}

/// A character reference at the start of `text` (`&amp;`, `&#39;`, `&#x6CD5;`)
/// and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    // Looked for within a few bytes only: "&&&&…" must stay linear.
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Where `needle` (ASCII) starts in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    (0..hay.len().saturating_sub(needle.len() - 1))
        .filter(|&i| hay[i].eq_ignore_ascii_case(first))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::read_document;
    use crate::core::model::IndicatorField;
    use crate::core::rules::{testkit::sound_doc, validate};

    const PAYLOADS: [&str; 10] = [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "</script><script>window.__xss=1</script>",
        "<!--",
        "javascript:alert(1)",
        "\" onmouseover=\"window.__xss=1",
        "' onfocus='window.__xss=1",
        "<svg onload=window.__xss=1>",
        "</textarea></style></title><b>x</b>",
        "&lt;b&gt;已转义&lt;/b&gt; & \u{2028}",
    ];

    fn every_field(doc: &mut Document, text: &str) {
        doc.year = text.into();
        doc.unit.code = text.into();
        doc.unit.name = text.into();
        for list in DepartmentList::ALL {
            doc.department.list_mut(list).push(text.into());
        }
        for p in &mut doc.projects {
            p.code = text.into();
            p.name = text.into();
            p.budget.total = text.into();
            p.budget.fiscal = text.into();
            p.budget.other = text.into();
            p.use_of_funds = text.into();
            for c in Checkpoint::ALL {
                *p.spending_plan.get_mut(c) = text.into();
            }
            p.goals.push(text.into());
            for row in &mut p.indicators {
                for f in IndicatorField::ALL {
                    *row.get_mut(f) = text.into();
                }
            }
        }
    }

    #[test]
    fn no_typed_text_becomes_markup() {
        for payload in PAYLOADS {
            let mut doc = sound_doc();
            every_field(&mut doc, payload);
            let html = printable_html(&doc, &validate(&doc));
            let (markup, data) = html.split_at(
                html.find("<script type=\"application/json\"")
                    .expect("data block"),
            );
            for bad in [
                "<script>",
                "<img",
                "<svg",
                "<b>",
                "onerror=\"",
                "<!--",
                "</textarea>",
            ] {
                assert!(!markup.contains(bad), "{payload}: {bad} in markup");
            }
            assert_eq!(
                data.matches("</script>").count(),
                1,
                "{payload}: the data block closes once"
            );
            assert!(!data.contains("<!--"));
            // And the document comes back whole from the data block.
            let back = read_document(embedded_json(&html).expect("embedded").0).expect("reads");
            assert_eq!(back, doc, "{payload}");
        }
    }

    #[test]
    fn the_file_forbids_scripts_and_loads_nothing() {
        let html = printable_html(&sound_doc(), &[]);
        assert!(html.contains("script-src 'none'"));
        assert!(html.contains("default-src 'none'"));
        for external in ["src=", "href=", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn a_draft_is_marked_and_lists_its_findings() {
        let mut doc = sound_doc();
        doc.projects[0].budget.total = "6.00".into();
        let findings = validate(&doc);
        let html = printable_html(&doc, &findings);
        assert!(html.contains("<div class=\"draft-mark\">草稿</div>"));
        assert!(html.contains("附：自查发现的问题"));
        assert!(html.contains("[D1] 错误 预算数应等于财政资金与其他资金之和（当前相差1.00万元）。"));
        let clean = printable_html(&sound_doc(), &[]);
        assert!(!clean.contains("draft-mark\">") && !clean.contains("附："));
    }

    #[test]
    fn the_appendix_lists_fifty_of_a_rule_and_counts_the_rest() {
        let mut doc = sound_doc();
        let row = doc.projects[0].indicators[0].clone();
        doc.projects[0].indicators = vec![
            crate::core::model::Indicator {
                value: "≥95%".into(),
                ..row
            };
            80
        ];
        let findings = validate(&doc);
        // Through Display: the code is text today and an enum tomorrow.
        let text = |code: &dyn std::fmt::Display| code.to_string();
        let a8 = findings.iter().filter(|f| text(&f.code) == "A8").count();
        assert_eq!(a8, 79, "every row after the first repeats its name");
        let html = printable_html(&doc, &findings);
        assert_eq!(html.matches("：[A8] ").count(), APPENDIX_PER_RULE);
        assert!(html.contains("<p>…另有 29 条 [A8]</p>"));
    }

    #[test]
    fn a_value_prints_its_comparator_the_standard_way_and_keeps_it_in_the_data() {
        let mut doc = sound_doc();
        doc.projects[0].indicators[3].value = "‹=2500元/件".into();
        let html = printable_html(&doc, &validate(&doc));
        assert!(html.contains("<td class=\"value\">≤2500元/件</td>"));
        let (json, _) = embedded_json(&html).expect("our file");
        assert!(
            json.contains("‹=2500元/件"),
            "the data keeps what was typed"
        );
        assert!(html.contains("td.value, td.amount, td.plan { word-break: keep-all"));
    }

    #[test]
    fn level_cells_merge_over_their_rows_as_in_the_seed() {
        let seed = read_document(include_str!("../../tests/fixtures/seed.json")).expect("seed");
        let spans = merge_spans(&seed.projects[0]);
        let level1: Vec<usize> = spans.iter().map(|s| s.0).collect();
        assert_eq!(level1, [4, 0, 0, 0, 4, 0, 0, 0, 1]);
        assert!(
            spans.iter().all(|s| s.1 == 1),
            "every 二级 differs in 法律顾问费"
        );
        let spans = merge_spans(&seed.projects[1]);
        assert_eq!(spans[1], (0, 2), "two 时效指标 rows share one 二级 cell");
        assert_eq!(spans[2], (0, 0));
        let html = printable_html(&seed, &validate(&seed));
        assert!(html.contains("<td class=\"merged\" rowspan=\"4\">产出指标</td>"));
        assert_eq!(html.matches("<section class=\"project\">").count(), 6);
        assert_eq!(html.matches("<thead>").count(), 6);
    }

    use crate::core::findings::Severity;
    use crate::core::review::anchor::ProjectPlace;
    use crate::core::review::{
        acknowledge, add_comment, close_round, conclusion_mut, set_reply, start_round, Decision,
        Place,
    };

    fn value_cell(row: usize) -> Place {
        Place::Project(0, ProjectPlace::Cell(row, IndicatorField::Value))
    }

    /// Two rounds on the sound document: the first closed and returned, with a
    /// comment on a cell (answered), one on a row later deleted and one on the
    /// document; the second open, with one comment.
    fn reviewed(text: &str) -> Document {
        let mut doc = sound_doc();
        let mut review = Review::default();
        start_round(&mut review, &format!("绩效科{text}"));
        let on_cell = add_comment(&mut review, &doc, value_cell(0), &format!("请核实{text}"))
            .expect("comment");
        let last = doc.projects[0].indicators.len() - 1;
        add_comment(
            &mut review,
            &doc,
            Place::Project(0, ProjectPlace::Row(last)),
            "此行请删除",
        )
        .expect("comment");
        add_comment(&mut review, &doc, Place::Document, "请补充申报依据").expect("comment");
        if let Some(r) = review.rounds.last_mut() {
            r.summary = format!("总体意见{text}");
            r.comments[0].code = format!("C2{text}");
        }
        if let Ok(c) = conclusion_mut(&mut review, &doc, 0) {
            c.decision = Some(Decision::Returned);
            c.grade = Some(crate::core::findings::Grade::Fair);
            c.opinion = format!("成本指标应为金额上限{text}");
        }
        close_round(
            &mut review,
            &doc,
            "2027-03-02T08:00:00Z",
            Decision::Returned,
        )
        .expect("closed");
        set_reply(&mut review, &on_cell, &format!("已核实{text}")).expect("reply");
        doc.projects[0].indicators.pop();
        start_round(&mut review, "");
        add_comment(&mut review, &doc, value_cell(1), "第二轮意见").expect("comment");
        doc.review = Some(review);
        doc
    }

    fn section<'h>(html: &'h str, open: &str) -> &'h str {
        let from = html
            .find(open)
            .unwrap_or_else(|| panic!("{open} in the html"));
        let rest = &html[from..];
        &rest[..rest.find("</section>").unwrap_or(rest.len())]
    }

    #[test]
    fn a_reviewed_document_prints_its_rounds_newest_first_with_every_comment() {
        let doc = reviewed("");
        let findings = validate(&doc);
        let html = printable_html(&doc, &findings);
        let review = section(&html, "<section class=\"review\">");
        assert!(
            html.find("<section class=\"review\">") > html.rfind("<section class=\"project\">")
        );
        assert!(review.contains("<h2>审核意见</h2>"));
        let (second, first) = (
            review.find("<h3>第2轮审核</h3>").expect("round 2"),
            review.find("<h3>第1轮审核</h3>").expect("round 1"),
        );
        assert!(second < first, "newest first");
        let (round2, round1) = (&review[second..first], &review[first..]);
        assert!(round2.contains("<th>审核人</th><td>绩效科</td><th>审核时间</th><td>审核中</td><th>审核结论</th><td>未定</td>"));
        assert!(round1.contains(
            "<th>审核时间</th><td>2027-03-02T08:00:00Z</td><th>审核结论</th><td>退回修改</td>"
        ));
        assert!(round1.contains("<th>总体审核意见</th><td colspan=\"5\">总体意见</td>"));
        assert!(round1.contains("<td>13081123P00021510001E</td><td>法律顾问费</td><td>退回修改</td><td>中</td><td>成本指标应为金额上限</td>"));
        assert!(round1.contains("<tr><td>项目1「法律顾问费」 指标第1行「指标值」</td><td>C2</td><td>请核实</td><td>已答复</td><td>已核实</td></tr>"), "{round1}");
        assert!(round1.contains("<tr><td>项目1「法律顾问费」 原位置已修改</td><td></td><td>此行请删除</td><td>待处理</td><td></td></tr>"), "{round1}");
        assert!(
            round1.contains("<tr><td>整个文件</td><td></td><td>请补充申报依据</td><td>待处理</td>")
        );
        assert!(round2.contains("<td>项目1「法律顾问费」 指标第2行「指标值」</td><td></td><td>第二轮意见</td><td>待处理</td>"));
        // Open comments keep the carried document a draft, errors or not.
        assert!(findings.iter().all(|f| f.severity != Severity::Error));
        assert!(embedded_json(&html)
            .expect("data")
            .0
            .contains("\"status\": \"draft\""));
        // 导入 of the printed file: the review section is compared like the tables.
        let imported = crate::core::open::read_file(&html).expect("imports");
        assert_eq!(imported.warnings, []);
        assert_eq!(imported.document, doc);
        let tampered = html.replacen("<td>第二轮意见</td>", "<td>已同意</td>", 1);
        assert_eq!(
            crate::core::open::read_file(&tampered)
                .expect("imports")
                .warnings
                .len(),
            1
        );
    }

    #[test]
    fn sections_appear_only_when_there_is_something_to_show() {
        let html = printable_html(&sound_doc(), &[]);
        for heading in ["审核意见", "附：已核实的问题", "附：上年指标值"] {
            assert!(!html.contains(heading), "{heading}");
        }
        // A review block without a round, and a 已核实 on a warning.
        let mut doc = sound_doc();
        doc.review = Some(Review::default());
        doc.projects[0].spending_plan.mar = "0".into();
        doc.projects[0].spending_plan.jun = "0".into();
        let before = doc.clone();
        let findings = validate(&doc);
        let warning = findings.first().expect("E5");
        acknowledge(&mut doc.acknowledged, &before, warning, "上半年为招标期")
            .expect("acknowledged");
        let html = printable_html(&doc, &findings);
        assert!(!html.contains("<h2>审核意见</h2>"), "no round, no section");
        assert!(html.contains("附：已核实的问题"));
        // Its finding gone (the plan fixed), the acknowledgement is not listed.
        doc.projects[0].spending_plan.jun = "20".into();
        let html = printable_html(&doc, &validate(&doc));
        assert!(!html.contains("附：已核实"));
    }

    #[test]
    fn acknowledged_findings_are_listed_for_the_reviewer() {
        let mut doc = sound_doc();
        doc.projects[0].spending_plan.mar = "0".into();
        doc.projects[0].spending_plan.jun = "0".into();
        let findings = validate(&doc);
        let warning = findings.first().cloned().expect("E5");
        let before = doc.clone();
        acknowledge(
            &mut doc.acknowledged,
            &before,
            &warning,
            "上半年为招标期，确无支出",
        )
        .expect("acknowledged");
        let html = printable_html(&doc, &findings);
        let appendix = section(&html, "<h2>附：已核实的问题</h2>");
        let row = format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>上半年为招标期，确无支出</td></tr>",
            warning.code,
            describe_location(&doc, &warning.location),
            warning.message
        );
        assert!(appendix.contains(&row), "{appendix}");
        assert!(!html.contains("draft-mark\">"), "a warning is no error");
    }

    #[test]
    fn last_years_values_stand_beside_this_years() {
        let mut doc = sound_doc();
        doc.projects[0].indicators[1].last_year_value = Some("≥35次".into());
        doc.projects[0].indicators[2].last_year_value = Some(String::new());
        let html = printable_html(&doc, &validate(&doc));
        let appendix = section(&html, "<h2>附：上年指标值</h2>");
        let row = |r: usize, last: &str| {
            let i = &doc.projects[0].indicators[r];
            format!(
                "<tr><td>1.法律顾问费</td><td>{}</td><td>{}</td><td>{last}</td><td>{}</td></tr>",
                r + 1,
                i.name,
                i.value
            )
        };
        assert!(appendix.contains(&row(1, "≥35次")), "{appendix}");
        assert!(appendix.contains(&row(2, "")));
        assert_eq!(
            appendix.matches("<tr><td>").count(),
            2,
            "only rows that have one"
        );
    }

    #[test]
    fn no_typed_text_in_the_review_or_the_appendices_becomes_markup() {
        for payload in PAYLOADS {
            let mut doc = reviewed(payload);
            doc.projects[0].spending_plan.mar = "0".into();
            doc.projects[0].spending_plan.jun = "0".into();
            let findings = validate(&doc);
            let warning = findings
                .iter()
                .find(|f| f.severity != Severity::Error)
                .cloned()
                .expect("a warning");
            let before = doc.clone();
            acknowledge(&mut doc.acknowledged, &before, &warning, payload).expect("ack");
            for row in &mut doc.projects[0].indicators {
                row.last_year_value = Some(payload.into());
            }
            if let Some(r) = doc.review.as_mut() {
                r.rounds[0].projects[0].name = payload.into();
                r.rounds[0].projects[0].code = payload.into();
                r.rounds[1].reviewer = payload.into();
            }
            let html = printable_html(&doc, &validate(&doc));
            assert!(html.contains("附：上年指标值") && html.contains("附：已核实的问题"));
            let (markup, data) = html.split_at(
                html.find("<script type=\"application/json\"")
                    .expect("data block"),
            );
            for bad in [
                "<script>",
                "<img",
                "<svg",
                "<b>",
                "onerror=\"",
                "<!--",
                "</textarea>",
            ] {
                assert!(!markup.contains(bad), "{payload}: {bad} in markup");
            }
            assert_eq!(data.matches("</script>").count(), 1, "{payload}");
            let back = read_document(embedded_json(&html).expect("embedded").0).expect("reads");
            assert_eq!(back, doc, "{payload}");
        }
    }

    #[test]
    fn embedded_json_is_found_only_in_our_files() {
        assert_eq!(
            embedded_json("<html><body>hello</body></html>"),
            Err(ReadError::NotOurHtml)
        );
        assert_eq!(
            embedded_json("<script type=\"application/json\" id=\"other\">{}</script>"),
            Err(ReadError::NotOurHtml)
        );
    }

    #[test]
    fn visible_text_separates_cells_and_decodes_entities() {
        let text = visible_text(
            "<html><body>\n<div class=\"draft-mark\">草稿</div>\n<h1>A &amp; B</h1>\n<table><tr><td>≥95%</td><td>  x\n y </td></tr></table>\n<section class=\"appendix\"><li>[B4]</li></section>",
        );
        assert_eq!(text, "A & B\u{1f}≥95%\u{1f}x y");
        assert_eq!(visible_text("<body><td>a</td><td>b</td>"), "a\u{1f}b");
        assert_eq!(visible_text("<body><td>ab</td><td></td>"), "ab");
        assert_eq!(
            visible_text("<body>&#27861;&#x5F8B; &bogus; &"),
            "法律 &bogus; &"
        );
    }
}
