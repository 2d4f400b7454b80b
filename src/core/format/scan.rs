//! A validating pass over the JSON text before anything is built from it.
//!
//! serde_json keeps the last of two equal keys silently, reports 128 nesting
//! levels as a syntax error and builds whatever it is given; a hostile 5 MB
//! file can make it allocate hundreds of MB. This pass walks the text once,
//! knowing the shape of format.md, and refuses with the place named: a
//! duplicate key, a list or a field past its limit (limits.rs), unknown data
//! too large or too deep. It allocates only a key set per open object and
//! keeps no values; the recursion is bounded by the shape plus
//! `MAX_UNKNOWN_DEPTH`. Syntax errors are left to serde_json, which says
//! where they are.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{Cap, ReadError};
use crate::core::limits::{
    MAX_DOCUMENT_INDICATORS, MAX_LONG_CHARS, MAX_SHORT_CHARS, MAX_UNKNOWN_BYTES, MAX_UNKNOWN_DEPTH,
    MAX_UNKNOWN_VALUES,
};

/// Why the pass stopped.
pub(super) enum Stop {
    Refused(ReadError),
    /// Not JSON (or not JSON this pass understands): serde_json will say where.
    Syntax {
        offset: usize,
    },
}

/// A place in the document, as the reader names it (`projects[3].indicators[5]`).
/// Built on the stack; turned into text only for a refusal.
#[derive(Clone, Copy)]
pub(super) struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    seg: Seg<'p>,
}

#[derive(Clone, Copy)]
enum Seg<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Path<'p> {
    const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn key<'c>(&'c self, key: &'c str) -> Path<'c> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index<'c>(&'c self, i: usize) -> Path<'c> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.into_iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    // A hostile key may be megabytes long; the message names it briefly.
                    out.push_str(&super::abbreviate(k, 40));
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        if out.is_empty() {
            "（文件最外层）".to_string()
        } else {
            out
        }
    }
}

/// What format.md expects at a place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Node {
    Top,
    Unit,
    Department,
    Project,
    Budget,
    Plan,
    Row,
    /// An array of `item`, at most `cap` long.
    List(Cap),
    /// Text (or, in amount fields, a number) of at most this many characters.
    Text(usize),
    /// A value the reader checks itself (`version`): any JSON, depth-bounded.
    Any,
}

const SHORT: Node = Node::Text(MAX_SHORT_CHARS);
const LONG: Node = Node::Text(MAX_LONG_CHARS);

/// The known key `key` of an object of kind `node`, and what belongs there.
fn known(node: Node, key: &str) -> Option<Node> {
    Some(match (node, key) {
        // `acknowledged` and `review` (format.md 1.1) are read by the review
        // core; here they pass as unknown data of the top level, bounded in
        // depth and in values like any other.
        (Node::Top, "format" | "status" | "year" | "money_unit" | "saved_at") => SHORT,
        (Node::Top, "version") => Node::Any,
        (Node::Top, "unit") => Node::Unit,
        (Node::Top, "department") => Node::Department,
        (Node::Top, "projects") => Node::List(Cap::Projects),
        (Node::Unit, "code" | "name") => SHORT,
        (Node::Department, "overall_goals" | "sub_goals" | "safeguards") => {
            Node::List(Cap::Paragraphs)
        }
        (Node::Project, "code" | "name") => SHORT,
        (Node::Project, "budget") => Node::Budget,
        (Node::Project, "use_of_funds") => LONG,
        (Node::Project, "spending_plan") => Node::Plan,
        (Node::Project, "goals") => Node::List(Cap::Goals),
        (Node::Project, "indicators") => Node::List(Cap::Indicators),
        (Node::Budget, "total" | "fiscal" | "other") => SHORT,
        (Node::Plan, "mar" | "jun" | "oct" | "dec") => SHORT,
        (Node::Row, "level1" | "level2" | "name" | "value" | "basis" | "last_year_value") => SHORT,
        (Node::Row, "description") => LONG,
        _ => return None,
    })
}

fn item_of(cap: Cap) -> Node {
    match cap {
        Cap::Projects => Node::Project,
        Cap::Indicators | Cap::DocumentIndicators => Node::Row,
        Cap::Goals | Cap::Paragraphs => LONG,
    }
}

/// The keys seen in one object: a short list (our objects have at most nine
/// keys), a hash set once an object of someone else's grows large.
#[derive(Default)]
struct KeySet<'a> {
    few: Vec<Cow<'a, str>>,
    many: HashSet<Cow<'a, str>>,
}

impl<'a> KeySet<'a> {
    /// False when the key was there already.
    fn insert(&mut self, key: Cow<'a, str>) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&key) {
                return false;
            }
            if self.few.len() < 16 {
                self.few.push(key);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    unknown_values: usize,
    /// Indicator rows seen so far, in all projects.
    rows: usize,
}

/// Checks `text` against the shape and limits of format.md.
pub(super) fn check(text: &str) -> Result<(), Stop> {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        unknown_values: 0,
        rows: 0,
    };
    s.value(Node::Top, &Path::ROOT)?;
    s.ws();
    if s.pos != s.bytes.len() {
        return Err(s.syntax());
    }
    Ok(())
}

impl<'a> Scanner<'a> {
    fn syntax(&self) -> Stop {
        Stop::Syntax { offset: self.pos }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, b: u8) -> Result<(), Stop> {
        self.ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    /// After a member or an element: true for `,`, false for the closing byte.
    fn next_or_close(&mut self, close: u8) -> Result<bool, Stop> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.syntax()),
        }
    }

    /// Opens an object or array; true when it is empty (and already closed).
    fn open(&mut self, open: u8, close: u8) -> Result<bool, Stop> {
        self.expect(open)?;
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }

    fn value(&mut self, node: Node, path: &Path) -> Result<(), Stop> {
        self.ws();
        match (node, self.peek()) {
            (
                Node::Top
                | Node::Unit
                | Node::Department
                | Node::Project
                | Node::Budget
                | Node::Plan
                | Node::Row,
                Some(b'{'),
            ) => self.object(node, path),
            (Node::List(cap), Some(b'[')) => self.list(cap, path),
            (Node::Text(max), Some(b'"')) => {
                let chars = self.string()?;
                too_long(path, max, chars)
            }
            (Node::Text(max), Some(b'-' | b'0'..=b'9')) => {
                let start = self.pos;
                self.number()?;
                too_long(path, max, self.pos - start)
            }
            // Not an object at all: say so once the text is known to be JSON.
            (Node::Top, _) => {
                self.any(path, 0, false)?;
                self.ws();
                if self.pos == self.bytes.len() {
                    Err(Stop::Refused(ReadError::NotAnObject))
                } else {
                    Err(self.syntax())
                }
            }
            // null, or the wrong type: the reader names what is wrong; here
            // it only must not be too deep or too large (a container of the
            // wrong type counts as unknown data until the reader refuses it).
            (_, b) => self.any(path, 0, matches!(b, Some(b'{' | b'['))),
        }
    }

    fn object(&mut self, node: Node, path: &Path) -> Result<(), Stop> {
        if self.open(b'{', b'}')? {
            return Ok(());
        }
        let mut keys = KeySet::default();
        let mut unknown_bytes = 0;
        loop {
            self.ws();
            let start = self.pos;
            let key = self.key()?;
            if !keys.insert(key.clone()) {
                return Err(duplicate(&path.key(&key)));
            }
            self.expect(b':')?;
            let child = path.key(&key);
            match known(node, &key) {
                Some(n) => self.value(n, &child)?,
                None => {
                    self.any(&child, 0, true)?;
                    unknown_bytes += self.pos - start;
                    if node != Node::Top && unknown_bytes > MAX_UNKNOWN_BYTES {
                        return Err(Stop::Refused(ReadError::UnknownTooLarge {
                            path: path.render(),
                        }));
                    }
                }
            }
            if !self.next_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    fn list(&mut self, cap: Cap, path: &Path) -> Result<(), Stop> {
        if self.open(b'[', b']')? {
            return Ok(());
        }
        let item = item_of(cap);
        let mut i = 0;
        loop {
            if i == cap.max() {
                return Err(Stop::Refused(ReadError::TooMany {
                    path: path.index(i).render(),
                    cap,
                }));
            }
            if cap == Cap::Indicators {
                if self.rows == MAX_DOCUMENT_INDICATORS {
                    return Err(Stop::Refused(ReadError::TooMany {
                        path: path.index(i).render(),
                        cap: Cap::DocumentIndicators,
                    }));
                }
                self.rows += 1;
            }
            self.value(item, &path.index(i))?;
            i += 1;
            if !self.next_or_close(b']')? {
                return Ok(());
            }
        }
    }

    /// Any JSON value, `depth` containers deep in data that is not ours.
    /// `counted`: whether it adds to the file's count of unknown values.
    fn any(&mut self, path: &Path, depth: usize, counted: bool) -> Result<(), Stop> {
        self.ws();
        if counted {
            self.unknown_values += 1;
            if self.unknown_values > MAX_UNKNOWN_VALUES {
                return Err(Stop::Refused(ReadError::TooManyUnknownValues {
                    path: path.render(),
                }));
            }
        }
        match self.peek() {
            Some(b @ (b'{' | b'[')) => {
                if depth == MAX_UNKNOWN_DEPTH {
                    return Err(Stop::Refused(ReadError::TooDeep {
                        path: path.render(),
                    }));
                }
                if b == b'{' {
                    if self.open(b'{', b'}')? {
                        return Ok(());
                    }
                    let mut keys = KeySet::default();
                    loop {
                        self.ws();
                        let key = self.key()?;
                        if !keys.insert(key.clone()) {
                            return Err(duplicate(&path.key(&key)));
                        }
                        self.expect(b':')?;
                        self.any(&path.key(&key), depth + 1, counted)?;
                        if !self.next_or_close(b'}')? {
                            return Ok(());
                        }
                    }
                } else {
                    if self.open(b'[', b']')? {
                        return Ok(());
                    }
                    let mut i = 0;
                    loop {
                        self.any(&path.index(i), depth + 1, counted)?;
                        i += 1;
                        if !self.next_or_close(b']')? {
                            return Ok(());
                        }
                    }
                }
            }
            Some(b'"') => self.string().map(|_| ()),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            _ => Err(self.syntax()),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Stop> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    /// A number token, loosely (serde_json checks the grammar afterwards).
    fn number(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.peek() {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.syntax());
        }
        Ok(())
    }

    /// Skips a string, returning its length in characters.
    fn string(&mut self) -> Result<usize, Stop> {
        self.pos += 1; // the opening quote
        let mut chars = 0;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.syntax());
            };
            self.pos += 1;
            match b {
                b'"' => return Ok(chars),
                b'\\' => {
                    let code = self.escape()?;
                    // A surrogate pair is one character: count its second half.
                    if !(0xD800..=0xDBFF).contains(&code) {
                        chars += 1;
                    }
                }
                0x00..=0x1F => return Err(self.syntax()),
                // Continuation bytes of UTF-8 do not start a character.
                0x80..=0xBF => {}
                _ => chars += 1,
            }
        }
    }

    /// One escape after its backslash; the code unit it stands for.
    fn escape(&mut self) -> Result<u32, Stop> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return Err(self.syntax());
        };
        self.pos += 1;
        Ok(match b {
            b'"' => 0x22,
            b'\\' => 0x5C,
            b'/' => 0x2F,
            b'b' => 0x08,
            b'f' => 0x0C,
            b'n' => 0x0A,
            b'r' => 0x0D,
            b't' => 0x09,
            b'u' => {
                let hex = self
                    .text
                    .get(self.pos..self.pos + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .filter(|_| {
                        self.bytes[self.pos..self.pos + 4]
                            .iter()
                            .all(u8::is_ascii_hexdigit)
                    })
                    .ok_or_else(|| self.syntax())?;
                self.pos += 4;
                hex
            }
            _ => return Err(self.syntax()),
        })
    }

    /// An object key, decoded: borrowed from the text unless it has escapes.
    fn key(&mut self) -> Result<Cow<'a, str>, Stop> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax());
        }
        let start = self.pos + 1;
        self.string()?;
        let raw = &self.text[start..self.pos - 1];
        if !raw.contains('\\') {
            return Ok(Cow::Borrowed(raw));
        }
        decode_escapes(raw)
            .map(Cow::Owned)
            .ok_or(Stop::Syntax { offset: start })
    }
}

/// A JSON string's content with its escapes resolved, strictly (a lone
/// surrogate is refused, as serde_json refuses it).
fn decode_escapes(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let hex4 = |chars: &mut std::str::Chars| -> Option<u32> {
        let h: String = chars.by_ref().take(4).collect();
        if h.len() == 4 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(&h, 16).ok()
        } else {
            None
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let hi = hex4(&mut chars)?;
                if (0xD800..=0xDBFF).contains(&hi) {
                    if chars.next()? != '\\' || chars.next()? != 'u' {
                        return None;
                    }
                    let lo = hex4(&mut chars)?;
                    if !(0xDC00..=0xDFFF).contains(&lo) {
                        return None;
                    }
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                } else {
                    char::from_u32(hi)?
                }
            }
            _ => return None,
        });
    }
    Some(out)
}

fn too_long(path: &Path, max: usize, chars: usize) -> Result<(), Stop> {
    if chars > max {
        return Err(Stop::Refused(ReadError::TooLong {
            path: path.render(),
            limit: max,
            chars,
        }));
    }
    Ok(())
}

fn duplicate(path: &Path) -> Stop {
    Stop::Refused(ReadError::DuplicateKey {
        path: path.render(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(text: &str) -> Option<String> {
        match check(text) {
            Ok(()) => None,
            Err(Stop::Refused(e)) => Some(e.to_string()),
            Err(Stop::Syntax { offset }) => Some(format!("syntax at {offset}")),
        }
    }

    #[test]
    fn escaped_keys_are_the_same_key() {
        let text = r#"{"format": "a", "\u0066ormat": "b"}"#;
        let msg = stop(text).expect("refused");
        assert!(msg.contains("「format」"), "{msg}");
    }

    #[test]
    fn a_surrogate_pair_is_one_character() {
        let max = MAX_SHORT_CHARS;
        let at_limit = format!(r#"{{"year": "{}"}}"#, "\\ud83d\\ude00".repeat(max));
        assert_eq!(stop(&at_limit), None);
        let past = format!(r#"{{"year": "{}"}}"#, "😀".repeat(max + 1));
        assert!(stop(&past).expect("refused").contains("year"));
    }

    #[test]
    fn syntax_is_left_to_serde() {
        for bad in [
            "",
            "{",
            "{\"a\" 1}",
            "[1,]",
            "{\"a\":tru}",
            "\"\\x\"",
            "{} x",
        ] {
            assert!(
                matches!(check(bad), Err(Stop::Syntax { .. })),
                "{bad:?} should be a syntax stop"
            );
        }
    }

    #[test]
    fn paths_name_keys_briefly() {
        let long_key = "键".repeat(1000);
        let text = format!(r#"{{"unit": {{"{long_key}": 1, "{long_key}": 2}}}}"#);
        let msg = stop(&text).expect("refused");
        assert!(msg.chars().count() < 120, "{msg}");
        assert!(msg.contains("unit.键键"), "{msg}");
    }
}
