"""Another commit of this repository checked out beside it, for a benchmark that runs the two in turn."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path


@contextlib.contextmanager
def checked_out(revision: str, repository: Path):
    """A temporary git worktree of ``revision`` (any git revision), removed on leaving."""
    folder = Path(tempfile.mkdtemp(prefix="benchmark-base-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), revision], cwd=repository, check=True,
                   capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=repository, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
