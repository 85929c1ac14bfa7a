"""Fuzz the extractor (and the readers) for a bounded time: any contract break or stage failure is saved and reported.

    python bench/fuzz_extract.py --seconds 600                 # coverage-guided with atheris when installed
    python bench/fuzz_extract.py --seconds 600 --engine hypothesis
    python bench/fuzz_extract.py --replay fuzz-findings/crash-….txt

Each input is run through `nlp.extract` and the record is checked against the extract output contract
(`text == input[start:end]`, offsets in bounds, parts and verbatim inside their statement, mention and
cue slices exact, paragraph index valid, confidence in [0, 1]) and for "[Q100] stage … failed" notes,
which mean a stage raised and was skipped. The same bytes also go through the file readers, which
must turn anything into an article or a reason. A finding is written to --findings (one file per
input) and the run exits with status 1.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only for the annotations: nlp is imported at run time inside atheris's instrumentation, not here.
    from nlp.records import DocumentRecord

# Longest input tried: spaCy's tokenizer is quadratic on long runs of punctuation with no space,
# which would turn the fuzzer into a benchmark of that; the size benchmark covers size.
MAX_INPUT_CHARACTERS = 3000

# Examples per hypothesis round; the time bound is checked between rounds (a few seconds each).
HYPOTHESIS_ROUND = 50

# Our modules the inputs reach, instrumented for coverage when atheris drives the run.
# Every module of the stages and what they read (the cue, resolution and vocabulary packages one
# module at a time); nlp.evaluation is not a stage and is left out.
OUR_MODULES = (
    "app.services.readers", "nlp.text", "nlp.sentences", "nlp.extensions", "nlp.errors", "nlp.sources",
    "nlp.paragraphs", "nlp.quotes", "nlp.speakers", "nlp.records", "nlp.pipeline",
    "nlp.vocabulary", "nlp.vocabulary.marks", "nlp.vocabulary.names", "nlp.vocabulary.wordlists",
    "nlp.cues", "nlp.cues.assemble", "nlp.cues.classify", "nlp.cues.component", "nlp.cues.constructions",
    "nlp.cues.context", "nlp.cues.direct", "nlp.cues.filters", "nlp.cues.frames", "nlp.cues.headlines",
    "nlp.cues.interviews", "nlp.cues.kinds", "nlp.cues.ranges", "nlp.cues.reported", "nlp.cues.statement",
    "nlp.cues.syntax",
    "nlp.resolution", "nlp.resolution.authorship", "nlp.resolution.component", "nlp.resolution.names",
    "nlp.resolution.naming", "nlp.resolution.neighbours", "nlp.resolution.organisations", "nlp.resolution.people",
    "nlp.resolution.policy", "nlp.resolution.pronouns", "nlp.resolution.roles", "nlp.resolution.rules",
)

# Pieces the generated texts are made of, so random inputs reach quotes, cues and speakers quickly.
DICTIONARY = [
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "``", "''", "\n\n", "\r\n", "\u00a0", " said ",
    " told reporters ", "according to ", ": ", " - ", " he ", " she ", "Ana Lopes", "Putin", "the president",
    "don't", "'90s", "rock 'n' roll", " added, ", ". ", ", ", "?", "Q: ", "A: ",
]


def contract_problems(text: str, record: DocumentRecord) -> list[str]:
    """Every way `record` breaks the extract contract for input `text` (empty when it holds)."""
    problems = [note for note in record.notes if "[Q100]" in note]
    if record.text != text:
        problems.append("record.text is not the input")
    length = len(text)
    for start, end in record.paragraphs:
        if not 0 <= start <= end <= length:
            problems.append(f"paragraph ({start}, {end}) outside the text")
    for quote in record.quotes:
        where = f"quote at ({quote.start}, {quote.end})"
        if not 0 <= quote.start < quote.end <= length:
            problems.append(f"{where}: outside the text or empty")
        if text[quote.start:quote.end] != quote.text:
            problems.append(f"{where}: text is not input[start:end]")
        if quote.kind not in ("direct", "mixed", "indirect"):
            problems.append(f"{where}: unknown kind {quote.kind!r}")
        if not quote.parts:
            problems.append(f"{where}: no parts")
        for label, pieces in (("part", quote.parts), ("verbatim", quote.verbatim)):
            for start, end in pieces:
                if not quote.start <= start <= end <= quote.end:
                    problems.append(f"{where}: {label} ({start}, {end}) outside the statement")
        for name in ("mention", "cue"):
            value, start, end = getattr(quote, name), getattr(quote, f"{name}_start"), getattr(quote, f"{name}_end")
            if value is None and (start is not None or end is not None):
                problems.append(f"{where}: {name} offsets without a {name}")
            if value is not None and (start is None or end is None or not 0 <= start < end <= length
                                      or text[start:end] != value):
                problems.append(f"{where}: {name} {value!r} is not input[{start}:{end}]")
        if not 0 <= quote.paragraph < len(record.paragraphs):
            problems.append(f"{where}: paragraph {quote.paragraph} does not exist")
        if not 0.0 <= quote.confidence <= 1.0:
            problems.append(f"{where}: confidence {quote.confidence} outside [0, 1]")
    try:
        json.dumps(record.to_json(), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        problems.append(f"output is not JSON: {error}")
    return problems


def reader_problems(data: bytes) -> list[str]:
    """The readers must turn any bytes into an article or a reason, whatever the file is called."""
    from app.services.readers import ReadFailure, SourceDocument, read_text_document

    problems = []
    for kind in ("txt", "html"):
        try:
            item = read_text_document(data=data, name=f"fuzz.{kind}", kind=kind)
        except Exception as error:  # deliberately broad: any exception is the finding
            problems.append(f"read_text_document(kind={kind!r}) raised {type(error).__name__}: {error}")
            continue
        if isinstance(item, SourceDocument) and not item.text.strip():
            problems.append(f"read_text_document(kind={kind!r}) returned an empty article")
        if isinstance(item, ReadFailure) and not item.reason:
            problems.append(f"read_text_document(kind={kind!r}) failed without a reason")
    return problems


class Fuzzer:
    """Runs inputs, counts them, and saves each one that breaks something."""

    def __init__(self, findings: Path, *, readers: bool) -> None:
        import nlp

        self.nlp = nlp
        self.pipeline = nlp.build_pipeline()
        self.findings = findings
        self.readers = readers
        self.inputs = 0
        self.found = 0

    def run(self, text: str, data: bytes | None = None) -> list[str]:
        self.inputs += 1
        text = text[:MAX_INPUT_CHARACTERS]
        try:
            problems = contract_problems(text, self.nlp.extract(self.pipeline, text, "fuzz"))
        except Exception as error:  # deliberately broad: the extractor must never raise
            problems = [f"extract raised {type(error).__name__}: {error}"]
        if self.readers and data is not None:
            problems += reader_problems(data[:MAX_INPUT_CHARACTERS * 4])
        if problems:
            self.save(text, problems)
        return problems

    def save(self, text: str, problems: list[str]) -> None:
        import hashlib

        self.found += 1
        self.findings.mkdir(parents=True, exist_ok=True)
        path = self.findings / f"crash-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}.json"
        path.write_text(json.dumps({"text": text, "problems": problems}, ensure_ascii=True, indent=1), "utf-8")
        print(f"FINDING {path}: {problems[0]}  input={text[:120]!r}", file=sys.stderr, flush=True)


def fuzz_with_atheris(fuzzer: Fuzzer, *, seconds: int, corpus: Path, started: float) -> None:
    import atheris

    deadline = started + seconds

    def one_input(data: bytes) -> None:
        if time.monotonic() > deadline:
            # libFuzzer ends the process itself at -max_total_time, and counts a SystemExit from the
            # target as a crash; stopping here, past libFuzzer, lets us report first.
            status = summarise(fuzzer, engine="atheris", started=started)
            sys.stderr.flush()
            os._exit(status)
        provider = atheris.FuzzedDataProvider(data)
        pieces = []
        while provider.remaining_bytes():
            if provider.ConsumeIntInRange(0, 2) == 0:
                pieces.append(DICTIONARY[provider.ConsumeIntInRange(0, len(DICTIONARY) - 1)])
            else:
                pieces.append(provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(1, 16)))
        fuzzer.run("".join(pieces), data)

    corpus.mkdir(parents=True, exist_ok=True)
    # -len_control=0: long inputs from the start; libFuzzer's slow growth would keep most texts under
    # 40 bytes, too short for a quotation, a cue and a speaker in several paragraphs.
    arguments = [sys.argv[0], f"-max_total_time={seconds + 60}", f"-max_len={MAX_INPUT_CHARACTERS}",
                 "-len_control=0", f"-artifact_prefix={fuzzer.findings}/", str(corpus)]
    atheris.Setup(arguments, one_input)
    atheris.Fuzz()


def fuzz_with_hypothesis(fuzzer: Fuzzer, *, seconds: int) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    texts = st.lists(st.one_of(st.sampled_from(DICTIONARY), st.text(max_size=16)), max_size=120).map("".join)

    # Rounds of fresh random examples until the time is up; the fuzzer saves what breaks, so
    # hypothesis need not shrink, and nothing is raised through it.
    @settings(max_examples=HYPOTHESIS_ROUND, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(text=texts)
    def one_input(text: str) -> None:
        fuzzer.run(text, text.encode("utf-8", "surrogatepass"))

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        one_input()


def replay(fuzzer: Fuzzer, paths: list[Path]) -> None:
    for path in paths:
        text = json.loads(path.read_text("utf-8"))["text"]
        problems = fuzzer.run(text, text.encode("utf-8", "surrogatepass"))
        print(f"{path}: {'; '.join(problems) if problems else 'holds now'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="How long to fuzz (default 60).")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto",
                        help="auto: atheris when it is installed, else hypothesis.")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"),
                        help="Where inputs that break something are saved (default ./fuzz-findings).")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="atheris's working corpus (default: a folder under --findings).")
    parser.add_argument("--no-readers", action="store_true", help="Fuzz only the extractor, not the readers.")
    parser.add_argument("--replay", type=Path, nargs="*", default=None, help="Re-run saved findings and exit.")
    arguments = parser.parse_args()

    import logging

    logging.getLogger("nlp").setLevel(logging.CRITICAL)  # a failing stage is reported by its note
    engine = arguments.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "hypothesis"
    if engine == "atheris":
        import atheris

        # Coverage guidance from our own code only (imported here, instrumented); spaCy is not.
        with atheris.instrument_imports(include=["nlp", "app"]):
            for module in OUR_MODULES:
                importlib.import_module(module)
    fuzzer = Fuzzer(arguments.findings, readers=not arguments.no_readers)
    if arguments.replay is not None:
        replay(fuzzer, arguments.replay)
        return 0
    started = time.monotonic()
    if engine == "atheris":
        fuzz_with_atheris(fuzzer, seconds=arguments.seconds, started=started,
                          corpus=arguments.corpus or arguments.findings / "corpus")
    else:
        fuzz_with_hypothesis(fuzzer, seconds=arguments.seconds)
    return summarise(fuzzer, engine=engine, started=started)


def summarise(fuzzer: Fuzzer, *, engine: str, started: float) -> int:
    """Print the one-line summary; the exit status is 1 when anything was found."""
    elapsed = time.monotonic() - started
    print(f"fuzz_extract: engine {engine}, {fuzzer.inputs} inputs in {elapsed:.0f} s "
          f"({fuzzer.inputs / max(elapsed, 1e-9):.0f}/s), {fuzzer.found} finding(s)", flush=True)
    return 1 if fuzzer.found else 0


if __name__ == "__main__":
    sys.exit(main())
