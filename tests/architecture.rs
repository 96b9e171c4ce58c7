//! The shape of `src/`, checked: modules import each other without cycles, no file grows past
//! 600 lines of non-test code, and `std::fs` is called only where `fsx.rs` says it may be.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module (first path segment under `src/`) -> source text of its files, without their tests.
fn modules() -> BTreeMap<String, Vec<(String, String)>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (rel, bytes) in crate::files_under(&src) {
        if !rel.ends_with(".rs") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("sources are UTF-8");
        let code = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        out.entry(module).or_default().push((rel, code));
    }
    out
}

/// The modules a module's code names as `crate::<module>`.
fn imports(files: &[(String, String)], own: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, code) in files {
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != own {
                out.insert(name);
            }
        }
    }
    out
}

/// A cycle through `start`, if there is one (depth-first over the import graph).
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in graph.get(last).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn modules_import_each_other_without_cycles() {
    let modules = modules();
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, files)| (m.clone(), imports(files, m)))
        .collect();
    assert!(
        graph["build"].contains("render"),
        "the import scan reads `crate::` paths"
    );
    for module in graph.keys() {
        if let Some(cycle) = cycle_through(&graph, module) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn no_source_file_grows_past_600_lines_of_code() {
    for files in modules().values() {
        for (rel, code) in files {
            let lines = code.lines().count();
            assert!(lines <= 600, "src/{rel} has {lines} lines of non-test code");
        }
    }
}

/// Files that may call `std::fs` directly (see `fsx.rs`): the wrappers themselves, the output
/// folder's staging code, and probes whose failure only means "no".
const STD_FS_ALLOWED: &[&str] = &[
    "fsx.rs",
    "output.rs",
    "discover.rs",
    "scaffold.rs",
    "config/mod.rs",
];

#[test]
fn std_fs_is_called_only_where_fsx_allows() {
    for files in modules().values() {
        for (rel, code) in files {
            if code.contains("std::fs") {
                assert!(
                    STD_FS_ALLOWED.contains(&rel.as_str()),
                    "src/{rel} calls std::fs: use fsx (or add it to fsx's list, saying why)"
                );
            }
        }
    }
}
