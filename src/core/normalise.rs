//! Normalising typed text for checking only (rules.md, "Before any rule"). The
//! stored text is never changed.

use std::borrow::Cow;

/// Word forms of comparators, longest first so `大于等于` wins over a shorter match.
const COMPARATOR_WORDS: [(&str, char); 12] = [
    ("大于等于", '≥'),
    ("小于等于", '≤'),
    ("不低于", '≥'),
    ("不少于", '≥'),
    ("不高于", '≤'),
    ("不超过", '≤'),
    ("不多于", '≤'),
    (">=", '≥'),
    ("<=", '≤'),
    ("≧", '≥'),
    ("≦", '≤'),
    ("=<", '≤'),
];

/// A comparator written after the value (`95%以上`, `5个工作日以内`), longest first.
const TRAILING_COMPARATORS: [(&str, char); 7] = [
    ("及以上", '≥'),
    ("以上", '≥'),
    ("及以下", '≤'),
    ("以下", '≤'),
    ("以内", '≤'),
    ("之内", '≤'),
    ("内", '≤'),
];

/// Whether `normalise` would change anything but the ends: checked first, since
/// most text typed into a 指标值 table is already normal and then costs no copy.
fn needs_work(text: &str) -> bool {
    // One pass over the bytes, not chars: full-width forms start with 0xEF;
    // ≧ ≦ ═ ‹ › ⩾ ⩽ with 0xE2; the ideographic space with 0xE3; no-break space
    // with 0xC2; the words start with 不 (E4 B8 8D), 以 (E4 BB A5), 大 (E5 A4 A7),
    // 小 (E5 B0 8F), 内 (E5 86 85), 之 (E4 B9 8B) or 百 (E7 99 BE). A false alarm
    // only costs the slow path, which is exact.
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &byte)| match byte {
        b'<' | b'>' | b'=' | b'*' | 0xEF | 0xE2 | 0xE3 | 0xC2 => true,
        0xE4 => matches!(
            b.get(i + 1..i + 3),
            Some([0xB8, 0x8D] | [0xBB, 0xA5] | [0xB9, 0x8B])
        ),
        0xE5 => matches!(
            b.get(i + 1..i + 3),
            Some([0xA4, 0xA7] | [0xB0, 0x8F] | [0x86, 0x85])
        ),
        0xE7 => b.get(i + 1..i + 3) == Some(&[0x99, 0xBE]),
        _ => byte.is_ascii_whitespace(),
    })
}

/// For checking only (rules.md, "Before any rule"): full-width forms to
/// half-width, look-alike and word comparators to `≥ ≤ = < >`, `百分比` after a
/// number to `%`, a trailing `以上`/`以内`/`以下` to a leading comparator, white
/// space removed (it carries no meaning in a 指标值).
pub fn normalise(text: &str) -> Cow<'_, str> {
    let text = trim(text);
    if !needs_work(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(normalise_slow(text))
}

fn half_width(c: char) -> Option<char> {
    Some(match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '％' => '%',
        '＝' | '═' => '=',
        '＞' | '›' => '>',
        '＜' | '‹' => '<',
        '⩾' => '≥',
        '⩽' => '≤',
        '．' => '.',
        '／' => '/',
        '，' => ',',
        '～' => '~',
        '－' => '-',
        '＋' => '+',
        '＊' => '*',
        '（' => '(',
        '）' => ')',
        c if c.is_whitespace() => return None,
        c => c,
    })
}

fn normalise_slow(text: &str) -> String {
    let half: String = text.trim().chars().filter_map(half_width).collect();
    let mut out = String::with_capacity(half.len());
    let mut rest = half.as_str();
    'outer: while let Some(c) = rest.chars().next() {
        for (word, cmp) in COMPARATOR_WORDS {
            if let Some(after) = rest.strip_prefix(word) {
                out.push(cmp);
                rest = after;
                continue 'outer;
            }
        }
        // `=100百分比`: the word for per cent after a number.
        if let Some(after) = rest.strip_prefix("百分比") {
            if out.ends_with(|c: char| c.is_ascii_digit()) {
                out.push('%');
                rest = after;
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    move_trailing_comparator(out)
}

/// `95%以上` → `≥95%`, `5个工作日以内` → `≤5个工作日`: only for a value with a
/// number and no comparator of its own, and `内` only after a length of time.
fn move_trailing_comparator(text: String) -> String {
    // `±3%以内`: a tolerance already means "within".
    if text.starts_with('±') {
        for word in ["以内", "之内"] {
            if let Some(body) = text.strip_suffix(word) {
                return body.to_string();
            }
        }
    }
    if !has_digit(&text) || text.starts_with(['≥', '≤', '=', '<', '>', '±']) {
        return text;
    }
    for (word, cmp) in TRAILING_COMPARATORS {
        let Some(body) = text.strip_suffix(word) else {
            continue;
        };
        if word == "内" && !body.ends_with(['日', '天', '周', '月', '年', '时', '钟']) {
            return text;
        }
        if body.is_empty() {
            return text;
        }
        let mut moved = String::with_capacity(text.len());
        moved.push(cmp);
        moved.push_str(body);
        return moved;
    }
    text
}

/// A 指标值 for print: its comparator written the standard way (`‹=` → `≤`,
/// `>=` → `≥`, `═` → `=`), everything else exactly as typed. Never applied
/// while the preparer types, only to what is printed.
pub fn display_comparators(text: &str) -> Cow<'_, str> {
    const FORMS: [(&str, &str); 14] = [
        ("‹=", "≤"),
        ("›=", "≥"),
        ("＜＝", "≤"),
        ("＞＝", "≥"),
        ("<=", "≤"),
        ("=<", "≤"),
        (">=", "≥"),
        ("=>", "≥"),
        ("≦", "≤"),
        ("≧", "≥"),
        ("⩽", "≤"),
        ("⩾", "≥"),
        ("═", "="),
        ("‹", "<"),
    ];
    if !FORMS.iter().any(|(from, _)| text.contains(from)) && !text.contains('›') {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (from, to) in FORMS {
        out = out.replace(from, to);
    }
    Cow::Owned(out.replace('›', ">"))
}

/// `str::trim`, with a fast answer for the usual text that has nothing to trim
/// (the general one costs more than a whole short rule; it runs several times
/// per row on every keystroke).
pub fn trim(text: &str) -> &str {
    let clean = |c: Option<char>| c.is_none_or(|c| !c.is_whitespace());
    if clean(text.chars().next()) && clean(text.chars().next_back()) {
        text
    } else {
        text.trim()
    }
}

/// User text quoted in a message, cut at 30 characters so a pasted page does
/// not become a page-long message.
pub fn quote(text: &str) -> String {
    const MAX: usize = 30;
    let text = trim(text);
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The number of characters, as a preparer counts them.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Whether `text` contains any of `words`. A plain byte scan: the rule words
/// and the names they are looked for in are a few characters long, where the
/// standard library's general substring search spends more on setting up than
/// on searching (this runs for every row on every keystroke).
pub fn contains_any(text: &str, words: &[&str]) -> bool {
    let hay = text.as_bytes();
    words.iter().any(|w| {
        let needle = w.as_bytes();
        needle.is_empty()
            || (needle.len() <= hay.len()
                && hay
                    .windows(needle.len())
                    .any(|window| window[0] == needle[0] && window == needle))
    })
}

pub fn has_digit(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_half_width() {
        assert_eq!(normalise("＞＝９５％"), "≥95%");
        assert_eq!(normalise(" ≤ 1.2 万元 "), "≤1.2万元");
        assert_eq!(normalise("ＡＢｃ１２"), "ABc12");
    }

    #[test]
    fn comparator_words_become_signs() {
        assert_eq!(normalise("不低于95%"), "≥95%");
        assert_eq!(normalise("不超过5个工作日"), "≤5个工作日");
        assert_eq!(normalise(">=3次"), "≥3次");
        assert_eq!(normalise("<=50元/件"), "≤50元/件");
        assert_eq!(normalise("≧90%"), "≥90%");
        assert_eq!(normalise("不多于2起"), "≤2起");
        assert_eq!(normalise("不少于10场"), "≥10场");
        assert_eq!(normalise("大于等于3次"), "≥3次");
        assert_eq!(normalise("小于等于3次"), "≤3次");
        assert_eq!(normalise("=<3次"), "≤3次");
    }

    #[test]
    fn look_alikes_per_cent_words_and_trailing_comparators() {
        assert_eq!(normalise("═100%"), "=100%");
        assert_eq!(normalise("‹=2500元/件"), "≤2500元/件");
        assert_eq!(normalise("›90%"), ">90%");
        assert_eq!(normalise("=100百分比"), "=100%");
        assert_eq!(normalise("完成百分比"), "完成百分比");
        assert_eq!(normalise("95%以上"), "≥95%");
        assert_eq!(normalise("10人及以上"), "≥10人");
        assert_eq!(normalise("5个工作日以内"), "≤5个工作日");
        assert_eq!(normalise("3日内"), "≤3日");
        assert_eq!(normalise("20%以下"), "≤20%");
        assert_eq!(normalise("±3%以内"), "±3%");
        assert_eq!(
            normalise("≥95%以上"),
            "≥95%以上",
            "a comparator of its own stays"
        );
        assert_eq!(normalise("县内"), "县内", "no number, no comparator");
        assert_eq!(normalise("１，０００人次"), "1,000人次");
    }

    #[test]
    fn printed_comparators_are_the_standard_signs() {
        assert_eq!(display_comparators("‹=2500元/件"), "≤2500元/件");
        assert_eq!(display_comparators(">=95%"), "≥95%");
        assert_eq!(display_comparators("═100%"), "=100%");
        assert_eq!(
            display_comparators("不低于 90%"),
            "不低于 90%",
            "words and spaces stay"
        );
    }

    #[test]
    fn quotes_are_cut() {
        assert_eq!(quote("≥95%"), "≥95%");
        let long = "很".repeat(100);
        assert_eq!(quote(&long).chars().count(), 31);
    }

    #[test]
    fn contains_any_finds_words_anywhere() {
        assert!(contains_any("案例办理单价", &["人均", "单价"]));
        assert!(contains_any("单价", &["单价"]));
        assert!(!contains_any("案例办理", &["单价", "案例办理费"]));
        assert!(!contains_any("", &["率"]));
    }

    #[test]
    fn trim_removes_white_space_at_both_ends_only() {
        assert_eq!(trim("\u{3000} 好 好\t"), "好 好");
        assert_eq!(trim("好"), "好");
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{a0}"), "");
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(normalise("创造良好营商环境"), "创造良好营商环境");
        assert_eq!(normalise("大厅"), "大厅");
        assert_eq!(normalise(""), "");
    }
}
