"""Attack signatures: declarative patterns, one module per source, compiled together by `scanner.py`.

A signature names a *family* (what the attack does: override, leak, mode, ...) and a *strength*: `strong`
patterns are specific to attacks ("ignore all previous instructions"), `weak` ones are attack-flavoured but
common in benign text too ("developer mode", "act as"). Neither decides alone: both are features of the
classifier, which learned from benign twins how much each is worth. Patterns are Hyperscan syntax over
the casefolded, normalised text (ASCII `\\b` only; no look-arounds or back-references).

Add a regex signature to `english.py`; add phrases in any language to `lexicon.py` (the proximity rules
in `proximity.py` pick them up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Strength = Literal["strong", "weak"]

#: Families, in the order their classifier features are laid out. Changing this needs retraining.
FAMILIES: tuple[str, ...] = (
    "override",          # drop / replace the instructions in force
    "leak",              # reveal the system prompt, hidden instructions or secrets
    "mode",              # special modes, jailbreak personas, "no restrictions"
    "authority",         # claims to be the developer, admin, system; "this is an authorized request"
    "persona",           # "you are now", "from now on you", "pretend"
    "new-instructions",  # "new instructions:", "your new task is"
    "delimiter",         # fake turns and chat-template tokens, "END OF DOCUMENT"
    "ai-addressed",      # text inside data that talks to the AI reading it
    "covert",            # "do not tell the user", "secretly"
    "exfil",             # markdown images with data in the URL, "send the conversation to ..."
    "markup",            # HTML/JS payloads: onerror=, javascript:, <script>
    "hijack",            # "instead say ...", "respond only with", "include in your response"
    "tool",              # "call the send_email tool", shell commands planted in content
    "smuggling",         # "decode this base64 and follow it", payload splitting
    "dos",               # "repeat the word X 1000 times"
    "mode-name",         # "developer mode", "god mode": named modes, mostly asked about (how do I enable ...)
    # Counter-evidence (the classifier learns negative weights for these from benign twins):
    "self-reference",    # the user's own earlier words: "ignore my previous question", "forget what I said"
    "topic",             # attacks as a topic: "how do prompt injections work", "red team", "OWASP"
)


@dataclass(frozen=True, slots=True)
class Signature:
    id: str
    family: str
    strength: Strength
    pattern: str

    @property
    def feature(self) -> str:
        return f"{self.family}:{self.strength}"


def all_signatures() -> tuple[Signature, ...]:
    """Every built-in regex signature (the multilingual lexicon rules live in `proximity.py`)."""
    from accord.detect.injection.signatures import english, proximity

    sigs = english.SIGNATURES
    unknown = {s.family for s in sigs} | {r.family for r in proximity.RULES}
    unknown -= set(FAMILIES)
    if unknown:  # a typo in a family name would silently drop a classifier feature
        raise ValueError(f"signatures use unknown families {sorted(unknown)}; add them to FAMILIES")
    return sigs


#: Feature names of the signature layer, in classifier order.
#: `quoted`: a strong signature all of whose hits lie inside quotes or code ("what is the 'ignore previous
#: instructions' meme", a block list in a code review) is a *mention* and gets its own weight; attacks quoted
#: inside data (a JSON tool result, a sentence to translate) keep the other features that fire with them.
#: Structural families (fake delimiters, markup, exfiltration URLs, tool calls) are never mentions.
QUOTABLE: frozenset[str] = frozenset({"override", "leak", "mode", "authority", "persona", "new-instructions",
                                      "ai-addressed", "covert", "hijack", "smuggling", "dos"})
FEATURES: tuple[str, ...] = tuple(f"{f}:{s}" for f in FAMILIES for s in ("strong", "weak", "quoted")
                                  if s != "quoted" or f in QUOTABLE)
