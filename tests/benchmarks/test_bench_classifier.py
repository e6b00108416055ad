"""Benchmark: the classifier (rules and learned second opinion) on 500- and 20,000-character
narratives. Prints only.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_classifier.py`` (``./dev.sh bench``);
skipped in the ordinary run. The issue's targets on this machine: median <= 1 ms at 500
characters, <= 20 ms at 20,000.

Timed as the intake runs: the rules compiled with mypyc when ``./dev.sh`` could build them
(intake/classifier/compiled.py; the first line says whether), and the learned second opinion read
in a helper process beside the rules (intake/classifier/learned/helper.py), with the figure for
the model read in this process beside it.

Every timed call classifies a text never seen before, with the classifier's caches cleared, so
the figures are the cold path a new narrative takes. Texts are built from sentence templates with
varied names, days, places and details, so sentences rarely repeat within a text either.

Beside each figure is what rapidfuzz alone needs for the same fuzzy matching: every distinct word
of five letters or more against all the vocabulary's typo targets, with the same scorer and
cut-off. (The classifier itself skips words it knows and compares only targets with the same
first letter, so it does less than this.) The gap between the two lines is our own code.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from intake.classifier import COMPILED, classify, clear_caches
from intake.classifier.document import ASCII_WORD_RE
from intake.classifier.learned import helper
from intake.classifier.lexicon import vocabulary

pytestmark = pytest.mark.benchmark

SIZES = (500, 20_000)
RUNS = {500: 300, 20_000: 40}

NAMES = ("Mr Ahmed", "Dean", "my cellmate", "the lad next door", "Kyle", "Mrs Okafor", "Jonno")
DAYS = ("Monday", "Tuesday", "last week", "on Friday", "yesterday", "the weekend", "in March")
WINGS = ("A wing", "B wing", "the induction wing", "H block", "the VP unit", "C3 landing")
STAFF = ("the SO", "an officer", "Mr Harris", "the night screw", "two DCOs", "the wing manager")
BODIES = ("the IMB", "the inspectors", "the Ombudsman", "the Board", "HMIP", "the PPO")
THINGS = ("visits", "my canteen", "the gym", "my job in the kitchen", "phone credit", "my meds")

TEMPLATES = (
    "{day} I spoke to {body} about the state of the showers on {wing}.",
    "After that {staff} told me I was a grass and said {body} can't help me now.",
    "{name} says {staff} stopped {thing} since {body} came round {day}.",
    "I put an app in to {body} {day} and it never got answered, nobody knows where it went.",
    "They moved me down the block {day} and kept me behind my door for {n} days.",
    "{staff} read my letter out on {wing} in front of everyone and they all laughed.",
    "I was told I would be shipped out if I kept writing to {body}.",
    "Food was cold again {day}, {n} times this month, and the servery ran out of bread.",
    "{name} is on {wing} and keeps asking me for vapes which is doing my head in.",
    "My mum rang {n} times {day} but the pin phone was broken on {wing}.",
    "I got IEP'd to basic {day} for nothing, {staff} just laughed when I asked why.",
    "The inspecters wanted to see me but {staff} said I was on a visit which was a lie.",
    "{staff} searched my cell {n} times in a week and ripped up my photos.",
    "Education is alright, I'm doing level {n} maths and the teacher is sound.",
    "{name} got nicked {day} for having a phone and went to adjudication.",
    "I've been on an ACCT since {day} because of my nerves and the nurse comes by.",
    "Nobody has threatened me for talking to {body}, my problem is {thing}.",
    "I wrote to the ombusman {day} and {n} days later I lost {thing}.",
    "There was an alarm bell on {wing} {day} and we were all banged up early.",
    "{staff} was alright with me, it's the others I have trouble with.",
    "The segragation unit was cold and I had no blanket for {n} nights.",
    "When I asked for a complaint form {staff} said to ask {body} for one.",
    "{name} told {body} about the bullying and now gets called a snitch on {wing}.",
    "I've got my parole hearing {day} and my solicitor is sorting the reports.",
)


@pytest.fixture(scope="module", autouse=True)
def only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("-m") or ""):
        pytest.skip("benchmark: run with -m benchmark -s")


def narrative(rng: random.Random, size: int) -> str:
    """A new narrative of about ``size`` characters, sentence by sentence."""
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(TEMPLATES).format(
            name=rng.choice(NAMES),
            day=rng.choice(DAYS),
            wing=rng.choice(WINGS),
            staff=rng.choice(STAFF),
            body=rng.choice(BODIES),
            thing=rng.choice(THINGS),
            n=rng.randint(2, 40),
        )
        parts.append(sentence[0].upper() + sentence[1:])
        length += len(sentence) + 1
    return " ".join(parts)[:size]


def _fuzzy_alone(text: str) -> None:
    """What rapidfuzz does for the classifier's typo step, with none of our code around it."""
    corrector = vocabulary().fuzzy
    targets = corrector.targets
    for word in {w.lower() for w in ASCII_WORD_RE.findall(text) if len(w) >= 5}:
        process.extractOne(word, targets, scorer=OSA.distance, score_cutoff=2)


def _timings(texts: list[str], run: Callable[[str], object]) -> list[float]:
    times = []
    for text in texts:
        clear_caches()
        start = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):7.3f} ms   p95 {p95:7.3f} ms"


@pytest.mark.parametrize("size", SIZES)
def test_classifier_speed(size: int) -> None:
    rng = random.Random(size)
    classify(narrative(rng, size))  # load the vocabulary before timing
    texts = [narrative(rng, size) for _ in range(RUNS[size])]
    alone = _timings(texts, classify)  # the model read in this process
    # as the intake runs: the model read in a helper process beside the rules, when there is one
    beside = helper.start_helper() and helper.wait_until_ready()
    ours = _timings(texts, classify) if beside else alone
    fuzzy = _timings(texts, _fuzzy_alone)
    print(f"\nclassify, {size:>6,} characters ({len(texts)} distinct texts, caches cleared)")
    print(f"  the rules {'compiled with mypyc' if COMPILED else 'in plain Python (no build)'}")
    print(f"  classify (whole pipeline)     {_summary(ours)}")
    if beside:
        print(f"    with the model read here    {_summary(alone)}")
    else:
        print("    (no helper process: one core, or SANCTIONS_MODEL_HELPER=off)")
    print(f"  rapidfuzz alone (typo step)   {_summary(fuzzy)}")
    print(f"  target: median <= {1 if size == 500 else 20} ms")
