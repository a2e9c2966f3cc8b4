"""The three exit codes, defined once."""

OK = 0  # nothing at or above the failing severity
FINDINGS = 1  # the repository has errors
USAGE = 2  # bad usage, broken settings, unreadable input, or an internal error
