//! The `[contribute]` table of book.toml: where a story shared from the site goes (the forge's
//! repository and branch, an email address) and under which licence. Knows how each forge's
//! "new file" page takes a file's name and text as parameters; knows nothing of pages.

use serde::Deserialize;

/// `[contribute]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RawContribute {
    /// The repository's web page (default: `[book] repository`).
    pub repository: Option<String>,
    /// The branch new files are proposed to.
    pub branch: Option<String>,
    /// `github`, `gitlab` or `gitea` (Gitea, Forgejo, Codeberg); guessed from the host if unset.
    pub forge: Option<String>,
    /// Where stories may also be sent by email.
    pub email: Option<String>,
    /// The licence contributions are published under, as its name (`CC BY-SA 4.0`).
    pub license: Option<String>,
}

/// `[contribute]` checked, with its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Contribute {
    /// The repository and its forge; `None` when no repository is known.
    pub forge: Option<(Forge, String)>,
    pub branch: String,
    pub email: Option<String>,
    pub license: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Forge {
    GitHub,
    GitLab,
    Gitea,
}

/// The longest "new file" address we hand a browser. GitHub and GitLab answer longer requests
/// with an error (their front servers cap the request line near 8 KiB); a story that does not
/// fit is downloaded instead.
pub const MAX_URL: usize = 8000;
/// The longest `mailto:` address: some mail programs cut or refuse longer ones.
pub const MAX_MAILTO: usize = 2000;

impl Forge {
    pub fn name(self) -> &'static str {
        match self {
            Forge::GitHub => "GitHub",
            Forge::GitLab => "GitLab",
            Forge::Gitea => "Gitea",
        }
    }

    /// The forge a repository URL's host belongs to, when the host says so.
    pub fn guess(url: &str) -> Option<Forge> {
        let host = url.split("://").nth(1)?.split(['/', ':']).next()?;
        match host {
            "github.com" | "www.github.com" => Some(Forge::GitHub),
            "gitlab.com" => Some(Forge::GitLab),
            "codeberg.org" => Some(Forge::Gitea),
            h if h.starts_with("gitlab.") => Some(Forge::GitLab),
            h if h.starts_with("gitea.") || h.starts_with("forgejo.") => Some(Forge::Gitea),
            _ => None,
        }
    }

    fn parse(name: &str) -> Option<Forge> {
        match name {
            "github" => Some(Forge::GitHub),
            "gitlab" => Some(Forge::GitLab),
            "gitea" | "forgejo" | "codeberg" => Some(Forge::Gitea),
            _ => None,
        }
    }

    /// The page that creates a new file in `dir` on `branch`, and the names of its parameters
    /// for the file's name and text. Putting the folder in the path (not in the name
    /// parameter) is what GitHub's page handles reliably.
    pub fn new_file(self, repo: &str, branch: &str, dir: &str) -> NewFile {
        let repo = repo.trim_end_matches('/');
        let (url, name, text) = match self {
            Forge::GitHub => (format!("{repo}/new/{branch}/{dir}"), "filename", "value"),
            Forge::GitLab => (
                format!("{repo}/-/new/{branch}/{dir}"),
                "file_name",
                "content",
            ),
            Forge::Gitea => (format!("{repo}/_new/{branch}/{dir}"), "filename", "value"),
        };
        let upload = match self {
            Forge::GitHub => format!("{repo}/upload/{branch}/{dir}"),
            Forge::GitLab => format!("{repo}/-/tree/{branch}/{dir}"),
            Forge::Gitea => format!("{repo}/_upload/{branch}/{dir}"),
        };
        NewFile {
            url,
            name_param: name,
            text_param: text,
            upload,
        }
    }
}

/// How to open a forge's "new file" page with a file filled in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Hash)]
pub struct NewFile {
    /// Without parameters.
    pub url: String,
    pub name_param: &'static str,
    pub text_param: &'static str,
    /// Where a file too long for a link can be uploaded instead.
    pub upload: String,
}

/// `[contribute]` with its defaults, or the first problem as `(key, message, hint)`.
pub fn check(
    raw: RawContribute,
    book_repository: &str,
) -> Result<Contribute, (&'static str, String, String)> {
    let own = raw.repository.filter(|r| !r.is_empty());
    let inherited = own.is_none();
    let repository = own.unwrap_or_else(|| book_repository.to_string());
    // `[book] repository` is also just the footer's link: a host we cannot tell the forge of
    // means no forge link, not an error (unless `[contribute]` names it for that link).
    let unknown_host = inherited && raw.forge.is_none() && Forge::guess(&repository).is_none();
    let forge = if repository.is_empty() || unknown_host {
        None
    } else {
        if !repository.starts_with("https://") && !repository.starts_with("http://") {
            return Err((
                "repository",
                format!("`repository` must be an absolute http(s) URL, got `{repository}`"),
                "for example `repository = \"https://github.com/org/handbook\"`".into(),
            ));
        }
        let forge = match raw.forge.as_deref() {
            Some(name) => Forge::parse(name).ok_or_else(|| {
                (
                    "forge",
                    format!("unknown forge `{name}`"),
                    "use `github`, `gitlab` or `gitea` (also for Forgejo and Codeberg)".into(),
                )
            })?,
            None => Forge::guess(&repository).ok_or_else(|| {
                (
                    "repository",
                    format!("cannot tell which forge hosts `{repository}`"),
                    "add `forge = \"github\"`, `\"gitlab\"` or `\"gitea\"` to `[contribute]`"
                        .into(),
                )
            })?,
        };
        Some((forge, repository.trim_end_matches('/').to_string()))
    };
    let branch = raw.branch.unwrap_or_else(|| "main".into());
    if branch.is_empty() || branch.contains(['?', '#', ' ', '\\']) || branch.contains("..") {
        return Err((
            "branch",
            format!("invalid branch name `{branch}`"),
            "for example `branch = \"main\"`".into(),
        ));
    }
    let email = raw.email.filter(|e| !e.is_empty());
    if let Some(e) = email.as_ref().filter(|e| !valid_email(e)) {
        return Err((
            "email",
            format!("`{e}` is not an email address"),
            "for example `email = \"stories@example.org\"`".into(),
        ));
    }
    Ok(Contribute {
        forge,
        branch,
        email,
        license: raw.license.filter(|l| !l.is_empty()),
    })
}

/// One `@` with text on both sides and nothing a `mailto:` link would misread.
fn valid_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if !a.is_empty() && b.contains('.'))
        && !e.contains([' ', '?', '&', '#', '<', '>', '"', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forges_from_hosts() {
        for (url, forge) in [
            ("https://github.com/org/hb", Some(Forge::GitHub)),
            ("https://gitlab.com/org/hb", Some(Forge::GitLab)),
            ("https://gitlab.example.org/org/hb", Some(Forge::GitLab)),
            ("https://codeberg.org/org/hb", Some(Forge::Gitea)),
            ("https://git.example.org/org/hb", None),
            ("not a url", None),
        ] {
            assert_eq!(Forge::guess(url), forge, "{url}");
        }
    }

    #[test]
    fn new_file_pages_per_forge() {
        let f = Forge::GitHub.new_file("https://github.com/o/r/", "main", "content/examples");
        assert_eq!(f.url, "https://github.com/o/r/new/main/content/examples");
        assert_eq!((f.name_param, f.text_param), ("filename", "value"));
        let f = Forge::GitLab.new_file("https://gitlab.com/o/r", "dev", "content/examples");
        assert_eq!(f.url, "https://gitlab.com/o/r/-/new/dev/content/examples");
        assert_eq!((f.name_param, f.text_param), ("file_name", "content"));
    }

    #[test]
    fn checks_name_the_key() {
        let raw = |f: fn(&mut RawContribute)| {
            let mut r = RawContribute::default();
            f(&mut r);
            r
        };
        let ok = check(raw(|_| {}), "https://github.com/o/r").unwrap();
        assert_eq!(
            ok.forge,
            Some((Forge::GitHub, "https://github.com/o/r".into()))
        );
        assert_eq!(ok.branch, "main");
        assert_eq!(check(raw(|_| {}), "").unwrap().forge, None);
        let err = |r, repo| check(r, repo).unwrap_err().0;
        // `[book] repository` on a host we cannot name: no forge link, no error; the same
        // address in `[contribute]` (there for that link) is an error.
        assert_eq!(
            check(raw(|_| {}), "https://git.example.org/o/r")
                .unwrap()
                .forge,
            None
        );
        assert_eq!(
            err(
                raw(|r| r.repository = Some("https://git.example.org/o/r".into())),
                ""
            ),
            "repository"
        );
        assert_eq!(
            err(raw(|r| r.forge = Some("svn".into())), "https://x.org/r"),
            "forge"
        );
        assert_eq!(err(raw(|r| r.email = Some("nobody".into())), ""), "email");
        assert_eq!(err(raw(|r| r.branch = Some("a b".into())), ""), "branch");
        let gitea = check(
            raw(|r| r.forge = Some("forgejo".into())),
            "https://git.example.org/o/r",
        );
        assert_eq!(gitea.unwrap().forge.unwrap().0, Forge::Gitea);
    }
}
