"""How a capitalised run ("Dear Sari J. Paavolainen") splits into names, places and organisations.

Everything here depends on the run's own text and the gazetteer only, never on the text around it, so
the names recognizer parses each distinct run once and keeps the result (`RunCache`): names repeat
(signatures, headers, CSV columns, a person mentioned again). What depends on the surroundings (a
sentence start, a cue word nearby, "lives in" before a place) is left to the recognizer, as `Op`s that
say which context question to ask and what each answer scores.

The run is split at words that cannot be part of a name (function words, months, nationalities, roles),
after a sentence end or a possessive; a leading title ("Dr.") marks the part after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.detect.gazetteer import (
    COMMON,
    DEMONYM,
    ENGLISH,
    FIRST,
    ORG_SUFFIX,
    PLACE,
    PLACE_HEAD,
    STOP,
    SURNAME,
    TITLE,
    Gazetteer,
    is_common,
)

_TOKEN = re.compile(r"\S+")

ORG_WORDS = frozenset(
    """
    inc inc. llc l.l.c. ltd ltd. limited corp corp. corporation company co co. plc gmbh ag sa s.a. sas sarl srl
    s.r.l. spa s.p.a. bv b.v. nv n.v. oy oyj ab as asa aps kg kgaa lp llp pty pte group holdings holding partners
    technologies technology solutions systems labs industries international bank university institute
    foundation associates consulting enterprises ventures capital services software networks media
    investments insurance partners pharmaceuticals airlines motors electric energy incorporated
    """.split()
)
#: Who speaks in a transcript without being a person's name ("Bot: ...", "User: ...").
ROLES = frozenset("bot chatbot ai gpt assistant user system agent moderator admin host guest interviewer q a".split())
_ORG_LEAD = frozenset("university bank institute college school ministry department bureau".split())

# Surname and patronymic endings across locales (ru/ua/bg, pl/cz/sk, balkan, nordic, ka, hy, tr, gr, ro, it).
SURNAME_END = re.compile(
    r"(?:ov|ova|ev|eva|ovich|evich|ovna|evna|enko|ski|ska|sky|skaya|skiy|wicz|czyk|czak|ić|ic|vić|ović|"
    r"poulos|opoulou|akis|idis|escu|son|sen|sson|dóttir|dottir|shvili|dze|yan|ian|oglu|oğlu|nen|inen|"
    r"stein|mann|berg|baum|ová|ský|ská|elli|etti|ucci)$"
)

#: Op codes. Offsets in an op are relative to the run's start.
OP_MULTI_PLACE = 0  # a multi-word place ("New York"): LOCATION 0.6, +0.2 with a place cue nearby
OP_ORG = 1  # a run ending in a company word: ORGANIZATION 0.7
OP_PLACE = 2  # a known place: LOCATION 0.55, +0.2 after a place preposition or cue; `name_like` see below
OP_PERSON = 3  # a person's name, scored by `Op.score`
OP_TITLED = 4  # a name after a title: PERSON 0.85, whatever the context


@dataclass(slots=True)
class Op:
    """One finding a run yields, before context (read-only once made; not frozen only because a frozen
    dataclass is several times slower to build, and thousands are built per MB of new text)."""

    code: int
    start: int
    end: int
    #: OP_PERSON: score when the run does not start a sentence / when it does (before any context bonus).
    score: float = 0.0
    score_at_start: float = 0.0
    #: OP_PERSON: a score below 0.5 is raised to 0.5 when the name stands alone on its line.
    alone_lifts: bool = False
    #: OP_PERSON: the score after a strong cue ("my name is X", "X said"), replacing `score` (-1: no change).
    strong_score: float = -1.0
    #: OP_PLACE: a lone first name or surname that is also a place ("Florence"): a place only after a
    #: preposition ("in Florence"), otherwise judged as a person (by `person`).
    name_like: bool = False
    person: Op | None = None


def parse_run(g: Gazetteer, run: str) -> tuple[Op, ...]:
    """Split one run into ops (the context-free half of judging it)."""
    words = g.words
    if "\t" in run:
        toks = [(tm.start(), tm.end(), tm.group()) for tm in _TOKEN.finditer(run)]
    else:  # words of a run are separated by single spaces (see names._RUN)
        toks = []
        pos = 0
        for w in run.split(" "):
            toks.append((pos, pos + len(w), w))
            pos += len(w) + 1
    ops: list[Op] = []
    part: list[tuple[int, int, str]] = []  # (start, end, lower word without trailing '.')
    titled = False
    i, n = 0, len(toks)
    while i < n:
        s, e, word = toks[i]
        # Multi-word places first ("New York", "Store Merløse"): their words may be stop words.
        if i + 1 < n and not part and words.get(word.lower().rstrip("."), 0) & PLACE_HEAD:
            hit = 0
            for k in (3, 2):
                if i + k <= n and words.get(" ".join(t[2].lower().rstrip(".") for t in toks[i : i + k]), 0) & PLACE:
                    hit = k
                    break
            if hit:
                pe = toks[i + hit - 1][1]
                if run[pe - 1] == ".":
                    pe -= 1
                ops.append(Op(OP_MULTI_PLACE, s, pe))
                i += hit
                continue
        i += 1
        possessive = word.endswith(("'s", "’s")) and len(word) > 3
        if possessive:
            word, e = word[:-2], e - 2  # "Yefremova's" is the name "Yefremova", and the name ends there
        bare = word.lower().rstrip(".")
        f = words.get(bare, 0)
        if f & TITLE and not part:
            titled = True
            continue
        if (f & STOP and bare not in ORG_WORDS and not _name_despite_stopword(g, bare, part, toks, i)) \
                or f & DEMONYM or bare in ROLES:
            _emit(g, run, part, titled, ops)
            part, titled = [], False
            continue
        sentence_end = word.endswith(".") and len(bare) > 1 and bare not in ORG_WORDS
        if sentence_end:
            e -= 1  # "Smith." ends a sentence: keep the word, drop the full stop
        part.append((s, e, bare))
        if sentence_end or possessive:
            _emit(g, run, part, titled, ops)
            part, titled = [], False
    _emit(g, run, part, titled, ops)
    return tuple(ops)


def _name_despite_stopword(g: Gazetteer, bare: str, part: list[tuple[int, int, str]],
                           toks: list[tuple[int, int, str]], i: int) -> bool:
    """"Jan Jílek", "Will Smith": a first name that is also a month or a function word, at the start of
    a run and followed by a capitalised word that is a surname or no English word."""
    if part or i >= len(toks) or len(bare) < 3 or not g.words.get(bare, 0) & FIRST:
        return False
    nxt = toks[i][2].lower().rstrip(".,'’s")
    f = g.words.get(nxt, 0)
    return not f & STOP and (bool(f & SURNAME) or not is_common(g.words, nxt)) and len(nxt) > 1 and not f & PLACE


def _emit(g: Gazetteer, run: str, part: list[tuple[int, int, str]], titled: bool, ops: list[Op]) -> None:
    if not part:
        return
    words = g.words
    names = [w for _, _, w in part]
    start, end = part[0][0], part[-1][1]
    if len(names) >= 2 and (names[-1] in ORG_WORDS or words.get(names[-1], 0) & ORG_SUFFIX or names[0] in _ORG_LEAD):
        ops.append(Op(OP_ORG, start, end))
        return
    if titled:
        ops.append(Op(OP_TITLED, start, end))
        return
    person = _person(g, run, names, start, end)
    if words.get(" ".join(names), 0) & PLACE and not (
            len(names) >= 2 and words.get(names[0], 0) & FIRST and words.get(names[-1], 0) & SURNAME):
        name_like = len(names) == 1 and bool(words.get(names[0], 0) & (FIRST | SURNAME))
        ops.append(Op(OP_PLACE, start, end, name_like=name_like, person=person))
        return
    if person is not None:
        ops.append(person)


def _person(g: Gazetteer, run: str, names: list[str], start: int, end: int) -> Op | None:
    """How a part scores as a person's name before context; None if it never is one."""
    words = g.words
    first, last = names[0], names[-1]
    upper_run = run[start:end].isupper()
    if len(names) >= 2:
        initial_inside = any(len(w) == 1 for w in names[1:-1])
        f_known = bool(words.get(first, 0) & FIRST) or len(first) == 1
        l_known = bool(words.get(last, 0) & (SURNAME | FIRST)) or bool(SURNAME_END.search(last))
        common = [is_common(words, w) for w in names]
        places = [bool(words.get(w, 0) & PLACE) for w in names]
        if f_known and l_known:
            scores = (0.85, 0.85)
        elif f_known:
            s = 0.7 if not common[-1] and not places[-1] else 0.55 if not common[-1] else 0.4
            scores = (s, s)
        elif l_known and not common[0]:
            scores = (0.6, 0.6)
        elif not any(common) and not any(places):
            scores = (0.5, 0.4)  # unknown words: a little less likely a name at a sentence start
        else:
            scores = (0.3, 0.3)
        out = []
        for score in scores:
            if initial_inside and not common[0]:
                score += 0.25  # "Janka M. Szász": a middle initial is a strong name shape
            if sum(common) >= 2:
                score -= 0.3
            if upper_run:
                score -= 0.25
            out.append(score)
        return Op(OP_PERSON, start, end, out[0], out[1], alone_lifts=not any(common))
    if len(first) < 2 or upper_run:
        return None
    f = words.get(first, 0)
    if f & FIRST and not f & ENGLISH:
        s = 0.55 if not f & PLACE else 0.35
        return Op(OP_PERSON, start, end, s, s)
    if f & FIRST and not f & COMMON and not f & PLACE:
        # also a rare English word (web2 lists "anna", "alma"): a name unless it starts a sentence
        return Op(OP_PERSON, start, end, 0.5, 0.45)
    if (f & SURNAME or SURNAME_END.search(first)) and not is_common(words, first) and not f & PLACE:
        return Op(OP_PERSON, start, end, 0.5, 0.45)
    if f & SURNAME:
        return Op(OP_PERSON, start, end, 0.25, 0.25)
    # an unknown word after "my name is" or before "said" may be a name we do not list
    strong = 0.3 if not is_common(words, first) and not f & PLACE else -1.0
    return Op(OP_PERSON, start, end, 0.1, 0.1, strong_score=strong)


class RunCache:
    """Parsed runs by their text. Bounded: cleared when full (a scan of a huge corpus must not grow it
    without end); dict operations are atomic, so engine threads may share it."""

    def __init__(self, g: Gazetteer, size: int = 20_000) -> None:
        self._g, self._size = g, size
        self._runs: dict[str, tuple[Op, ...]] = {}

    def get(self, run: str) -> tuple[Op, ...]:
        ops = self._runs.get(run)
        if ops is None:
            if len(self._runs) >= self._size:
                self._runs.clear()
            ops = self._runs[run] = parse_run(self._g, run)
        return ops
