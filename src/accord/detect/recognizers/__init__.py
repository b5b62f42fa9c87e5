"""Built-in recognizers, registered exactly like third-party ones (`RecognizerRegistry.add`).

Each module declares `RECOGNIZER` (or `RECOGNIZERS`); `BUILTIN_MODULES` is the list the default
registry loads, in the same way a plugin list would be read.
"""

from __future__ import annotations

import importlib

from accord.detect.types import Recognizer

BUILTIN_MODULES: tuple[str, ...] = (
    "email",
    "phone",
    "credit_card",
    "iban",
    "us_ssn",
    "ip_address",
    "url",
    "us_bank",
    "us_passport",
    "us_driver_license",
    "uk_nhs",
    "national_ids",
    "date_of_birth",
    "names:NamesRecognizer",
    "street_address:StreetAddressRecognizer",
)


def builtin_recognizers() -> list[Recognizer]:
    out: list[Recognizer] = []
    for spec in BUILTIN_MODULES:
        module_name, _, cls_name = spec.partition(":")
        mod = importlib.import_module(f"{__name__}.{module_name}")
        if cls_name:
            out.append(getattr(mod, cls_name)())
        elif hasattr(mod, "RECOGNIZERS"):
            out.extend(mod.RECOGNIZERS)
        else:
            out.append(mod.RECOGNIZER)
    return out
