//! Short content hashes: fingerprints kept in state files, ETags, and the
//! Message-IDs and MIME boundaries of invitations.
//!
//! SHA-256 rather than std's hasher, whose output may change between Rust
//! releases: these hashes are stored and compared across runs and builds.
//! 128 bits, as 32 hex digits, is plenty to tell versions apart.

use sha2::{Digest, Sha256};

/// The first 128 bits of the SHA-256 of `bytes`, as 32 lower-case hex digits.
pub(crate) fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_value() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(short_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223");
    }
}
