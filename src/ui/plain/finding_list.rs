//! 检查与导出's list of findings as markup. A long document has
//! thousands of findings; built as strings and parsed by the browser a part
//! at a time, the list appears in a few milliseconds instead of a component
//! per finding (about 90 µs each). Its links are handled by one listener on the
//! list (`pages::review`), which reads `data-code` and `data-i`.
//!
//! Every piece of text goes through `escape_into`; markup is only literals.

use crate::core::code::Code;
use crate::core::findings::Severity;
use crate::core::print::escape_into;

/// One finding as the list shows it.
pub struct FindingLine {
    pub severity: Severity,
    /// 错误, 警告（已核实）, …
    pub word: String,
    pub code: Code,
    /// The DOM id of its field (empty when it has none on screen).
    pub field_id: String,
    /// Where and what: `项目1「…」 指标第1行「指标值」：…`.
    pub text: String,
    pub folded: bool,
    /// The reason given when it was marked 已核实.
    pub acknowledged: Option<String>,
}

/// A step's findings under its heading.
pub struct FindingGroup {
    pub heading: String,
    pub findings: Vec<FindingLine>,
}

/// The markup of every group, in parts of whole groups, each closed once it
/// holds `per_part` findings or more: the page shows the first part at once
/// and adds the others a task later each, so a list of thousands does not
/// hold the page. The n-th finding overall (from 0) has `data-i="n"` on its
/// link, whichever part it is in, so the listener finds where it goes.
pub fn findings_markup_parts(groups: &[FindingGroup], per_part: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut out = String::new();
    let mut in_part = 0usize;
    let mut n = 0usize;
    for group in groups {
        if in_part >= per_part {
            parts.push(std::mem::take(&mut out));
            in_part = 0;
        }
        out.reserve(200 + 300 * group.findings.len());
        push_group(&mut out, group, &mut n);
        in_part += group.findings.len();
    }
    if !out.is_empty() || parts.is_empty() {
        parts.push(out);
    }
    parts
}

/// One group's section; `n` counts the findings before it and is moved on.
fn push_group(out: &mut String, group: &FindingGroup, n: &mut usize) {
    out.push_str("<section class=\"finding-group\"><h3>");
    escape_into(out, &group.heading);
    out.push_str("</h3><ul class=\"findings all\">");
    for f in &group.findings {
        out.push_str("<li class=\"finding ");
        out.push_str(f.severity.key());
        if f.folded {
            out.push_str(" folded");
        }
        if f.acknowledged.is_some() {
            out.push_str(" acknowledged");
        }
        out.push_str("\"><span class=\"sev-word\">");
        escape_into(out, &f.word);
        out.push_str("</span> <a class=\"code\" href=\"#rule-");
        out.push_str(f.code.as_str());
        out.push_str("\" title=\"查看规则说明\" data-code=\"");
        out.push_str(f.code.as_str());
        out.push_str("\">[");
        out.push_str(f.code.as_str());
        out.push_str("]</a> <a class=\"goto\" href=\"#");
        escape_into(out, &f.field_id);
        out.push_str("\" data-i=\"");
        out.push_str(&n.to_string());
        out.push_str("\">");
        escape_into(out, &f.text);
        out.push_str("</a>");
        if let Some(reason) = &f.acknowledged {
            out.push_str("<span class=\"ack-reason\">　核实理由：");
            escape_into(out, reason);
            out.push_str("</span>");
        }
        out.push_str("</li>");
        *n += 1;
    }
    out.push_str("</ul></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole list as one piece.
    fn findings_markup(groups: &[FindingGroup]) -> String {
        findings_markup_parts(groups, usize::MAX).concat()
    }

    fn finding(text: &str, acknowledged: Option<&str>) -> FindingLine {
        FindingLine {
            severity: Severity::Warning,
            word: "警告".into(),
            code: Code::parse("G3").expect("a code of rules.md"),
            field_id: "f-sub_goals".into(),
            text: text.into(),
            folded: false,
            acknowledged: acknowledged.map(Into::into),
        }
    }

    #[test]
    fn typed_text_cannot_become_markup() {
        let groups = [FindingGroup {
            heading: "项目1：<b>A&B</b>".into(),
            findings: vec![finding(
                "名称「<img src=x onerror=alert(1)>」",
                Some("\"确认\" 'x'"),
            )],
        }];
        let html = findings_markup(&groups);
        assert!(!html.contains("<b>") && !html.contains("<img"), "{html}");
        assert!(html.contains("项目1：&lt;b&gt;A&amp;B&lt;/b&gt;"));
        assert!(html.contains("名称「&lt;img src=x onerror=alert(1)&gt;」"));
        assert!(html.contains("核实理由：&quot;确认&quot; &#39;x&#39;"));
    }

    #[test]
    fn each_link_says_its_rule_and_its_place_in_the_list() {
        let groups = [
            FindingGroup {
                heading: "基本信息".into(),
                findings: vec![finding("a", None)],
            },
            FindingGroup {
                heading: "部门整体绩效目标".into(),
                findings: vec![finding("b", None), finding("c", Some("已核对"))],
            },
        ];
        let html = findings_markup(&groups);
        assert_eq!(html.matches("<section class=\"finding-group\">").count(), 2);
        assert_eq!(html.matches("data-code=\"G3\"").count(), 3);
        for (i, text) in ["a", "b", "c"].iter().enumerate() {
            assert!(
                html.contains(&format!("data-i=\"{i}\">{text}</a>")),
                "{html}"
            );
        }
        assert!(html.contains("<li class=\"finding warning acknowledged\">"));
        assert!(html.contains("href=\"#rule-G3\" title=\"查看规则说明\""));
    }

    #[test]
    fn parts_hold_whole_groups_and_join_to_the_whole_list() {
        let group = |heading: &str, n: usize| FindingGroup {
            heading: heading.into(),
            findings: (0..n)
                .map(|i| finding(&format!("{heading}{i}"), None))
                .collect(),
        };
        let groups = [
            group("甲", 3),
            group("乙", 2),
            group("丙", 4),
            group("丁", 1),
        ];
        let parts = findings_markup_parts(&groups, 4);
        // 甲+乙 (5 ≥ 4), then 丙 (4), then 丁.
        assert_eq!(parts.len(), 3);
        for part in &parts {
            assert!(
                part.starts_with("<section") && part.ends_with("</section>"),
                "{part}"
            );
        }
        assert_eq!(parts.concat(), findings_markup(&groups));
        // Numbering runs on across parts: the listener finds the 10th finding.
        assert!(parts[2].contains("data-i=\"9\">丁0</a>"), "{}", parts[2]);
        assert_eq!(findings_markup_parts(&[], 4), vec![String::new()]);
    }
}
