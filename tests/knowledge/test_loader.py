"""A broken knowledge file fails at load, naming file, entry and field."""

import shutil
from pathlib import Path

import pytest
import yaml

from rollcoach.knowledge import KnowledgeError, data_folder, load_knowledge_from
from tests.spec import RULE_IDS


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(str(data_folder()), folder)
    return folder


def edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_shipped_knowledge_loads(data_copy: Path) -> None:
    k = load_knowledge_from(data_copy)
    assert len(k.rules) == len(RULE_IDS)
    assert len(k.areas) == 13
    assert len(k.never_areas) == 8


def test_a_bad_field_names_file_entry_and_field(data_copy: Path) -> None:
    edit(data_copy, "techniques.yaml", lambda d: d["techniques"][0]["seconds"].update(default=500))
    with pytest.raises(
        KnowledgeError,
        match=r"techniques\.yaml: entry 0 \(calves/foam-roller\): "
        r"field seconds\.default",
    ):
        load_knowledge_from(data_copy)


def test_an_unknown_area_id_is_refused(data_copy: Path) -> None:
    edit(data_copy, "areas.yaml", lambda d: d["areas"][0].update(id="calf"))
    with pytest.raises(KnowledgeError, match=r"areas\.yaml: entry 0 \(calf\): field id"):
        load_knowledge_from(data_copy)


def test_a_missing_area_is_refused(data_copy: Path) -> None:
    edit(data_copy, "areas.yaml", lambda d: d["areas"].pop())
    with pytest.raises(KnowledgeError, match=r"areas\.yaml: missing entries for"):
        load_knowledge_from(data_copy)


def test_citing_an_unknown_rule_is_refused(data_copy: Path) -> None:
    edit(data_copy, "tools.yaml", lambda d: d["tools"][0].update(rules=["TOOL-99"]))
    with pytest.raises(KnowledgeError, match=r"tools\.yaml: cites unknown rule TOOL-99"):
        load_knowledge_from(data_copy)


def test_a_typo_key_is_refused(data_copy: Path) -> None:
    edit(data_copy, "never_areas.yaml", lambda d: d["never_areas"][0].update(insted=[]))
    with pytest.raises(KnowledgeError, match=r"never_areas\.yaml: entry 0 .*insted"):
        load_knowledge_from(data_copy)


def test_unreadable_yaml_is_reported(data_copy: Path) -> None:
    (data_copy / "dose.yaml").write_text("speed: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"dose\.yaml: cannot read"):
        load_knowledge_from(data_copy)
