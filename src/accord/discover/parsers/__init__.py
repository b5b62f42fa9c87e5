"""Log parsers: a registry of `LogParser`s and format auto-detection.

Built-in parsers are registered exactly like a third-party one would be:

    registry = ParserRegistry()
    registry.register(MyParser())        # any object with name, family, description, sniff, parse, native
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from accord.discover.parsers.base import IGNORED, BadLine, BaseParser, Event, LogParser, Record, host_of
from accord.discover.parsers.cef import Cef
from accord.discover.parsers.fortigate import FortiGate
from accord.discover.parsers.generic import GenericCsv, GenericJsonl, parse_mapping
from accord.discover.parsers.paloalto import PaloAlto
from accord.discover.parsers.squid import SquidCommon, SquidNative
from accord.discover.parsers.umbrella import UmbrellaDns, UmbrellaProxy
from accord.discover.parsers.zeek import ZeekJson, ZeekTsv
from accord.discover.parsers.zscaler import ZscalerCsv, ZscalerJson
from accord.errors import InputError

__all__ = [
    "IGNORED",
    "BadLine",
    "BaseParser",
    "Event",
    "LogParser",
    "ParserRegistry",
    "Record",
    "default_parsers",
    "default_registry",
    "host_of",
    "parse_mapping",
]

#: Below this confidence no parser is chosen.
MIN_CONFIDENCE = 0.5


def default_parsers(mapping: Mapping[str, str] | None = None) -> list[LogParser]:
    return [
        SquidNative(),
        SquidCommon(),
        ZscalerCsv(),
        ZscalerJson(),
        PaloAlto(),
        UmbrellaDns(),
        UmbrellaProxy(),
        ZeekTsv(),
        ZeekJson(),
        FortiGate(),
        Cef(),
        GenericCsv(mapping),
        GenericJsonl(mapping),
    ]


class ParserRegistry:
    def __init__(self, parsers: Iterable[LogParser] = ()) -> None:
        self._parsers: dict[str, LogParser] = {}
        for p in parsers:
            self.register(p)

    def register(self, parser: LogParser) -> None:
        if parser.name in self._parsers:
            raise ValueError(f"a parser named {parser.name!r} is already registered")
        self._parsers[parser.name] = parser

    def __iter__(self):
        return iter(self._parsers.values())

    def names(self) -> list[str]:
        return list(self._parsers)

    def formats(self) -> list[str]:
        """Every value `--format` accepts: auto, the families, then the parser names."""
        families = [p.family for p in self._parsers.values()]
        out = ["auto"]
        for name in (*families, *self._parsers):
            if name not in out:
                out.append(name)
        return out

    def supported_text(self) -> str:
        return ", ".join(self.formats())

    def candidates(self, fmt: str) -> list[LogParser]:
        """Parsers `--format fmt` may mean: all (auto), a family's members, or the one named."""
        if fmt == "auto":
            return list(self._parsers.values())
        members = [p for p in self._parsers.values() if p.family == fmt]
        if len(members) > 1:
            return members
        if fmt in self._parsers:
            return [self._parsers[fmt]]
        if not members:
            raise InputError(f"unknown log format {fmt!r}", hint=f"supported formats: {self.supported_text()}")
        return members

    def resolve(self, fmt: str, head: Sequence[str], *, source: str = "input") -> LogParser:
        """The parser for `fmt` (a name, a family, or auto) given the file's first lines."""
        cands = self.candidates(fmt)
        if len(cands) == 1 and fmt != "auto":
            return cands[0]
        scored = sorted(((p.sniff(head), i, p) for i, p in enumerate(cands)), key=lambda t: (-t[0], t[1]))
        if scored and scored[0][0] >= MIN_CONFIDENCE:
            return scored[0][2]
        if fmt in self._parsers:  # a family named like one of its members: that member, as asked
            return self._parsers[fmt]
        what = "the log format" if fmt == "auto" else f"which {fmt} format"
        raise InputError(
            f"{source}: cannot recognise {what} from its first lines",
            hint=f"pass --format; supported formats: {self.supported_text()} (csv/jsonl take --map FIELD=COLUMN)",
        )


def default_registry(mapping: Mapping[str, str] | None = None) -> ParserRegistry:
    return ParserRegistry(default_parsers(mapping))
