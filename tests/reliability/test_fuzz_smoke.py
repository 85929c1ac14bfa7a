"""A few seconds of the fuzzing harness (bench/fuzz_extract.py), so it keeps working; long runs are by hand."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "fuzz_extract.py"


def test_the_fuzzing_harness_runs_briefly_and_finds_nothing(tmp_path):
    findings = tmp_path / "findings"
    result = subprocess.run([sys.executable, str(HARNESS), "--seconds", "5", "--findings", str(findings)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=180)
    summary = re.search(r"fuzz_extract: engine (\w+), (\d+) inputs in \d+ s \(\d+/s\), (\d+) finding", result.stdout)
    assert summary, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.returncode == 0 and summary.group(3) == "0", result.stderr[-3000:]
    assert int(summary.group(2)) >= 20
    assert not list(findings.glob("crash-*"))


def test_a_saved_finding_replays(tmp_path):
    saved = tmp_path / "crash-example.json"
    saved.write_text(json.dumps({"text": '"We will," said Ana Lopes.', "problems": ["an old finding"]}), "utf-8")
    result = subprocess.run([sys.executable, str(HARNESS), "--replay", str(saved), "--engine", "hypothesis"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{saved}: holds now" in result.stdout
