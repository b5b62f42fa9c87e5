"""The recognizer registry: which recognizers an engine runs. Built-ins are added like plugins."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from accord.detect.types import Recognizer


class RecognizerRegistry:
    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._by_name: dict[str, Recognizer] = {}
        for r in recognizers:
            self.add(r)

    @classmethod
    def with_builtins(cls) -> RecognizerRegistry:
        from accord.detect.recognizers import builtin_recognizers

        return cls(builtin_recognizers())

    def add(self, recognizer: Recognizer) -> None:
        if not isinstance(recognizer, Recognizer):
            raise TypeError(f"{recognizer!r} does not implement the Recognizer protocol (name, entities, analyze)")
        if recognizer.name in self._by_name:
            raise ValueError(f"a recognizer named {recognizer.name!r} is already registered")
        self._by_name[recognizer.name] = recognizer

    def remove(self, name: str) -> None:
        self._by_name.pop(name, None)

    def get(self, name: str) -> Recognizer:
        return self._by_name[name]

    def names(self) -> list[str]:
        return list(self._by_name)

    def entities(self) -> set[str]:
        return {e for r in self._by_name.values() for e in r.entities}

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)
