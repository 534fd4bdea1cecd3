//! What the source looked like when it was last read, to tell a change
//! from a touch, a read, or an event about some other file.
//!
//! A file is looked at through its metadata first (size, times, inode); only
//! a file whose metadata moved is read, and then at most
//! [`MAX_INPUT`](crate::source::MAX_INPUT) bytes of it, streamed through a
//! hash (issue 18: a 6 GB file was read whole on every change). A file over
//! the cap is never read: its metadata stands for its bytes, and the
//! rebuild refuses it with the usual message. In a site folder the snapshot
//! holds every page the walk finds, so a page folder removed, renamed or
//! moved in changes it as surely as an edit does.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::source::MAX_INPUT;

/// The source's files as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Snapshot {
    /// Path → what was seen of it.
    Files(BTreeMap<PathBuf, Seen>),
    /// The folder could not be walked: never equal to anything, so the
    /// rebuild runs and says why.
    Unwalkable,
}

/// One file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Size, inode and change times: equal metadata, equal bytes.
    meta: Meta,
    content: Content,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    len: u64,
    dev: u64,
    ino: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Content {
    /// A hash of the bytes, at most `MAX_INPUT` of them.
    Hash([u8; 32]),
    /// Larger than the cap: not read; the metadata is all there is.
    TooLarge(Meta),
    /// Could not be read: unequal to everything, even itself, so that
    /// the rebuild runs and says why.
    Unreadable,
}

impl Snapshot {
    /// The snapshot of one file (a page or a JSON schedule).
    pub(crate) fn of_file(path: &Path, previous: Option<&Snapshot>) -> Snapshot {
        Snapshot::of_files([path.to_owned()], previous)
    }

    /// The snapshot of the pages of a site folder.
    pub(crate) fn of_site(dir: &Path, previous: Option<&Snapshot>) -> Snapshot {
        match crate::walk::page_files(dir) {
            Ok(paths) => Snapshot::of_files(paths, previous),
            Err(_) => Snapshot::Unwalkable,
        }
    }

    /// `paths` as they are now; a file whose metadata `previous` has seen
    /// unchanged is not read again. A path that is gone is left out.
    fn of_files(paths: impl IntoIterator<Item = PathBuf>, previous: Option<&Snapshot>) -> Snapshot {
        let before = match previous {
            Some(Snapshot::Files(files)) => Some(files),
            _ => None,
        };
        let files = paths
            .into_iter()
            .filter_map(|path| {
                let meta = meta(&std::fs::metadata(&path).ok()?);
                let known = before
                    .and_then(|b| b.get(&path))
                    .filter(|seen| seen.meta == meta && seen.content != Content::Unreadable);
                let content = match known {
                    Some(seen) => seen.content.clone(),
                    None => read(&path, meta),
                };
                Some((path, Seen { meta, content }))
            })
            .collect();
        Snapshot::Files(files)
    }

    /// Whether the source's bytes may differ between `self` and `other`:
    /// a file added, removed or renamed, other bytes, or a file that could
    /// not be read.
    pub(crate) fn differs(&self, other: &Snapshot) -> bool {
        let (Snapshot::Files(a), Snapshot::Files(b)) = (self, other) else { return true };
        a.len() != b.len()
            || a.iter().zip(b).any(|((pa, sa), (pb, sb))| {
                pa != pb || sa.content != sb.content || sa.content == Content::Unreadable
            })
    }
}

fn meta(m: &std::fs::Metadata) -> Meta {
    Meta {
        len: m.len(),
        dev: m.dev(),
        ino: m.ino(),
        mtime: (m.mtime(), m.mtime_nsec()),
        ctime: (m.ctime(), m.ctime_nsec()),
    }
}

/// A hash of at most `MAX_INPUT` bytes of `path`, streamed: nothing of a
/// file over the cap is read at all, and a file that grew past the cap
/// since its metadata was taken stops being read there.
fn read(path: &Path, meta: Meta) -> Content {
    if meta.len > MAX_INPUT {
        return Content::TooLarge(meta);
    }
    let Ok(file) = std::fs::File::open(path) else { return Content::Unreadable };
    let mut reader = file.take(MAX_INPUT + 1);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut total = 0u64;
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                total += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Content::Unreadable,
        }
    }
    if total > MAX_INPUT {
        return Content::TooLarge(meta);
    }
    Content::Hash(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touch_is_no_change_and_an_edit_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        std::fs::write(&path, "a").unwrap();
        let first = Snapshot::of_file(&path, None);
        let file = std::fs::File::options().append(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
        let touched = Snapshot::of_file(&path, Some(&first));
        assert!(!touched.differs(&first));
        std::fs::write(&path, "b").unwrap();
        assert!(Snapshot::of_file(&path, Some(&touched)).differs(&touched));
        std::fs::remove_file(&path).unwrap();
        let gone = Snapshot::of_file(&path, Some(&touched));
        assert!(gone.differs(&touched));
        assert!(!gone.differs(&Snapshot::of_file(&path, Some(&gone))));
    }

    #[test]
    fn issue_18_a_file_over_the_cap_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        // sparse: no room taken on disk; known to be too large from its
        // size (that it is not read is checked through the process's
        // counters in tests/serve.rs)
        std::fs::File::create(&path).unwrap().set_len(MAX_INPUT + 1).unwrap();
        let Snapshot::Files(files) = Snapshot::of_file(&path, None) else { panic!() };
        assert!(matches!(files[&path].content, Content::TooLarge(_)));
    }

    #[test]
    fn issue_18_pages_added_removed_or_renamed_change_a_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.md"), "a").unwrap();
        let first = Snapshot::of_site(dir.path(), None);
        std::fs::write(dir.path().join("notes.txt"), "not a page").unwrap();
        let same = Snapshot::of_site(dir.path(), Some(&first));
        assert!(!same.differs(&first));
        std::fs::rename(dir.path().join("a"), dir.path().join("b")).unwrap();
        let renamed = Snapshot::of_site(dir.path(), Some(&same));
        assert!(renamed.differs(&same));
        std::fs::remove_dir_all(dir.path().join("b")).unwrap();
        let removed = Snapshot::of_site(dir.path(), Some(&renamed));
        assert!(removed.differs(&renamed));
        assert_eq!(removed, Snapshot::Files(BTreeMap::new()));
    }
}
