"""PERSON, LOCATION and ORGANIZATION from capitalised word runs, the shipped gazetteer and context.

No model: a run of capitalised words ("Sari J. Paavolainen") is split at words that cannot be part of a
name (function words, months, titles), then scored by what the gazetteer knows about its words (first
name? surname? place? company suffix?) and by cue words nearby ("Dear", "my name is", "lives in").

Runs are only looked at where the engine's Hyperscan pass found a reason to (`TRIGGERS` and the
literal sets): a known first name or country written capitalised, a title ("Dr."), a cue before a
capitalised word ("Dear", "my name is", "lives in"), a verb or possessive after one ("said", "'s"), a
surname ending ("-ov", "-ski", "-sson"), a company suffix. Ordinary capitalised words (sentence starts,
headings, product names) never reach Python.

Speed: a run's split and its context-free scores are computed once per distinct run (`name_runs`);
here each trigger is turned into the start of its run with a few string searches, and only the
context questions that can change the outcome are asked (a cue word nearby, a sentence start).
Results stay plain tuples until the last step, and only those that pass become `Entity` objects.
"""

from __future__ import annotations

import re
from operator import itemgetter

from accord.detect.gazetteer import DEMONYM, FIRST, STOP, SURNAME, Gazetteer, is_common, load
from accord.detect.recognizers import name_triggers
from accord.detect.recognizers.base import ContextWords
from accord.detect.recognizers.charclass import UPPER
from accord.detect.recognizers.name_runs import (
    OP_MULTI_PLACE,
    OP_ORG,
    OP_PERSON,
    OP_TITLED,
    ROLES,
    SURNAME_END,
    Op,
    RunCache,
)
from accord.detect.types import Entity

_CAP = rf"[{UPPER}][^\W\d_]*(?:['’\-][{UPPER}]?[^\W\d_]+)*\.?"
_PARTICLE = r"(?:van|von|der|den|de|da|di|du|del|della|dos|das|le|la|bin|ibn|al|el|ter|ten|y|zu)"
# A run: capitalised words (or initials) separated by single spaces, particles allowed inside.
_RUN = re.compile(rf"(?<![\w@])(?:{_CAP})(?:[ \t](?:{_PARTICLE}[ \t]){{0,2}}(?:{_CAP})){{0,5}}(?![\w@])")
_CAP_TOKEN = re.compile(rf"(?:{_CAP}|{_PARTICLE})")
_LOWER_RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+\.?){0,2}")

_PERSON_CTX = ContextWords(
    ("my name is", "name is", "i am", "i'm", "this is", "dear", "hi", "hello", "hey", "thanks", "thank you",
     "regards", "sincerely", "cheers", "name:", "name", "named", "called", "by", "from:", "to:", "cc:", "contact",
     "customer", "patient", "employee", "client", "colleague", "manager", "friend", "wife", "husband",
     "son", "daughter", "mother", "father", "signed", "attn", "ask", "tell", "met", "with", "user", "agent",
     "lawyer", "doctor", "nurse", "candidate", "applicant", "tenant", "owner", "driver", "mr", "mrs", "ms",
     "author", "written by", "played by", "spoke", "spoke to", "talked to", "call", "email",
     "assigned to", "approved by", "requested by", "reported by", "von", "herr", "frau", "monsieur"),
    before=28,
    after=0,
)
_PERSON_AFTER = ContextWords(
    ("said", "says", "wrote", "lives", "was born", "is a", "who", "called", "asked", "works", "joined",
     "has", "will", "told", "reported", "shouted", "explained", "replied", "spent", "is from", "was from",
     "is very", "sentenced", "'s", "’s"),
    before=0,
    after=14,
)
_PLACE_CTX = ContextWords(
    ("in", "from", "to", "at", "near", "city of", "town of", "based in", "live in", "lives in", "moved to",
     "visit", "visiting", "located in", "born in", "flight to", "trip to", "office in"),
    before=16,
    after=0,
)
_PLACE_PREPS = frozenset("in from to at near of via visiting visit en à aus nach bei em para".split())
_PREV_WORD = re.compile(r"(\w+)\W{1,3}$")
_LIST_GAPS = frozenset((", ", " and ", ", and ", " & ", " or "))
_START = itemgetter(1)
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")

#: A finding before it becomes an Entity: (type, start, end, score).
_Found = tuple[str, int, int, float]


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;>-*•"


def _alone_on_line(text: str, start: int, end: int) -> bool:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return not text[ls:start].strip(" \t>*-") and not text[end:le].strip(" \t,")


def _token_start(text: str, end: int, lo: int) -> int:
    """Start of the whitespace-free token that ends at `end`, at most back to `lo`."""
    a, b = text.rfind(" ", lo, end), text.rfind("\n", lo, end)
    k = (a if a > b else b) + 1
    if k < lo:
        k = lo
    if not text[k:end].isprintable():  # a tab, a no-break space or another separator: look char by char
        k = end
        while k > lo and not text[k - 1].isspace():
            k -= 1
    return k


def _cap_word_before(text: str, end: int, tokens: int = 4) -> int:
    """Start of the nearest space-separated token before `end` that begins with an upper-case letter
    (after opening punctuation: '"Anna', '(Anna'); -1 if none of the last `tokens` does."""
    i = end
    for _ in range(tokens):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == 0:
            return -1
        k = _token_start(text, i, i - 40 if i > 40 else 0)
        c = text[k]
        if c.isupper():
            return k
        if not c.isalnum():  # opening punctuation
            j = k + 1
            while j < i and not text[j].isalnum():
                j += 1
            if j < i and text[j].isupper():
                return j
        i = k
    return -1


def _space_before_address(text: str, end: int) -> int:
    """For the e-mail address ending at `end`: the space that separates it from a preceding word, as in
    "Lima <ana@", "Lima (ana@", "Lima, ana@" or "Lima ana@" (that word ending in a lower-case letter);
    -1 if there is none."""
    at = text.rfind("@", max(0, end - 260), end)
    if at <= 0:
        return -1
    i, lo = at, max(0, at - 65)
    while i > lo and text[i - 1] in _LOCAL:
        i -= 1
    if not 1 <= at - i <= 64:
        return -1
    sep = text[i - 2 : i]
    k = i - 2 if sep in (" (", " <") else i - 1 if sep[-1:] == " " else -1
    if k <= 0:
        return -1
    c = text[k - 1] if sep != ", " else text[k - 2] if k >= 2 else ""
    return k if ("a" <= c <= "z" or c > "\x7f") else -1


def _run_start(text: str, pos: int) -> int:
    """Where the capitalised run holding the word at `pos` starts: back over up to five words."""
    start = pos
    for _ in range(5):
        if pos < 2 or text[pos - 1] not in " \t":
            break
        c = text[pos - 2]
        if not (c.isalpha() or c == "."):
            break  # a capitalised word or a particle ends in a letter or a full stop
        k = _token_start(text, pos - 1, max(0, pos - 40))
        if not _CAP_TOKEN.fullmatch(text, k, pos - 1):
            break
        pos = k
        if text[k].isupper():
            start = k
    return start


def _propagate_lists(text: str, out: list[_Found], words: dict[str, int], threshold: float) -> None:
    """In an enumeration of names ("Efimiya, Mary, Ariana and Jodi"), a first name that is also an English
    word or a place ("Mary", "Victoria") counts as a name when two other items already do."""
    out.sort(key=_START)
    chain: list[int] = []
    for k in range(len(out) + 1):
        e = out[k] if k < len(out) else None
        person = e is not None and e[0] == "PERSON"
        if person and chain:
            prev = out[chain[-1]]
            if e[1] - prev[2] <= 6 and text[prev[2] : e[1]] in _LIST_GAPS:  # type: ignore[index]
                chain.append(k)
                continue
        if len(chain) >= 3 and sum(out[c][3] >= threshold for c in chain) >= 2:
            for c in chain:
                t, s, end, score = out[c]
                if score < threshold and words.get(text[s:end].lower(), 0) & FIRST:
                    out[c] = (t, s, end, max(threshold, 0.55))
        chain = [k] if person and " " not in text[e[1] : e[2]] else []  # type: ignore[index]


class NamesRecognizer:
    """Finds PERSON / LOCATION / ORGANIZATION spans; one pass over capitalised runs serves all three."""

    name = "names"
    entities = ("PERSON", "LOCATION", "ORGANIZATION")

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._g = gazetteer or load()
        self._words = self._g.words
        self._runs = RunCache(self._g)
        self.patterns = name_triggers.triggers(self._g)
        self.literals = name_triggers.literal_sets(self._g)
        self._standalone: object | None = None

    def analyze(self, text: str) -> list[Entity]:
        """Standalone use (outside an engine): its own small Hyperscan databases."""
        from accord.detect.scanner import MultiPatternScanner

        if self._standalone is None:
            self._standalone = MultiPatternScanner([self])  # type: ignore[list-item]
        return self._standalone.scan(text)  # type: ignore[attr-defined]

    def collect(self, text: str, cands: list[tuple[int, int, str]], threshold: float = 0.0) -> list[Entity]:
        """Judge the capitalised run around each trigger, each run once."""
        starts, lower = self._starts(text, cands)
        out: list[_Found] = []
        done = -1
        runs = self._runs
        for i in range(len(starts)):
            ws, strong = starts[i]
            if ws < done or not text[ws].isupper():
                continue
            if i + 1 < len(starts) and starts[i + 1][0] == ws:
                strong = strong or starts[i + 1][1]
            m = _RUN.match(text, _run_start(text, ws) if ws > 1 and text[ws - 1] in " \t" else ws)
            if m is None or m.end() <= ws:
                m = _RUN.match(text, ws)
                if m is None:
                    continue
            self._apply(text, m.start(), runs.get(m.group()), strong, threshold, out)
            done = m.end()
        for ws in lower:
            self._lower_name(text, ws, out)
        if len(out) > 2:
            _propagate_lists(text, out, self._words, threshold)
        name = self.name
        return [Entity(t, s, e, score if score < 1.0 else 1.0, None, name) for t, s, e, score in out
                if score >= threshold]

    def _starts(self, text: str, cands: list[tuple[int, int, str]]) -> tuple[list[tuple[int, bool]], list[int]]:
        """Where the capitalised word of each trigger starts (and whether its cue is strong), sorted;
        and the positions of lower-case words after strong cues."""
        n = len(text)
        where = name_triggers.WORD_AT
        strong_kinds = name_triggers.STRONG
        words = self._words
        starts: list[tuple[int, bool]] = []
        lower: list[int] = []
        for s, e, kind in cands:
            at = where[kind]
            if at == "start":
                if not text[e - 1].isalpha():
                    e -= 1  # the literal carried the boundary character after the word
                if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_@")) or (e < n and text[e].isalnum()):
                    continue  # inside a longer word
                starts.append((s, False))
            elif at == "last":
                starts.append((e - 1, kind in strong_kinds))
            elif at == "before":
                if kind == "speaker":
                    # "Subject: ...", "From: ...": a lone function word or role never yields a name.
                    word = text[_token_start(text, e - 2, max(0, e - 42)) : e - 2].lower()
                    if words.get(word, 0) & (STOP | DEMONYM) or word in ROLES:
                        continue
                ws = _cap_word_before(text, e)
                if ws >= 0:
                    starts.append((ws, kind in strong_kinds))
                if kind == "and":  # the word before "and" too: "Marrero and Murphy"
                    k = max(text.rfind(" and ", max(0, e - 12), e), text.rfind(" & ", max(0, e - 10), e))
                    ws = _cap_word_before(text, k) if k > 0 else -1
                    if ws >= 0:
                        starts.append((ws, False))
            elif at == "lower":
                lower.append(e - 1)
            else:  # "email": the words before an address ("Ana Lima <ana@...>")
                k = _space_before_address(text, e)
                ws = _cap_word_before(text, k, 2) if k > 0 else -1
                if ws >= 0:
                    starts.append((ws, True))
        starts.sort()
        return starts, lower

    def _apply(self, text: str, base: int, ops: tuple[Op, ...], strong: bool, threshold: float,
               out: list[_Found]) -> None:
        """The context half of judging a run: its parsed ops, placed at `base` in `text`."""
        for op in ops:
            code, s, e = op.code, base + op.start, base + op.end
            if code == OP_PERSON:
                score = self._person_score(text, op, s, e, strong, threshold)
                if score is not None:
                    out.append(("PERSON", s, e, score))
            elif code == OP_TITLED:
                out.append(("PERSON", s, e, 0.85))
            elif code == OP_ORG:
                out.append(("ORGANIZATION", s, e, 0.7))
            elif code == OP_MULTI_PLACE:
                out.append(("LOCATION", s, e, 0.6 + (0.2 if _PLACE_CTX.near(text, s, e) else 0.0)))
            else:  # OP_PLACE
                prep = _prev_word(text, s) in _PLACE_PREPS
                if prep or not op.name_like:
                    out.append(("LOCATION", s, e, 0.55 + (0.2 if prep or _PLACE_CTX.near(text, s, e) else 0.0)))
                elif op.person is not None:
                    score = self._person_score(text, op.person, s, e, strong, threshold)
                    if score is not None:
                        out.append(("PERSON", s, e, score))

    @staticmethod
    def _person_score(text: str, op: Op, start: int, end: int, strong: bool, threshold: float) -> float | None:
        """A part's score as a person's name, or None when it is none at all (score 0 or below)."""
        if strong and op.strong_score >= 0:
            score = op.strong_score
        elif op.score == op.score_at_start or not _is_sentence_start(text, start):
            score = op.score
        else:
            score = op.score_at_start
        if score < 0.5 and op.alone_lifts and _alone_on_line(text, start, end):
            score = 0.5  # a line that is just a name: letter headers, signatures
        if strong:
            score += 0.3
        elif score + 0.3 <= 0:
            return None
        elif not (0 < score and score + 0.3 < threshold):
            # A cue nearby adds 0.3; not looked for when the score stays below the threshold either way.
            if _PERSON_CTX.near(text, start, end) or _PERSON_AFTER.near(text, start, end):
                score += 0.3
        return score if score > 0 else None

    def _lower_name(self, text: str, pos: int, out: list[_Found]) -> None:
        """A lower-case name after a strong cue ("my name is lena andersson", "call me višeslav"): only
        words the gazetteer knows as names and that are no English words."""
        m = _LOWER_RUN.match(text, pos)
        if m is None:
            return
        words = m.group().split()
        g = self._words
        if not g.get(words[0], 0) & FIRST:
            return
        end = pos
        for i, w in enumerate(words[:3]):
            f = g.get(w, 0)
            known = bool(f & FIRST) if i == 0 else (
                bool(f & (SURNAME | FIRST)) or len(w.rstrip(".")) == 1 or bool(SURNAME_END.search(w)))
            if not known or (is_common(g, w) and len(w) > 1) or f & STOP:
                break
            end = pos + len(" ".join(words[: i + 1]))
        if end > pos:
            out.append(("PERSON", pos, end, 0.6))
