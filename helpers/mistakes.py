"""Name the likely mistake when a visible check fails, while the student works.

``helpers.checks`` asks ``likely_line()`` for one more line of a failing check's message. The
line comes from ``mistakes.json`` (generated next to this file by ``python -m autograder.diagnose
build``): for each visible check, the values that the course's collection of wrong
implementations produce there, each with the mistake that produced it. Only checks that a wrong
implementation fails are listed, so the file holds wrong values only, never a right answer; and
none of the exercises where finding the mistake is the exercise (``find_the_bug``: the grader
alone names those, see ``[grader_only]`` in ``autograder/catalogue.toml``). When
no known wrong value matches, ``helpers.structural`` may still say how the value is related to
the expected one (sign flipped, transposed, a whole-number factor off...), which the check prints
anyway.

An observation of a failed check is a small dict, ``{"key", "value", "tokens"}``:
- ``key``: ``"<check function>|<label>"``; for ``check_true`` the label is its message with
  every number replaced by ``#`` (the numbers go into ``tokens``); ``check_close`` adds a short
  hash of the expected value and ``check_shape`` the expected shape (both printed by the check),
  so that two notebooks' checks of the same name are told apart;
- ``value``: what the check saw, encoded as in ``helpers.evidence`` (the array for ``check_close``,
  the shape for ``check_shape``, the type name for ``check_type``/``check_float``), or None.
"""
import hashlib
import json
import pathlib
import re
import sys

import numpy as np

from helpers import structural
from helpers.evidence import decode, encode

DATA = pathlib.Path(__file__).with_name("mistakes.json")
PREFIX = "Likely mistake:"
CHECKS = ("check_close", "check_shape", "check_type", "check_float", "check_finite", "check_true",
          "check_unchanged")
# A number standing alone (not the 1 of dW1): a value the check printed.
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?!\w)")
_data = None


def load():
    """The generated data: ``{"mistakes": {id: {"name", "explain", "kind"}}, "kinds": {...}, "checks": {...}}``."""
    global _data
    if _data is None:
        try:
            _data = json.loads(DATA.read_text())
        except (OSError, ValueError):
            _data = {"mistakes": {}, "kinds": {}, "checks": {}}
    return _data


def observe(check, args):
    """The observation of a failed check, from the check function's name and its arguments.

    ``args``: the check's parameters by name, as the call bound them (``inspect`` or the frame's
    locals). Returns None for a function that is not a check.
    """
    if check == "check_true":
        what = str(args.get("what", ""))
        return {"key": f"check_true|{_NUMBER.sub('#', what)}", "value": None, "tokens": _NUMBER.findall(what)}
    if check not in CHECKS:
        return None
    name = str(args.get("name", ""))
    value, key = None, f"{check}|{name}"
    if check == "check_close":
        key += f"|{_digest(args.get('expected'))}"
        try:
            value = encode(np.asarray(args.get("got"), dtype=float))
        except (TypeError, ValueError):
            value = None
    elif check == "check_shape":
        key += f"|{tuple(args.get('shape') or ())}"
        got = args.get("value")
        value = list(got.shape) if isinstance(got, np.ndarray) else type(got).__name__
    elif check in ("check_type", "check_float"):
        value = type(args.get("value")).__name__
    return {"key": key, "value": value, "tokens": []}


def _digest(value):
    """A short hash of an expected value, rounded so that the last bits do not matter."""
    try:
        arr = np.round(np.asarray(value, dtype=float), 9) + 0.0  # + 0.0: no negative zeros
    except (TypeError, ValueError):
        return "?"
    return hashlib.sha1(arr.tobytes() + str(arr.shape).encode()).hexdigest()[:10]


def matches(observation, known, rtol=1e-6, atol=1e-9):
    """Whether a student's observation shows the same wrong value as a known one."""
    if observation["key"] != known["key"] or observation.get("tokens", []) != known.get("tokens", []):
        return False
    mine, theirs = observation.get("value"), known.get("value")
    if isinstance(theirs, dict) and "array" in theirs:
        if not (isinstance(mine, dict) and "array" in mine):
            return False
        a, b = decode(mine), decode(theirs)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=max(rtol, 1e-6), atol=atol, equal_nan=True))
    return mine == theirs


def sentence(entry, keys=""):
    """``"<name>. <Explanation>"`` for a catalogue entry ``{"name", "explain"}``: the short name,
    then the explanation as a sentence of its own (its own colons then read as they were written).
    ``keys``: what the mistake was seen in, added after the name (``dW1, db1``)."""
    name = entry["name"] + (f" ({keys})" if keys else "")
    return f"{name}. {_capitalised(entry['explain'])}"


def _capitalised(text):
    """A sentence's first word with a capital, unless it is code or a symbol (``np.sum``, ``dW``).

    A lowercase word without a vowel (``dw``, ``db``, ``m``) is a variable's name, never an English
    word: it keeps its case too. (The catalogue does not open an explanation with a code name that
    reads like a word, such as ``theta``; tests/test_helpers_checks.py holds it to that.)"""
    word = text.split(" ", 1)[0]
    is_word = word.isalpha() and word.islower() and any(vowel in word for vowel in "aeiouy")
    return text[0].upper() + text[1:] if is_word else text


def name_of(line):
    """The mistake's short name in a ``Likely mistake:`` line, or None."""
    if not line or not line.startswith(PREFIX):
        return None
    return line[len(PREFIX):].split(". ", 1)[0].strip()


def diagnose(observation, expected=None, rtol=1e-6, atol=1e-9, data=None):
    """The sentence naming the likely mistake behind a failed visible check, or None.

    Known wrong values first: a name is given only when every known wrong value that matches
    comes from the same mistake. Then, for ``check_close``, the structural relation between the
    value and ``expected`` (which the check prints anyway).
    """
    data = data or load()
    known = data["checks"].get(observation["key"], [])
    names = {}
    for entry in known:
        if matches(observation, {**entry, "key": observation["key"]}, rtol, atol):
            mistake = data["mistakes"].get(entry["mistake"])
            if mistake:
                names[sentence(mistake)] = mistake
    if len(names) == 1:
        return next(iter(names))
    if len(names) > 1:
        kinds = {m.get("kind") for m in names.values()}
        if len(kinds) == 1 and next(iter(kinds)) in data["kinds"]:
            return sentence(data["kinds"][next(iter(kinds))])
    if observation["key"].startswith("check_unchanged|") and "in_place" in data["kinds"]:
        return sentence(data["kinds"]["in_place"])
    if observation["key"].startswith("check_shape|") and isinstance(observation.get("value"), list):
        kind = structural.relation(np.zeros(tuple(expected or ())), np.zeros(tuple(observation["value"])))
        if kind in ("transposed", "off_by_one", "flattened"):
            return sentence(data["kinds"][kind])
    if expected is not None and observation.get("value") is not None and observation["key"].startswith("check_close|"):
        kind = structural.relation(expected, decode(observation["value"]), rtol, atol)
        if kind and kind in data["kinds"]:
            return sentence(data["kinds"][kind])
    return None


def _check_frame():
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name in CHECKS and frame.f_globals.get("__name__") == "helpers.checks":
            return frame
        frame = frame.f_back
    return None


def likely_line():
    """``"\\n  Likely mistake: ..."`` for the check that is failing right now, or ``""``.

    Called from inside ``helpers.checks`` while it builds a failure message; finds the check's
    arguments on the call stack. Never raises: a diagnosis is a courtesy, the failure is the news.
    """
    try:
        frame = _check_frame()
        if frame is None:
            return ""
        args = dict(frame.f_locals)
        observation = observe(frame.f_code.co_name, args)
        if observation is None:
            return ""
        expected = {"check_close": args.get("expected"), "check_shape": args.get("shape")}.get(frame.f_code.co_name)
        text = diagnose(observation, expected, float(args.get("rtol", 1e-6)), float(args.get("atol", 1e-9)))
        return f"\n  {PREFIX} {text}" if text else ""
    except Exception:  # noqa: BLE001 - see the docstring
        return ""
