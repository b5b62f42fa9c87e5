"""Where a name may start: the Hyperscan triggers and literal sets the names recognizer is scanned with.

A trigger must be rare in ordinary text (logs, code, prose): a capitalised word alone is not one. Each
trigger says where its capitalised word starts (`WORD_AT`): at the match start, or at its last byte
(the upper-case letter after a cue).
"""

from __future__ import annotations

import re

from accord.detect.gazetteer import COMMON, COUNTRY, FIRST, REGION, STOPWORDS, TITLES, Gazetteer
from accord.detect.recognizers import email
from accord.detect.recognizers.base import Literals, Pattern
from accord.detect.recognizers.charclass import HS_UPPER

# Words before a name ("Dear Ana", "my name is Ana", "patient Ana", "Thanks,\\nAna"). Frequent words
# ("with", "from", "and", "is") would make every proper noun a candidate: names after them are found
# through the first-name list instead.
PERSON_CUES = (
    "my name is", "name is", "names are", "i am", "i'm", "this is", "dear", "hi", "hello", "hey", "thanks",
    "thank you", "regards", "best", "sincerely", "cheers", "yours", "name", "named", "called", "signed",
    "attn", "contact", "patient", "customer", "client", "employee", "colleague",
    "manager", "friend", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
    "lawyer", "doctor", "nurse", "candidate", "applicant", "tenant", "owner", "driver", "author", "spouse",
    "partner", "boss", "kid", "child", "written by", "played by", "spoke to", "talked to", "assigned to",
    "approved by", "requested by", "reported by", "ask", "tell", "told", "met", "meet", "ping", "from:",
    "to:", "cc:", "said", "says", "asked", "contact:", "emailed", "called by", "call me", "calls me",
    "maiden name is", "last name is", "name?", "kid", "starring", "directed by", "features", "reporter:",
    "reported by", "holder", "account holder", "reply to", "request for", "contact is", "contact person",
    "assignee:", "owner:", "requester:", "requested by", "attention", "welcome",
)
#: Cues strong enough to call an unknown lower-case word a name ("my name is lena").
LOWER_CUES = ("my name is", "name is", "call me", "calls me", "i'm", "i am", "this is", "maiden name is",
              "name:")
# Words after a name ("Ana said", "Ana's").
PERSON_AFTER = (
    "said", "says", "wrote", "writes", "lives", "lived", "was born", "who", "asked", "asks", "works",
    "worked", "joined", "told", "reported", "shouted", "explained", "replied", "spent", "is from", "was from",
    "is very", "sentenced", "had given", "flew", "visited", "thinks", "believes", "wants", "loves",
    "lives on", "lives at", "lives in", "presented", "owns", "will visit", "visited", "confirmed", "agreed",
)
PLACE_CUES = (
    "lives in", "live in", "living in", "lived in", "based in", "located in", "born in", "moved to",
    "moving to", "relocated to", "city of", "town of", "village of", "traveling to", "travelling to",
    "flight to", "flew to", "trip to", "office in", "offices in", "visit", "visiting", "headquartered in",
    "resident of", "native of",
)
# Surname endings that rarely end an English word (short ones like "-ov" or "-son" would match
# inside every "improv" or "person"; such names are found by the other triggers).
SURNAME_ENDINGS = (
    "ova", "eva", "ovich", "evich", "ovna", "evna", "enko", "ski", "ska", "sky", "skaya", "skiy", "wicz", "czyk",
    "czak", "vić", "ović", "poulos", "opoulou", "akis", "idis", "escu", "sson", "dóttir", "dottir", "shvili",
    "dze", "oglu", "oğlu", "inen", "stein", "mann", "berg", "ová", "ský", "ská", "ucci",
)
ORG_LEADS = ("University", "Bank", "Institute", "College", "School", "Ministry", "Department", "Bureau")

#: Frequent English words: a name that is a proper prefix of one ("Ma" of "Make", "Frida" of "Friday")
#: is looked for only with a boundary character after it, or it would fire inside every such word.
_FREQUENT_EXTRA = """
legal server python string value values version delta alpha beta gamma linux windows android apple google
microsoft amazon update updated marketing market markets product products project projects program programs
process processing manager management monday tuesday wednesday thursday friday saturday sunday march
january february april june july august september october november december notes note error errors
database data date dates default details design developer development documentation document documents
engineering engineer finance follow following general global guide information inside install
integration internal keyword keywords license limit limited list local location login logout manual master
member members message messages method methods module modules monitor network object objects office
online option options order orders output package packages page pages parameter parameters password
payment payments performance platform please policy private production profile property public question
questions quick quote release releases report reports request requests research response result results
return review reviews sales sample schedule script search section security select server service
services session setting settings shipping source standard start status storage store stream summary
support system systems table target task tasks team teams template terms test testing tests ticket time
title today total training transfer type types unit user users value variable video view warning welcome
""".split()

_SPACE_VARIANTS = (" ", ",", ".", "\n", "'", "’", ":")


def _cap(word: str) -> str:
    """'jean-pierre' -> 'Jean-Pierre'; 'bosnia and herzegovina' -> 'Bosnia and Herzegovina'."""
    out = []
    for i, part in enumerate(word.split(" ")):
        keep = i > 0 and part in _LOWER_PARTICLES
        out.append(part if keep else "-".join(p[:1].upper() + p[1:] for p in part.split("-")))
    return " ".join(out)


_LOWER_PARTICLES = frozenset("and of the de del la le da di do dos das von van der den y e et".split())


def _cased(word: str) -> bool:
    return word[:1].upper() != word[:1].lower()


def literal_sets(g: Gazetteer) -> tuple[Literals, ...]:
    """First names and country/region names, capitalised as written in running text."""
    first: list[str] = []
    places: list[str] = []
    common: list[str] = []
    for w, f in g.words.items():  # one pass over the gazetteer (400,000 words)
        if f & FIRST:
            first.append(w)
        if f & (COUNTRY | REGION) and not any(ch.isdigit() for ch in w):
            places.append(w)
        if f & COMMON:
            common.append(w)
    frequent = set(common) | STOPWORDS | set(_FREQUENT_EXTRA)
    prefixes = {w[:i] for w in frequent for i in range(1, len(w))}

    def forms(words: set[str]) -> list[str]:
        out: list[str] = []
        for w in sorted(words):
            if not _cased(w) or len(w) < 2 or w in frequent or w in TITLES or not any(c.isalpha() for c in w):
                continue
            c = _cap(w)
            if len(w) <= 3 or w in prefixes:
                out.extend(c + ch for ch in _SPACE_VARIANTS)
            else:
                out.append(c)
        return out

    return (Literals("first-name", tuple(forms(set(first)))), Literals("place", tuple(forms(set(places)))))


def _alts(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: Company legal forms and words, as they are written (case matters: "AS" is a Norwegian company, "as" a
#: word). Hand-written: the generated lists hold hundreds of rare forms that slow the scan down.
ORG_SUFFIXES = tuple("""
Inc|Inc.|LLC|L.L.C.|Ltd|Ltd.|Limited|Corp|Corp.|Corporation|Co.|Company|PLC|plc|LLP|LP|GmbH|AG|KG|KGaA|OHG|e.V.|
e.G.|mbH|SE|SA|S.A.|SAS|S.A.S.|SARL|S.à r.l.|SRL|S.r.l.|s.r.l.|SpA|SPA|S.p.A.|BV|B.V.|NV|N.V.|Oy|Oyj|AB|AS|ASA|
A/S|ApS|Pty Ltd|Pte Ltd|S.L.|S.L.U.|S.C.|S.Coop.|S.Com.|S.C.P|Ltda|Ltda.|Kft.|Zrt.|Nyrt.|s.r.o.|a.s.|d.o.o.|
Sp. z o.o.|S.A. de C.V.|& Co.|& Sons|and Sons|e figli|et Fils|y asociados|y Asociados|HB|KB|Group|Holdings|
Holding|Partners|Associates|Technologies|Solutions|Systems|Labs|Industries|International|Enterprises|
Ventures|Capital|Consulting|Foundation|Institute|University|Bank|Insurance|Airlines|Motors|
Pharmaceuticals|Groep|Gruppen""".replace("\n", "").split("|"))
# Separators that may follow a cue word before the name.
_CUE_SEPS = (" ", ",", ":", ", ", ": ", ",\n", ":\n", "\n", ",\r\n", "\r\n")
_WORD_END = "[ ,.\n;:)'’!?]"


#: The separators spelled out with each cue word; the rarer ones follow the list of words as a group.
_CUE_SEPS_SPELLED = (" ", ",", ":", ", ", ": ")


def _cue(words: tuple[str, ...] | list[str]) -> str:
    r"""Cue words, a separator, then an upper-case letter. Spelled out as literals with their common
    separators ("dear ", "regards, "): longer literals keep Hyperscan's literal filter selective. The
    rarer separators (",\n", "\r\n"...) follow the word list as a group: spelling those out too made
    the database take twice as long to compile for no faster scan."""
    rare = [sep for sep in _CUE_SEPS if sep not in _CUE_SEPS_SPELLED]
    spelled = _alts([w + sep for w in words for sep in _CUE_SEPS_SPELLED])
    return rf"\b(?i:{spelled}|(?:{_alts(words)})(?:{_alts(rare)}))[ \t>]*{HS_UPPER}"


def triggers(g: Gazetteer) -> tuple[Pattern, ...]:
    titles = [t for t in TITLES if len(t) > 1]
    low = r"[a-z\x80-\xff]"
    # No start-of-match tracking (it would cost more than the rest of the scan): the recognizer finds
    # the word from the end of the match (`WORD_AT`).
    return (*(Pattern(name, regex, 0.0, som=False) for name, regex in (
        ("title", rf"\b(?i:{_alts(titles)})(?:\. |\.| ){HS_UPPER}"),
        ("cue", _cue(PERSON_CUES)),
        ("poss", rf"{low}['’]s\b"),
        ("after", rf"{low}(?i:{_alts([' ' + v for v in PERSON_AFTER])}){_WORD_END}"),
        ("morph", rf"{low}(?:{_alts(SURNAME_ENDINGS)}){_WORD_END}"),
        ("org", rf"[a-z\x80-\xff.] (?:{_alts(ORG_SUFFIXES)})(?:[^A-Za-z0-9_\x80-\xff]|$)"),
        ("org-lead", rf"\b(?:{_alts(ORG_LEADS)}) of {HS_UPPER}"),
        ("place-cue", _cue(PLACE_CUES)),
        # "Szabina J Gelencsér", "Faina D. Yefremova": a middle initial between two capitalised words
        ("initial", rf"{low} [A-Z]\.? {HS_UPPER}{low}"),
        # "Krisztián Szöllösy", "Jan Jílek": capitalised words with letters beyond ASCII
        ("accented", rf"{HS_UPPER}{low}*[\xc3-\xc5][\x80-\xbf]{low}* {HS_UPPER}|{HS_UPPER}{low}+ {HS_UPPER}{low}*[\xc3-\xc5][\x80-\xbf]"),
        # a line that is just two or three capitalised words: a letter's or a signature's name line
        ("line", rf"\n[ \t>]*{HS_UPPER}{low}+(?: {HS_UPPER}{low}+){{1,2}}[ \t]*\r?\n"),
        # "Marrero and Murphy", "Rogers and Torres"
        ("and", rf"{low}(?:,? and |,? & ){HS_UPPER}{low}"),
        # a speaker in a dialogue or a transcript: "Ubul: What a wife."
        ("speaker", rf"(?:^|\n)[ \t>]*{HS_UPPER}{low}+:[ \t]"),
        ("lower-cue", rf"\b(?i:{_alts([c + ' ' for c in LOWER_CUES])})[a-z\x80-\xff]"),
    )),
        # A name next to its e-mail address: "Ana Lima <ana@...>", "Ana Lima (ana@...)", "Ana Lima, ana@...".
        # The e-mail recognizer's own expression: the scanner compiles it once and hands each address to
        # both; the recognizer checks what stands before the address.
        Pattern("by-email", email.RECOGNIZER.patterns[0].regex, 0.0, hs_regex=email.HS_EMAIL, som=False))


#: Where the capitalised word of a trigger is: at the match's "last" character (after a cue), or the
#: nearest capitalised word "before" the match end; literal hits start at the word ("start").
WORD_AT = {"title": "last", "cue": "last", "place-cue": "last", "org-lead": "last", "poss": "before",
           "after": "before", "morph": "before", "org": "before", "first-name": "start", "place": "start",
           "initial": "before", "accented": "before", "line": "before", "and": "before", "speaker": "before",
           "lower-cue": "lower", "by-email": "email"}
#: Triggers strong enough to call an unknown capitalised word a name.
STRONG = frozenset({"title", "cue", "after", "speaker", "by-email"})
