//! The `status` an imported file claims for itself: the reader drops it (the
//! app computes its own), so 导入's banner reads it from the text first.

use serde::Deserialize;
use serde_json::Value;

use crate::core::format::decode_text;
use crate::core::print::embedded_json;

/// The `status` a file says it has (`"complete"`, `"draft"`, or whatever it
/// holds), read from its text: the reader drops it, as the app computes its
/// own. For our printable HTML, from its data block. `None` when absent or
/// unreadable.
pub fn claimed_status(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        status: Option<Value>,
    }
    let text = decode_text(text.as_bytes()).ok()?;
    let start = text.trim_start();
    let json = if start.starts_with('<') {
        embedded_json(start).ok()?.0
    } else {
        text
    };
    match serde_json::from_str::<Head>(json).ok()?.status? {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A status as the preparer names it: `complete` is 已完成, `draft` 草稿.
pub fn status_label(status: &str) -> String {
    match status {
        "complete" => "已完成（complete）".into(),
        "draft" => "草稿（draft）".into(),
        other => format!("「{other}」"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_a_file_claims_is_read_from_its_text() {
        assert_eq!(
            claimed_status(r#"{"format":"performance-goals","version":1,"status":"complete"}"#)
                .as_deref(),
            Some("complete")
        );
        assert_eq!(
            claimed_status("\u{feff}{\"status\": \"draft\", \"year\": \"2024\"}").as_deref(),
            Some("draft")
        );
        assert_eq!(claimed_status(r#"{"status": 3}"#).as_deref(), Some("3"));
        assert_eq!(claimed_status(r#"{"year": "2024"}"#), None);
        assert_eq!(claimed_status("not json"), None);
        let mut d = crate::core::model::Document::new_draft();
        d.year = "2024".into();
        let html = crate::core::print::printable_html(&d, &[]);
        assert!(claimed_status(&html).is_some(), "the data block's status");
        assert_eq!(status_label("complete"), "已完成（complete）");
        assert_eq!(status_label("x"), "「x」");
    }
}
