"""phi-audit runs with no network: loading the models, the recognizers (tldextract's suffix list) and a
whole scan never open a connection or resolve a host name."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest


@pytest.mark.slow  # a whole scan in a fresh process: every model and recognizer loads
def test_a_scan_opens_no_connection_and_still_validates_email_domains(tmp_path):
    (tmp_path / "posts.jsonl").write_text(json.dumps({"id": "1", "text": "Write to ann.lee@example.co.uk about my MRI"}) + "\n")
    script = textwrap.dedent(
        f"""
        import json, socket, sys
        attempts = []
        def refuse(*args, **kwargs):
            attempts.append(args[1:2] or args)
            raise OSError("network blocked by test")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.getaddrinfo = refuse
        socket.create_connection = refuse
        from auditor.pipeline import scan
        from auditor.store import FindingsStore
        scan([{str(tmp_path)!r}], {str(tmp_path / "audit.db")!r})
        with FindingsStore.open_existing({str(tmp_path / "audit.db")!r}) as store:
            entities = sorted(f.entity for f in store.findings())
        print(json.dumps({{"attempts": len(attempts), "entities": entities}}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["attempts"] == 0
    assert "EMAIL_ADDRESS" in outcome["entities"]
