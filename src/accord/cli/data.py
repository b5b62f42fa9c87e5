"""`accord data`: query the inventory, gate datasets for AI use, sanitise, approve/verify, retrieve."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
import orjson

from accord.cli.common import audit_admin, home_option, resolve_home


def _echo_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")


def _inventory(home: str | None) -> Any:
    from accord.govern.inventory import open_inventory

    h = resolve_home(home).ensure()
    return h, open_inventory(h.db_url)


@click.group()
def data() -> None:
    """Query the data inventory, check, sanitise, approve and verify datasets, and retrieve."""


@data.command("list")
@click.argument("dataset", required=False)
@click.option("--label", type=click.Choice(["public", "internal", "confidential", "restricted"]))
@click.option("--category", help="Only files with this category (pii, hr, credentials, ...).")
@click.option("--errors", is_flag=True, help="Only files that could not be scanned.")
@click.option("--limit", type=click.IntRange(1), default=None)
@click.option("--json", "as_json", is_flag=True)
@home_option
def list_(
    dataset: str | None,
    label: str | None,
    category: str | None,
    errors: bool,
    limit: int | None,
    as_json: bool,
    home: str | None,
) -> None:
    """List datasets, or the files of DATASET (name or path)."""
    _, inv = _inventory(home)
    if dataset is None and not (label or category or errors):
        rows = [{"name": d.name, "root": d.root, "kind": d.kind, **inv.stats(d)} for d in inv.datasets()]
        if as_json:
            _echo_json(rows)
            return
        for r in rows:
            labels = ", ".join(f"{k} {v}" for k, v in sorted(r["labels"].items()))
            click.echo(f"{r['name']}  [{r['kind']}]  {r['files']} files  {labels}  errors {r['errors']}")
        return
    ds = inv.find_dataset(dataset) if dataset else None
    files = list(inv.files(ds, label=label, category=category, errors_only=errors, limit=limit))
    if as_json:
        _echo_json(files)
        return
    for f in files:
        what = f["error_kind"] or f["label"]
        cats = ",".join(f["categories"])
        flags = " INJECTION" if f["injection"] else ""
        click.echo(f"{what:<13} {f['relpath']}  {cats}{flags}")


@data.command()
@click.argument("path")
@home_option
def show(path: str, home: str | None) -> None:
    """Everything recorded about one file (types, counts and locations; never the values)."""
    _, inv = _inventory(home)
    _echo_json(inv.file(path))


@data.command()
@click.argument("dataset", required=False)
@home_option
def stats(dataset: str | None, home: str | None) -> None:
    """Counts per label, category and entity type (one dataset, or all)."""
    _, inv = _inventory(home)
    _echo_json(inv.stats(inv.find_dataset(dataset) if dataset else None))


@data.command()
@click.argument("dataset", required=False)
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="HTML file to write.")
@home_option
def report(dataset: str | None, out: str | None, home: str | None) -> None:
    """A self-contained HTML report: folders x categories heat map, most sensitive files, owners."""
    from accord.govern.output import atomic_write
    from accord.govern.report import default_report_name, to_html

    _, inv = _inventory(home)
    ds = inv.find_dataset(dataset) if dataset else None
    title = f"Accord data inventory: {ds.name}" if ds else "Accord data inventory"
    html = to_html(list(inv.files(ds)), title)
    target = out or default_report_name(ds.name if ds else None)
    with atomic_write(target) as fh:
        fh.write(html.encode())
    click.echo(f"wrote {target}")


@data.command()
@click.argument("dataset", required=False)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File (default: stdout)."
)
@home_option
def export(dataset: str | None, fmt: str, out: str, home: str | None) -> None:
    """Export the inventory (one dataset, or all) as JSON or CSV."""
    from accord.govern.output import atomic_write
    from accord.govern.report import to_csv

    _, inv = _inventory(home)
    ds = inv.find_dataset(dataset) if dataset else None
    rows = list(inv.files(ds))
    payload = (
        orjson.dumps(rows, option=orjson.OPT_INDENT_2) + b"\n" if fmt == "json" else to_csv(rows).encode()
    )
    if out == "-":
        sys.stdout.buffer.write(payload)
        return
    with atomic_write(out) as fh:
        fh.write(payload)
    click.echo(f"wrote {len(rows)} rows to {out}", err=True)


@data.command()
@click.argument("dataset")
@click.option(
    "--for",
    "target",
    required=True,
    help="Model route (from accord.yaml) or RAG index (govern.gate.indexes).",
)
@click.option("--json", "as_json", is_flag=True)
@home_option
def check(dataset: str, target: str, as_json: bool, home: str | None) -> None:
    """May DATASET feed route/index TARGET? Exit 0 if yes, 1 if blocked (with the blocking findings)."""
    from accord.govern.gate import check as run_check
    from accord.govern.settings import govern_key

    h, inv = _inventory(home)
    policy = None
    if h.policy_path.exists():
        from accord.policy import load_policy

        policy = load_policy(h.policy_path)
    from accord.policy.sections.govern import GovernPolicy

    govern = policy.govern if policy is not None else GovernPolicy()
    ds = inv.find_dataset(dataset)
    key = govern_key(h) if govern.gate.require_approval else None
    result = run_check(inv, ds, target, govern, policy, home=h, key=key)
    if as_json:
        _echo_json(result.to_dict())
    else:
        verdict = "ALLOWED" if result.allowed else "BLOCKED"
        click.echo(
            f"{verdict}: {ds.name} -> {result.target_kind} {target} (max {result.max_class}); "
            f"{result.checked} files checked, {len(result.findings)} blocking findings"
        )
        for f in result.findings[:50]:
            click.echo(f"  {f.kind:<10} {f.path}: {f.detail}")
        if len(result.findings) > 50:
            click.echo(f"  ... and {len(result.findings) - 50} more (use --json)")
    sys.exit(0 if result.allowed else 1)


@data.command()
@click.argument("src", type=click.Path(exists=True, file_okay=False))
@click.argument("dst", type=click.Path(file_okay=False))
@click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="Worker processes (default: CPU count)."
)
@click.option("--keep-flagged", is_flag=True, help="Also copy documents flagged for prompt injection.")
@home_option
def sanitize(src: str, dst: str, workers: int | None, keep_flagged: bool, home: str | None) -> None:
    """Write AI-ready copies of SRC under DST: PII pseudonymised consistently, secrets removed."""
    from accord.govern.sanitize import MANIFEST, sanitize_tree
    from accord.govern.settings import govern_key, govern_policy

    h = resolve_home(home).ensure()
    manifest = sanitize_tree(
        src,
        dst,
        govern_key(h),
        govern_policy(h),
        workers=workers or (os.cpu_count() or 1),
        keep_flagged=keep_flagged,
    )
    actions = ", ".join(f"{k} {v}" for k, v in manifest["actions"].items()) or "no files"
    totals = ", ".join(f"{k} {v}" for k, v in manifest["totals"].items()) or "nothing"
    click.echo(f"{actions}\nreplaced: {totals}\nmanifest: {os.path.join(dst, MANIFEST)}")


@data.command()
@click.argument("dataset")
@home_option
def approve(dataset: str, home: str | None) -> None:
    """Sign a manifest of DATASET's content hashes (the baseline `verify` compares against)."""
    from accord.govern.manifest import approve as run_approve
    from accord.govern.settings import govern_key, govern_policy

    h, inv = _inventory(home)
    ds = inv.find_dataset(dataset)
    out = run_approve(h, ds, govern_key(h), govern_policy(h).scan.exclude)
    audit_admin(h, "dataset.approve", dataset=ds.name, files=out["files"], manifest=str(out["path"]))
    click.echo(f"approved {out['files']} files of {ds.name} at {out['approved_at']} ({out['path']})")


@data.command()
@click.argument("dataset")
@click.option("--json", "as_json", is_flag=True)
@home_option
def verify(dataset: str, as_json: bool, home: str | None) -> None:
    """Compare DATASET with its approved manifest; exit 1 on drift or a bad signature."""
    from accord.govern.manifest import verify as run_verify
    from accord.govern.settings import govern_key, govern_policy

    h, inv = _inventory(home)
    ds = inv.find_dataset(dataset)
    drift = run_verify(h, ds, govern_key(h), govern_policy(h).scan.exclude)
    if as_json:
        _echo_json(drift.to_dict())
    else:
        click.echo(
            f"{'OK' if drift.ok else 'DRIFT'}: {ds.name} ({drift.checked} files; approved {drift.approved_at})"
        )
        if drift.bad_signature:
            click.echo("  manifest signature does not verify (edited, or signed with another key)")
        for kind, paths in (("added", drift.added), ("removed", drift.removed), ("changed", drift.changed)):
            for p in paths:
                click.echo(f"  {kind:<8} {p}")
    sys.exit(0 if drift.ok else 1)


@data.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--name", required=True, help="Index name (home/indexes/NAME.sqlite).")
@click.option("--group", "groups", multiple=True, help="Give every document this group (overrides sidecars).")
@click.option("--user", "users", multiple=True, help="Give every document this user (overrides sidecars).")
@click.option("--public", is_flag=True, help="Every authenticated caller may read (overrides sidecars).")
@click.option("--embeddings", is_flag=True, help="Also embed chunks (needs the 'embeddings' extra).")
@click.option("--include-flagged", is_flag=True, help="Also index documents flagged for prompt injection.")
@home_option
def index_cmd(
    paths: tuple[str, ...],
    name: str,
    groups: tuple[str, ...],
    users: tuple[str, ...],
    public: bool,
    embeddings: bool,
    include_flagged: bool,
    home: str | None,
) -> None:
    """Build or update retrieval index NAME from PATH... (labels and access lists per document)."""
    from accord.govern.retrieval import RetrievalIndex, index_path, ingest_paths
    from accord.govern.settings import govern_policy

    h = resolve_home(home).ensure()
    acl = ["*"] if public else [f"group:{g}" for g in groups] + [f"user:{u}" for u in users]
    embedder = _embedder() if embeddings else None
    path = index_path(h, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    idx = RetrievalIndex(str(path), create=True)
    stats = ingest_paths(
        idx,
        paths,
        policy=govern_policy(h),
        acl=acl or None,
        embedder=embedder,
        include_flagged=include_flagged,
    )
    # The access lists decide who may retrieve what: building an index is an administrative action.
    audit_admin(h, "index.build", index=name, documents=stats.documents, acl=acl or "from sidecars/owners")
    click.echo(
        f"{name}: {stats.documents} documents indexed ({stats.chunks} chunks), {stats.unchanged} unchanged, "
        f"{stats.removed} removed, {len(stats.skipped)} skipped"
    )
    for s in stats.skipped[:20]:
        click.echo(f"  skipped {s['path']}: {s['reason']}")


def _embedder() -> Any:
    from accord.govern.retrieval.hybrid import MiniLMEmbedder

    return MiniLMEmbedder()


@data.command("retrieve")
@click.argument("index")
@click.argument("query")
@click.option("--user", default="cli", show_default=True)
@click.option("--group", "groups", multiple=True, help="A group of the asking user (repeatable).")
@click.option(
    "--clearance",
    type=click.Choice(["public", "internal", "confidential", "restricted"]),
    default=None,
    help="Override the clearance derived from govern.retrieval.group_clearance.",
)
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--embeddings", is_flag=True, help="Hybrid ranking (BM25 + dense, RRF).")
@click.option("--json", "as_json", is_flag=True)
@home_option
def retrieve_cmd(
    index: str,
    query: str,
    user: str,
    groups: tuple[str, ...],
    clearance: str | None,
    k: int,
    embeddings: bool,
    as_json: bool,
    home: str | None,
) -> None:
    """Debug retrieval as a given user and groups: shows exactly what they would receive."""
    from accord.detect.types import DataClass
    from accord.govern.retrieval import Access, RetrievalIndex, clearance_for, index_path
    from accord.govern.settings import govern_policy

    h = resolve_home(home)
    settings = govern_policy(h).retrieval
    level = DataClass.parse(clearance) if clearance else clearance_for(set(groups), settings)
    idx = RetrievalIndex(str(index_path(h, index)))
    chunks = idx.search(
        query, Access.of(user, groups, level), k, embedder=_embedder() if embeddings else None
    )
    if as_json:
        _echo_json([c.to_dict() for c in chunks])
        return
    click.echo(f"{len(chunks)} chunks for user {user!r}, groups {sorted(groups)}, clearance {level}")
    for c in chunks:
        snippet = " ".join(c.text.split())[:160]
        click.echo(f"[{c.score:.3f}] {c.label:<12} {c.source}#{c.ord}\n    {snippet}")
