"""PERSON, LOCATION and ORGANIZATION from capitalised word runs, the shipped gazetteer and context.

No model: a run of capitalised words ("Sari J. Paavolainen") is split at words that cannot be part of a
name (function words, months, titles), then scored by what the gazetteer knows about its words (first
name? surname? place? company suffix?) and by cue words nearby ("Dear", "my name is", "lives in").

Runs are only looked at where the engine's Hyperscan pass found a reason to (`TRIGGERS` and the
literal sets): a known first name or country written capitalised, a title ("Dr."), a cue before a
capitalised word ("Dear", "my name is", "lives in"), a verb or possessive after one ("said", "'s"), a
surname ending ("-ov", "-ski", "-sson"), a company suffix. Ordinary capitalised words (sentence starts,
headings, product names) never reach Python.
"""

from __future__ import annotations

import re

from accord.detect.gazetteer import DEMONYMS, STOPWORDS, TITLES, Gazetteer, load
from accord.detect.recognizers import name_triggers
from accord.detect.recognizers.base import ContextWords
from accord.detect.recognizers.charclass import UPPER
from accord.detect.types import Entity

_CAP = rf"[{UPPER}][^\W\d_]*(?:['’\-][{UPPER}]?[^\W\d_]+)*\.?"
_PARTICLE = r"(?:van|von|der|den|de|da|di|du|del|della|dos|das|le|la|bin|ibn|al|el|ter|ten|y|zu)"
# A run: capitalised words (or initials) separated by single spaces, particles allowed inside.
_RUN = re.compile(rf"(?<![\w@])(?:{_CAP})(?:[ \t](?:{_PARTICLE}[ \t]){{0,2}}(?:{_CAP})){{0,5}}(?![\w@])")
_TOKEN = re.compile(r"\S+")
_CAP_TOKEN = re.compile(rf"(?:{_CAP}|{_PARTICLE})")


_LOWER_RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+\.?){0,2}")


def _propagate_lists(text: str, out: list[Entity], first_names: frozenset[str], threshold: float) -> None:
    """In an enumeration of names ("Efimiya, Mary, Ariana and Jodi"), a first name that is also an English
    word or a place ("Mary", "Victoria") counts as a name when two other items already do."""
    ents = sorted(range(len(out)), key=lambda k: out[k].start)
    chain: list[int] = []
    for k in ents + [-1]:
        e = out[k] if k >= 0 else None
        if e is not None and e.type == "PERSON" and chain:
            prev = out[chain[-1]]
            gap = text[prev.end : e.start]
            if gap in (", ", " and ", ", and ", " & ", " or "):
                chain.append(k)
                continue
        if len(chain) >= 3 and sum(out[c].score >= threshold for c in chain) >= 2:
            for c in chain:
                ent = out[c]
                if ent.score < threshold and text[ent.start : ent.end].lower() in first_names:
                    out[c] = Entity(ent.type, ent.start, ent.end, max(threshold, 0.55), ent.kind, ent.recognizer)
        chain = [k] if e is not None and e.type == "PERSON" and " " not in text[e.start : e.end] else []


def _cap_word_before(text: str, end: int, tokens: int = 4) -> int:
    """Start of the nearest space-separated token before `end` that begins with an upper-case letter."""
    i = end
    for _ in range(tokens):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        k = i
        while k > 0 and not text[k - 1].isspace() and i - k < 40:
            k -= 1
        if k == i:
            return -1
        j = k
        while j < i and not text[j].isalnum():
            j += 1  # opening punctuation: '"Anna', '(Anna'
        if j < i and text[j].isupper():
            return j
        i = k
    return -1


def _run_start(text: str, pos: int) -> int:
    """Where the capitalised run holding the word at `pos` starts: back over up to five words."""
    start = pos
    for _ in range(5):
        if pos < 2 or text[pos - 1] not in " \t":
            break
        k = pos - 1
        while k > 0 and not text[k - 1].isspace() and pos - k < 40:
            k -= 1
        if not _CAP_TOKEN.fullmatch(text, k, pos - 1):
            break
        pos = k
        if text[k].isupper():
            start = k
    return start

_ORG_WORDS = frozenset(
    """
    inc inc. llc l.l.c. ltd ltd. limited corp corp. corporation company co co. plc gmbh ag sa s.a. sas sarl srl
    s.r.l. spa s.p.a. bv b.v. nv n.v. oy oyj ab as asa aps kg kgaa lp llp pty pte group holdings holding partners
    technologies technology solutions systems labs industries international bank university institute
    foundation associates consulting enterprises ventures capital services software networks media
    investments insurance partners pharmaceuticals airlines motors electric energy incorporated
    """.split()
)
#: Who speaks in a transcript without being a person's name ("Bot: ...", "User: ...").
_ROLES = frozenset("bot chatbot ai gpt assistant user system agent moderator admin host guest interviewer q a".split())
_ORG_LEAD = frozenset("university bank institute college school ministry department bureau".split())

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


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


# Surname and patronymic endings across locales (ru/ua/bg, pl/cz/sk, balkan, nordic, ka, hy, tr, gr, ro, it).
_SURNAME_END = re.compile(
    r"(?:ov|ova|ev|eva|ovich|evich|ovna|evna|enko|ski|ska|sky|skaya|skiy|wicz|czyk|czak|ić|ic|vić|ović|"
    r"poulos|opoulou|akis|idis|escu|son|sen|sson|dóttir|dottir|shvili|dze|yan|ian|oglu|oğlu|nen|inen|"
    r"stein|mann|berg|baum|ová|ský|ská|elli|etti|ucci)$"
)
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;>-*•"


class NamesRecognizer:
    """Finds PERSON / LOCATION / ORGANIZATION spans; one pass over capitalised runs serves all three."""

    name = "names"
    entities = ("PERSON", "LOCATION", "ORGANIZATION")

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._g = gazetteer or load()
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
        n = len(text)
        where = name_triggers.WORD_AT
        strong_kinds = name_triggers.STRONG
        starts: list[tuple[int, bool]] = []
        lower: list[int] = []
        for s, e, kind in cands:
            at = where[kind]
            if at == "last":
                starts.append((e - 1, kind in strong_kinds))
            elif at == "lower":
                lower.append(e - 1)
            elif at == "email":  # the words before the address: back over the local part and '<', '(' or ','
                k = text.rfind(" ", max(0, e - 70), e)
                ws = _cap_word_before(text, k, 2) if k > 0 else -1
                if ws >= 0:
                    starts.append((ws, True))
            elif at == "before":
                ws = _cap_word_before(text, e)
                if ws >= 0:
                    starts.append((ws, kind in strong_kinds))
                if kind == "and":  # the word before "and" too: "Marrero and Murphy"
                    k = max(text.rfind(" and ", max(0, e - 12), e), text.rfind(" & ", max(0, e - 10), e))
                    ws = _cap_word_before(text, k) if k > 0 else -1
                    if ws >= 0:
                        starts.append((ws, False))
            else:
                if not text[e - 1].isalpha():
                    e -= 1  # the literal carried the boundary character after the word
                if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_@")) or (e < n and text[e].isalnum()):
                    continue  # inside a longer word
                starts.append((s, False))
        starts.sort()
        out: list[Entity] = []
        done = -1
        for i, (ws, strong) in enumerate(starts):
            if ws < done or not text[ws : ws + 1].isupper():
                continue
            if i + 1 < len(starts) and starts[i + 1][0] == ws:
                strong = strong or starts[i + 1][1]
            m = _RUN.match(text, _run_start(text, ws))
            if m is None or m.end() <= ws:
                m = _RUN.match(text, ws)
                if m is None:
                    continue
            self._run(text, m.start(), m.group(), out, strong)
            done = m.end()
        for ws in lower:
            self._lower_name(text, ws, out)
        if len(out) > 1:
            _propagate_lists(text, out, self._g.first_names, threshold)
        return out

    def _lower_name(self, text: str, pos: int, out: list[Entity]) -> None:
        """A lower-case name after a strong cue ("my name is lena andersson", "call me višeslav"): only
        words the gazetteer knows as names and that are no English words."""
        g = self._g
        m = _LOWER_RUN.match(text, pos)
        if m is None:
            return
        words = m.group().split()
        end = pos
        for i, w in enumerate(words[:3]):
            known = w in g.first_names if i == 0 else (
                w in g.surnames or w in g.first_names or len(w.rstrip(".")) == 1 or bool(_SURNAME_END.search(w)))
            if not known or (g.is_common(w) and len(w) > 1) or w in STOPWORDS:
                break
            end = pos + len(" ".join(words[: i + 1]))
        if end > pos:
            out.append(Entity("PERSON", pos, end, 0.6, None, self.name))

    def _run(self, text: str, base: int, run: str, out: list[Entity], strong: bool = False) -> None:
        """Split a capitalised run into names, places and organisations. `strong`: the run follows a
        strong cue ("my name is", "Dear", a title) or precedes a verb of persons ("said")."""
        g = self._g
        toks = [(base + tm.start(), base + tm.end(), tm.group()) for tm in _TOKEN.finditer(run)]
        part: list[tuple[int, int, str]] = []  # (start, end, lower word without trailing '.')
        titled = False
        i, n = 0, len(toks)
        while i < n:
            s, e, word = toks[i]
            # Multi-word places first ("New York", "Store Merløse"): their words may be stop words.
            if i + 1 < n and not part:
                hit = 0
                for k in (3, 2):
                    if i + k <= n and g.is_place(" ".join(t[2].lower().rstrip(".") for t in toks[i : i + k])):
                        hit = k
                        break
                if hit:
                    ps, pe = s, toks[i + hit - 1][1]
                    if text[pe - 1] == ".":
                        pe -= 1
                    score = 0.6 + (0.2 if _PLACE_CTX.near(text, ps, pe) else 0.0)
                    out.append(Entity("LOCATION", ps, pe, score, None, self.name))
                    i += hit
                    continue
            i += 1
            possessive = word.endswith(("'s", "’s")) and len(word) > 3
            if possessive:
                word, e = word[:-2], e - 2  # "Yefremova's" is the name "Yefremova", and the name ends there
            lower = word.lower()
            bare = lower.rstrip(".")
            if bare in TITLES and not part:
                titled = True
                continue
            if (bare in STOPWORDS and bare not in _ORG_WORDS and not self._name_despite_stopword(bare, part, toks, i)) \
                    or bare in DEMONYMS or bare in _ROLES:
                self._emit(text, part, titled, out, strong)
                part, titled = [], False
                continue
            sentence_end = word.endswith(".") and len(bare) > 1 and bare not in _ORG_WORDS
            if sentence_end:
                e -= 1  # "Smith." ends a sentence: keep the word, drop the full stop
            part.append((s, e, bare))
            if sentence_end or possessive:
                self._emit(text, part, titled, out, strong)
                part, titled = [], False
        self._emit(text, part, titled, out, strong)

    def _name_despite_stopword(self, bare: str, part: list[tuple[int, int, str]], toks: list[tuple[int, int, str]],
                               i: int) -> bool:
        """"Jan Jílek", "Will Smith": a first name that is also a month or a function word, at the start of
        a run and followed by a capitalised word that is a surname or no English word."""
        if part or i >= len(toks) or len(bare) < 3 or bare not in self._g.first_names:
            return False
        nxt = toks[i][2].lower().rstrip(".,'’s")
        g = self._g
        return nxt not in STOPWORDS and (nxt in g.surnames or not g.is_common(nxt)) and len(nxt) > 1 \
            and not g.is_place(nxt)

    def _emit(self, text: str, part: list[tuple[int, int, str]], titled: bool, out: list[Entity],
              strong: bool = False) -> None:
        if not part:
            return
        g = self._g
        words = [w for _, _, w in part]
        start, end = part[0][0], part[-1][1]
        if len(words) >= 2 and (words[-1] in _ORG_WORDS or words[-1] in g.org_suffixes or words[0] in _ORG_LEAD):
            out.append(Entity("ORGANIZATION", start, end, 0.7, None, self.name))
            return
        joined = " ".join(words)
        if not titled and g.is_place(joined) and not (len(words) >= 2 and words[0] in g.first_names
                                                       and words[-1] in g.surnames):
            prep = _prev_word(text, start) in _PLACE_PREPS
            name_like = len(words) == 1 and (words[0] in g.first_names or words[0] in g.surnames)
            if prep or not name_like:
                score = 0.55 + (0.2 if prep or _PLACE_CTX.near(text, start, end) else 0.0)
                out.append(Entity("LOCATION", start, end, score, None, self.name))
                return
        score = self._person_score(text, words, start, end, titled, strong)
        if score > 0:
            out.append(Entity("PERSON", start, end, min(score, 1.0), None, self.name))

    def _person_score(self, text: str, words: list[str], start: int, end: int, titled: bool,
                      strong: bool = False) -> float:
        g = self._g
        first, last = words[0], words[-1]
        n = len(words)
        if titled:
            return 0.85
        upper_run = text[start:end].isupper()
        at_start = _is_sentence_start(text, start)
        if n >= 2:
            initial_inside = any(len(w) == 1 for w in words[1:-1])
            f_known = first in g.first_names or len(first) == 1
            l_known = last in g.surnames or last in g.first_names or bool(_SURNAME_END.search(last))
            common = [g.is_common(w) for w in words]
            places = [g.is_place(w) for w in words]
            if f_known and l_known:
                score = 0.85
            elif f_known:
                score = 0.7 if not common[-1] and not places[-1] else 0.55 if not common[-1] else 0.4
            elif l_known and not common[0]:
                score = 0.6
            elif not any(common) and not any(places):
                score = 0.4 if at_start else 0.5
            else:
                score = 0.3
            if initial_inside and not common[0]:
                score += 0.25  # "Janka M. Szász": a middle initial is a strong name shape
            if sum(common) >= 2:
                score -= 0.3
            if upper_run:
                score -= 0.25
            if score < 0.5 and _alone_on_line(text, start, end) and not any(common):
                score = 0.5  # a line that is just a name: letter headers, signatures
        else:
            if len(first) < 2 or upper_run:
                return 0.0
            if first in g.first_names and first not in g.english_words:
                score = 0.55 if not g.is_place(first) else 0.35
            elif first in g.first_names and first not in g.common_words and not g.is_place(first):
                # also a rare English word (web2 lists "anna", "alma"): a name unless it starts a sentence
                score = 0.45 if at_start else 0.5
            elif (first in g.surnames or _SURNAME_END.search(first)) and not g.is_common(first) \
                    and not g.is_place(first):
                score = 0.45 if at_start else 0.5
            elif first in g.surnames:
                score = 0.25
            elif strong and not g.is_common(first) and not g.is_place(first):
                score = 0.3  # an unknown word after "my name is" or before "said": a name we do not list
            else:
                score = 0.1
        if strong or _PERSON_CTX.near(text, start, end) or _PERSON_AFTER.near(text, start, end):
            score += 0.3
        return score


def _alone_on_line(text: str, start: int, end: int) -> bool:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return not text[ls:start].strip(" \t>*-") and not text[end:le].strip(" \t,")
