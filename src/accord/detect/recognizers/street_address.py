"""STREET_ADDRESS in many locales: a street line found by shape, then extended over unit, city, region,
postcode and country parts that follow it (separated by commas, spaces or new lines).

Street lines, by convention:
  number + words + suffix      "3968 Bay Street", "69 Gordon Terrace"            (en)
  prefix + words + number      "Via dei Fiorentini 17", "ul. Biskupa Bogedaina 118" (fr/it/es/pt/pl/el/ru)
  compound word + number       "Koskikatu 25", "Hauptstraße 5", "Östbygatan 14"   (de/nl/nordic/fi/hu)
  number + words + number      "6750 Quadra 104"  (building and street number)
  words + number               "Dalbraut 99": only with an address cue or a unit/postcode after it
  PO boxes and military mail   "P.O. Box 211", "PSC 2581, Box 0041 APO AP 32376"
"""

from __future__ import annotations

import re
import threading
from operator import itemgetter

import hyperscan

from accord.detect.gazetteer import STOPWORDS, Gazetteer, load
from accord.detect.recognizers.base import ContextWords, Pattern, trie_alternation
from accord.detect.recognizers.charclass import HS_UPPER, UPPER
from accord.detect.types import Entity

_EN_SUFFIXES = """
street st road rd avenue ave boulevard blvd lane ln drive dr court ct place pl terrace ter way close
crescent cres square sq parkway pkwy highway hwy circle cir trail trl row walk gardens grove hill hills mews
park point pike plaza ridge run vista loop alley path cove coves green greens island islands isle heights
meadow meadows mill mills port ports spring springs station village villages villa villas view views well
wells estate estates expressway freeway junction landing manor orchard pass passage prairie ranch shoal
shoals shore shores summit turnpike valley viaduct field fields forest forge fork forks glen harbor harbour
haven knoll knolls lake lakes lock locks lodge motorway oval crossing bypass causeway centre center common
commons curve dale divide extension falls ferry flat flats ford fords fort garden gateway hollow inlet key
keys light lights mall mission mount mountain neck overpass ramp rapids route skyway spur stream track tunnel
union vale wynd brae rise chase gate broadway quay wharf embankment parade promenade esplanade grn
""".split()
_COMPOUND_ENDINGS = """
straße strasse str weg gasse platz allee ring damm ufer steig pfad chaussee markt gatan vägen gränd stigen
torget backe vej vænget gade stræde allé alle veien vegen gata gaten stien braut stræti stígur vegur katu tie
kuja polku raitti väylä rinne straat laan gracht plein singel dreef kade dijk hof pad steeg utca körút ulica
cesta ulice třída náměstí iela gatvė tänav
""".split()
_PREFIXES = r"""
rue avenue av\. avda\.? avenida boulevard bd\.? chemin impasse allée quai via viale vicolo piazza piazzale
corso largo strada contrada borgo incrocio canale rotonda calle c/ carrer passeig avinguda camino paseo plaza
pasaje glorieta cuesta callejón cañada urbanización ronda travesía rua travessa praça estrada rodovia vila
quadra conjunto setor lote núcleo residencial alameda ul\. ulica
ulitsa al\. aleja os\. pl\. plac str\. bulevardul calea οδός λεωφόρος ул\. улица проспект пр\. шоссе
""".split()

_NUM = r"\d{1,6}[A-Za-z]?(?:[/\-]\d{1,5}[A-Za-z]?)?"
_W = r"[^\W\d_][\w'’\-]*\.?"
_CAPW = rf"[{UPPER}][\w'’\-]*\.?"

def _literals(fragments: list[str]) -> list[str]:
    """The plain words a list of simple regex fragments stands for ("avda\\.?" -> "avda", "avda.")."""
    out = []
    for f in fragments:
        if f.endswith(r"\.?"):
            out += [f[:-3], f[:-3] + "."]
        else:
            out.append(f.replace("\\", ""))
    return out


# Python-side alternations are tries ("st(?:r(?:eet)?)?"): `re` tries alternatives one by one, and these
# regexes run over every address window (several times faster this way; longest alternative first, as
# before).
_SUF = trie_alternation(_EN_SUFFIXES)
_COMP = trie_alternation(_COMPOUND_ENDINGS)
_PRE = trie_alternation(_literals(_PREFIXES))
_UNITW = "(?i:" + trie_alternation(
    "apt apartment suite ste unit flat floor room box no nr page chapter version windows step item line level part "
    "section table figure phase round day week year room gate platform terminal".split()) + r")\b"
_SUFNUM_WORDS = _literals(r"u\. utca út útja tér körút sor köz str\.? street st\. road rd\.".split())
_SUFNUM = trie_alternation(_SUFNUM_WORDS)

# One regex per kind of street line (tried in this order; the earliest match wins, then the first kind).
_KINDS: dict[str, str] = {
    "po": r"\b(?i:P\.?\s?O\.?\s?Box|Post\ Office\ Box|Postfach|Apartado|Case\ postale)\s?\d{1,6}\b",
    "mil": r"\b(?i:PSC|Unit|CMR|USNS|USS|USCGC)\ [\w ]{1,30}?,?\s(?i:Box)\ \d{1,5}\s+(?i:[ADF]PO\ A[AEP])\ \d{5}\b",
    "en": rf"\b{_NUM}(?:\ {_NUM})?\ (?:{_W}\ ){{0,4}}?(?i:{_SUF})\b\.?",
    "pre": rf"(?<![\w.])(?i:{_PRE})\ (?:{_W}\ ){{0,4}}?{_W},?\ {_NUM}\b",
    "corner": rf"\b(?i:(?:the\ )?corner\ of)\ (?:(?:{_W}|{_NUM}\.?)\ ){{1,5}}?(?i:and|&)\ (?:{_CAPW}\ ?){{1,3}}",
    "preb": rf"\b{_NUM},?\ (?i:{_PRE})(?:\ (?!(?i:apt|suite|unit)\b){_W}){{1,4}}(?:\ {_NUM}\b)?",
    "comp": rf"(?:\b{_NUM}\ )?\b[^\W\d_][\w'’\-]*?(?i:{_COMP})\b\.?,?\ {_NUM}\b",
    "sufnum": rf"(?:\b{_NUM}\ )?(?<![\w.])(?:{_W}\ ){{1,3}}(?i:{_SUFNUM})\ ?{_NUM}\b\.?",
    "num2": rf"\b{_NUM}\ (?:{_W}\ ){{1,3}}{_NUM}\b",
    "gen": rf"(?<![\w.,])(?:(?!{_UNITW}){_CAPW}\ ){{1,3}}{_NUM}\b",
}
_KIND_RX = {kind: re.compile(rx) for kind, rx in _KINDS.items()}
_ORDER = {kind: i for i, kind in enumerate(_KINDS)}
#: What a kind's match must contain, searched first: the kinds that start anywhere and look for their
#: street word late are slow to run over a window that has none.
_HINTS = {
    "comp": re.compile(rf"(?i:{_COMP})\b\.?,?\ \d"),
    "sufnum": re.compile(rf"(?i:{_SUFNUM})\ ?\d"),
    "en": re.compile(rf"\ (?i:{_SUF})\b"),
}


def _ascii_trie(words: list[str]) -> str:
    return trie_alternation([w for w in words if w.isascii()])


#: What each kind's regex needs inside the window, as Hyperscan expressions over an ASCII window (caseless,
#: ASCII `\b`): the street word lists' ASCII words, then what must follow them.
_NEEDS: dict[str, str] = {
    "po": r"box|postfach|apartado|case\ postale",
    "po a": r"po\ a",  # military mail: "APO AE", "FPO AP" ...
    "box ": r"box\ ",  # ... and "Box 0041"
    "suffix": rf"\ {_SUF}\b",  # the English suffixes are all ASCII
    "prefix": rf"{_ascii_trie(_literals(_PREFIXES))}\ ",
    "corner": r"corner\ of",
    "compound": rf"{_ascii_trie(_COMPOUND_ENDINGS)}\b\.?,?\ [0-9]",
    "sufnum": rf"{_ascii_trie(_SUFNUM_WORDS)}\ ?[0-9]",
    # how "num2" and "gen" end: the last word of the run (a word character, apostrophe, hyphen or full
    # stop), a space and the house number
    "word number": r"[A-Za-z0-9_'.\-]\ [0-9]",
}
_NEED_NAMES = tuple(_NEEDS)
_KIND_NEEDS: dict[str, frozenset[int]] = {
    kind: frozenset(_NEED_NAMES.index(n) for n in needs) for kind, needs in {
        "po": ("po",), "mil": ("po a", "box "), "en": ("suffix",), "pre": ("prefix",), "corner": ("corner",),
        "preb": ("prefix",), "comp": ("compound",), "sufnum": ("sufnum",), "num2": ("word number",),
        "gen": ("word number",),
    }.items()
}


class _WindowChecks:
    """One small Hyperscan database of `_NEEDS`, scanned over an ASCII window (a few hundred nanoseconds
    where the Python checks took ten microseconds). Built once; a scratch per thread."""

    def __init__(self) -> None:
        flags = hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH
        self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        exprs = [e.encode() for e in _NEEDS.values()]
        self._db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=[flags] * len(exprs))
        self._local = threading.local()

    def found(self, window: str) -> set[int]:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        hits: set[int] = set()
        add = hits.add

        def on_match(pid: int, _start: int, _end: int, _flags: int, _ctx: object) -> None:
            add(pid)

        self._db.scan(window.encode("ascii"), match_event_handler=on_match, scratch=scratch)
        return hits


_CHECKS: list[_WindowChecks] = []  # built with the first recognizer (not at import: `re` users skip it)
_CHECKS_LOCK = threading.Lock()


def _window_checks() -> _WindowChecks:
    if not _CHECKS:
        with _CHECKS_LOCK:
            if not _CHECKS:
                _CHECKS.append(_WindowChecks())
    return _CHECKS[0]


def _kinds_to_try(text: str, lo: int, hi: int, kinds: tuple[str, ...]) -> list[str]:
    """The kinds among `kinds` whose regex can match inside text[lo:hi] (a superset: never one too few).

    ASCII windows (nearly all of them) are checked in one Hyperscan pass for what each kind needs
    (`_NEEDS`). Each is a necessary condition of its kind's regex matching inside the window, so skipping
    a kind never changes a result: in an ASCII window `(?i:...)` is ASCII case folding (no non-ASCII letter
    of these lists folds to ASCII), `\\d` is [0-9], `\\b` is ASCII, and every character a match needs lies
    inside the window. `tests/detect/test_street_prefilter.py` checks this against the kinds' regexes.
    Other windows keep the Python hints (a street word must be there).
    """
    window = text[lo:hi]
    if not window.isascii():
        return [k for k in kinds if (h := _HINTS.get(k)) is None or h.search(text, lo, hi) is not None]
    found = _window_checks().found(window)
    return [k for k in kinds if _KIND_NEEDS[k] <= found]


#: Which street-line kinds each trigger can stand for.
_TRY: dict[str, tuple[str, ...]] = {
    "numcap": ("en", "preb", "comp", "sufnum", "num2", "gen"),
    "postcode": ("pre", "comp", "sufnum", "gen"),
    "pre": ("pre",), "preb": ("preb",), "comp": ("comp",), "sufnum": ("sufnum",), "po": ("po",), "mil": ("mil",),
    "unit": ("en", "pre", "preb", "comp", "sufnum", "num2", "gen"),
    "cue": tuple(_KINDS),
}

# Parts after the street line: unit, postcode, region code, place words. The separator is a comma,
# a new line (with mail-quote '>' marks) or spaces.
_SEP = r"(?:[ \t]*,[ \t]*(?:\r?\n[ \t>]*)?|[ \t]*\r?\n[ \t>]*,?[ \t]*|[ \t]+)"
_UNIT = (r"(?i:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building|piso|etage|app|appt)\.?\ ?\#?\ ?"
         r"[\w\-]{1,6}\b|\#\ ?\d{1,5}\b")
_POST = (r"\d{5}(?:-\d{4})?\b|\d{4}\b|\d{3}\ \d{2}\b|\d{2}-\d{3}\b|\d{4}\ ?[A-Z]{2}\b|"
         r"[A-Z]{1,2}\d[A-Z\d]?\ \d[A-Z]{2}\b|[A-Z]\d[A-Z]\ ?\d[A-Z]\d\b")
_PLACEW = rf"[{UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*\b\.?"
_PLACE = rf"(?:{_PLACEW})(?:\ (?:{_PLACEW}|de|del|la|nad|am|an|der|sur|en|upon|on|im|di|do|da)){{0,4}}(?:\ \([^()\n]{{1,20}}\))?"
_CONT = re.compile(
    rf"{_SEP}(?:(?P<unit>{_UNIT})|(?P<post>{_POST})|(?P<state>[A-Z]{{2}}\b)|(?P<place>{_PLACE}))",
    re.VERBOSE,
)
_UNIT_RE = re.compile(_UNIT, re.VERBOSE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

_CONTEXT = ContextWords(
    ("address", "addr", "lives at", "live at", "living at", "located at", "located in", "send to", "sent to",
     "ship to", "shipping", "deliver", "delivery", "billing", "mailing", "residence", "resides", "corner of",
     "meet me at", "meet at", "drops you off", "moved to", "moved", "office", "offices", "headquarters",
     "it's in", "return to", "arrived at", "visit us", "find us", "adresse", "anschrift", "dirección", "indirizzo",
     "endereço", "adres", "osoite", "cím"),
    before=40,
    after=0,
)
_BASE = {"corner": 0.7, "po": 0.75, "mil": 0.8, "en": 0.6, "pre": 0.55, "preb": 0.55, "comp": 0.6, "sufnum": 0.5, "num2": 0.45,
         "gen": 0.25}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
#: Triggers in order of their end (then their name: which of two triggers ending together is tried first).
_END_KIND = itemgetter(1, 2)


# Hyperscan triggers (bytes: any byte >= 0x80 counts as a letter, so accented and non-Latin words match).
# A trigger only says "an address may be near here"; `collect` parses the window around it in Python.
# Each needs more than a number next to a word: a capitalised street name, a street suffix or prefix, a
# unit, a PO box, or an address cue followed by a number; "857 path" in a log line or "5 of the 10" is not.
_HW = r"[A-Za-z\x80-\xff][A-Za-z0-9\x80-\xff'.\-]*"
_HCW = rf"{HS_UPPER}[A-Za-z0-9\x80-\xff'.\-]*"
_HD = r"[0-9]{1,6}[A-Za-z]?(?:[/\-][0-9]{1,5}[A-Za-z]?)?"
_HB = r"(?:^|[^A-Za-z0-9_\x80-\xff.])"
_ALT = "|".join
# Cue phrases that trigger a look for an address (the scoring context `_CONTEXT` is broader: "moved to"
# is said of meetings as often as of homes).
_CUES = ("address", "lives at", "live at", "living at", "located at", "send to", "sent to", "ship to",
         "shipping to", "deliver to", "delivered to", "corner of", "meet me at", "return to",
         "arrived at", "drops you off at", "it's in", "it is at", "resides at", "residence", "adresse",
         "anschrift", "dirección", "indirizzo", "endereço", "adres", "osoite", "cím")
_TRIGGERS: tuple[tuple[str, str, int, int], ...] = (
    # name, hyperscan regex, window before and after the END of the match (characters). Scanned without
    # start tracking (cheaper): the window is what matters.
    ("numcap", rf"\b{_HD},?(?: {_HD},?)? (?:{HS_UPPER}[a-z\x80-\xff]|[0-9]{{1,3}}(?i:st|nd|rd|th)\b)", 40, 110),
    # "Žilinská 71, 240 92 Rovensko", "Studio 7, Fletcher Parkways": a word, a number, a comma, a postcode
    ("postcode", rf"[a-z\x80-\xff] [0-9]{{1,5}}[A-Za-z]?(?:-[0-9]{{1,4}})?, (?:[0-9]{{2,5}}|[A-Z]{{1,2}}[0-9]|{HS_UPPER}[a-z])",
     60, 60),
    ("pre", rf"{_HB}(?i:{_ALT(_PREFIXES)}) (?:{_HW},? ?){{1,5}}[0-9]", 90, 12),
    ("preb", rf"\b[0-9]{{1,6}},? (?i:{_ALT(_PREFIXES)}) ", 24, 100),
    ("comp", rf"[A-Za-z\x80-\xff](?i:{_COMP})\.?,? [0-9]", 60, 12),
    ("sufnum", rf"{_HB}(?i:{_SUFNUM}) ?[0-9]", 90, 12),
    ("unit", r"\b(?i:apt|apartment|suite|unit|flat|floor)\.? ?#? ?[0-9]", 100, 12),
    ("po", r"\b(?i:p\.? ?o\.? ?box|post office box|postfach|apartado|case postale) ?[0-9]", 40, 12),
    ("mil", r"\b(?i:[ADF]PO A[AEP]) [0-9]{5}", 80, 4),
    ("cue", rf"\b(?i:{_ALT(re.escape(c) for c in _CUES)})\b[^0-9\n]{{0,40}}\n?[^0-9\n]{{0,20}}[0-9]", 30, 100),
)


class StreetAddressRecognizer:
    name = "street_address"
    entities = ("STREET_ADDRESS",)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._g = gazetteer or load()
        self.patterns = tuple(Pattern(name, regex, 0.0, hs_regex=regex, som=False) for name, regex, _, _ in _TRIGGERS)
        self._windows = {name: (before, after) for name, _, before, after in _TRIGGERS}
        self._standalone: object | None = None
        _window_checks()  # compiled now, not on the first request

    def collect(self, text: str, cands: list[tuple[int, int, str]], threshold: float = 0.0) -> list[Entity]:
        """One address per trigger window; triggers inside an address already found are skipped."""
        out: list[Entity] = []
        covered = last = -1
        last_kind = ""
        for _, e, kind in sorted(cands, key=_END_KIND):
            if e <= covered or (kind == last_kind and e - last < 16):
                continue  # inside an address already found, or in the window just parsed
            last, last_kind = e, kind
            ent = self._window(text, e, kind, threshold)
            if ent is not None:
                out.append(ent)
                covered = max(covered, ent.end)
        return out

    def finalize(self, text: str, start: int, end: int, pattern: Pattern, threshold: float = 0.0) -> Entity | None:
        return self._window(text, end, pattern.name, threshold)

    def _window(self, text: str, end: int, kind: str, threshold: float) -> Entity | None:
        """Parse the window around the end of one trigger; return the address overlapping it, if any."""
        before, after = self._windows[kind]
        lo, hi = max(0, end - before), min(len(text), end + after)
        # A unit ("Apt. 5") follows its street line; a cue precedes it; other triggers sit inside it.
        reach = 24 if kind == "unit" else 1
        found: list[tuple[int, int, re.Match[str], str]] = []
        for k in _kinds_to_try(text, lo, hi, _TRY[kind]):
            for m in _KIND_RX[k].finditer(text, lo, hi):
                if m.end() < end - reach:
                    continue
                if m.start() < end or kind == "cue":
                    found.append((m.start(), _ORDER[k], m, k))
                break
        for _, _, m, k in sorted(found, key=lambda f: (f[0], f[1])):
            ent = self._entity(text, m, k)
            if ent is not None and ent.score >= threshold:
                return ent
        return None

    def analyze(self, text: str) -> list[Entity]:
        """Standalone use (outside an engine): its own small Hyperscan database."""
        from accord.detect.engine import resolve_overlaps
        from accord.detect.scanner import MultiPatternScanner

        if self._standalone is None:
            self._standalone = MultiPatternScanner([self])
        return resolve_overlaps(self._standalone.scan(text))  # type: ignore[attr-defined]

    def _entity(self, text: str, m: re.Match[str], kind: str) -> Entity | None:
        start, end = m.start(), m.end()
        if not self._plausible(kind, m.group()):
            return None
        end, unit_or_post, parts = self._extend(text, end)
        score = _BASE[kind]
        if kind == "gen" and unit_or_post:
            score += 0.3  # "Žilinská 71, 240 92 Rovensko": a street, a number and a postcode
        elif unit_or_post or _UNIT_RE.search(m.group()):
            score += 0.2
        elif parts:
            score += 0.1
        if _CONTEXT.near(text, start, end):
            score += 0.3
        while end > start and text[end - 1] in ", \t\n>":
            end -= 1
        return Entity("STREET_ADDRESS", start, end, min(score, 1.0), None, self.name)

    def _plausible(self, kind: str, core: str) -> bool:
        """Shape-only kinds need a word that is not plain English ("between 5 and 10" is no address)."""
        if kind not in ("num2", "gen", "pre", "preb", "sufnum", "comp"):
            return True
        g = self._g
        words = [w.lower() for w in _WORD.findall(core)]
        if kind in ("pre", "preb"):
            return len(words) >= 2 and any(w not in STOPWORDS for w in words[1:])
        if kind in ("gen", "num2", "comp") and _YEAR.search(core):
            return False  # "During 1971", "in 2023 and 2024": years, not house numbers
        return any(not g.is_common(w) and w not in STOPWORDS for w in words)

    @staticmethod
    def _extend(text: str, end: int) -> tuple[int, bool, int]:
        seen_unit_or_post = False
        parts = 0
        for _ in range(8):
            m = _CONT.match(text, end)
            if m is None:
                break
            if text[end - 1] == "." and "," not in m.group() and "\n" not in m.group():
                break  # "... Markelo. Tel. 0404": a full stop and a space end the address
            kind = m.lastgroup
            if kind == "place" and "\n" not in m.group() and "," not in m.group() and parts == 0 \
                    and not seen_unit_or_post and m.group().strip().lower() in STOPWORDS:
                break
            if kind in ("unit", "post"):
                seen_unit_or_post = True
            parts += 1
            cut = m.group().find(". ")
            if kind == "place" and cut > 0:
                end = m.start() + cut + 1  # "Kristianstad. Tel." : the sentence ends after the city
                break
            end = m.end()
        return end, seen_unit_or_post, parts
