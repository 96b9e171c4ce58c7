//! `handbook new`: its `--field value` pairs, `--tags` and `--body`, then the scaffold.

use super::{NewArgs, finish_scaffold, report_failure};
use crate::diagnostics::{Code, Diagnostic};
use crate::scaffold::{self, NewItem};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run_new(a: NewArgs) -> ExitCode {
    let mut fields = match pair_fields(&a.fields) {
        Ok(f) => f,
        Err(d) => return report_failure(&[d]),
    };
    // Options given after the first `--field` land in `fields`; take ours back.
    let mut root = a.root;
    let mut section = a.section;
    let mut tags: Vec<String> = Vec::new();
    let mut body_file = None;
    fields.retain(|(k, v)| match k.as_str() {
        "root" => {
            root = PathBuf::from(v);
            false
        }
        "section" => {
            section = Some(v.clone());
            false
        }
        "tags" => {
            for tag in v.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                if !tags.iter().any(|t| t == tag) {
                    tags.push(tag.to_string());
                }
            }
            false
        }
        "body" => {
            body_file = Some(PathBuf::from(v));
            false
        }
        _ => true,
    });
    if a.kind == "translation" {
        let lang = fields
            .iter()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.as_str());
        return finish_scaffold(
            crate::translate::new_translation(&root, &a.title, lang),
            None,
        );
    }
    let body = match body_file.as_deref().map(read_text).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    finish_scaffold(
        scaffold::new_item(&NewItem {
            root,
            kind: a.kind,
            title: a.title,
            section,
            fields,
            tags,
            body,
        }),
        None,
    )
}

/// The text of a file, or (`-`) of standard input.
pub(super) fn read_text(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context as _;
    use std::io::Read as _;
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        return Ok(text);
    }
    let bytes = crate::fsx::read(path)?;
    String::from_utf8(bytes).with_context(|| format!("`{}` is not UTF-8 text", path.display()))
}

/// `["--act", "x", "--context=work"]` -> `[("act","x"), ("context","work")]`.
pub fn pair_fields(args: &[String]) -> Result<Vec<(String, String)>, Diagnostic> {
    let mut out = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let Some(name) = arg.strip_prefix("--") else {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "handbook new",
                format!("unexpected argument `{arg}`"),
            )
            .hint(
                "give front matter values as `--field value`, e.g. `--act ask-the-quiet-voice`",
            ));
        };
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => match iter.next() {
                Some(v) => (name.to_string(), v.clone()),
                None => {
                    return Err(Diagnostic::error(
                        Code::InvalidArgument,
                        "handbook new",
                        format!("`--{name}` needs a value"),
                    ));
                }
            },
        };
        out.push((name, value));
    }
    Ok(out)
}
