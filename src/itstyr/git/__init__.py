"""Git as a source of evidence: what changed since a ref, the two sides of a pull request, and when
each file last changed.

Only `adapter.py` talks to Git (through GitPython, imported lazily there and nowhere else), so the
rest of itstyr works where Git is missing; the commands that need it say so and exit with code 2.
Git is asked only about objects (commits, trees, blobs), never about the working tree, so a
repository's own configuration cannot make it run a filter, a hook or any other program.
"""
