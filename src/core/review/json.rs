//! Reading and writing the `review` block (review.md) and the `acknowledged`
//! list (format.md 1.1) from and to `serde_json::Value`, the way format.rs
//! reads the rest: every refusal names its path, unknown keys are kept per
//! object, keys are written in the spec's order.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::anchor::Anchor;
use super::error::json_type_name;
pub use super::error::ReviewReadError;
use super::model::{
    grade_from_label, Acknowledgement, Comment, CommentStatus, Conclusion, Decision, Review, Round,
};
use crate::core::format::{self, Status};
use crate::core::model::{Document, Extra, FORMAT_NAME, FORMAT_VERSION};

/// One JSON object being read: known keys are taken out, the rest is `extra`.
struct Obj {
    path: String,
    map: Map<String, Value>,
}

impl Obj {
    fn new(path: String, value: Value) -> Result<Obj, ReviewReadError> {
        match value {
            Value::Object(map) => Ok(Obj { path, map }),
            other => Err(ReviewReadError::WrongType {
                path,
                expected: "对象",
                found: json_type_name(&other),
            }),
        }
    }

    fn child(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Text; absent or null is `""`, as format.md fills a field never seen.
    fn text(&mut self, key: &str) -> Result<String, ReviewReadError> {
        match self.take(key) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(ReviewReadError::WrongType {
                path: self.child(key),
                expected: "文本",
                found: json_type_name(&other),
            }),
        }
    }

    fn array(&mut self, key: &str) -> Result<Vec<Value>, ReviewReadError> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(ReviewReadError::WrongType {
                path: self.child(key),
                expected: "数组",
                found: json_type_name(&other),
            }),
        }
    }

    /// Text from a vocabulary: `""` or absent is `None`.
    fn choice<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &'static str,
    ) -> Result<Option<T>, ReviewReadError> {
        let text = self.text(key)?;
        if text.is_empty() {
            return Ok(None);
        }
        match parse(&text) {
            Some(v) => Ok(Some(v)),
            None => Err(ReviewReadError::UnknownValue {
                path: self.child(key),
                found: text,
                allowed,
            }),
        }
    }
}

const DECISIONS: &str = "「通过」「修改后通过」「退回修改」或空";
const GRADES: &str = "「优」「良」「中」「差」或空";
const STATUSES: &str = "「open」「answered」「closed」";

/// Reads the `review` block; `path` is where it sits (`review`).
pub fn read_review(value: Value, path: &str) -> Result<Review, ReviewReadError> {
    let mut top = Obj::new(path.to_string(), value)?;
    let items = top.array("rounds")?;
    let mut rounds = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        rounds.push(read_round(
            format!("{}[{i}]", top.child("rounds")),
            item,
            i,
        )?);
    }
    // A comment id names one comment for ever; two with the same id would
    // make replies and closing land on the wrong one.
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (r, round) in rounds.iter().enumerate() {
        for (c, comment) in round.comments.iter().enumerate() {
            let here = format!("{path}.rounds[{r}].comments[{c}].id");
            if let Some(first) = seen.get(comment.id.as_str()) {
                return Err(ReviewReadError::DuplicateId {
                    path: here,
                    id: comment.id.clone(),
                    first: first.clone(),
                });
            }
            seen.insert(&comment.id, here);
        }
    }
    Ok(Review {
        rounds,
        extra: top.map,
    })
}

fn read_round(path: String, value: Value, index: usize) -> Result<Round, ReviewReadError> {
    let mut r = Obj::new(path, value)?;
    let round = match r.take("round") {
        // A round without its number is numbered by its place in the list.
        None => index as u64 + 1,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v >= 1 => v,
            _ => {
                return Err(ReviewReadError::NotPositive {
                    path: r.child("round"),
                    found: n.to_string(),
                })
            }
        },
        Some(other) => {
            return Err(ReviewReadError::WrongType {
                path: r.child("round"),
                expected: "正整数",
                found: json_type_name(&other),
            })
        }
    };
    let reviewer = r.text("reviewer")?;
    let reviewed_at = r.text("reviewed_at")?;
    let decision = r.choice("decision", Decision::from_label, DECISIONS)?;
    let summary = r.text("summary")?;
    let mut projects = Vec::new();
    for (i, item) in r.array("projects")?.into_iter().enumerate() {
        projects.push(read_conclusion(
            format!("{}[{i}]", r.child("projects")),
            item,
        )?);
    }
    let mut comments = Vec::new();
    for (i, item) in r.array("comments")?.into_iter().enumerate() {
        comments.push(read_comment(format!("{}[{i}]", r.child("comments")), item)?);
    }
    let reviewed = match r.take("reviewed") {
        None => None,
        Some(v) => Some(read_snapshot(&r.child("reviewed"), v)?),
    };
    Ok(Round {
        round,
        reviewer,
        reviewed_at,
        decision,
        summary,
        projects,
        comments,
        reviewed,
        extra: r.map,
    })
}

fn read_conclusion(path: String, value: Value) -> Result<Conclusion, ReviewReadError> {
    let mut c = Obj::new(path, value)?;
    Ok(Conclusion {
        code: c.text("code")?,
        name: c.text("name")?,
        decision: c.choice("decision", Decision::from_label, DECISIONS)?,
        grade: c.choice("grade", grade_from_label, GRADES)?,
        opinion: c.text("opinion")?,
        extra: c.map,
    })
}

fn read_comment(path: String, value: Value) -> Result<Comment, ReviewReadError> {
    let mut c = Obj::new(path, value)?;
    let id = c.text("id")?;
    if id.trim().is_empty() {
        return Err(ReviewReadError::Missing {
            path: c.child("id"),
        });
    }
    let (at, at_extra) = Anchor::read(c.take("at").unwrap_or(Value::Null), &c.child("at"))?;
    let quote = c.text("quote")?;
    let code = c.text("code")?;
    let text = c.text("text")?;
    // A comment that does not say its status is still to do; one that says
    // something else (even "") is refused rather than guessed.
    let status = match c.take("status") {
        None => CommentStatus::Open,
        Some(Value::String(s)) => match CommentStatus::parse(&s) {
            Some(st) => st,
            None => {
                return Err(ReviewReadError::UnknownValue {
                    path: c.child("status"),
                    found: s,
                    allowed: STATUSES,
                })
            }
        },
        Some(other) => {
            return Err(ReviewReadError::WrongType {
                path: c.child("status"),
                expected: "文本",
                found: json_type_name(&other),
            })
        }
    };
    let reply = c.text("reply")?;
    Ok(Comment {
        id,
        at,
        at_extra,
        quote,
        code,
        text,
        status,
        reply,
        extra: c.map,
    })
}

/// The `reviewed` snapshot: a document without `format`, `version` and
/// `status`, read by format.rs's own reader so it gets the same checks.
fn read_snapshot(path: &str, value: Value) -> Result<Document, ReviewReadError> {
    let map = match value {
        Value::Object(m) => m,
        other => {
            return Err(ReviewReadError::WrongType {
                path: path.to_string(),
                expected: "对象",
                found: json_type_name(&other),
            })
        }
    };
    let mut full = Map::new();
    full.insert("format".into(), FORMAT_NAME.into());
    full.insert("version".into(), FORMAT_VERSION.into());
    for (k, v) in map {
        // A snapshot has no file head of its own; such keys mean nothing here.
        if !matches!(k.as_str(), "format" | "version" | "status") {
            full.insert(k, v);
        }
    }
    let text =
        serde_json::to_string(&Value::Object(full)).map_err(|e| ReviewReadError::Snapshot {
            path: path.to_string(),
            detail: e.to_string(),
        })?;
    format::read_document(&text).map_err(|e| match e {
        format::ReadError::WrongType {
            path: inner,
            expected,
            found,
        } => ReviewReadError::WrongType {
            path: format!("{path}.{inner}"),
            expected,
            found,
        },
        other => ReviewReadError::Snapshot {
            path: path.to_string(),
            detail: other.to_string(),
        },
    })
}

/// The snapshot as written inside a round: format.rs's layout without the
/// file head (`format`, `version`, `status`).
fn snapshot_value(doc: &Document) -> Value {
    let text = format::write_document(doc, Status::Draft);
    // Parsing what write_document just wrote cannot fail.
    let mut map = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for k in ["format", "version", "status"] {
        map.shift_remove(k);
    }
    Value::Object(map)
}

fn with_extra(mut map: Map<String, Value>, extra: &Extra) -> Value {
    for (k, v) in extra {
        if !map.contains_key(k) {
            map.insert(k.clone(), v.clone());
        }
    }
    Value::Object(map)
}

fn label_or_empty(label: Option<&'static str>) -> Value {
    label.unwrap_or("").into()
}

/// The `review` block in review.md's key order, unknown keys after.
pub fn review_value(review: &Review) -> Value {
    let mut m = Map::new();
    m.insert(
        "rounds".into(),
        Value::Array(review.rounds.iter().map(round_value).collect()),
    );
    with_extra(m, &review.extra)
}

fn round_value(r: &Round) -> Value {
    let mut m = Map::new();
    m.insert("round".into(), r.round.into());
    m.insert("reviewer".into(), r.reviewer.clone().into());
    m.insert("reviewed_at".into(), r.reviewed_at.clone().into());
    m.insert(
        "decision".into(),
        label_or_empty(r.decision.map(Decision::label)),
    );
    m.insert("summary".into(), r.summary.clone().into());
    m.insert(
        "projects".into(),
        Value::Array(r.projects.iter().map(conclusion_value).collect()),
    );
    m.insert(
        "comments".into(),
        Value::Array(r.comments.iter().map(comment_value).collect()),
    );
    if let Some(doc) = &r.reviewed {
        m.insert("reviewed".into(), snapshot_value(doc));
    }
    with_extra(m, &r.extra)
}

fn conclusion_value(c: &Conclusion) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), c.code.clone().into());
    m.insert("name".into(), c.name.clone().into());
    m.insert(
        "decision".into(),
        label_or_empty(c.decision.map(Decision::label)),
    );
    m.insert("grade".into(), label_or_empty(c.grade.map(|g| g.label())));
    m.insert("opinion".into(), c.opinion.clone().into());
    with_extra(m, &c.extra)
}

fn comment_value(c: &Comment) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), c.id.clone().into());
    m.insert("at".into(), c.at.write(&c.at_extra));
    m.insert("quote".into(), c.quote.clone().into());
    m.insert("code".into(), c.code.clone().into());
    m.insert("text".into(), c.text.clone().into());
    m.insert("status".into(), c.status.as_str().into());
    m.insert("reply".into(), c.reply.clone().into());
    with_extra(m, &c.extra)
}

/// Reads the `acknowledged` list; `path` is where it sits (`acknowledged`).
pub fn read_acknowledged(
    value: Value,
    path: &str,
) -> Result<Vec<Acknowledgement>, ReviewReadError> {
    let items = match value {
        Value::Null => Vec::new(),
        Value::Array(items) => items,
        other => {
            return Err(ReviewReadError::WrongType {
                path: path.to_string(),
                expected: "数组",
                found: json_type_name(&other),
            })
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let mut a = Obj::new(format!("{path}[{i}]"), item)?;
        let code = a.text("code")?;
        let (at, at_extra) = Anchor::read(a.take("at").unwrap_or(Value::Null), &a.child("at"))?;
        let reason = a.text("reason")?;
        out.push(Acknowledgement {
            code,
            at,
            at_extra,
            reason,
            extra: a.map,
        });
    }
    Ok(out)
}

/// The `acknowledged` list in format.md's key order (`code`, `at`, `reason`).
pub fn acknowledged_value(acks: &[Acknowledgement]) -> Value {
    Value::Array(
        acks.iter()
            .map(|a| {
                let mut m = Map::new();
                m.insert("code".into(), a.code.clone().into());
                m.insert("at".into(), a.at.write(&a.at_extra));
                m.insert("reason".into(), a.reason.clone().into());
                with_extra(m, &a.extra)
            })
            .collect(),
    )
}
