//! The front matter splitter and parser on arbitrary text: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    handbook::fuzzing::front_matter(data);
});
