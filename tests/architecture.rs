//! The house rules of ARCHITECTURE.md, checked on the source itself: no
//! import circle between files, the core knows nothing of the browser, the
//! shell holds no rule logic, and no shell file grows past ~350 lines.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The source without `#[cfg(test)]` modules (tests may reach anywhere).
fn without_tests(text: &str) -> String {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// The module path of a file under src/ (`src/core/rules/mod.rs` → core::rules).
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root().join("src")).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The file a module path names, or the file of its longest prefix that is one.
fn file_of(module: &[String], files: &BTreeSet<PathBuf>) -> Option<PathBuf> {
    for n in (1..=module.len()).rev() {
        let base = root().join("src").join(module[..n].join("/"));
        for candidate in [base.with_extension("rs"), base.join("mod.rs")] {
            if files.contains(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// The paths used in a file's code (`super::tabs::lost(app)`, not only in
/// `use` lines): each a module path to resolve.
fn paths_in_code(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let before = at.checked_sub(1).map(|b| bytes[b]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':') {
                continue;
            }
            let end = text[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| at + e);
            out.push(text[at..end].trim_end_matches(':').to_string());
        }
    }
    out
}

/// The module paths a file's `use` declarations and code name.
fn imports(file: &Path) -> Vec<Vec<String>> {
    let mut all = use_imports(file);
    let code: String = without_tests(&read(file))
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("//")
                && !l.trim_start().starts_with("use ")
                && !l.trim_start().starts_with("pub use ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let here = module_of(file);
    for path in paths_in_code(&code) {
        let mut segs: Vec<String> = path.split("::").map(str::to_string).collect();
        let mut base = Vec::new();
        match segs.first().map(String::as_str) {
            Some("crate") => {
                segs.remove(0);
            }
            Some("super") => {
                base = here.clone();
                while segs.first().is_some_and(|s| s == "super") {
                    segs.remove(0);
                    base.pop();
                }
            }
            _ => continue,
        }
        base.extend(segs);
        all.push(base);
    }
    all
}

/// The module paths a file's `use` declarations name (one per imported item).
fn use_imports(file: &Path) -> Vec<Vec<String>> {
    let text = without_tests(&read(file));
    let here = module_of(file);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("use ") {
        let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
        let prefix = rest[line_start..i].trim();
        rest = &rest[i + 4..];
        if !(prefix.is_empty() || prefix == "pub" || prefix.starts_with("pub(")) {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        let decl: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        rest = &rest[end..];
        for path in expand(&decl) {
            let mut segs: Vec<String> = path.split("::").map(str::to_string).collect();
            let base: Vec<String> = match segs.first().map(String::as_str) {
                Some("crate") => {
                    segs.remove(0);
                    Vec::new()
                }
                Some("super") => {
                    // A module's parent: `src/a/b.rs` and `src/a/b/mod.rs` are
                    // both module a::b, whose `super` is a.
                    let mut base = here.clone();
                    while segs.first().is_some_and(|s| s == "super") {
                        segs.remove(0);
                        base.pop();
                    }
                    base
                }
                Some("self") => {
                    segs.remove(0);
                    here.clone()
                }
                _ => continue, // an external crate or a name in scope
            };
            let mut full = base;
            full.extend(segs);
            out.push(full);
        }
    }
    out
}

/// `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(decl: &str) -> Vec<String> {
    let Some(open) = decl.find('{') else {
        return vec![decl.trim_end_matches("::*").to_string()];
    };
    let head = &decl[..open];
    let inner = &decl[open + 1..decl.len().saturating_sub(1)];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            let p = p.split("as").next().unwrap_or(p);
            expand(&format!("{head}{p}"))
        })
        .map(|p| p.trim_end_matches("::self").to_string())
        .collect()
}

fn graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files: BTreeSet<PathBuf> = rust_files(&root().join("src")).into_iter().collect();
    let mut g = BTreeMap::new();
    for file in &files {
        let targets: BTreeSet<PathBuf> = imports(file)
            .iter()
            .filter_map(|m| file_of(m, &files))
            .filter(|t| t != file)
            .collect();
        g.insert(file.clone(), targets);
    }
    g
}

/// A circle of files importing each other, if there is one.
fn find_circle(g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        n: &PathBuf,
        g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(i) = stack.iter().position(|x| x == n) {
            return Some(stack[i..].to_vec());
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.clone());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.clone());
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(c) = visit(n, g, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_file_of_src_imports_a_file_that_imports_it_back() {
    let g = graph();
    assert!(g.len() > 40, "the sources were read: {}", g.len());
    let ui_state = root().join("src/ui/state/doc.rs");
    assert!(
        g[&ui_state].contains(&root().join("src/ui/state/items.rs")),
        "imports are seen: doc.rs uses items.rs"
    );
    if let Some(circle) = find_circle(&g) {
        let names: Vec<String> = circle
            .iter()
            .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
            .collect();
        panic!("import circle: {}", names.join(" → "));
    }
}

#[test]
fn the_core_knows_nothing_of_the_browser() {
    for file in rust_files(&root().join("src/core")) {
        // Code, not what comments say about it.
        let text: String = read(&file)
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in ["leptos", "web_sys", "wasm_bindgen", "js_sys"] {
            assert!(!text.contains(word), "{} names {word}", file.display());
        }
    }
}

#[test]
fn the_shell_holds_no_rule_logic() {
    for file in rust_files(&root().join("src/ui")) {
        let text = without_tests(&read(&file));
        for module in ["core::value", "core::normalise", "rules::context"] {
            assert!(
                !text.contains(module),
                "{} reads {module}: rule logic belongs in the core",
                file.display()
            );
        }
        // Findings are made by the rules; the shell only places them.
        if !file.ends_with("plain/routing.rs") {
            assert!(
                !text.contains("Finding {"),
                "{} makes a finding",
                file.display()
            );
        }
    }
}

#[test]
fn no_shell_file_is_over_about_350_lines() {
    for file in rust_files(&root().join("src/ui")) {
        let lines = read(&file).lines().count();
        assert!(lines <= 360, "{}: {lines} lines", file.display());
    }
}

#[test]
fn a_circle_is_found_when_there_is_one() {
    let (a, b) = (PathBuf::from("a"), PathBuf::from("b"));
    let mut g = BTreeMap::new();
    g.insert(a.clone(), BTreeSet::from([b.clone()]));
    g.insert(b.clone(), BTreeSet::from([a.clone()]));
    assert!(find_circle(&g).is_some());
    g.insert(b, BTreeSet::new());
    assert!(find_circle(&g).is_none());
}
