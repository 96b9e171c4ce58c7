//! `handbook`: a static site generator for handbooks written in Markdown.
//!
//! The build is a chain of stages, each a function from a typed input to a typed output:
//! [`config::Config::load`] -> [`discover::discover`] -> [`page::parse_source`] (per file, in
//! parallel) -> [`site::link`] (the one global step) -> [`render::render_site`] ->
//! [`assemble::assemble`] -> [`output`] (a staging folder filled by a writer thread while
//! rendering goes on, then swapped in). Problems an author must fix travel alongside as
//! [`diagnostics::Diagnostic`]s. [`build::build`] runs the chain once; a [`build::Session`]
//! runs it again for `watch` and `serve`, redoing only what a change affects. ARCHITECTURE.md
//! has the whole picture.

pub mod assemble;
pub mod build;
pub mod cli;
pub mod config;
pub mod contribute;
pub mod diagnostics;
pub mod discover;
pub mod fingerprint;
pub mod frontmatter;
pub mod fsx;
pub mod history;
pub mod html;
pub mod i18n;
pub mod import;
pub mod json;
pub mod links;
pub mod markdown;
pub mod mdbook;
pub mod output;
pub mod page;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod summary;
pub mod theme;
pub mod tomlcheck;
pub mod translate;
pub mod typography;
pub mod urls;
pub mod watch;

pub use build::{BuildOptions, BuildReport, build};
