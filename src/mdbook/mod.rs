//! mdBook books, read as they are. So far: `SUMMARY.md`'s format ([`summary`]); the book's
//! `book.toml`, its chapters and its preprocessing are to follow (issue 16).

pub mod summary;
