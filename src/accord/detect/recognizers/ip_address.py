"""IP_ADDRESS: IPv4 dotted quads and IPv6 (full, compressed, with embedded v4), checked by `ipaddress`."""

import ipaddress

from accord.detect.recognizers.base import Pattern, PatternRecognizer


def validate(value: str) -> bool | float:
    parts = value.split(".")
    if len(parts) == 4 and "" not in parts and value.isascii() and value.replace(".", "").isdigit():
        # A dotted quad (the common case, thousands in access logs): `ipaddress`'s own rules, inline:
        # octets 0-255 without leading zeros.
        single = True
        for p in parts:
            if len(p) > 1:
                if p[0] == "0" or int(p) > 255:
                    return False
                single = False
        # 1.2.3.4-style versions are dotted quads too: all-single-digit quads need context to count.
        return 0.3 if single else True
    if value[:1] == ":" and value[:2] != "::":
        return False
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return False
    if ip.version == 4:
        # 1.2.3.4-style versions are dotted quads too: all-single-digit quads need context to count.
        return 0.3 if all(len(p) == 1 for p in value.split(".")) else True
    return True


_H = r"[0-9A-Fa-f]{1,4}"
RECOGNIZER = PatternRecognizer(
    name="ip_address",
    entity="IP_ADDRESS",
    patterns=(
        Pattern("ipv4", r"\b(?:\d{1,3}\.){3}\d{1,3}\b", 0.75),
        # No leading \b on the hex patterns: a word boundary before a hex class is slow to scan for;
        # `ipaddress` rejects what a longer hex word would have made wrong.
        Pattern("ipv6-full", rf"(?:{_H}:){{7}}{_H}\b", 0.8, word_start=True),
        Pattern("ipv6-compressed", rf"(?:(?:{_H}:){{1,6}}|::)(?::{_H}){{1,6}}\b", 0.75, word_start=True),
        Pattern("ipv6-trailing", rf"(?:{_H}:){{1,7}}:", 0.6, word_start=True),
        Pattern("ipv6-v4", rf"(?:{_H}:){{1,6}}:?[0-9]{{1,3}}\.[0-9]{{1,3}}\.[0-9]{{1,3}}\.[0-9]{{1,3}}\b", 0.75,
                word_start=True),
    ),
    validator=validate,
    context=("ip", "address", "host", "server", "client", "src", "dst", "from", "ipv4", "ipv6"),
    negative_context=("version", "v.", "release", "build", "firmware"),
    validator_scores=True,
    context_boost=0.2,
)
