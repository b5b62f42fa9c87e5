"""Cheap compiled checks that decide which slow (Python-level) steps are worth running.

Hints run inside the same Hyperscan scans as the signatures, so a prompt with no obfuscation pays
nothing for the decoders: only a hinted text goes through base64 decoding, homoglyph folding, etc.
"""

from __future__ import annotations

from accord.detect.injection.signatures.lexicon import LEXICON

# Greek, Arabic, Hebrew, Indic, Thai, kana, CJK and Hangul letters: spaced out as easily as Latin ones.
_SCRIPTS = "\u0370-\u03ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"
_CONF = "\u0391-\u03c9\u0400-\u04ff\u0500-\u052f\u0531-\u0586\u13a0-\u13f5\u2c80-\u2ce3\ua4d0-\ua4fd\u1d00-\u1d2b"


def _spaced_long(scripts: str) -> str:
    return (f"(?:^|[^A-Za-z{scripts}])[A-Za-z{scripts}](?:[ .\\-_*|/+~,:][A-Za-z{scripts}]){{5}}"
            f"(?:[^A-Za-z{scripts}]|$)")


#: Hints over the raw text (case preserved: base64 and base32 are case-sensitive).
RAW_HINTS: dict[str, str] = {
    "invisible": "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                 "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]",
    "tags": "[\U000e0020-\U000e007e]{2}",
    # Fullwidth letters and digits, mathematical and enclosed letters (not CJK fullwidth punctuation).
    "compat": "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\u2460-\u24ff\U0001f130-\U0001f189]",
    "mixed": f"[A-Za-z][{_CONF}]|[{_CONF}][A-Za-z]",
    "base64": "[A-Za-z0-9+/]{16}",
    "base32": "[A-Z2-7]{16}",
    "hex": "(?:[0-9a-fA-F]{2}){8}|(?:\\\\x[0-9a-fA-F]{2}){4}|(?:[0-9a-fA-F]{2}[ :,]){7}[0-9a-fA-F]{2}",
    "url": "%[0-9a-fA-F]{2}[^%]{0,3}%[0-9a-fA-F]{2}[^%]{0,3}%[0-9a-fA-F]{2}",
    "entity": "&#[xX]?[0-9a-fA-F]{2,6};[^&]{0,3}&#",
    "arabic-marks": "[\u064b-\u065f\u0670\u0640]",
    # Six spaced letters in a row: rare in prose ("U. S. A."), the mark of a spaced-out text.
    "spaced-long": _spaced_long(_SCRIPTS),
}
#: The raw hints ASCII text can trigger, written for ASCII text (no letters of other scripts): the same
#: answers on ASCII input from a database scanned without UTF-8 decoding, a tenth of the size.
RAW_HINTS_ASCII: dict[str, str] = {
    **{name: RAW_HINTS[name] for name in ("base64", "base32", "hex", "url", "entity")},
    "spaced-long": _spaced_long(""),
}

#: Hints over the canonical (casefolded) text.
CANON_HINTS: dict[str, str] = {
    "spaced": f"(?:^|[^a-z\u00e0-\u024f\u0400-\u04ff{_SCRIPTS}])(?:[a-z\u00e0-\u024f\u0400-\u04ff{_SCRIPTS}]"
              f"[ .\\-_*|/\\\\+~\u00b7\u2022,:]){{2}}[a-z\u00e0-\u024f\u0400-\u04ff{_SCRIPTS}]"
              f"(?:[^a-z\u00e0-\u024f\u0400-\u04ff{_SCRIPTS}]|$)",
    "leet": "[a-z][0134579$|]+[a-z]",
}

#: English function words: a view with three or more of them reads as English (used to accept a rot13
#: or reversed reading, and to skip trying those on text that is already plain English).
STOPWORDS: tuple[str, ...] = ("the", "and", "you", "to", "of", "is", "are", "that", "this", "for", "with", "your",
                              "all", "in", "it", "be", "on", "not", "what", "any")

#: Literal cues that locate the interesting parts of a long text (documents, bulk scans).
CUES_EN: tuple[str, ...] = (
    "ignor", "disregard", "forget", "instruction", "prompt", "system", "developer", "jailbreak", "pretend",
    "roleplay", "role-play", "act as", "you are", "you're", "from now on", "reveal", "override", "bypass",
    "restriction", "unrestricted", "unfiltered", "uncensored", "admin", "sudo", "assistant", " ai ", "a.i.",
    "llm", "language model", "chatgpt", "gpt", "dan", "do anything now", "<|", "[inst", "<<sys", "[system",
    "</", "###", "---", "===", "![", "<img", "onerror", "javascript:", "<script", "base64", "decode", "rot13",
    "hex", "password", "secret", "confidential", "instead", "new task", "your task", "your response",
    "your answer", "respond", "reply", "repeat", "print", "send", "forward", "http", "mode", "rules", "guideline",
    "policy", "policies", "previous", "above", "verbatim", "do not tell", "user", "summar", "tool", "function",
    "execute", "concatenate", "pwned", "access granted", "special case", "attention", "important", "note to",
)


def cue_literals() -> list[str]:
    """English cues plus every lexicon phrase of the multilingual signatures (casefolded)."""
    cues = set(CUES_EN)
    for lex in LEXICON.values():
        for key in ("ignore", "rules", "secret", "secretword", "mode", "new", "respond", "ai"):
            for phrase in lex.get(key, ()):  # type: ignore[attr-defined]
                phrase = phrase.strip().casefold()
                if len(phrase.encode()) >= 4:
                    cues.add(phrase)
    return sorted(cues)
