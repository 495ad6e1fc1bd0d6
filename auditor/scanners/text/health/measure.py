"""Re-runs the measurement behind icd10cm_exclusions.yaml and medications.yaml: which vocabulary entries
are also frequent ordinary English words, and so need a human decision (keep or exclude).

Development tool only: it needs `wordfreq` (pip install wordfreq; its frequency data ships inside the
wheel, nothing is downloaded), which phi-audit does not need at run time. Prints, per recognizer, the
one-word entries at or above a Zipf frequency (default 3.0 = once per million words) that are not yet
excluded, most frequent first (a kept word stays listed: the list is for review, not a failure):

    .venv/bin/python -m auditor.scanners.text.health.measure [--zipf 3.0]
"""

from __future__ import annotations

import argparse


def main() -> None:
    try:
        from wordfreq import zipf_frequency
    except ImportError as error:  # pragma: no cover - dev tool
        raise SystemExit("pip install wordfreq to run this measurement") from error

    from auditor.scanners.text.health import recognizer_classes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zipf", type=float, default=3.0)
    threshold = parser.parse_args().zipf
    for recognizer in recognizer_classes():
        # Letters only: "gas-x" or "pet/ct" match only with their punctuation, and wordfreq would split them.
        words = {t.lower() for group in recognizer.groups() for t in group.terms if t.isalpha()}
        frequent = sorted(((zipf_frequency(w, "en"), w) for w in words), reverse=True)
        frequent = [(z, w) for z, w in frequent if z >= threshold]
        print(f"{recognizer.NAME}: {len(words)} one-word entries, {len(frequent)} at Zipf >= {threshold}")
        print("  " + ", ".join(f"{w} {z:.1f}" for z, w in frequent))


if __name__ == "__main__":
    main()
