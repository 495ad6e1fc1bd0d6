"""`python -m auditor` is the `phi-audit` command (useful from a source checkout or a worktree)."""

from auditor.launcher import main

main()
