"""The report workbook: written by `treem report` and treem.report() from the same C++ code, read
back with openpyxl and compared number by number with the engines' own tables, and opened by
LibreOffice (headless) to PDF with every sheet in it."""

import datetime
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import treem
from treem import indicators

ROOT = Path(__file__).resolve().parents[2]
ASSESSMENTS = ROOT / "tests" / "data" / "certify-assessments-2024.csv"
PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")
MADE_ON = "01/12/2024"
HEADER_ROW = 3  # a title line, a blank line, then the header


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    generated = run("generate", "--units", "sonha", "--seed", "11", "--out", str(folder / "reg"))
    assert generated.returncode == 0, generated.stderr
    submissions = folder / "nop.csv"
    # Phòng Y tế one day late, Sơn Hạ on time, Sơn Thành after the deadline: hand-checked below.
    submissions.write_text("submitter,report,date\nphong_yte,bao_cao_6_thang,31/05/2024\n21292,bao_cao_6_thang,2024-05-30\n"
                           "21295,bao_cao_6_thang,10/06/2024\n", encoding="utf-8")
    return {"children": folder / "reg" / "children.csv", "incidents": folder / "reg" / "incidents.csv", "assessments": ASSESSMENTS,
            "submissions": submissions, "folder": folder}


def write(inputs, name, *extra):
    out = inputs["folder"] / name
    result = run("report", "--children", str(inputs["children"]), "--incidents", str(inputs["incidents"]), "--assessments", str(ASSESSMENTS),
                 "--submissions", str(inputs["submissions"]), "--rules", "son-ha-2024-overlay", "--made-on", MADE_ON, "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def annual(inputs):
    return write(inputs, "bao-cao-2024.xlsx", "--period", "2024")


def body(ws, header_row: int = HEADER_ROW) -> list[dict]:
    """The table of a sheet as dicts keyed by its header, up to the first empty row."""
    header = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(dict(zip(header, values)))
    return rows


def test_python_writes_the_same_file_as_the_program(inputs, annual, tmp_path):
    mine = treem.report(tmp_path / "py.xlsx", children=inputs["children"], incidents=inputs["incidents"], assessments=ASSESSMENTS,
                        submissions=inputs["submissions"], rules=["son-ha-2024-overlay"], period="2024", made_on=datetime.date(2024, 12, 1))
    assert mine.read_bytes() == annual.read_bytes()


def test_sheets_headers_and_print_setup(annual):
    wb = openpyxl.load_workbook(annual)
    assert wb.sheetnames == ["Bìa", "Chỉ tiêu", "Xã phù hợp trẻ em", "Tình hình báo cáo", "Vụ việc", "Biểu đồ"]
    for ws in wb:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.max_row > 3, ws.title
    for name in ["Chỉ tiêu", "Xã phù hợp trẻ em", "Tình hình báo cáo", "Vụ việc"]:
        ws = wb[name]
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}", name  # the header stays in view
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # and on every printed page
    cover = {r[0]: r[1] for r in wb["Bìa"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]}
    assert cover["Đơn vị"] == "529 Huyện Sơn Hà" and cover["Ngày lập"] == datetime.datetime(2024, 12, 1)
    assert cover["Kỳ báo cáo"] == "2024 (01/01/2024 – 31/12/2024)"
    assert cover["Bộ tiêu chí xã phù hợp với trẻ em"] == "vn-06-qd-ttg-2019 2019.01 + son-ha-2024-overlay 2024.04"


def test_every_indicator_number_equals_the_engines(inputs, annual):
    table = indicators.compute(treem.registers.read_children(inputs["children"]), treem.registers.read_incidents(inputs["incidents"]),
                               period="2024", level=["commune", "district"])
    dims = ["sex", "age_group", "ethnicity", "kind", "environment"]
    totals = table[table[dims].isna().all(axis=1)].reset_index(drop=True)
    rows = body(openpyxl.load_workbook(annual)["Chỉ tiêu"])
    assert len(rows) == len(totals)
    withheld = 0
    for sheet_row, (_, row) in zip(rows, totals.iterrows()):
        assert sheet_row["Mã"] == row["unit"]
        percent = sheet_row["Đơn vị tính"] == "%"
        scale = 100 if percent else 1
        if row["suppressed"]:
            withheld += 1
            for column in ["Tử số", "Giá trị", "Cận dưới (95%)", "Cận trên (95%)"]:
                assert sheet_row[column] == "x", (row["unit"], row["indicator"], column)
            continue
        assert sheet_row["Tử số"] == row["numerator"]
        if not np.isnan(row["denominator"]):
            assert sheet_row["Mẫu số"] == row["denominator"]
        for column, value in [("Giá trị", row["value"]), ("Cận dưới (95%)", row["lower"]), ("Cận trên (95%)", row["upper"])]:
            if np.isnan(value):
                assert sheet_row[column] is None
            else:
                assert sheet_row[column] == pytest.approx(value / scale, rel=1e-12), (row["unit"], row["indicator"], column)
    assert withheld > 0  # the generated district has small cells: the check above ran on some


def test_withheld_cells_never_show_a_number_and_counts_1_to_4_never_appear(annual):
    rows = body(openpyxl.load_workbook(annual)["Chỉ tiêu"])
    published = [r["Tử số"] for r in rows if isinstance(r["Tử số"], (int, float))]
    assert not [n for n in published if 1 <= n <= 4]
    incidents = body(openpyxl.load_workbook(annual)["Vụ việc"])
    assert not [r for r in incidents if isinstance(r["Số trẻ em"], (int, float)) and 1 <= r["Số trẻ em"] <= 4]
    assert any(r["Số trẻ em"] == "x" for r in incidents)


def test_a_wider_protection_interval_withholds_what_the_engine_does(inputs):
    """`--protection-upper 12` reaches the workbook: its withheld rows are the engine's at [0, 12]."""
    wide = write(inputs, "bao-cao-rong.xlsx", "--period", "2024", "--protection-upper", "12")
    table = indicators.compute(treem.registers.read_children(inputs["children"]), treem.registers.read_incidents(inputs["incidents"]),
                               period="2024", level=["commune", "district"], protection_upper=12)
    dims = ["sex", "age_group", "ethnicity", "kind", "environment"]
    totals = table[table[dims].isna().all(axis=1)].reset_index(drop=True)
    rows = body(openpyxl.load_workbook(wide)["Chỉ tiêu"])
    assert [r["Giá trị"] == "x" for r in rows] == totals["suppressed"].tolist()
    assert totals["suppressed"].sum() > indicators.compute(
        treem.registers.read_children(inputs["children"]), treem.registers.read_incidents(inputs["incidents"]), period="2024",
        level=["commune", "district"]).pipe(lambda t: t[t[dims].isna().all(axis=1)])["suppressed"].sum()


def test_incidents_by_kind_are_the_tables_kind_rows(inputs, annual):
    table = indicators.compute(treem.registers.read_children(inputs["children"]), treem.registers.read_incidents(inputs["incidents"]),
                               period="2024", level=["commune", "district"], indicators=["abused_children"])
    by_kind = table[table[["sex", "age_group", "ethnicity", "environment"]].isna().all(axis=1)]
    rows = [r for r in body(openpyxl.load_workbook(annual)["Vụ việc"]) if r["Nhóm"] == "Trẻ em bị xâm hại"]
    assert len(rows) == len(by_kind)
    district = by_kind[(by_kind["level"] == "district") & by_kind["kind"].isna()].iloc[0]
    sheet_total = next(r for r in rows if r["Cấp"] == "cấp huyện" and r["Loại"] == "tổng")
    assert sheet_total["Số trẻ em"] == ("x" if district["suppressed"] else district["numerator"])
    # Kinds read as the law's tree: sexual abuse under the total, its forms under it.
    sexual = by_kind[(by_kind["level"] == "district") & (by_kind["kind"] == "sexual_abuse")].iloc[0]
    district_rows = [r for r in rows if r["Cấp"] == "cấp huyện"]
    sheet_sexual = next(r for r in district_rows if r["Loại"] == "  xâm hại tình dục")
    assert sheet_sexual["Số trẻ em"] == ("x" if sexual["suppressed"] else sexual["numerator"])
    assert [r["Loại"] for r in district_rows].index("    hiếp dâm") > district_rows.index(sheet_sexual)


def test_certification_sheet_is_the_certification(inputs, annual):
    result = treem.certify(pd.read_csv(ASSESSMENTS, dtype=str, keep_default_na=False),
                           pd.read_csv(inputs["incidents"], dtype=str, keep_default_na=False), period="2024", rules=treem.Rules.son_ha_2024())
    rows = body(openpyxl.load_workbook(annual)["Xã phù hợp trẻ em"])
    assert [r["Mã"] for r in rows] == [d.unit for d in result]
    for r, d in zip(rows, result):
        assert r["Kết quả"] == d._d.outcome_label("vi")
        assert r["Tổng điểm"] == d.total and r["Điểm đạt"] == d.pass_mark
        assert [r[f"TC {c.id}"] for c in d.criteria] == [c.used for c in d.criteria]
        assert r["Lý do"] == "\n".join(d.reasons("vi"))


def test_submissions_are_the_plans_status(inputs, annual):
    rows = body(openpyxl.load_workbook(annual)["Tình hình báo cáo"])
    status = treem.Plan.son_ha_2024().submission_status(pd.read_csv(inputs["submissions"], dtype=str), as_of="31/12/2024")
    assert len(rows) == len(status)
    six_month = [r for r in rows if r["Báo cáo"] == "Báo cáo kết quả thực hiện định kỳ 6 tháng"]
    health = next(r for r in six_month if r["Đơn vị gửi"] == "Phòng Y tế")
    # "Trước ngày 31/5": the last day on time is 30/05, so a report received on 31/05 is one day late.
    assert health["Hạn cuối (đúng hạn)"] == datetime.datetime(2024, 5, 30) and health["Trạng thái"] == "trễ hạn" and health["Số ngày trễ"] == 1
    son_ha = next(r for r in six_month if r["Đơn vị gửi"] == "Xã Sơn Hạ")
    assert son_ha["Trạng thái"] == "đúng hạn" and son_ha["Số ngày trễ"] is None
    assert sum(r["Trạng thái"] == "chưa nhận" for r in rows) == int((status["state"] == "missing").sum())


def test_english_on_request(inputs):
    out = write(inputs, "report-en.xlsx", "--period", "2024S1", "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Cover", "Indicators", "Child-friendly", "Report submissions", "Incidents", "Charts"]
    for ws in wb:
        # Headers speak English; the names of places stay as they are.
        header = " ".join(str(c.value) for c in ws[HEADER_ROW if ws.title != "Charts" else 1] if c.value)
        assert not re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", header.lower()), (ws.title, header)
    cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]}
    assert cover["Period"] == "2024S1 (01/01/2024 – 30/06/2024)"
    # The six-month status is taken on the period's last day.
    assert wb["Report submissions"]["A1"].value == "Reports due under the plan, as of 30/06/2024"


def test_native_charts_draw_withheld_values_as_gaps(annual):
    with zipfile.ZipFile(annual) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == 3
        xml = z.read(charts[0]).decode("utf-8")
    # A blank cell is a gap: libxlsxwriter leaves out dispBlanksAs when it is "gap", Excel's reading of
    # its absence; "zero" would draw a withheld value as 0.
    assert "dispBlanksAs" not in xml or '<c:dispBlanksAs val="gap"/>' in xml
    assert "'Biểu đồ'!$C$2:$C$15" in xml and "'Biểu đồ'!$D$2:$D$15" in xml  # the 14 communes' values and the target
    rows = body(openpyxl.load_workbook(annual)["Biểu đồ"], header_row=1)
    for r in rows:
        if r["Ghi chú"]:
            assert r["Giá trị"] is None  # a withheld value is a blank cell, never "x" or 0 under the chart


def test_text_is_never_a_formula(inputs, tmp_path):
    hostile = tmp_path / "=HYPERLINK(1).csv"
    shutil.copy(inputs["children"], hostile)
    out = tmp_path / "r.xlsx"
    result = run("report", "--children", str(hostile), "--period", "2024", "--made-on", MADE_ON, "--out", str(out))
    assert result.returncode == 0, result.stderr
    cell = next(c for row in openpyxl.load_workbook(out)["Bìa"].iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK(1).csv")


def test_bad_input_writes_nothing_and_names_the_row(inputs, tmp_path):
    bad = tmp_path / "nop.csv"
    bad.write_text("submitter,report,date\nphong_yte,bao_cao_6_thang,31/02/2024\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    result = run("report", "--children", str(inputs["children"]), "--submissions", str(bad), "--period", "2024", "--out", str(out))
    assert result.returncode == 2
    assert "nop.csv:2:3: date: not a calendar date" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("*.treem-tmp"))


def test_libreoffice_opens_it_and_prints_every_sheet(annual, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-calc-nogui) is installed by .ci/setup --dev"
    profile = tmp_path / "profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                             str(annual)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (annual.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for title in ["Báo cáo công tác trẻ em — Huyện Sơn Hà", "Chỉ tiêu thống kê trẻ em, kỳ 2024", "Đánh giá xã, phường, thị trấn phù hợp với trẻ em",
                  "Tình hình gửi báo cáo theo kế hoạch", "Trẻ em bị xâm hại, tai nạn, thương tích theo loại", "Giá trị được ẩn để trống"]:
        assert title in text, title  # each sheet printed, not empty
