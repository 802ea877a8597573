//! The house's shape, checked from the source: every `crate::` and `super::` path in `src/`
//! is resolved to the file it names, then (1) no file imports a module of a higher layer than
//! README's Layout table allows, and (2) there is no import circle among the files.
//!
//! Written by hand because what it checks is this project's own layer table; the parsing is
//! deliberately small (paths, `{…}` groups, `self`), which is all rustfmt'd imports use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules each top-level module may import: README's Layout table, where
/// "the leaves" are `clock`, `logging`, `metrics`, `cli` and `emulator`.
fn allowed(module: &str) -> Vec<&'static str> {
    const LEAVES: [&str; 5] = ["clock", "logging", "metrics", "cli", "emulator"];
    let below: &[&str] = match module {
        // Only the entry reaches the command line's commands (`admin`): the demo and the
        // benchmarks call the actions, as the command line does.
        "main" | "lib" => &[
            "lib",
            "ops",
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
        // The operator's endpoints read the app's state and the store.
        "ops" => &["state", "store"],
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
        // Views put words on charts and documents, which draw from plain data.
        "views" => &["state", "store", "i18n", "documents", "domain"],
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

/// The store's functions that write, by module: a function writes when its SQL inserts,
/// updates or deletes, when it opens a writing transaction, or when it calls a function of
/// the store that writes. Told from the code itself, so a new writing query is caught without
/// anyone remembering to mark it.
fn writing_functions(store: &BTreeMap<String, String>) -> BTreeSet<(String, String)> {
    let mut bodies: Vec<(String, String, String)> = Vec::new();
    for (module, code) in store {
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        let starts: Vec<(usize, String)> = code
            .match_indices("fn ")
            .filter(|(at, _)| {
                let line_start = code[..*at].rfind('\n').map_or(0, |n| n + 1);
                code[line_start..*at].trim_start().starts_with("pub")
                    || code[line_start..*at].trim().is_empty()
                    || code[line_start..*at].trim() == "async"
            })
            .filter_map(|(at, _)| {
                let name: String = code[at + 3..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                (!name.is_empty()).then_some((at, name))
            })
            .collect();
        for (i, (at, name)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(code.len(), |(next, _)| *next);
            bodies.push((module.clone(), name.clone(), code[*at..end].to_owned()));
        }
    }
    let mut writing: BTreeSet<(String, String)> = bodies
        .iter()
        .filter(|(_, _, body)| {
            [
                "INSERT INTO",
                "UPDATE ",
                "DELETE FROM",
                "begin_writing(",
                ".begin()",
            ]
            .iter()
            .any(|w| body.contains(w))
        })
        .map(|(m, n, _)| (m.clone(), n.clone()))
        .collect();
    // What calls a writing function writes too, until nothing more is found.
    loop {
        let more: Vec<(String, String)> = bodies
            .iter()
            .filter(|(m, n, _)| !writing.contains(&(m.clone(), n.clone())))
            .filter(|(m, n, body)| {
                let body = &body[3 + n.len()..];
                writing.iter().any(|(wm, wn)| {
                    calls(body, &format!("{wm}::{wn}")) || (wm == m && calls(body, wn))
                })
            })
            .map(|(m, n, _)| (m.clone(), n.clone()))
            .collect();
        if more.is_empty() {
            return writing;
        }
        writing.extend(more);
    }
}

/// Whether `code` calls `path` (`roster::link` or `link`) as written, not as the tail of a
/// longer path (`actions::roster::link`) or a method (`.link(`): the name at a word's start,
/// followed by an opening bracket. `store::…` may stand after `crate::`.
fn calls(code: &str, path: &str) -> bool {
    code.match_indices(path).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + path.len()..].trim_start();
        let qualified = code[..at].ends_with("crate::") && path.starts_with("store::");
        (qualified || before.is_none_or(|c| !(c.is_alphanumeric() || "_.:".contains(c))))
            && (after.starts_with('(') || after.starts_with("::<"))
    })
}

/// The calls a file makes to the store's writing functions, except those of `allowed`
/// modules: through `crate::store::…` paths, through a store module it imports (`roster::`),
/// or through a function it imports by name.
fn direct_writes(
    code: &str,
    here: &[String],
    writing: &BTreeSet<(String, String)>,
    allowed: &[&str],
) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    let mut modules = BTreeSet::new();
    let mut functions = BTreeSet::new();
    for path in paths_in(code, here) {
        match path.as_slice() {
            [store, module] if store == "store" => {
                modules.insert(module.clone());
            }
            [store, module, name, ..] if store == "store" => {
                functions.insert((module.clone(), name.clone()));
            }
            _ => {}
        }
    }
    // A store module imported under another name (`broadcasts as stored`) is called by that
    // name; its own name may then be another module's (the action of the same name).
    let local_name = |module: &str| -> String {
        code.split(&format!("{module} as "))
            .nth(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .unwrap_or_else(|| module.to_owned())
    };
    for (module, name) in writing {
        if allowed.contains(&module.as_str()) {
            continue;
        }
        let through_module =
            modules.contains(module) && calls(code, &format!("{}::{name}", local_name(module)));
        let named = functions.contains(&(module.clone(), name.clone()));
        let full = calls(code, &format!("store::{module}::{name}"));
        if through_module || named || full {
            found.insert(format!("store::{module}::{name}"));
        }
    }
    found.into_iter().collect()
}

/// The entry points — chat handlers, the command line's commands, the demo, the benchmarks —
/// change state only through `actions/`. What the Telegram edge keeps for itself may stay
/// there: a conversation's progress (`store::dialogues`) and the updates waiting to be
/// handled (`store::inbox`).
///
/// One benchmark writes for itself: the delivery benchmark fills a throw-away database's
/// outbox with the messages whose sending it measures — the producer no person is.
fn entry_point_allowances(module: &[String]) -> Option<&'static [&'static str]> {
    let module: Vec<&str> = module.iter().map(String::as_str).collect();
    match module.as_slice() {
        ["telegram", ..] => Some(&["dialogues", "inbox"]),
        ["bench", "delivery"] => Some(&["outbox"]),
        ["admin" | "demo" | "bench" | "stage", ..] => Some(&[]),
        _ => None,
    }
}

fn store_sources(src: &Path) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(&src.join("store"), &mut files);
    files
        .iter()
        .map(|f| {
            let module = f.file_stem().unwrap().to_string_lossy().into_owned();
            (
                module,
                std::fs::read_to_string(f).expect("a store file reads"),
            )
        })
        .collect()
}

#[test]
fn entry_points_change_state_only_through_actions() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let writing = writing_functions(&store_sources(&src));
    assert!(
        writing.contains(&("roster".into(), "link".into()))
            && writing.contains(&("audit".into(), "record".into())),
        "the store's writing functions are found: {writing:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let module = module_of(&src, &file);
        let Some(allowed) = entry_point_allowances(&module) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("a source file reads");
        for call in direct_writes(&code, &module, &writing, allowed) {
            wrong.push(format!("{}: {call}", file.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "entry points must change state through an action of src/actions/, not the store:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_handler_writing_to_the_store_is_caught() {
    let store: BTreeMap<String, String> = [
        (
            "roster".to_owned(),
            "pub async fn link(db: &Db) { sqlx::query(\"UPDATE people SET x = 1\"); }\n\
             pub async fn relink(db: &Db) { link(db).await; }\n\
             pub async fn by_phone(db: &Db) { sqlx::query(\"SELECT 1\"); }\n"
                .to_owned(),
        ),
        (
            "audit".to_owned(),
            "pub async fn record(db: &Db) { sqlx::query(\"INSERT INTO audit_log\"); }\n".to_owned(),
        ),
    ]
    .into();
    let writing = writing_functions(&store);
    let expected: BTreeSet<(String, String)> = [
        ("audit".into(), "record".into()),
        ("roster".into(), "link".into()),
        ("roster".into(), "relink".into()),
    ]
    .into();
    assert_eq!(
        writing, expected,
        "relink writes through link; by_phone only reads"
    );
    let handler = [
        "telegram".to_owned(),
        "handlers".to_owned(),
        "joining".to_owned(),
    ];
    let check = |code: &str| direct_writes(code, &handler, &writing, &["dialogues"]);
    // A deliberately wrong handler: it links the person itself and audits it.
    let wrong = "use crate::store::{audit, roster};\n\
                 async fn start() { roster::by_phone(db).await; roster::link(db).await;\n\
                 audit::record(db).await; }";
    assert_eq!(
        check(wrong),
        ["store::audit::record", "store::roster::link"]
    );
    assert_eq!(
        check("use crate::store::roster::relink;\nfn f() { relink(db); }"),
        ["store::roster::relink"]
    );
    assert_eq!(
        check("fn f() { crate::store::roster::link(db); }"),
        ["store::roster::link"]
    );
    assert_eq!(
        check(
            "use crate::actions::roster;\nuse crate::store::{roster as stored};\n\
             fn f() { roster::link(db); stored::link(db); }"
        ),
        ["store::roster::link"]
    );
    // The same calls through the action of that name, and reads, are fine.
    assert!(check("use crate::actions::roster;\nfn f() { roster::link(db); }").is_empty());
    assert!(check("use crate::store::roster;\nfn f() { roster::by_phone(db); }").is_empty());
}

/// The longest a chat handler's function may be: a handler parses, calls one action and
/// renders; anything longer is doing an action's or a view's work.
const HANDLER_LINES: usize = 120;

/// Each function of `code` (outside its tests) that runs over `max` lines, with its length:
/// from its `fn` line to the closing brace at the same indentation.
fn long_functions(code: &str, max: usize) -> Vec<(String, usize)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let lines: Vec<&str> = code.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let signature = ["fn ", "pub fn ", "async fn ", "pub async fn "]
            .iter()
            .find_map(|start| trimmed.strip_prefix(start));
        let Some(rest) = signature else { continue };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let closing = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i..].iter().position(|l| *l == closing) {
            if end + 1 > max {
                long.push((name, end + 1));
            }
        }
    }
    long
}

#[test]
fn chat_handlers_stay_thin() {
    let handlers = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/telegram/handlers");
    let mut files = Vec::new();
    rust_files(&handlers, &mut files);
    let mut long = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).expect("a handler reads");
        for (name, lines) in long_functions(&code, HANDLER_LINES) {
            long.push(format!("{}: {name} has {lines} lines", file.display()));
        }
    }
    assert!(
        long.is_empty(),
        "no handler function over {HANDLER_LINES} lines: move its work into an action or a \
         view\n{}",
        long.join("\n")
    );
    let made_up = format!(
        "fn short() {{\n}}\n\nfn long() {{\n{}}}\n",
        "    x;\n".repeat(130)
    );
    assert_eq!(
        long_functions(&made_up, HANDLER_LINES),
        [("long".into(), 132)]
    );
}
