"""Parsers in SQL: the fast path for the formats that dominate log volume.

`host` leaves here in raw form (URL authority, Zeek field); `Dialect.host_of` finishes it
after the first aggregation, on distinct values.

Each spec turns a relation with one `line` column into event columns, applying the same
validity rules as the matching Python parser, so a line is parsed, ignored or malformed the
same way on every path (tests compare them line for line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accord.discover.engine.dialect import Dialect, lit

#: Event columns every source produces, in order.
EVENT_COLUMNS = ("ok", "ts", "usr", "device", "host", "dest_ip", "bytes_out", "bytes_in", "kind", "answers")


@dataclass(frozen=True)
class NativeSpec:
    name: str
    #: Lines starting with '#' are headers (not counted).
    skip_comments: bool
    #: (dialect) -> (stages of (alias, expression), each stage seeing the aliases before it;
    #: the event expressions by column)
    build: Callable[[Dialect], tuple[list[list[tuple[str, str]]], dict[str, str]]]

    def select(self, d: Dialect, relation: str) -> str:
        """SELECT producing `line` plus EVENT_COLUMNS from `relation` (which has a `line` column)."""
        stages, cols = self.build(d)
        # Lines are taken as they are (no trimming: it would double the scan cost); the Python
        # parsers do the same, so a line of spaces is malformed on both paths.
        where = "line <> ''"
        if self.skip_comments:
            where += " AND substr(line, 1, 1) <> '#'"
        mid = f"SELECT line FROM {relation} WHERE {where}"
        for stage in stages:
            mid = f"SELECT *, {', '.join(f'{expr} AS {alias}' for alias, expr in stage)} FROM ({mid})"
        # Every expression once (not once per CASE), then NULL out the columns of bad lines.
        computed = ", ".join(f"{cols[c]} AS {c}" for c in EVENT_COLUMNS)
        mid = f"SELECT line, {computed} FROM ({mid})"
        out = ["ok", *(f"CASE WHEN ok THEN {c} END AS {c}" for c in EVENT_COLUMNS[1:])]
        return f"SELECT line, {', '.join(out)} FROM ({mid})"


def _nz(expr: str, *empties: str) -> str:
    values = ", ".join(lit(e) for e in (*empties, ""))
    return f"CASE WHEN {expr} IN ({values}) THEN NULL ELSE {expr} END"


def squid_native_spec() -> NativeSpec:
    def build(d: Dialect) -> tuple[list[list[tuple[str, str]]], dict[str, str]]:
        p = "p"
        ok = (
            f"({d.size(p)} >= 10 AND {d.dbl(d.at(p, 1))} IS NOT NULL AND {d.uint(d.at(p, -6))} IS NOT NULL"
            f" AND instr({d.at(p, -7)}, '/') > 0 AND {d.at(p, -4)} <> '')"
        )
        return [[("p", d.split("line", " "))]], {
            "ok": ok,
            "ts": d.dbl(d.at(p, 1)),
            "usr": _nz(d.at(p, -3), "-"),
            "device": d.at(p, -8),
            "host": d.authority(d.at(p, -4)),
            "dest_ip": "CAST(NULL AS VARCHAR(255))",
            "bytes_out": "CAST(0 AS BIGINT)",
            "bytes_in": d.uint(d.at(p, -6)),
            "kind": "'web'",
            "answers": "CAST(NULL AS VARCHAR(255))",
        }

    return NativeSpec("squid", False, build)


def squid_common_spec() -> NativeSpec:
    def build(d: Dialect) -> tuple[list[list[tuple[str, str]]], dict[str, str]]:
        q = [("q", d.split("line", '"'))]
        ars = [
            ("a", d.split(f"trim({d.at('q', 1)})", " ")),
            ("r", d.split(d.at("q", 2), " ")),
            ("s", d.split(f"trim({d.at('q', 3)})", " ")),
        ]
        ts = d.clf_epoch(f"concat(substr({d.at('a', 4)}, 2), ' ', replace({d.at('a', 5)}, ']', ''))")
        ok = (
            f"({d.size('q')} >= 3 AND {d.size('a')} >= 5 AND {d.size('r')} >= 2 AND {d.size('s')} >= 2"
            f" AND {ts} IS NOT NULL AND {d.uint(d.at('s', 1))} IS NOT NULL)"
        )
        return [q, ars], {
            "ok": ok,
            "ts": ts,
            "usr": _nz(d.at("a", 3), "-"),
            "device": d.at("a", 1),
            "host": d.authority(d.at("r", 2)),
            "dest_ip": "CAST(NULL AS VARCHAR(255))",
            "bytes_out": "CAST(0 AS BIGINT)",
            "bytes_in": f"COALESCE({d.uint(d.at('s', 2))}, 0)",
            "kind": "'web'",
            "answers": "CAST(NULL AS VARCHAR(255))",
        }

    return NativeSpec("squid-common", False, build)


def zeek_tsv_spec(fields: Sequence[str], kind: str) -> NativeSpec:
    index = {name: i + 1 for i, name in enumerate(fields)}
    n = len(fields)

    def build(d: Dialect) -> tuple[list[list[tuple[str, str]]], dict[str, str]]:
        def f(name: str) -> str:
            return _nz(d.at("p", index[name]), "-", "(empty)") if name in index else "CAST(NULL AS VARCHAR(255))"

        def num(name: str) -> str:
            return f"COALESCE({d.uint(f(name))}, 0)" if name in index else "CAST(0 AS BIGINT)"

        null = "CAST(NULL AS VARCHAR(255))"
        cols = {
            "ok": f"({d.size('p')} = {n} AND {d.dbl(d.at('p', index['ts']))} IS NOT NULL)",
            "ts": d.dbl(d.at("p", index["ts"])),
            "usr": null,
            "device": f("id.orig_h"),
            "host": null,
            "dest_ip": f("id.resp_h"),
            "bytes_out": "CAST(0 AS BIGINT)",
            "bytes_in": "CAST(0 AS BIGINT)",
            "kind": lit(kind),
            "answers": null,
        }
        if kind == "dns":
            cols.update(host=f("query"), dest_ip=null, answers=f("answers"))
        elif kind == "tls":
            cols.update(host=f("server_name"))
        elif kind == "web":
            cols.update(
                usr=f("username"),
                host=f("host"),
                bytes_out=num("request_body_len"),
                bytes_in=num("response_body_len"),
            )
        else:  # flow (conn.log)
            cols.update(bytes_out=num("orig_bytes"), bytes_in=num("resp_bytes"))
        return [[("p", d.split("line", d.tab()))]], cols

    return NativeSpec(f"zeek-{kind}", True, build)
