//! Fingerprints: the hashes that tell a session whether an input changed since its last run
//! (a source file, `book.toml`). Not for anything that outlives the process.

use std::hash::{Hash, Hasher};

/// The fingerprint of a file's bytes.
pub fn of_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_equal_fingerprints() {
        assert_eq!(of_bytes(b"title"), of_bytes(b"title"));
        assert_ne!(of_bytes(b"title"), of_bytes(b"titel"));
    }
}
