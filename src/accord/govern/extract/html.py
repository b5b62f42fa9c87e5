"""HTML: visible text, plus the text a reader never sees, each kept apart.

Hidden text is where indirect prompt injection hides: comments, elements styled invisible
(`display:none`, `visibility:hidden`, `font-size:0`, `opacity:0`, off-screen), the `hidden`
attribute, and text coloured like its background (white on white). Styles are read from `style`
attributes and from simple `<style>` rules (`.class`, `#id`, `tag`, `tag.class`).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning

from accord.govern.extract.base import decode_text
from accord.govern.types import ExistingLabel, Extracted, HiddenSignal, Segment

_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_WHITE = {"white", "#fff", "#ffffff", "#fffffe", "rgb(255,255,255)", "rgba(255,255,255,1)", "hsl(0,0%,100%)"}
_ZERO = re.compile(r"^-?0*\.?0*(px|pt|em|rem|%|vw|vh)?$")
_OFFSCREEN = re.compile(r"^-\d{4,}(\.\d+)?(px|pt|em|rem)?$")
_LABEL_META = ("classification", "sensitivity", "data-classification")


def _decls(style: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in style.split(";"):
        prop, sep, value = part.partition(":")
        if sep:
            out[prop.strip().lower()] = re.sub(r"\s+", "", value.strip().lower().replace("!important", ""))
    return out


def _stylesheet(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    """Declarations per simple selector from `<style>` blocks (complex selectors are ignored)."""
    rules: dict[str, dict[str, str]] = {}
    for style in soup.find_all("style"):
        for selectors, body in _RULE.findall(style.get_text()):
            decls = _decls(body)
            for sel in selectors.split(","):
                sel = sel.strip().lower()
                if re.fullmatch(r"[a-z0-9]*(?:[.#][\w-]+)?", sel) and sel:
                    rules.setdefault(sel, {}).update(decls)
    return rules


def _element_decls(el: Tag, rules: dict[str, dict[str, str]]) -> dict[str, str]:
    decls: dict[str, str] = {}
    name = el.name.lower()
    classes: Any = el.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    keys = [name] + [f".{c.lower()}" for c in classes] + [f"{name}.{c.lower()}" for c in classes]
    ident = el.get("id")
    if isinstance(ident, str):
        keys.append(f"#{ident.lower()}")
    for key in keys:
        decls.update(rules.get(key, {}))
    style = el.get("style")
    if isinstance(style, str):
        decls.update(_decls(style))
    return decls


def _background(el: Tag, rules: dict[str, dict[str, str]]) -> str | None:
    node: Tag | None = el
    while node is not None and node.name not in (None, "[document]"):
        d = _element_decls(node, rules)
        bg = d.get("background-color") or d.get("background")
        if not bg:
            attr = node.get("bgcolor")
            bg = attr.lower() if isinstance(attr, str) else None
        if bg:
            return bg
        node = node.parent
    return None


def _hidden_kind(el: Tag, rules: dict[str, dict[str, str]]) -> str | None:
    if el.has_attr("hidden"):
        return "html-hidden-attribute"
    d = _element_decls(el, rules)
    if d.get("display") == "none":
        return "css-display-none"
    if d.get("visibility") in ("hidden", "collapse"):
        return "css-visibility-hidden"
    if "font-size" in d and _ZERO.match(d["font-size"]):
        return "css-font-size-0"
    if "opacity" in d and _ZERO.match(d["opacity"]):
        return "css-opacity-0"
    if any(_OFFSCREEN.match(d.get(p, "")) for p in ("left", "top", "text-indent", "margin-left")):
        return "css-offscreen"
    color = d.get("color")
    if color:
        bg = _background(el, rules)
        if color in _WHITE and (bg is None or bg in _WHITE):
            return "white-text"
        if bg is not None and bg == color:
            return "same-color-text"
    return None


def extract_html(html: str) -> Extracted:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    out = Extracted(html=html)
    for meta in soup.find_all("meta"):
        name = meta.get("name")
        content = meta.get("content")
        if (
            isinstance(name, str)
            and name.lower() in _LABEL_META
            and isinstance(content, str)
            and content.strip()
        ):
            out.labels.append(ExistingLabel("html-meta", content.strip()))
    rules = _stylesheet(soup)

    n = 0
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        text = str(comment).strip()
        comment.extract()
        if text:
            n += 1
            where = {"part": "hidden", "kind": "html-comment", "index": n}
            out.segments.append(Segment(text, where, hidden=True))
            out.hidden.append(HiddenSignal("html-comment", {"index": n}, len(text)))
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    n = 0
    for el in soup.find_all(True):
        if el.decomposed:
            continue
        kind = _hidden_kind(el, rules)
        if kind is None:
            continue
        text = el.get_text(" ", strip=True)
        element = el.name
        el.decompose()
        if text:
            n += 1
            where = {"part": "hidden", "kind": kind, "element": element, "index": n}
            out.segments.append(Segment(text, where, hidden=True))
            out.hidden.append(HiddenSignal(kind, {"element": element, "index": n}, len(text)))
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    visible = "\n".join(line for line in lines if line)
    out.segments.insert(0, Segment(visible, {"part": "body"}))
    return out


class HtmlExtractor:
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def extract(self, data: bytes, name: str) -> Extracted:
        return extract_html(decode_text(data))
