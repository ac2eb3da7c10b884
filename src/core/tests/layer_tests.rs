//! The layers hold, read from the sources: the core uses nothing of the
//! browser or of Leptos, its modules depend on each other without a cycle,
//! the storage module never reaches up into the components, and the daily
//! page's views share the code Leptos would generate for each use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// A source file's code: comment lines and `#[cfg(test)]` modules left out.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The core's modules (first path segment under src/core), each with the
/// sibling modules its code names.
fn core_graph() -> BTreeMap<String, BTreeSet<String>> {
    let core = src().join("core");
    let files: Vec<PathBuf> = files_under(&core).into_iter().filter(|p| !p.starts_with(core.join("tests"))).collect();
    let module = |p: &Path| {
        let rel = p.strip_prefix(&core).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        first.trim_end_matches(".rs").to_string()
    };
    let names: BTreeSet<String> = files.iter().map(|p| module(p)).filter(|m| m != "mod").collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = names.iter().map(|n| (n.clone(), BTreeSet::new())).collect();
    for p in &files {
        let from = module(p);
        if from == "mod" {
            continue;
        }
        let text = code(p);
        for prefix in ["crate::core::", "super::super::", "super::"] {
            for (i, _) in text.match_indices(prefix) {
                let rest = &text[i + prefix.len()..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if name != from && names.contains(&name) {
                    graph.get_mut(&from).unwrap().insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn the_core_uses_nothing_of_the_browser_or_of_leptos() {
    for p in files_under(&src().join("core")).into_iter().filter(|p| !p.ends_with("layer_tests.rs")) {
        let text = code(&p);
        for word in ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
            assert!(!text.contains(word), "{} uses {word}", p.display());
        }
    }
}

#[test]
fn the_core_modules_depend_on_each_other_without_a_cycle() {
    let graph = core_graph();
    assert!(graph.len() > 10, "{graph:?}");
    assert!(graph["report"].contains("progress"), "the graph holds the uses the code makes: {graph:?}");
    // Depth-first search; a module met again on the current path closes a cycle.
    fn visit(n: &str, g: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if let Some(at) = path.iter().position(|p| p == n) {
            panic!("a cycle between core modules: {} -> {n}", path[at..].join(" -> "));
        }
        if done.contains(n) {
            return;
        }
        path.push(n.to_string());
        for d in &g[n] {
            visit(d, g, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn storage_never_reaches_up_into_the_components() {
    let text = code(&src().join("storage.rs"));
    assert!(text.contains("crate::core::"), "the storage module reads the core");
    for word in ["crate::ui", "leptos"] {
        assert!(!text.contains(word), "src/storage.rs uses {word}");
    }
}

/// The daily page is the first load. Leptos generates `<For>` and `<Show>`
/// again for every use, and an event attribute for every handler's closure
/// type; the daily page's views (and the shell around every page) use the
/// shared `widgets::keyed`, a memo and a closure, and boxed handlers
/// (`widgets::on`) instead: about 15 KB gzip between them (README,
/// "Benchmarks").
#[test]
fn the_daily_page_shares_its_generated_view_code() {
    let ui = src().join("ui");
    let mut files = files_under(&ui.join("daily"));
    files.push(ui.join("mod.rs"));
    let mut handlers = 0;
    for f in files {
        let text = code(&f);
        for generated in ["<For", "<Show"] {
            assert!(!text.contains(generated), "{}: {generated}", f.display());
        }
        for (i, _) in text.match_indices(" on:") {
            let line = text[i..].lines().next().unwrap_or_default();
            assert!(line.contains("widgets::on("), "{}: a handler not boxed: {line}", f.display());
            handlers += 1;
        }
    }
    assert!(handlers > 20, "the handlers were found ({handlers})");
}
