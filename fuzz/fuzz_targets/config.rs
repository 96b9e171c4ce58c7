//! The book.toml loader on arbitrary text: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    handbook::fuzzing::config(data);
});
