//! One page through parsing, linking and rendering on arbitrary bytes: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::page(data);
});
