"""Sweep summaries say how many runs each distribution rests on (no cluster needed)."""

from __future__ import annotations

import pandas as pd

from matching.distributed import SweepResult, summarise


def _draws(group: str, values: list[float | None], failed: int) -> list[dict]:
    """Result rows of a no-show group: ``values`` measured, then ``failed`` errors."""
    rows = [{"group": group, "scenario": f"{group} #{k}", "status": "EVALUATED",
             "error": "", "draw": k, "seats_short": value}
            for k, value in enumerate(values)]
    rows += [{"group": group, "scenario": f"{group} #{len(values) + k}", "status": "ERROR",
              "error": "the worker running it died", "draw": len(values) + k,
              "seats_short": None} for k in range(failed)]
    return rows


def _result(rows: list[dict]) -> SweepResult:
    results = pd.DataFrame(rows)
    return SweepResult("draws", results, summarise(results), {})


def test_a_summary_of_11_of_100_draws_says_so() -> None:
    result = _result(_draws("no-shows p=0.3", [float(k) for k in range(11)], 89))
    [row] = result.summary.to_dict("records")
    assert (row["kpi"], row["runs"], row["failed"], row["total"]) == ("seats_short", 11, 89,
                                                                      100)
    assert row["mean"] == 5.0 and row["q50"] == 5.0  # over the 11 that ran
    assert ("partial     no-shows p=0.3: summary of 11 of 100 runs (89 failed)"
            in result.summary_lines())


def test_runs_counts_values_and_total_counts_every_run_of_the_group() -> None:
    rows = _draws("no-shows p=0.1", [1.0, None, 3.0], 1)  # one run has no seats_short
    for row in rows:
        row["understaffed_share"] = 0.5
    summary = summarise(pd.DataFrame(rows)).set_index("kpi")
    assert summary.loc["seats_short", ["runs", "failed", "total"]].tolist() == [2, 1, 4]
    assert summary.loc["understaffed_share", ["runs", "failed", "total"]].tolist() == [3, 1, 4]


def test_a_group_whose_every_run_failed_keeps_a_row() -> None:
    result = _result(_draws("no-shows p=0.1", [2.0, 4.0], 0)
                     + _draws("no-shows p=0.5", [], 3))
    rows = {(r["group"], r["kpi"]): r for r in result.summary.to_dict("records")}
    empty = rows["no-shows p=0.5", ""]
    assert (empty["runs"], empty["failed"], empty["total"]) == (0, 3, 3)
    assert pd.isna(empty["mean"])
    assert rows["no-shows p=0.1", "seats_short"]["failed"] == 0
    lines = result.summary_lines()
    assert "partial     no-shows p=0.5: summary of 0 of 3 runs (3 failed)" in lines
    assert not any(line.startswith("partial     no-shows p=0.1") for line in lines)


def test_summary_csv_carries_the_counts(tmp_path) -> None:
    result = _result(_draws("no-shows p=0.3", [1.0, 2.0], 3))
    result.save(tmp_path / "out")
    saved = pd.read_csv(tmp_path / "out" / "summary.csv", encoding="utf-8-sig")
    assert list(saved.columns) == ["group", "kpi", "runs", "failed", "total", "mean", "q05",
                                   "q50", "q95"]
    assert saved.loc[saved["kpi"] == "seats_short", ["runs", "failed", "total"]
                     ].values.tolist() == [[2, 3, 5]]


def test_no_results_give_an_empty_summary_with_the_columns() -> None:
    summary = summarise(pd.DataFrame())
    assert summary.empty and list(summary.columns[2:5]) == ["runs", "failed", "total"]
