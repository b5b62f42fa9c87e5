"""National identifiers that have a checksum (validated with python-stdnum, or inline where it has none).

Each row is a recognizer: entity, candidate pattern, validator, context words. Shapes like nine plain
digits are shared by several countries, so those need their country's words nearby; formats with a
distinctive shape (codice fiscale, PAN, NIR) fire on their own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import digits_of


def _stdnum(module: str) -> Callable[[str], bool]:
    mod = importlib.import_module(f"stdnum.{module}")

    def check(value: str) -> bool:
        try:
            return bool(mod.is_valid(value))
        except Exception:  # stdnum raises on odd input in a few modules; treat as invalid
            return False

    return check


def _au_medicare(value: str) -> bool:
    d = digits_of(value)
    if len(d) not in (10, 11) or d[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    return sum(int(a) * w for a, w in zip(d[:8], weights, strict=True)) % 10 == int(d[8])


def _sg_nric(value: str) -> bool:
    v = value.upper()
    weights = (2, 7, 6, 5, 4, 3, 2)
    total = sum(int(c) * w for c, w in zip(v[1:8], weights, strict=True))
    if v[0] in "TG":
        total += 4
    elif v[0] == "M":
        total += 3
    if v[0] in "ST":
        table = "JZIHGFEDCBA"
    elif v[0] in "FG":
        table = "XWUTRQPNMLK"
    else:
        table = "XWUTRQPNJLK"
    return table[total % 11] == v[8]


def _row(
    name: str, entity: str, regex: str, score: float, check: Callable[[str], bool], context: tuple[str, ...]
) -> PatternRecognizer:
    return PatternRecognizer(
        name=name,
        entity=entity,
        patterns=(Pattern(name, regex, score),),
        validator=check,
        context=context,
        context_boost=0.4,
    )


RECOGNIZERS = (
    _row("de_tax_id", "DE_TAX_ID", r"\b\d{2} ?\d{3} ?\d{3} ?\d{3}\b", 0.15, _stdnum("de.idnr"),
         ("steuer-id", "steueridentifikationsnummer", "steuerid", "idnr", "tax id", "identifikationsnummer")),
    _row("fr_nir", "FR_NIR", r"\b[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b",
         0.5, _stdnum("fr.nir"), ("sécurité sociale", "securite sociale", "nir", "numéro de sécu", "insee")),
    _row("es_nif", "ES_NIF", r"\b(?:\d{8}|[XYZxyz]\d{7})[ \-]?[A-Za-z]\b", 0.45, _stdnum("es.nif"),
         ("dni", "nie", "nif", "documento", "identidad")),
    # Upper case only (as issued): a letter class at the start of a pattern is costly to scan for.
    _row("it_fiscal_code", "IT_FISCAL_CODE",
         r"\b[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]\b", 0.6, _stdnum("it.codicefiscale"),
         ("codice fiscale", "cf", "fiscal code", "tessera sanitaria")),
    _row("nl_bsn", "NL_BSN", r"\b\d{4}\.?\d{2}\.?\d{3}\b", 0.1, _stdnum("nl.bsn"),
         ("bsn", "burgerservicenummer", "sofinummer", "citizen service number")),
    _row("in_aadhaar", "IN_AADHAAR", r"\b[2-9]\d{3}[ \-]?\d{4}[ \-]?\d{4}\b", 0.35, _stdnum("in_.aadhaar"),
         ("aadhaar", "aadhar", "uidai", "uid")),
    _row("in_pan", "IN_PAN", r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b", 0.55, _stdnum("in_.pan"),
         ("pan", "permanent account number", "income tax")),
    _row("sg_nric", "SG_NRIC_FIN", r"\b[STFGM][0-9]{7}[A-Z]\b", 0.5, _sg_nric, ("nric", "fin", "ic number", "singapore")),
    _row("au_tfn", "AU_TFN", r"\b\d{3} ?\d{3} ?\d{2,3}\b", 0.1, _stdnum("au.tfn"), ("tfn", "tax file number")),
    _row("au_medicare", "AU_MEDICARE", r"\b[2-6]\d{3} ?\d{5} ?\d{1,2}\b", 0.15, _au_medicare, ("medicare",)),
    _row("ca_sin", "CA_SIN", r"\b\d{3}[ \-]?\d{3}[ \-]?\d{3}\b", 0.1, _stdnum("ca.sin"),
         ("sin", "social insurance", "numéro d'assurance sociale", "nas")),
    _row("br_cpf", "BR_CPF", r"\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b", 0.4, _stdnum("br.cpf"), ("cpf", "cadastro")),
    _row("pl_pesel", "PL_PESEL", r"\b\d{11}\b", 0.1, _stdnum("pl.pesel"), ("pesel",)),
    _row("se_personnummer", "SE_PERSONNUMMER", r"\b(?:\d{2})?\d{6}[\-+]\d{4}\b", 0.35, _stdnum("se.personnummer"),
         ("personnummer", "personnr")),
    _row("dk_cpr", "DK_CPR", r"\b\d{6}-?\d{4}\b", 0.1, _stdnum("dk.cpr"), ("cpr", "cpr-nummer", "personnummer")),
    _row("fi_hetu", "FI_PERSONAL_IDENTITY_CODE", r"\b[0-9]{6}[\-+ABCDEFUVWXY][0-9]{3}[0-9A-Y]\b", 0.5,
         _stdnum("fi.hetu"), ("henkilötunnus", "hetu", "personal identity code")),
)
