"""Small git repositories built by the CLI tests: a fixed author and
committer, dates given per commit, so that commit ids (and the golden files
that show them) do not change from run to run. And `branchy`, a C function of
a chosen McCabe complexity."""
import os
import subprocess

AUTHOR = {"GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "alice@example.org",
          "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.org"}


def git(cwd, *args, env=None):
    full = {**os.environ, **AUTHOR, **(env or {})}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True, env=full)


def commit(cwd, message, date, env=None):
    """Everything in the work tree, committed at `date` (author and committer)."""
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "--allow-empty", "-m", message,
        env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, **(env or {})})


def branchy(name, decisions, extra=""):
    """int name(int x, char *d, const char *s) with `decisions` ifs (McCabe decisions + 1), `extra` first."""
    lines = [f"int {name}(int x, char *d, const char *s) {{", "  int r = 0;", extra]
    lines += [f"  if (x == {i}) r += {i};" for i in range(decisions)]
    return "\n".join(lines + ["  return r;", "}", ""])
