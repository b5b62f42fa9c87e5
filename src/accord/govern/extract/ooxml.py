"""What docx, xlsx and pptx share: the zip container, encryption, and sensitivity-label metadata.

Encrypted Office files are not zips but OLE compound files holding an EncryptedPackage stream;
msoffcrypto-tool tells them apart from legacy binary formats (.doc/.xls saved as .docx).
Microsoft Purview (MIP) labels live in `docProps/custom.xml` as `MSIP_Label_<id>_Enabled` and
`MSIP_Label_<id>_Name` custom properties; newer files also list label ids in `docMetadata/LabelInfo.xml`.
"""

from __future__ import annotations

import io
import re
import zipfile

import msoffcrypto
from lxml import etree

from accord.govern.extract.base import CORRUPT, ENCRYPTED, UNSUPPORTED, ExtractError
from accord.govern.types import ExistingLabel

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_MSIP = re.compile(r"^MSIP_Label_([0-9A-Fa-f-]+)_(Enabled|Name)$")


def check_container(data: bytes, name: str) -> None:
    """Raise ExtractError unless `data` is an unencrypted OOXML zip."""
    if data.startswith(OLE_MAGIC):
        try:
            encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
        except Exception:  # any failure to parse the OLE file means "not ours to read"
            encrypted = False
        if encrypted:
            raise ExtractError(ENCRYPTED, f"{name}: encrypted (password-protected) Office file")
        raise ExtractError(UNSUPPORTED, f"{name}: legacy binary Office format; save it as OOXML to scan it")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractError(CORRUPT, f"{name}: not a valid Office Open XML (zip) file")


def msip_labels(data: bytes) -> list[ExistingLabel]:
    """Enabled MIP sensitivity labels, by name (or by id when only LabelInfo.xml names them)."""
    out: list[ExistingLabel] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            custom = zf.read("docProps/custom.xml") if "docProps/custom.xml" in names else None
            info = zf.read("docMetadata/LabelInfo.xml") if "docMetadata/LabelInfo.xml" in names else None
    except (zipfile.BadZipFile, KeyError, OSError):
        return out
    labels: dict[str, dict[str, str]] = {}
    if custom:
        try:
            root = etree.fromstring(custom, _PARSER)
        except etree.XMLSyntaxError:
            root = None
        for prop in root.iter("{*}property") if root is not None else ():
            m = _MSIP.match(prop.get("name", ""))
            if m:
                labels.setdefault(m.group(1).lower(), {})[m.group(2)] = "".join(prop.itertext()).strip()
    for attrs in labels.values():
        if attrs.get("Enabled", "").lower() == "true" and attrs.get("Name"):
            out.append(ExistingLabel("msip", attrs["Name"]))
    if not out and info:
        try:
            root = etree.fromstring(info, _PARSER)
            for el in root.iter("{*}label"):
                if el.get("enabled") in ("1", "true") and el.get("id"):
                    out.append(ExistingLabel("msip", el.get("id", "").strip("{}").lower()))
        except etree.XMLSyntaxError:
            pass
    return out
