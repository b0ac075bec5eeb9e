"""The one error the build reports to the user: a file (and line) it cannot read."""

from __future__ import annotations


class BuildError(Exception):
    """Bad input or output: names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        return BuildError, (self.path, self.message, self.line)
