"""The bundled Sơn Hà plan is a faithful transcription of the seed document.

The seed is read here with its own small Markdown walk (not the code that made the transcription):
every heading, lettered task, numbered paragraph and recipient of the seed must be in the bundled
plan with the same label, level and text. Markdown emphasis is not text; a paragraph that a page
break split in two (it runs on without ending its sentence) is one paragraph.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import treem

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "ke-hoach-tre-em-son-ha-2024.md"

if not SEED.is_file():
    if os.environ.get("CI"):
        raise RuntimeError(f"the seed document is missing: {SEED}")
    pytest.skip(f"the seed document is not beside the repository ({SEED})", allow_module_level=True)


def plain(text: str) -> str:
    return re.sub(r"</?sub>", "", text).replace("*", "").strip()


def blocks() -> list[tuple[str, int, str]]:
    """('heading', level, text) and ('para', 0, text) in document order."""
    out: list[tuple[str, int, str]] = []
    lines: list[str] = []

    def end_paragraph() -> None:
        if lines:
            out.append(("para", 0, plain(" ".join(line.strip() for line in lines))))
            lines.clear()

    for raw in SEED.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            end_paragraph()
        elif raw.startswith("#"):
            end_paragraph()
            hashes = len(raw) - len(raw.lstrip("#"))
            out.append(("heading", hashes, plain(raw[hashes:])))
        else:
            lines.append(raw)
    end_paragraph()
    # Rejoin page-break splits: a lettered paragraph that does not end its sentence continues in
    # the next paragraph, which has no label of its own.
    merged: list[tuple[str, int, str]] = []
    for kind, level, text in out:
        prev = merged[-1] if merged else None
        if (kind == "para" and prev and prev[0] == "para" and re.match(r"^[a-zđ]\) ", prev[2])
                and not re.match(r"^([a-zđ]\)|\d+\.) ", text) and not prev[2].endswith((".", ";", ":"))):
            merged[-1] = (prev[0], prev[1], prev[2] + " " + text)
        else:
            merged.append((kind, level, text))
    return merged


def walk(plan: treem.Plan):
    """(path, heading, level) of sections and (path, text) of items, from the bundled plan."""
    sections, items = [], []

    def visit(section, path):
        sections.append((path, section.heading, section.heading_level))
        for item in section.items:
            items.append((f"{path}.{item.label}", item.text))
        for child in section.sections:
            visit(child, f"{path}.{child.label}")

    for top in plan.sections:
        visit(top, top.label)
    return sections, items


PLAN = treem.Plan.son_ha_2024()
SECTIONS, ITEMS = walk(PLAN)
BLOCKS = blocks()


def test_every_numbered_heading_is_a_section_with_its_level():
    seed = []
    top = None
    for kind, level, text in BLOCKS:
        if kind != "heading":
            continue
        if m := re.match(r"^(I|II|III|IV|V)\. (.*)$", text):
            top = m.group(1)
            seed.append((top, m.group(2), level))
        elif m := re.match(r"^(\d+)\. (.*)$", text):
            seed.append((f"{top}.{m.group(1)}", m.group(2), level))
    assert seed == SECTIONS
    assert len(seed) == 5 + 2 + 5 + 18  # I-V; I.1-2; II.1-5; IV.1-4, 6-19


def test_every_lettered_and_numbered_paragraph_is_an_item_with_its_text():
    seed = []
    path = None
    for kind, _, text in BLOCKS:
        if kind == "heading":
            if m := re.match(r"^(I|II|III|IV|V)\. ", text):
                top = m.group(1)
                path = top
            elif m := re.match(r"^(\d+)\. ", text):
                path = f"{top}.{m.group(1)}"
            else:
                path = None
        elif path and (m := re.match(r"^([a-zđ])\) (.*)$", text)):
            seed.append((f"{path}.{m.group(1)}", m.group(2)))
        elif path in ("III", "V") and (m := re.match(r"^(\d+)\. (.*)$", text)):
            seed.append((f"{path}.{m.group(1)}", m.group(2)))
    # I.2: 2; II.1-5: 7+7+7+4+3; III: 2; IV: 7+4+2+4+2+3+2+2+3+2+2+7; V: 2.
    assert len(seed) == len(ITEMS) == 2 + 28 + 2 + 40 + 2
    assert seed == ITEMS


def test_unlettered_paragraphs_are_section_texts():
    # IV.6, 7, 8, 11, 16 and 17 consist of one paragraph each; I.1 too.
    for path in ("I.1", "IV.6", "IV.7", "IV.8", "IV.11", "IV.16", "IV.17"):
        text = PLAN.section(path).text
        assert text and any(kind == "para" and t == text for kind, _, t in BLOCKS), path


def test_document_header_recipients_and_signer():
    paras = [t for kind, _, t in BLOCKS if kind == "para"]
    assert paras[0] == PLAN.document.number_text == "Số: /KH-UBND"
    assert paras[1] == f"{PLAN.document.place}, {PLAN.document.date_text}"
    assert PLAN.document.preamble in paras
    seed_text = SEED.read_text(encoding="utf-8")
    recipients = [plain(line[2:]) for line in seed_text.split("Nơi nhận:")[1].splitlines() if line.startswith("- ")]
    assert recipients == PLAN.document.recipients
    assert "Trần Thanh Trung" in seed_text and PLAN.document.signer.name == "Trần Thanh Trung"
    assert PLAN.document.title == "KẾ HOẠCH"


def test_dates_and_rules_stated_in_the_text():
    v1 = dict(ITEMS)["V.1"]
    assert "trước ngày 31/5/2024" in v1 and "trước ngày 30/11/2024" in v1
    assert "trước ngày 10/12/2024" in dict(ITEMS)["V.2"]
    dues = {r.id: (r.due.day, r.due.month, r.bound) for r in PLAN.reports}
    assert dues == {"bao_cao_6_thang": (31, 5, "before"), "bao_cao_ca_nam": (30, 11, "before"),
                    "bao_cao_huyen_gui_tinh": (10, 12, "before")}
    assert "(Từ ngày 01/6 đến ngày 30/6)" in PLAN.section("II.4").heading
    assert "“Hành động thiết thực, ưu tiên nguồn lực cho trẻ em”" in dict(ITEMS)["II.4.a"]
    rule = PLAN.local_rules[0]
    assert rule.text in dict(ITEMS)[rule.source]
    assert "ít nhất 01 địa bàn xã" in dict(ITEMS)["II.5.a"] and PLAN.targets[0].minimum == 1
    assert "số 111" in dict(ITEMS)["II.2.đ"] and PLAN.contacts[0].number == "111"


def test_every_cited_instrument_appears_where_the_plan_says():
    texts = dict(ITEMS) | {"preamble": PLAN.document.preamble}
    for basis in PLAN.bases:
        # The text writes "28-CT/TW" once as "28 CT/TW" and "29/2019/TT-BLĐTBXH" as "TT- BLĐTBXH".
        pattern = re.escape(basis.number).replace("\\-", "[- ] ?").replace("/", "/ ?")
        for where in basis.cited_in:
            assert re.search(pattern, texts[where]), (basis.number, where)
