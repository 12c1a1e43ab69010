"""Writes the example notebooks of this folder, without outputs (run it after editing a cell here):

    .venv/bin/python examples/notebooks/make_notebooks.py

The notebooks are kept as the text below so that a change to one is a readable diff, and so that
they are stored without outputs or execution counts (tests/python/test_notebooks.py checks both,
runs each notebook from a clean kernel, and checks that this script reproduces the files).
Prose comes in Vietnamese and in English, one markdown cell per language.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

# Found from the notebook's folder upwards, so that a notebook runs from any working directory
# inside the repository (Jupyter starts kernels in the notebook's folder).
FIND_ROOT = '''ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "data" / "demo").is_dir())
TREEM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")  # the program beside this Python'''


def md(vi: str, en: str) -> list:
    """One markdown cell per language: Vietnamese first, then English."""
    return [new_markdown_cell(vi.strip()), new_markdown_cell(en.strip())]


def code(source: str) -> list:
    return [new_code_cell(source.strip())]


# ---------------------------------------------------------------------------------------------
# 01: the plan
# ---------------------------------------------------------------------------------------------

PLAN = [
    *md("""
# Kế hoạch công tác trẻ em năm 2024 của huyện Sơn Hà

Sổ tay này đọc kế hoạch năm 2024 của UBND huyện Sơn Hà (Quảng Ngãi) như dữ liệu: cơ quan nào chủ trì,
phối hợp việc gì; những việc chưa có cơ quan chủ trì; lịch các hạn báo cáo và sự kiện trong năm; và
đến ngày 15/06/2024, báo cáo 6 tháng của đơn vị nào nộp đúng hạn, trễ hạn hay chưa nộp.
Danh sách nộp báo cáo dùng ở đây là dữ liệu minh họa (`data/demo/son-ha-2024-submissions.csv`), không phải số liệu thật.
""", """
# Sơn Hà district's 2024 child-work plan

This notebook reads the 2024 plan of Sơn Hà district (Quảng Ngãi) as data: which agency leads or
coordinates which task, which tasks nobody leads, the calendar of report deadlines and events, and,
as of 15/06/2024, whose six-month report came in on time, late, or not at all. The submissions used
here are illustrative (`data/demo/son-ha-2024-submissions.csv`), not real records.
"""),
    *code(f"""
import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

import treem
from treem import plot

{FIND_ROOT}
plan = treem.Plan.son_ha_2024()
plan
"""),
    *md("""
## Ai làm gì

Mỗi dòng của bảng trách nhiệm là một cặp (nhiệm vụ, cơ quan) với vai trò: chủ trì (`lead`), phối hợp
(`coordinating`) hoặc được đề nghị (`requested`, các mục IV.13–17 gửi tới tổ chức ngoài quyền điều hành của UBND).
""", """
## Who does what

Each row of the responsibility matrix is a (task, agency) pair with a role: lead, coordinating, or
requested (items IV.13–17, addressed to bodies outside the People's Committee's command).
"""),
    *code("""
matrix = plan.responsibility_matrix()
names = {a.id: a.short_name for a in plan.agencies}
leads = (matrix[matrix["role"] == "lead"].groupby("agency").size().rename("tasks led")
         .sort_values(ascending=False).rename(index=names))
print(f"{len(plan.tasks())} tasks, {len(plan.agencies)} agencies")
leads.head(8)
"""),
    *code("""
# Cross-check: the tasks without a lead are those that no row of the matrix leads, leaving out
# the requests of IV.13-17 (bodies the People's Committee does not command are asked, not led).
without_lead = [t.path for t in plan.tasks_without_lead()]
led_or_requested = set(matrix.loc[matrix["role"].isin(["lead", "requested"]), "task"])
assert without_lead == [t.path for t in plan.tasks() if t.path not in led_or_requested]
assert len(plan.tasks()) == matrix["task"].nunique() == 48
without_lead
"""),
    *md("""
Năm nhiệm vụ trên chỉ ghi "phối hợp với các cơ quan liên quan" mà không nêu cơ quan chủ trì: đó là những
chỗ kế hoạch cần được làm rõ trước khi giao việc. Bảng rộng dưới đây cho thấy vai trò của một cơ quan trong từng nhiệm vụ.
""", """
These five tasks only say "in coordination with the relevant bodies" and name no lead: the places
where the plan needs clarifying before work is assigned. The wide table below shows one agency's
role in each task.
"""),
    *code("""
wide = plan.responsibility_matrix(wide=True)
wide.loc[["phong_ldtbxh", "ubnd_xa"]].T.query("phong_ldtbxh != '' or ubnd_xa != ''").head(12)
"""),
    *md("""
## Lịch trong năm

Lịch gồm ba hạn báo cáo của mục V (trước 31/5, trước 30/11, trước 10/12), Tháng hành động vì trẻ em
(1–30/6) và các ngày lễ, kể cả ngày âm lịch đã quy đổi. "Trước ngày X" được hiểu đúng từng chữ: ngày
cuối cùng còn đúng hạn là ngày trước đó.
""", """
## The calendar of the year

The calendar holds section V's three report deadlines (before 31/5, before 30/11, before 10/12),
the Action Month for Children (1–30/6) and the days the plan names, lunar dates resolved. "Before
X" is read literally: the last day on time is the day before.
"""),
    *code("""
calendar = plan.calendar()
calendar[["start", "end", "kind", "name", "lunar", "source"]]
"""),
    *code("""
# The deadlines are the day before each printed date (plan section V), worked out by hand:
deadlines = calendar.loc[calendar["kind"] == "deadline", ["id", "start"]].set_index("id")["start"].dt.date.to_dict()
assert deadlines == {"bao_cao_6_thang": dt.date(2024, 5, 30), "bao_cao_ca_nam": dt.date(2024, 11, 29),
                     "bao_cao_huyen_gui_tinh": dt.date(2024, 12, 9)}
# Mid-Autumn (15/8 lunar) fell on 17/09/2024, Tết (1/1 lunar) on 10/02/2024.
events = calendar.set_index("id")["start"].dt.date
assert events["tet_trung_thu"] == dt.date(2024, 9, 17) and events["tet_nguyen_dan"] == dt.date(2024, 2, 10)
plot.calendar(plan, as_of="15/06/2024");
"""),
    *code("""
plot.calendar(plan, as_of="15/06/2024", lang="en");
"""),
    *md("""
## Báo cáo nào trễ hạn?

Đến ngày 15/06/2024, báo cáo 6 tháng (hạn: trước 31/05/2024) đã quá hạn. Báo cáo phải do 18 cơ quan,
ban, ngành, đoàn thể và 14 xã, thị trấn gửi. Ta tính trạng thái bằng treem, rồi tính lại bằng pandas
từ chính danh sách nộp, và đối chiếu với chương trình `treem plan status`.
""", """
## Which reports are late?

On 15/06/2024 the six-month report (due before 31/05/2024) is past its deadline. It is owed by 18
district agencies and bodies and by the 14 communes and the town. treem gives each one's state; we
then work the states out again with pandas from the submissions themselves, and compare with the
`treem plan status` program.
"""),
    *code("""
submissions_file = ROOT / "data" / "demo" / "son-ha-2024-submissions.csv"
submissions = pd.read_csv(submissions_file, dtype=str)
status = plan.submission_status(submissions, as_of="15/06/2024")
six_month = status[status["report"] == "bao_cao_6_thang"]
six_month["state"].value_counts()
"""),
    *code("""
# From first principles: who owes the report, who sent it, and whether it came by the last day on time.
report = next(r for r in plan.reports if r.id == "bao_cao_6_thang")
units = treem.UnitRegistry.bundled()
owed = list(report.from_agencies) + [u.code for u in units.descendants("529", on=report.due, tier="commune")]
sent = submissions[submissions["report"] == report.id].set_index("submitter")["date"].map(treem.parse_date)
expected = {s: "missing" if s not in sent.index else "on_time" if sent[s] <= report.last_on_time_day else "late" for s in owed}
assert len(owed) == 18 + 14
assert six_month.set_index("submitter")["state"].astype(str).to_dict() == expected
late = six_month[six_month["state"] == "late"]
assert len(late) == sum(state == "late" for state in expected.values())
late[["submitter_name", "submitted", "days_late"]]
"""),
    *code("""
# The same answer from the program (what an office's scheduled check would run).
cli = subprocess.run([TREEM, "plan", "status", "--as-of", "15/06/2024", "--submissions", str(submissions_file), "--csv"],
                     capture_output=True, text=True, encoding="utf-8", check=True)
from_cli = pd.read_csv(io.StringIO(cli.stdout), dtype=str, keep_default_na=False)
assert from_cli[["report", "submitter", "state"]].values.tolist() == status[["report", "submitter", "state"]].astype(str).values.tolist()
overdue = plan.overdue(submissions, as_of="15/06/2024")
print(f"{len(late)} late, {len(overdue)} not received; the annual reports are not yet due")
overdue[["report", "submitter_name", "days_late"]].head(10)
"""),
    *md("""
**Kết luận.** Đến 15/06/2024, trong 32 đơn vị phải gửi báo cáo 6 tháng, chỉ một số ít gửi đúng hạn; các đơn vị
chưa gửi được liệt kê ở trên, đơn vị quá hạn lâu nhất đứng đầu. Báo cáo cả năm và báo cáo của huyện chưa đến hạn.
""", """
**Conclusion.** As of 15/06/2024, few of the 32 bodies that owe the six-month report sent it on
time; those that have not sent it are listed above, most overdue first. The annual reports and the
district's report are not yet due.
"""),
]

# ---------------------------------------------------------------------------------------------
# 02: certification
# ---------------------------------------------------------------------------------------------

CERTIFY = [
    *md("""
# Công nhận xã, thị trấn phù hợp với trẻ em ở huyện Sơn Hà, năm 2024

Từ bản tự đánh giá của 14 xã, thị trấn (điểm 13 tiêu chí theo Quyết định 06/QĐ-TTg) và sổ theo dõi vụ việc trẻ em,
sổ tay này xét công nhận từng đơn vị: theo quy định quốc gia, rồi thêm quy định riêng của huyện Sơn Hà năm 2024
(kế hoạch mục IV.1.d: xã để xảy ra trẻ em đuối nước, bị bạo lực, xâm hại thì không được công nhận). Với mỗi đơn vị:
bảng điểm, lý do, khoảng cách tới mức công nhận và kết quả đối chiếu (audit).
Bản tự đánh giá và sổ theo dõi ở đây là dữ liệu tổng hợp (synthetic), sinh có hạt giống cố định.
""", """
# Certifying Sơn Hà's communes as child-friendly, 2024

From the self-assessments of the 14 communes and the town (points on Decision 06/QĐ-TTg's 13
criteria) and the incident register, this notebook decides each unit: under the national rules,
then with Sơn Hà district's own 2024 rule (plan item IV.1.d: a commune where a child drowned or
suffered violence or abuse is not recognised). For each unit: the scorecard, the reasons, the gap to
recognition, and the audit. The sheet and the register are synthetic, generated with fixed seeds.
"""),
    *code(f"""
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import treem
from treem import plot

{FIND_ROOT}
units = treem.UnitRegistry.bundled()
communes = [u.code for u in units.descendants("529", on="31/12/2024", tier="commune")]
children, incidents = treem.registers.generate("sonha", seed=1)  # the synthetic registers of `treem demo`
len(communes), len(incidents)
"""),
    *md("""
## Bản tự đánh giá

Mỗi xã chấm điểm 13 tiêu chí. Điểm tối đa đã xác nhận của tiêu chí 1, 6 và 7 (100, 125, 50) được tôn trọng.
Hai xã được làm khác đi để thấy cách treem xử lý: một xã tự chấm 0 điểm tiêu chí 5, một xã bỏ trống tiêu chí 12
(chưa chấm: treem không bao giờ coi ô trống là 0). Cột `abuse_cases_reported` / `injury_cases_reported` là số vụ
xã tự báo cáo; hai xã báo thiếu so với sổ theo dõi.
""", """
## The self-assessment sheet

Each commune scores itself on the 13 criteria, within the confirmed maxima of criteria 1, 6 and 7
(100, 125, 50). Two communes differ on purpose: one scores itself 0 on criterion 5, one leaves
criterion 12 empty (not assessed: treem never reads an empty cell as 0). `abuse_cases_reported` /
`injury_cases_reported` are what each commune says it counted; two of them under-report.
"""),
    *code("""
ABUSE = ["violence", "sexual_abuse", "exploitation", "trafficking", "abandonment", "neglect", "other_abuse",
         "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography"]
INJURY = ["drowning", "traffic_injury", "other_injury"]
in_2024 = incidents[incidents["date"].dt.year == 2024]
register_counts = pd.DataFrame({
    "abuse": in_2024[in_2024["kind"].isin(ABUSE)].groupby("unit", observed=False).size(),
    "injury": in_2024[in_2024["kind"].isin(INJURY)].groupby("unit", observed=False).size(),
}).reindex(communes, fill_value=0)

rng = np.random.default_rng(2024)
sheet = pd.DataFrame({"unit": communes, "period": "2024"})
for c in range(1, 14):
    low, high = {1: (70, 100), 6: (95, 125), 7: (40, 50)}.get(c, (52, 72))
    sheet[f"c{c}"] = rng.integers(low, high + 1, size=len(communes)).astype(str)
sheet.loc[3, "c5"] = "0"   # a commune that scored itself 0 on accidents and injuries
sheet.loc[9, "c12"] = ""   # and one that left play and recreation unassessed
sheet["abuse_cases_reported"] = register_counts["abuse"].to_numpy().astype(str)
sheet["injury_cases_reported"] = register_counts["injury"].to_numpy().astype(str)
under_reporting = [communes[1], communes[6]]
for unit in under_reporting:
    sheet.loc[sheet["unit"] == unit, "injury_cases_reported"] = str(max(register_counts.loc[unit, "injury"] - 3, 0))
sheet.head()
"""),
    *md("""
## Theo quy định quốc gia (Quyết định 06/QĐ-TTg)

Đơn vị được công nhận khi đủ 13 tiêu chí được chấm, không tiêu chí nào 0 điểm, và tổng điểm đạt điểm chuẩn theo loại
đơn vị (xã miền núi: 800).
""", """
## Under the national rules (Decision 06/QĐ-TTg)

A unit is recognised when all 13 criteria are scored, none at 0, and the total reaches the pass
mark of its kind (a mountainous commune: 800).
"""),
    *code("""
national = treem.certify(sheet, incidents, period="2024", rules=treem.Rules.national())
frame = national.to_frame("vi")
frame[["unit", "unit_name", "outcome", "total", "pass_mark", "points_missing"]]
"""),
    *code("""
# The outcomes worked out again from the sheet, by the three conditions of Decision 06.
points = sheet[[f"c{c}" for c in range(1, 14)]].replace("", np.nan).astype(float)
def national_outcome(row: pd.Series, pass_mark: float = 800) -> str:
    if (row == 0).any():
        return "not_recognized"
    if row.isna().any():
        return "inconclusive"
    return "recognized" if row.sum() >= pass_mark else "not_recognized"
expected = points.apply(national_outcome, axis=1)
assert frame["outcome"].astype(str).tolist() == expected.tolist()
assert (frame["pass_mark"] == 800).all()
complete = points.notna().all(axis=1)
assert frame.loc[complete, "total"].tolist() == points[complete].sum(axis=1).tolist()
# The gap: how many points short of the pass mark, for units decided on their total alone.
short = complete & ~(points == 0).any(axis=1) & (points.sum(axis=1) < 800)
assert frame.loc[short, "points_missing"].tolist() == (800 - points[short].sum(axis=1)).tolist()
frame["outcome"].value_counts()
"""),
    *code("""
plot.scorecard(national);
"""),
    *md("""
## Thêm quy định của huyện Sơn Hà năm 2024

Quy định của huyện xét mọi vụ đuối nước, bạo lực, xâm hại trong kỳ, kể cả vụ không tử vong. Sổ theo dõi tổng hợp có
tỷ lệ tai nạn, thương tích theo mức bình quân cả nước: ở mức đó, xã nào cũng có ít nhất một vụ.
""", """
## With Sơn Hà's 2024 rule

The district's rule counts every drowning, violence or abuse incident in the period, fatal or not.
The synthetic register has injury rates at the national average: at that rate, every commune has
at least one.
"""),
    *code("""
son_ha = treem.certify(sheet, incidents, period="2024", rules=treem.Rules.son_ha_2024())
scores = son_ha.to_frame("vi")
disqualifying = ["drowning", *ABUSE]
has_disqualifying = in_2024[in_2024["kind"].isin(disqualifying)].groupby("unit", observed=False).size().reindex(communes, fill_value=0) > 0
assert scores["disqualified"].tolist() == has_disqualifying.tolist()
assert (scores.loc[scores["disqualified"], "outcome"] == "not_recognized").all()
print(f"{int(scores['disqualified'].sum())} of {len(scores)} units disqualified by the district's rule")
plot.scorecard(son_ha, lang="en");
"""),
    *md("""
## Lý do và khoảng cách tới mức công nhận

Mỗi quyết định có lý do bằng tiếng Việt và tiếng Anh. Dưới đây là lý do của hai xã: một xã đạt theo quy định quốc gia
nhưng bị loại theo quy định của huyện, và xã bỏ trống tiêu chí 12.
""", """
## Reasons and the gap to recognition

Every decision carries its reasons in Vietnamese and English. Below: a commune that the national
rules recognise but the district's rule disqualifies, and the commune that left criterion 12 empty.
""", ),
    *code("""
recognised_nationally = frame.loc[frame["outcome"] == "recognized", "unit"].tolist()
example = recognised_nationally[0]
for reason in son_ha[example].reasons("vi"):
    print("-", reason)
print()
for reason in son_ha[communes[9]].reasons("en"):
    print("-", reason)
assert any("12" in r for r in son_ha[communes[9]].reasons("en"))
plot.scorecard(son_ha[example], reasons=True);
"""),
    *md("""
## Đối chiếu (audit)

Kết quả đối chiếu so sánh bản tự đánh giá với sổ theo dõi: hai xã báo thiếu số vụ tai nạn, thương tích.
""", """
## The audit

The audit compares the sheet with the register: the two communes that under-reported injuries are found.
"""),
    *code("""
audit = son_ha.audit_frame()
assert sorted(audit.loc[audit["kind"] == "incidents_not_reported", "unit"].unique()) == sorted(under_reporting)
audit
"""),
    *md("""
## Cùng kết quả từ chương trình `treem certify`

Chương trình đọc cùng bảng bằng cùng bộ đọc, nên quyết định phải giống hệt.
""", """
## The same decisions from `treem certify`

The program reads the same tables with the same reader, so its decisions must be identical.
"""),
    *code("""
with tempfile.TemporaryDirectory() as folder:
    sheet_file, incident_file = Path(folder) / "tu-danh-gia.csv", Path(folder) / "vu-viec.csv"
    sheet.to_csv(sheet_file, index=False)
    register = incidents.assign(date=incidents["date"].dt.strftime("%d/%m/%Y"), fatal=incidents["fatal"].map({True: "1", False: "0"}),
                                plan_approved_in_time=incidents["plan_approved_in_time"].map({True: "1", False: "0"}))
    register.to_csv(incident_file, index=False)
    cli = subprocess.run([TREEM, "certify", "--assessments", str(sheet_file), "--incidents", str(incident_file), "--period", "2024",
                          "--rules", "son-ha-2024-overlay", "--csv"], capture_output=True, text=True, encoding="utf-8")
assert cli.returncode == 1, cli.stderr  # 1: some unit is not recognised
from_cli = pd.read_csv(io.StringIO(cli.stdout), dtype={"unit": str})
assert from_cli[["unit", "outcome"]].values.tolist() == scores[["unit", "outcome"]].astype(str).values.tolist()
from_cli[["unit", "outcome", "total", "pass_mark"]].head()
"""),
]

# ---------------------------------------------------------------------------------------------
# 03: child statistics
# ---------------------------------------------------------------------------------------------

STATISTICS = [
    *md("""
# Thống kê trẻ em theo xã: khoảng tin cậy, chỉ tiêu quốc gia, số nhỏ được ẩn và sáp nhập năm 2025

Từ sổ trẻ em và sổ theo dõi vụ việc (dữ liệu tổng hợp của huyện Sơn Hà), sổ tay này tính các chỉ tiêu của Thông tư
13/2021/TT-BLĐTBXH và của các Quyết định 23/QĐ-TTg và 1248/QĐ-TTg theo từng xã và cả huyện, với khoảng tin cậy 95%;
so với chỉ tiêu năm 2025 và 2030; cho thấy các ô số nhỏ (1–4 trường hợp) bị ẩn; và tính lại số liệu năm 2024 trên 5 xã
mới sau sáp nhập theo Nghị quyết 1677/NQ-UBTVQH15.
""", """
# Child statistics by commune: intervals, the national targets, withheld small counts, the 2025 merger

From the child register and the incident register (synthetic data for Sơn Hà district), this
notebook computes the indicators of Circular 13/2021/TT-BLĐTBXH and of Decisions 23/QĐ-TTg and
1248/QĐ-TTg per commune and for the district, with 95% intervals; compares them with the 2025 and
2030 targets; shows the small counts (1–4) withheld; and puts the 2024 figures onto the 5 communes of
the merger of Resolution 1677/NQ-UBTVQH15.
"""),
    *code("""
import numpy as np
import pandas as pd

import treem
from treem import indicators, plot

children, incidents = treem.registers.generate("sonha", seed=1)
table = indicators.compute(children, incidents, period="2024", level=["commune", "district"])
DIMENSIONS = ["sex", "age_group", "ethnicity", "kind", "environment"]
totals = table[table[DIMENSIONS].isna().all(axis=1)]
print(f"{len(children):,} children, {len(incidents):,} incidents; {len(table):,} rows, of which {len(totals):,} totals")
"""),
    *md("""
## Kiểm tra từ nguyên lý

Dân số trẻ em của huyện là số dòng của sổ trẻ em; số trẻ em của huyện bằng tổng các xã; tỷ suất tai nạn, thương tích
của huyện là số vụ chia số trẻ em nhân 100.000.
""", """
## Checks from first principles

The district's child population is the number of rows of the child register; it is the sum of its
communes; its injury rate is injuries over children times 100,000.
"""),
    *code("""
def total(indicator: str, level: str) -> pd.DataFrame:
    rows = totals[(totals["indicator"] == indicator) & (totals["level"] == level)]
    return rows.set_index(rows["unit"].astype(str))

population = total("child_population", "district")
assert population["numerator"].item() == len(children)
assert total("child_population", "commune")["numerator"].sum() == len(children)
injuries = incidents[(incidents["date"].dt.year == 2024) & incidents["kind"].isin(["drowning", "traffic_injury", "other_injury"])]
district_rate = total("child_injury_rate", "district")
assert district_rate["numerator"].item() == len(injuries)
assert np.isclose(district_rate["value"].item(), len(injuries) / len(children) * 100_000)
district_rate[["unit_name", "numerator", "denominator", "value", "lower", "upper"]]
"""),
    *md("""
## Một chỉ tiêu theo xã, với khoảng tin cậy và chỉ tiêu năm 2025

Tỷ suất trẻ em bị tai nạn, thương tích: chỉ tiêu năm 2025 của Quyết định 1248/QĐ-TTg là dưới 550 trên 100.000 trẻ em.
Khoảng tin cậy rộng ở các xã nhỏ: một xã vượt vạch chỉ tiêu chưa chắc đã khác biệt thật.
""", """
## One indicator by commune, with intervals and the 2025 target

Child injuries per 100,000 children: Decision 1248/QĐ-TTg's 2025 target is below 550. The intervals
are wide in small communes: a commune above the line is not necessarily different.
"""),
    *code("""
ax = plot.indicator(table, "child_injury_rate", year=2025)
drawn = [bar.get_height() for bar in ax.patches if bar.get_gid() == "treem-values"]
rates = total("child_injury_rate", "commune")
assert np.allclose(drawn, rates.loc[~rates["suppressed"], "value"])  # a withheld commune is drawn as an empty column marked x
assert [line.get_ydata()[0] for line in ax.lines if line.get_gid() == "treem-target"] == [550]
"""),
    *md("""
## Số nhỏ được ẩn, không bao giờ là 0

Số vụ xâm hại ở mỗi xã rất nhỏ. Các ô có 1–4 trường hợp (và những ô có thể suy ra chúng từ tổng) không được công bố:
chúng không có tử số, giá trị hay khoảng tin cậy, và biểu đồ vẽ chúng là cột gạch chéo có chữ "x", không phải cột 0.
""", """
## Small counts are withheld, never shown as 0

Abuse counts per commune are tiny. Cells of 1–4 (and those that would reveal them through totals)
are withheld: they have no numerator, value or interval, and the chart draws them as hatched columns
marked "x", not as bars of 0.
"""),
    *code("""
abuse = total("abused_children_rate", "commune")
withheld = abuse[abuse["suppressed"]]
assert len(withheld) > 0 and withheld[["numerator", "value", "lower", "upper"]].isna().all().all()
# No published count is 1-4 (k = 4): what is shown is 0 or at least 5.
published = abuse.loc[~abuse["suppressed"], "numerator"]
assert not published.between(1, 4).any()
print(f"withheld: {len(withheld)} of {len(abuse)} communes; published counts: {sorted(published.astype(int))}")
ax = plot.indicator(table, "abused_children_rate")
assert sum(p.get_gid() == "treem-withheld" for p in ax.patches) == len(withheld)
"""),
    *code("""
plot.indicator(table, "abused_children_rate", lang="en");
"""),
    *md("""
## Tiến độ so với chỉ tiêu năm 2025 và 2030

`indicators.progress` so sánh tổng của từng đơn vị với chỉ tiêu (Quyết định 23/QĐ-TTg và 1248/QĐ-TTg). Chỉ tiêu tương
đối (số trẻ tử vong do đuối nước giảm 10% so với năm 2020) cần số liệu năm gốc, treem không tự giả định.
""", """
## Progress against the 2025 and 2030 targets

`indicators.progress` compares each unit's totals with the targets (Decisions 23/QĐ-TTg and
1248/QĐ-TTg). A relative target (drowning deaths down 10% on 2020) needs its baseline, which treem
never assumes.
"""),
    *code("""
progress = indicators.progress(table)
district = progress[progress["level"] == "district"]
# Re-evaluate each comparison with pandas.
compare = {"<": np.less, "<=": np.less_equal, ">=": np.greater_equal, ">": np.greater}
known = district[district["target"].notna() & district["value"].notna()]
assert known["meets"].astype(bool).tolist() == [bool(compare[c](v, t)) for c, v, t in zip(known["comparator"], known["value"], known["target"])]
assert district.loc[district["target"].isna(), "meets"].isna().all()  # no baseline: not known
district[["indicator", "year", "comparator", "target", "value", "meets", "gap"]]
"""),
    *code("""
plot.progress(progress, level="district", year=2025);
"""),
    *code("""
plot.progress(progress, indicator="special_circumstances_supported_share", level="commune", year=2025,
              unit_names=dict(zip(totals["unit"].astype(str), totals["unit_name"])), lang="en");
"""),
    *md("""
## Sau sáp nhập năm 2025

Từ 01/07/2025, 14 đơn vị hành chính cấp xã của huyện Sơn Hà được sắp xếp thành 5 xã (Nghị quyết 1677/NQ-UBTVQH15).
Số liệu năm 2024 được tính lại trên 5 xã mới: số đếm của mỗi xã cũ được cộng vào xã mới, rồi tỷ lệ, khoảng tin cậy và
việc ẩn số nhỏ được tính lại từ đầu.
""", """
## After the 2025 merger

From 01/07/2025 Sơn Hà's 14 commune-level units became 5 communes (Resolution
1677/NQ-UBTVQH15). The 2024 figures are put onto the 5 new communes: each old commune's counts go
to its successor, then rates, intervals and suppression are computed afresh.
"""),
    *code("""
units = treem.UnitRegistry.bundled()
merger = units.get_merger("nq-1677-2025-son-ha")
merged = indicators.compute(children, incidents, period="2024", level="commune", merger=merger.id)
merged_population = merged[(merged["indicator"] == "child_population") & merged[DIMENSIONS].isna().all(axis=1)]
assert len(merged_population) == 5
# Each new commune's children are the children of the old communes it was formed from.
old = total("child_population", "commune")["numerator"]
by_successor = units.across_merger(old, merger=merger.id)
assert merged_population.set_index(merged_population["unit"].astype(str))["numerator"].to_dict() == by_successor.to_dict()
merged_population[["unit", "unit_name", "numerator"]]
"""),
    *code("""
plot.indicator(merged, "child_injury_rate", year=2025);
"""),
]

# ---------------------------------------------------------------------------------------------
# 04: national scale
# ---------------------------------------------------------------------------------------------

NATIONAL = [
    *md("""
# Quy mô cả nước: 25 triệu trẻ em trong một sổ tay

Sổ trẻ em tổng hợp cho cả nước có khoảng 25 triệu trẻ em ở 10.047 xã (tổng hợp, không phải địa giới thật). Sổ tay này
sinh sổ, tính mọi chỉ tiêu cho huyện, tỉnh và toàn quốc, và so với chỉ tiêu năm 2025, trong vài giây đến vài chục giây.

Biến môi trường `TREEM_NOTEBOOK_CHILDREN` chọn quy mô (mặc định 25.000.000). CI đặt một số nhỏ (200.000) để chạy nhanh:
khi đó treem sinh số xã tương ứng, trải đều khắp các tỉnh, bằng chương trình `treem generate --communes`.
""", """
# National scale: 25 million children in a notebook

The synthetic national register has about 25 million children in 10,047 communes (synthetic, not
the real geography). This notebook generates it, computes every indicator for districts, provinces
and the nation, and compares them with the 2025 targets, in seconds to tens of seconds.

The environment variable `TREEM_NOTEBOOK_CHILDREN` picks the size (default 25,000,000). CI sets a
small one (200,000) to run fast: treem then generates that many communes' worth, spread over every
province, with `treem generate --communes`.
"""),
    *code(f"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import treem
from treem import indicators, plot

{FIND_ROOT}
CHILDREN = int(os.environ.get("TREEM_NOTEBOOK_CHILDREN", "25000000"))
ALL_COMMUNES = 10_047
CHILDREN_PER_COMMUNE = 2_490  # the national register's average (25.0 M / 10,047)
communes = min(ALL_COMMUNES, max(1, round(CHILDREN / CHILDREN_PER_COMMUNE)))
if communes >= 0.99 * ALL_COMMUNES:
    communes = ALL_COMMUNES  # "25 million" is the whole country
print(f"asked for {{CHILDREN:,}} children: {{communes:,}} communes")
"""),
    *code("""
started = time.perf_counter()
if communes == ALL_COMMUNES:
    # The whole country, generated in memory.
    children, incidents = treem.registers.generate("national", seed=7)
    units = treem.UnitRegistry.synthetic("national")
else:
    # Part of the country: the program writes the registers and their units, which are read back.
    folder = Path(tempfile.mkdtemp(prefix="treem-national-"))
    subprocess.run([TREEM, "generate", "--units", "national", "--seed", "7", "--communes", str(communes), "--out", str(folder)],
                   check=True, capture_output=True)
    units = treem.UnitRegistry.from_file(folder / "units.toml")
    children = treem.registers.read_children(folder / "children.csv", units=units).frame
    incidents = treem.registers.read_incidents(folder / "incidents.csv", units=units).frame
    shutil.rmtree(folder)
generated = time.perf_counter() - started
assert children["unit"].nunique() == communes
print(f"{len(children):,} children and {len(incidents):,} incidents in {children['unit'].nunique():,} communes, {generated:.1f} s")
"""),
    *md("""
## Mọi chỉ tiêu, mọi cấp

Một lượt qua mỗi sổ đếm mọi tử số và mẫu số, theo xã và theo từng nhóm (giới tính, nhóm tuổi, dân tộc, loại vụ việc,
môi trường); huyện, tỉnh và toàn quốc là tổng của các xã qua ma trận thưa.
""", """
## Every indicator, every level

One pass over each register counts every numerator and denominator, per commune and category (sex,
age group, ethnicity, kind, environment); districts, provinces and the nation are sums of the
communes through a sparse matrix.
"""),
    *code("""
started = time.perf_counter()
with warnings.catch_warnings(record=True) as said:  # printed below: what suppression could check at this scale
    warnings.simplefilter("always")
    table = indicators.compute(children, incidents, period="2024", units=units, level=["district", "province", "nation"])
computed = time.perf_counter() - started
DIMENSIONS = ["sex", "age_group", "ethnicity", "kind", "environment"]
totals = table[table[DIMENSIONS].isna().all(axis=1)]
print(f"{len(table):,} rows ({len(totals):,} totals) in {computed:.1f} s")
# Suppression reads a table this large in sub-tables (each unit with the units inside it: the nation
# and its provinces, each province and its districts), and only in them: beyond the whole-table
# limit, it is not then read whole (read_whole False, and the warning says so), and without the
# communes each province and its districts is one sub-table already, no part deeper to read whole.
print("protection:", table.attrs["protection"])
for w in said:
    print(w.message)
table["level"].value_counts()
"""),
    *code("""
# Cross-checks: the nation's child population is the register's length; every level sums to it;
# girls and boys add up to the total.
population = totals[totals["indicator"] == "child_population"]
for level in ["district", "province", "nation"]:
    assert population.loc[population["level"] == level, "numerator"].sum() == len(children), level
nation = table[(table["level"] == "nation") & (table["indicator"] == "child_population")]
by_sex = nation[nation["sex"].notna() & nation[["age_group", "ethnicity", "kind", "environment"]].isna().all(axis=1)]
assert by_sex["numerator"].sum() == len(children)
register_by_sex = children["sex"].astype(str).map({"M": "male", "F": "female"}).value_counts()
assert by_sex.set_index(by_sex["sex"].astype(str))["numerator"].to_dict() == register_by_sex.to_dict()
# The nation's injury rate from the registers themselves.
injuries = incidents[(incidents["date"].dt.year == 2024) & incidents["kind"].isin(["drowning", "traffic_injury", "other_injury"])]
rate = totals[(totals["level"] == "nation") & (totals["indicator"] == "child_injury_rate")]["value"].item()
assert np.isclose(rate, len(injuries) / len(children) * 100_000)
print(f"child injuries: {rate:.1f} per 100,000 children")
"""),
    *md("""
## Tiến độ so với chỉ tiêu năm 2025

Cả nước và từng tỉnh: tỉnh nào đạt chỉ tiêu nào.
""", """
## Progress against the 2025 targets

The nation and each province: which province meets which target.
"""),
    *code("""
started = time.perf_counter()
progress = indicators.progress(table, year=2025)
print(f"progress of {progress['unit'].nunique():,} units in {time.perf_counter() - started:.2f} s")
provinces = progress[(progress["level"] == "province") & progress["meets"].notna()]
meeting = provinces.groupby("indicator", observed=True)["meets"].agg(["sum", "count"]).rename(columns={"sum": "provinces meeting", "count": "provinces"})
# Cross-check with pandas: a province meets "<" / "<=" / ">=" as its value compares with the target.
compare = {"<": np.less, "<=": np.less_equal, ">=": np.greater_equal, ">": np.greater}
again = [bool(compare[c](v, t)) for c, v, t in zip(provinces["comparator"], provinces["value"], provinces["target"])]
assert provinces["meets"].astype(bool).tolist() == again
meeting
"""),
    *code("""
plot.progress(progress, level="nation");
"""),
    *code("""
plot.indicator(table, "child_injury_rate", level="province", year=2025, lang="en");
"""),
    *md("""
**Kết luận.** Với dữ liệu tổng hợp theo chỉ tiêu quốc gia, tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp và tỷ suất
tai nạn, thương tích dao động quanh chỉ tiêu giữa các tỉnh; khoảng tin cậy ở cấp tỉnh hẹp vì mỗi tỉnh có hàng trăm nghìn trẻ em.
""", """
**Conclusion.** With synthetic data drawn around the national targets, the supported share and the
injury rate scatter around the targets across provinces; provincial intervals are narrow because
each province has hundreds of thousands of children.
"""),
]

NOTEBOOKS = {
    "01-son-ha-2024-plan.ipynb": PLAN,
    "02-certification.ipynb": CERTIFY,
    "03-child-statistics.ipynb": STATISTICS,
    "04-national-scale.ipynb": NATIONAL,
}


def build(cells: list, stem: str) -> nbformat.NotebookNode:
    """A notebook without outputs or execution counts, with ids that do not change between runs."""
    notebook = new_notebook(cells=cells)
    for i, cell in enumerate(notebook.cells):
        cell["id"] = f"{stem}-{i:02d}"
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(notebook)
    return notebook


def render(name: str) -> str:
    return nbformat.writes(build(NOTEBOOKS[name], name.split("-")[0]), version=4) + "\n"


def main(folder: Path = HERE) -> None:
    for name in NOTEBOOKS:
        (folder / name).write_text(render(name), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
