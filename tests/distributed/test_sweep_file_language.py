"""A sweep file's problems are a workbook's errors: counted under one line and said in
Chinese too (:meth:`SweepFileError.render`), in English for scripts (``str``); a
scenario's own problems inside it keep their wording. No cluster: the file is read here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA

from matching import read_tables
from matching.distributed import Selection, SweepFileError, load_sweep

BAD = ("name: bad\ncolour: blue\nselect: {start: 2023-13-01}\nsolver: {time_limit: fast}\n"
       "grid:\n  attendance: [1, two]\n  weight_fairnes: [1]\n"
       "scenarios: [missing.yaml, {name: x, changes: [{kind: teleport}]}]\n"
       "no_shows: {probability: [0.1, 2], draws: 0, mode: sometimes, start: '2024-03-04', "
       "history: hours.csv}\n")
#: Where a problem is and the values of a line in Chinese: keys, ids and numbers as typed.
TYPED = re.compile(r"[A-Za-z_][A-Za-z_0-9.\[\]<>'-]*")


def refused(tmp_path: Path, text: str) -> SweepFileError:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "hours.csv").write_text("volunteer_id,activities,no_shows\nv1,x,1\n",
                                        encoding="utf-8")
    with pytest.raises(SweepFileError) as caught:
        load_sweep(tmp_path / "bad.yaml")
    return caught.value


def test_a_bad_sweep_file_is_counted_as_a_workbook_s_errors_in_either_language(
        tmp_path: Path) -> None:
    """Each problem in Chinese, where and what was typed as they are; in English as
    before, one ``error:`` line each (a scenario's, by its key once)."""
    error = refused(tmp_path, BAD)
    english = str(error).splitlines()
    assert english[0] == "the sweep file bad.yaml has 12 errors:"
    assert english[1:4] == [
        "  error: colour: a known key: name, description, select, solver, baseline, "
        "scenarios, grid, no_shows",
        f"  error: scenarios[1]: got 'missing.yaml'; a scenario file (there is none at "
        f"{tmp_path / 'missing.yaml'})",
        "  error: scenarios[2]: change 1 (teleport), field 'kind': got 'teleport'; a kind of "
        "change: close_room, room_hours, add_room, volunteer_unavailable, volunteer_available, "
        "volunteer_gone, add_activity, remove_activity, change_activity, scale_attendance, "
        "duty_limit, set_weight, freeze"]
    assert english[5].startswith("  error: grid.weight_fairnes[1]: got '1'; a change ({kind: "
                                 "..., ...}) or a list of changes; numbers only for attendance "
                                 "and weight_<term> (terms: priority_high, ")
    assert english[8:11] == [
        "  error: no_shows.mode: got 'sometimes'; fixed (evaluate the baseline plan) or "
        "replan (plan each draw)",
        "  error: no_shows: both start and end for a window, or neither",
        "  error: no_shows.history, row 2, column 'activities': got 'x'; a whole number from "
        "0 to 1000000"]
    chinese = error.render("zh").splitlines()
    assert chinese[0] == "bad.yaml 中的批量情景有 12 处错误："
    assert chinese[3] == ("  错误：scenarios[2]：第 1 项变化（teleport） “变化类型（kind）” 字段："
                          "填的是 “teleport”，应为：变化类型之一：关闭场地（close_room）、"
                          "改开放时间（room_hours）、新增场地（add_room）、志愿者不能来"
                          "（volunteer_unavailable）、志愿者应急待命（volunteer_available）、"
                          "志愿者离开（volunteer_gone）、新增活动（add_activity）、取消活动"
                          "（remove_activity）、修改活动（change_activity）、调整预计人数"
                          "（scale_attendance）、服务上限（duty_limit）、调整权重（set_weight）、"
                          "冻结已发生的安排（freeze）")
    assert chinese[9] == "  错误：no_shows：时间窗的 start 和 end 都写，或都不写"
    assert chinese[10] == ("  错误：no_shows.history 第 2 行 “activities” 列：填的是 “x”，"
                           "应为：0 至 1000000 之间的整数")
    for line in chinese:
        assert not re.search(r"[a-z]{4,}", TYPED.sub("", line.replace(str(tmp_path), ""))), line


def test_a_sweep_file_that_does_not_parse_or_has_nothing_to_run_is_said_in_chinese(
        tmp_path: Path) -> None:
    assert refused(tmp_path, "grid: [attendance: 1\n").render("zh").splitlines()[1].startswith(
        "  错误：bad.yaml 第 2 行第 1 列：有效的 YAML（")
    assert refused(tmp_path, "name: empty\n").render("zh").splitlines()[1:] == [
        "  错误：文件：要运行的内容：scenarios、grid 或 no_shows"]


def test_a_selection_the_workbook_lacks_names_its_ids_in_chinese() -> None:
    tables, _ = read_tables(DATA / "tiny")
    with pytest.raises(SweepFileError) as caught:
        Selection(series="S-NONE").apply(tables)
    assert caught.value.render("zh").splitlines() == [
        "批量情景有 1 处错误：", "  错误：select.series：填的是 “S-NONE”，应为：工作簿中的 "
        "series_id（s1）"]
    assert str(caught.value).splitlines()[1] == ("  error: select.series: got 'S-NONE'; a "
                                                 "series_id of the workbook (s1)")
