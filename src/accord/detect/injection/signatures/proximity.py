"""Proximity rules over the hand-written multilingual lexicon (`lexicon.py`).

Every lexicon phrase, in every language, is compiled as its own Hyperscan pattern of a *class* (ignore,
prior, rules, reveal, secret, ...). A rule fires when hits of all its classes fall within a few bytes of each
other in one sentence: "ignore" + "previous" + "instructions" in any order and any mix of languages, so
verb-final languages (ja, ko, hi, tr, fa) need no separate grammar. Checking proximity in Python over a
handful of hits is cheap; expressing it as one regex per language compiled to automata too large to ship.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from accord.detect.injection.signatures import cues
from accord.detect.injection.signatures.lexicon import LEXICON

CLASSES: tuple[str, ...] = ("ignore", "prior", "rules", "reveal", "secret", "mode", "new", "respond", "ai",
                            "restrict", "lift", "pretend", "yours", "stuff", "secretword", "modename", "addr", "self",
                            "topic", "younow", "persona", "priorall")
#: Phrases of these classes must end a word (in scripts written with spaces): they are short function-word
#: phrases whose stems would match other words ("lo que te dije" in "lo que te dijeron", "tu" in "tuyo").
END_WORD: frozenset[str] = frozenset({"self", "addr", "younow", "yours", "persona"})

# A `mode` phrase that names a mode ("developer mode", "modo desarrollador", "开发者模式") goes to `modename`.
_MODE_WORDS = ("mode", "modo", "modus", "режим", "tryb", "modul", "modu", "chế độ", "โหมด", "模式", "モード", "모드",
               "وضع", "حالت", "मोड", "মোড", "మోడ్", "λειτουργία", "hali ya", "imodi", "modalit", "mód", "modh", "מצב",
               "režim", "läge")
_ATTACK_MODES = ("dan", "evil", "jailbr", "unrestricted", "opposite")
_AI_TOKENS = ("ai", "ki", "ia", "ии", "ші", "智能", "yapay zeka", "الذكي", "एआई", "เอไอ")
_ASSISTANT_TOKENS = ("assist", "asist", "ассист", "асист", "助手", "アシスタント", "어시스턴트", "비서", "помощ", "agent",
                     "агент", "trợ lý", "bot", "бот", "सहायक", "مساعد", "ผู้ช่วย")


@dataclass(frozen=True, slots=True)
class Proximity:
    id: str
    family: str
    strength: str
    classes: tuple[str, ...]
    #: All hits within this many bytes of UTF-8 (about 2-3 bytes per letter outside Latin scripts).
    window: int = 0
    class_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "class_set", frozenset(self.classes))

    @property
    def feature(self) -> str:
        return f"{self.family}:{self.strength}"


RULES: tuple[Proximity, ...] = (
    Proximity("override", "override", "strong", ("ignore", "prior", "rules"), 120),
    Proximity("override-yours", "override", "strong", ("ignore", "yours", "rules"), 40),
    Proximity("override-near", "override", "weak", ("ignore", "rules"), 70),
    Proximity("override-all", "override", "strong", ("ignore", "priorall"), 40),
    Proximity("override-stuff", "override", "weak", ("ignore", "prior", "stuff"), 60),
    Proximity("leak", "leak", "strong", ("reveal", "secret"), 90),
    Proximity("leak-mention", "leak", "weak", ("secretword",)),
    Proximity("mode", "mode", "weak", ("mode",)),
    Proximity("mode-name", "mode-name", "weak", ("modename",)),
    Proximity("mode-lift", "mode", "strong", ("lift", "restrict", "yours"), 50),
    Proximity("mode-name-you", "mode", "strong", ("younow", "modename"), 60),
    Proximity("mode-you", "mode", "strong", ("younow", "mode"), 80),
    Proximity("mode-persona", "mode", "strong", ("younow", "persona"), 40),
    Proximity("mode-pretend", "mode", "strong", ("pretend", "lift", "restrict"), 100),
    Proximity("new", "new-instructions", "weak", ("new",)),
    Proximity("respond", "hijack", "weak", ("respond",)),
    Proximity("ai", "ai-addressed", "weak", ("ai",)),
    Proximity("ai-address", "ai-addressed", "strong", ("addr", "ai"), 32),
    Proximity("self", "self-reference", "weak", ("self",)),
    Proximity("topic", "topic", "weak", ("topic",)),
)


def canonical_phrase(phrase: str) -> str:
    """The canonical form the detector gives text (see `normalize.canonical`): NFKC, casefold, the Turkish
    combining dot removed, Romanian cedilla s/t as comma-below, single spaces."""
    p = unicodedata.normalize("NFKC", phrase).casefold().replace("\u0307", "")
    return " ".join(p.replace("ş", "ș").replace("ţ", "ț").split())


def class_phrases() -> list[tuple[str, bytes]]:
    """(class, phrase as UTF-8 bytes) for every lexicon and cue phrase, deduplicated; matched as literals.

    A phrase that starts with an ASCII letter must start a word (checked on each hit): "all" is no hit
    inside "install". Endings stay open so that stems cover inflections, except for phrases of three
    letters or fewer in a script written with spaces ("ai", "ki", "ии"), which must be whole words.
    """
    seen: set[tuple[str, bytes]] = set()
    out = []

    def add(cls: str, phrase: str) -> None:
        data = canonical_phrase(phrase).encode()
        if cls == "mode" and any(w in phrase for w in _MODE_WORDS) and not any(w in phrase for w in _ATTACK_MODES):
            cls = "modename"
        if data and (cls, data) not in seen:
            seen.add((cls, data))
            out.append((cls, data))

    for lex in LEXICON.values():
        for cls in CLASSES:
            for phrase in lex.get(cls, ()):  # type: ignore[attr-defined]
                add(cls, phrase)
    for cls, table in (("addr", cues.ADDR), ("ai", cues.AI), ("self", cues.SELF), ("topic", cues.TOPIC),
                       ("younow", cues.YOUNOW), ("yours", cues.YOURS), ("priorall", cues.PRIOR_ALL)):
        for phrases in table.values():
            for phrase in phrases:
                add(cls, phrase)
    for phrase in cues.PERSONAS:
        add("persona", phrase)
    # "KI-Assistent: ...", "AI助手：...": a compound AI word followed by a colon addresses it. Bare role words
    # ("Assistant:", "Asistente:") label chat transcripts, and bare "AI:" / "KI:" are headlines: neither counts.
    for cls, data in list(out):
        word = data.decode()
        if cls == "ai" and any(t in word for t in _AI_TOKENS) and any(t in word for t in _ASSISTANT_TOKENS):
            add("addr", word + ":")
            add("addr", word + " :")
    return out


def spaced_script(text: str) -> bool:
    """Latin, Greek or Cyrillic: scripts that separate words with spaces (word boundaries can be checked)."""
    return all(ch.isascii() or "\u00c0" <= ch <= "\u04ff" for ch in text)


def whole_word(phrase: bytes, cls: str = "") -> bool:
    """Phrases that must match whole words: short ones ("ai" is not in "aim") and those of END_WORD classes."""
    text = phrase.decode()
    return (len(text) <= 3 or cls in END_WORD) and spaced_script(text) and text[-1:].isalnum()
