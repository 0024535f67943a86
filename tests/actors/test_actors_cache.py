"""The actor knowledge and the resolver's index kept in a cache file: the same resolver as one built from the files,
never an old file's answer for changed files, code or tokenizer, and no cache of files with problems."""

from __future__ import annotations

import textwrap

import pytest
from spacy.tokenizer import Tokenizer

from eventwire.actors import kbcache
from eventwire.actors import resolver as resolver_module
from eventwire.actors.index import KnowledgeIndex
from eventwire.actors.knowledge import load_knowledge
from eventwire.actors.resolver import ActorResolver
from eventwire.errors import KnowledgeError
from eventwire.places import Gazetteer

# made-up people and places
PERSON = """
version: 1
people:
  - id: p.quimby
    name: Zorblat Quimby
    names: [Zorblat Quimby, Quimby]
    country: NGA
    roles:
      - {role: governor, sector: GOV, from: 2019-05-29}
"""
TEXT = "Governor Zorblat Quimby met French officials in Lagos on Monday. Quimby said the talks went well."


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def builds(monkeypatch) -> list[int]:
    """Counts the loads that validate the files (a cache hit does not)."""
    calls: list[int] = []
    real = resolver_module.load_knowledge

    def counting(extra_files=()):
        calls.append(1)
        return real(extra_files)

    monkeypatch.setattr(resolver_module, "load_knowledge", counting)
    return calls


def _user_file(tmp_path, text: str):
    path = tmp_path / "mine.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _mentions(nlp, resolver: ActorResolver) -> list[tuple]:
    actors = resolver.resolve(nlp(TEXT), "2022-05-09")
    return [(m.token_start, m.token_end, m.rule, actors.actors[m.actor_id]) for m in actors.mentions]


def test_a_second_load_reads_the_cache_and_resolves_as_a_built_one(nlp, gazetteer, cache, builds, tmp_path):
    user = _user_file(tmp_path, PERSON)
    first = ActorResolver.from_files([user], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    assert len(builds) == 1 and len(list(cache.glob("actors-*.marshal"))) == 1
    again = ActorResolver.from_files([user], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    assert len(builds) == 1  # read from the file: nothing validated or indexed again
    kb = load_knowledge([user])
    built = ActorResolver(kb, gazetteer, nlp.tokenizer)  # no cache: the constructor builds its index
    assert again.kb == kb and list(again.kb.forms) == list(kb.forms) and list(again.kb.entries) == list(kb.entries)
    assert KnowledgeIndex.build(kb, nlp.tokenizer) == KnowledgeIndex.build(again.kb, nlp.tokenizer)
    for table in ("_forms", "_surface", "_roles", "_typos", "_people_by_role", "_first_names", "handle_names"):
        assert getattr(again, table) == getattr(built, table), table
    assert list(again.forms("Florida")) == list(built.forms("Florida"))  # regions from pycountry / GeoNames too
    assert _mentions(nlp, again) == _mentions(nlp, built) == _mentions(nlp, first)
    assert any(actor.name == "Zorblat Quimby" for *_, actor in _mentions(nlp, again))


def test_changed_files_code_or_tokenizer_are_never_answered_from_an_old_file(nlp, gazetteer, cache, builds, tmp_path):
    user = _user_file(tmp_path, PERSON)
    ActorResolver.from_files([user], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    user.write_text(textwrap.dedent(PERSON).replace("Zorblat", "Vintor"), encoding="utf-8")
    renamed = ActorResolver.from_files([user], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    assert len(builds) == 2 and "Vintor Quimby" in renamed.kb.forms and "Zorblat Quimby" not in renamed.kb.forms
    assert renamed.forms("Vintor Quimby") and not renamed.forms("Zorblat Quimby")
    assert ("Vintor", "Quimby") in dict(renamed.surfaces_from("Vintor"))[2] and not renamed.surfaces_from("Zorblat")
    shipped = resolver_module.shipped_files("actors")
    key = kbcache.cache_path([*shipped, user], nlp.tokenizer)
    assert key != kbcache.cache_path([*shipped], nlp.tokenizer)
    assert key != kbcache.cache_path([*shipped, user], Tokenizer(nlp.vocab))  # a tokenizer without the rules


def test_the_key_follows_the_modules_and_the_region_files(nlp, cache, tmp_path, monkeypatch):
    shipped = resolver_module.shipped_files("actors")
    key = kbcache.cache_path(shipped, nlp.tokenizer)
    modules = tmp_path / "actors"
    modules.mkdir()
    for source in kbcache._ACTORS.glob("*.py"):
        (modules / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(kbcache, "_ACTORS", modules)
    assert kbcache.cache_path(shipped, nlp.tokenizer) == key  # the same sources elsewhere: the same file
    edited = tmp_path / "edited"
    edited.mkdir()
    for source in modules.glob("*.py"):
        (edited / source.name).write_bytes(
            source.read_bytes() + (b"\n# edited\n" if source.name == "index.py" else b"")
        )
    monkeypatch.setattr(kbcache, "_ACTORS", edited)
    assert kbcache.cache_path(shipped, nlp.tokenizer) != key
    monkeypatch.setattr(kbcache, "_ACTORS", kbcache.Path(kbcache.__file__).parent)
    monkeypatch.setattr(kbcache, "_region_stats", lambda: ["pycountry/databases/iso3166-2.json 1 2"])
    assert kbcache.cache_path(shipped, nlp.tokenizer) != key


def test_a_broken_cache_file_means_building_again(nlp, gazetteer, cache, builds):
    first = ActorResolver.from_files(gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    (path,) = cache.glob("actors-*.marshal")
    for broken in (b"\x00broken", path.read_bytes()[:1000], b""):
        path.write_bytes(broken)
        again = ActorResolver.from_files(gazetteer=gazetteer, tokenizer=nlp.tokenizer)
        assert again.kb == first.kb and again._surface == first._surface
    assert len(builds) == 4
    assert ActorResolver.from_files(gazetteer=gazetteer, tokenizer=nlp.tokenizer).kb == first.kb
    assert len(builds) == 4  # the last build wrote a good file again


def test_no_cache_folder_no_cache_file(nlp, gazetteer, tmp_path, monkeypatch, builds):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", "")
    assert kbcache.cache_path(resolver_module.shipped_files("actors"), nlp.tokenizer) is None
    ActorResolver.from_files(gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    ActorResolver.from_files(gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    assert len(builds) == 2


def test_files_with_problems_raise_every_time_and_are_never_cached(nlp, gazetteer, cache, tmp_path):
    bad = _user_file(tmp_path, PERSON.replace("country: NGA", "country: XXZ"))
    for _ in range(2):
        with pytest.raises(KnowledgeError, match="unknown country 'XXZ'"):
            ActorResolver.from_files([bad], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
    assert not list(cache.glob("actors-*.marshal"))
    with pytest.raises(KnowledgeError, match="no such actor file"):
        ActorResolver.from_files([tmp_path / "missing.yaml"], gazetteer=gazetteer, tokenizer=nlp.tokenizer)
