//! Replays the cases in `tests/fuzz-regressions/<target>/` through the fuzz targets' entry
//! points (`fuzz/harness.rs`), so inputs that once found a bug, and hand-picked hard ones, keep
//! being checked by `cargo test`. The fuzz targets themselves live in `fuzz/` (cargo fuzz).

use std::path::Path;

#[path = "../fuzz/harness.rs"]
mod harness;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
        n += 1;
    }
    assert!(n > 0, "no cases in {}", dir.display());
}

#[test]
fn front_matter_cases_do_not_panic() {
    replay("frontmatter", harness::front_matter);
}

#[test]
fn config_cases_do_not_panic() {
    replay("config", harness::config);
}

#[test]
fn page_cases_do_not_panic() {
    replay("page", harness::page);
}
