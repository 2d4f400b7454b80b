//! A small pull reader for the XML of a .docx part: tags with their
//! attributes, text with the predefined and numeric entities decoded.
//! Comments, processing instructions and declarations are skipped; no
//! entity is ever defined or expanded beyond those five, so no "billion
//! laughs". Hand-written because a .docx needs only this, and it is a
//! fraction of a general XML crate's size in the wasm.

use std::borrow::Cow;

#[derive(Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`.
    Start(Tag<'a>),
    End(&'a str),
    Text(Cow<'a, str>),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: &'a str,
    attrs: &'a str,
    pub empty: bool,
}

impl<'a> Tag<'a> {
    /// The value of an attribute, entities decoded.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attributes().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Every attribute in order, values decoded; stops at malformed text.
    pub fn attributes(&self) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> {
        let mut rest = self.attrs;
        std::iter::from_fn(move || {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let key = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let body = &after[1..];
            let end = body.find(quote)?;
            rest = &body[end + 1..];
            Some((key, decode(&body[..end])))
        })
    }
}

pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Set when the text ends inside a tag, comment or other markup.
    pub malformed: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            pos: 0,
            malformed: false,
        }
    }

    /// Skips to just after `end`; false (and malformed) when it never comes.
    fn skip_past(&mut self, end: &str) -> bool {
        match self.text[self.pos..].find(end) {
            Some(i) => {
                self.pos += i + end.len();
                true
            }
            None => {
                self.malformed = true;
                self.pos = self.text.len();
                false
            }
        }
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let rest = self.text.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Event::Text(decode(&rest[..end])));
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->");
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let start = self.pos + "<![CDATA[".len();
                if !self.skip_past("]]>") {
                    return None;
                }
                let len = body.find("]]>").unwrap_or(0);
                return self
                    .text
                    .get(start..start + len)
                    .map(|t| Event::Text(t.into()));
            }
            if rest.starts_with("<?") {
                self.skip_past("?>");
                continue;
            }
            if rest.starts_with("<!") {
                // A DOCTYPE's internal subset is skipped, never expanded.
                let end = match (rest.find('['), rest.find('>')) {
                    (Some(open), Some(close)) if open < close => "]>",
                    _ => ">",
                };
                self.skip_past(end);
                continue;
            }
            // A tag: find its '>' outside quoted attribute values.
            let mut quote = None;
            let mut close = None;
            for (i, c) in rest.char_indices().skip(1) {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), _) if q == c => quote = None,
                    (None, '>') => {
                        close = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(close) = close else {
                self.malformed = true;
                self.pos = self.text.len();
                return None;
            };
            self.pos += close + 1;
            let inner = &rest[1..close];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Event::End(name.trim()));
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_end = inner
                .find(|c: char| c.is_whitespace())
                .unwrap_or(inner.len());
            return Some(Event::Start(Tag {
                name: &inner[..name_end],
                attrs: &inner[name_end..],
                empty,
            }));
        }
    }
}

/// Decodes `&lt; &gt; &amp; &quot; &apos;` and `&#…;`; anything else is kept as written.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Entities are short: look for the ';' only nearby.
        let semi = rest.bytes().take(12).position(|b| b == b';').unwrap_or(0);
        let entity = rest.get(1..semi);
        let ch = entity.and_then(|e| match e {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let n = match e.strip_prefix("#x").or_else(|| e.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => e.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                n.and_then(char::from_u32)
            }
        });
        match (ch, entity) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_text_and_entities() {
        let xml = r#"<?xml version="1.0"?><!-- c --><w:p a='1' w:val="x&amp;y"><w:t xml:space="preserve"> a&lt;b &#8805;95&#x25; &nbsp;</w:t><w:br/></w:p>"#;
        let events: Vec<Event> = Reader::new(xml).collect();
        let Event::Start(p) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(p.name, "w:p");
        assert_eq!(p.attr("w:val").as_deref(), Some("x&y"));
        assert_eq!(p.attr("a").as_deref(), Some("1"));
        assert_eq!(p.attr("val"), None);
        assert_eq!(events[2], Event::Text(" a<b ≥95% &nbsp;".into()));
        assert_eq!(events[3], Event::End("w:t"));
        let Event::Start(br) = &events[4] else {
            panic!()
        };
        assert!(br.empty);
    }

    #[test]
    fn a_quoted_greater_than_and_cdata() {
        let events: Vec<Event> = Reader::new("<a b=\"1>2\"><![CDATA[<x>]]></a>").collect();
        assert_eq!(events.len(), 3);
        assert_eq!(events[1], Event::Text("<x>".into()));
    }

    #[test]
    fn cut_short_is_malformed_and_stops() {
        for xml in ["<a><b", "<a><!-- x", "<a><![CDATA[x", "<a b='1"] {
            let mut r = Reader::new(xml);
            while r.next().is_some() {}
            assert!(r.malformed, "{xml}");
        }
    }

    #[test]
    fn a_doctype_with_entities_is_skipped_not_expanded() {
        let xml = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>";
        let texts: Vec<Event> = Reader::new(xml)
            .filter(|e| matches!(e, Event::Text(_)))
            .collect();
        assert_eq!(texts, [Event::Text("&a;".into())]);
    }
}
