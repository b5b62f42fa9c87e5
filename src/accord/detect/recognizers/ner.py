"""Optional NER backend: PERSON / LOCATION / ORGANIZATION from a spaCy model the user installed.

Not registered by default (the gazetteer recognizer needs no model). Add it to a registry when spaCy and a
model are installed locally; nothing is downloaded:

    registry = RecognizerRegistry.with_builtins()
    registry.add(SpacyRecognizer("en_core_web_sm"))
    engine = Engine(registry=registry)
"""

from __future__ import annotations

import importlib
from typing import Any

from accord.detect.types import Entity

#: spaCy label -> our entity type.
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "ORG": "ORGANIZATION"}


def available() -> bool:
    try:
        importlib.import_module("spacy")
    except ImportError:
        return False
    return True


class SpacyRecognizer:
    name = "ner_spacy"
    entities = ("PERSON", "LOCATION", "ORGANIZATION")

    def __init__(self, model: str | Any, score: float = 0.75) -> None:
        if isinstance(model, str):
            spacy = importlib.import_module("spacy")
            # Only the NER pipe is needed; the others cost time on every call.
            model = spacy.load(model, exclude=["parser", "lemmatizer", "textcat"])
        self._nlp = model
        self._score = score

    def analyze(self, text: str) -> list[Entity]:
        doc = self._nlp(text)
        return [
            Entity(LABELS[ent.label_], ent.start_char, ent.end_char, self._score, None, self.name)
            for ent in doc.ents
            if ent.label_ in LABELS
        ]
