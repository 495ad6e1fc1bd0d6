"""`python -m auditor` is the `phi-audit` command (useful from a source checkout or a worktree)."""

from auditor.cli import main

main()
