//! The house's shape, checked from the source: every `crate::` and `super::` path in `src/`
//! is resolved to the file it names, then (1) no file imports a module of a higher layer than
//! README's Layout table allows, and (2) there is no import circle among the files.
//!
//! Written by hand because what it checks is this project's own layer table; the parsing is
//! deliberately small (paths, `{…}` groups, `self`), which is all rustfmt'd imports use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules each top-level module may import: README's Layout table, where
/// "the leaves" are `clock`, `logging`, `cli` and `emulator`.
fn allowed(module: &str) -> Vec<&'static str> {
    const LEAVES: [&str; 4] = ["clock", "logging", "cli", "emulator"];
    let below: &[&str] = match module {
        // Only the entry reaches the command line's commands (`admin`): the demo and the
        // benchmarks call the actions, as the command line does.
        "main" | "lib" => &[
            "lib",
            "demo",
            "bench",
            "stage",
            "app",
            "telegram",
            "admin",
            "actions",
            "outbox",
            "views",
            "state",
            "store",
            "report",
            "i18n",
            "config",
            "documents",
            "domain",
            "fuzzing",
        ],
        "demo" | "bench" | "stage" => &[
            "demo",
            "bench",
            "stage",
            "app",
            "telegram",
            "actions",
            "outbox",
            "views",
            "state",
            "store",
            "report",
            "i18n",
            "config",
            "documents",
            "domain",
        ],
        "app" => &["telegram", "state", "store"],
        "telegram" | "admin" => &[
            "actions",
            "outbox",
            "views",
            "state",
            "store",
            "report",
            "i18n",
            "config",
            "documents",
            "domain",
        ],
        "actions" => &[
            "outbox",
            "report",
            "views",
            "state",
            "store",
            "i18n",
            "config",
            "documents",
            "domain",
        ],
        "outbox" => &[
            "views",
            "state",
            "store",
            "i18n",
            "config",
            "documents",
            "domain",
        ],
        "views" => &["state", "store", "i18n", "domain"],
        "state" => &["store", "i18n", "config"],
        "store" | "report" | "i18n" | "config" => &["domain"],
        "domain" | "documents" => &["domain"],
        // The fuzz targets call the domain's readers, and the emulator's HTML parser as the
        // judge of what Telegram accepts.
        "fuzzing" => &["domain"],
        // The leaves import nothing of Takwin's.
        _ => return Vec::new(),
    };
    below.iter().copied().chain(LEAVES).collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/telegram/handlers/mod.rs` is `["telegram", "handlers"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("inside src/");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path a line of code names from the crate's root, with `{…}` groups expanded.
fn paths_in(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..].iter().take(7).collect();
        let at_word_start = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        let base = if at_word_start && rest.starts_with("crate::") {
            i += "crate::".len();
            Some(Vec::new())
        } else if at_word_start && rest.starts_with("super::") {
            let mut base = here.to_vec();
            while bytes[i..].iter().collect::<String>().starts_with("super::") {
                base.pop();
                i += "super::".len();
            }
            Some(base)
        } else {
            None
        };
        match base {
            Some(base) => {
                let (paths, next) = parse_tree(&bytes, i, base);
                found.extend(paths);
                i = next;
            }
            None => i += 1,
        }
    }
    found
}

/// Reads `a::b::{c, d::e}` from `start`, each path prefixed by `base`.
fn parse_tree(chars: &[char], start: usize, base: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = base;
    let mut i = start;
    loop {
        let word: String = chars[i..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        if !word.is_empty() {
            i += word.chars().count();
            if word != "self" {
                path.push(word);
            }
            if chars[i..].starts_with(&[':', ':']) {
                i += 2;
                continue;
            }
            return (vec![path], i);
        }
        if chars.get(i) == Some(&'{') {
            i += 1;
            let mut all = Vec::new();
            loop {
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                if chars.get(i).is_none_or(|c| *c == '}') {
                    return (all, i + 1);
                }
                let (paths, next) = parse_tree(chars, i, path.clone());
                all.extend(paths);
                i = next.max(i + 1);
            }
        }
        return (vec![path], i);
    }
}

/// The file a module path lives in: the longest prefix that is a file of the crate.
fn file_of(path: &[String], files: &BTreeMap<Vec<String>, PathBuf>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| files.contains_key(prefix))
}

#[test]
fn layers_import_downward_only_and_files_make_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let files: BTreeMap<Vec<String>, PathBuf> = paths
        .iter()
        .map(|p| (module_of(&src, p), p.clone()))
        .collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (module, file) in &files {
        let text = std::fs::read_to_string(file).expect("a source file");
        // Tests inside a file may reach anywhere; the house is the code that ships.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in shipped.lines() {
            let code = line.split("//").next().unwrap_or("");
            for path in paths_in(code, module) {
                let Some(target) = file_of(&path, &files) else {
                    continue;
                };
                if target == *module {
                    continue;
                }
                let from = module.first().map_or("lib", String::as_str);
                let to = target.first().map_or("lib", String::as_str);
                if from != to && !allowed(from).contains(&to) {
                    wrong.push(format!("{} imports {}", file.display(), path.join("::")));
                }
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run up the layers:\n{}",
        wrong.join("\n")
    );
    // A file that imports its own module's root (`super::X` in a sub-file) is not a circle
    // worth naming; a root that imports a sub-file back is where circles start.
    let circle = find_circle(&edges);
    assert!(
        circle.is_none(),
        "an import circle among files: {:?}",
        circle
            .unwrap_or_default()
            .iter()
            .map(|m| m.join("::"))
            .collect::<Vec<_>>()
    );
    assert!(files.len() > 50, "the check read the whole tree");
}

fn find_circle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        marks: &mut BTreeMap<Vec<String>, Mark>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node).unwrap_or(0);
                return Some(stack[start..].to_vec());
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, marks, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        let mut stack = Vec::new();
        if let Some(circle) = visit(node, edges, &mut marks, &mut stack) {
            return Some(circle);
        }
    }
    None
}
