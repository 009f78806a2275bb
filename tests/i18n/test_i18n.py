"""The one catalogue of words and sentences, and messages rendered in either language."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

from matching.export.labels import FAMILIES, broken_rules_warning, label, named, rule_name
from matching.i18n import (
    CATALOGUE,
    LANGUAGES,
    ChoiceWord,
    ColumnWord,
    Day,
    Listing,
    Moment,
    Span,
    has,
    say,
    text,
)
from matching.i18n.actuals import ACTUALS
from matching.i18n.records import phrase_record, read_phrase
from matching.i18n.sentences import SENTENCES
from matching.i18n.words import WORDS
from matching.plan import Assignment

SRC = Path(__file__).resolve().parents[2] / "src" / "matching"
#: Words that stay as they are in Chinese: a file type in a path's placeholder.
ALLOWED_IN_CHINESE = ("xlsx",)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def without_fields(template: str) -> str:
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(template))


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_chinese_has_no_english_words_and_english_no_chinese(key: str) -> None:
    zh = without_fields(CATALOGUE[key]["zh"])
    for allowed in ALLOWED_IN_CHINESE:
        zh = zh.replace(allowed, "")
    assert not re.findall(r"[a-z_]{4,}", zh), CATALOGUE[key]["zh"]
    assert not CJK.search(CATALOGUE[key]["en"]), CATALOGUE[key]["en"]


def test_words_and_sentences_do_not_share_keys() -> None:
    assert not set(WORDS) & set(SENTENCES)
    assert not set(ACTUALS) & (set(WORDS) | set(SENTENCES))
    assert len(CATALOGUE) == len(WORDS) + len(SENTENCES) + len(ACTUALS)


def test_a_bare_export_key_names_one_word() -> None:
    """``label(key)`` looks ``key`` up in several families: none may have it twice."""
    seen: dict[str, str] = {}
    for key in WORDS:
        family, name = key.split(".", 1)
        if family in FAMILIES:
            assert name not in seen, (key, seen.get(name))
            seen[name] = key


def test_every_literal_key_in_the_sources_is_in_the_catalogue() -> None:
    calls = re.compile(r"\b(?:say|text|tr)\(\s*\"([a-z_]+\.[A-Za-z_0-9]+)\"")
    used = {key for source in SRC.rglob("*.py") for key in calls.findall(source.read_text())}
    assert len(used) > 100, "the pattern found too few keys"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_the_catalogue_imports_nothing_of_the_package_and_exports_no_app() -> None:
    """Imports flow one way: the apps read the exports' words, never the reverse, and
    the evaluator and the catalogue know neither."""
    def imports(folder: str) -> set[str]:
        found = set()
        for source in (SRC / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text())):
                if isinstance(node, ast.ImportFrom):
                    found.add("." * node.level + (node.module or ""))
        return found

    assert all(not name.startswith("..") for name in imports("i18n"))
    assert not any("ui" in name.split(".") for name in imports("export") | imports("evaluate"))
    assert not any("export" in name.split(".") for name in imports("evaluate"))


def test_a_message_renders_in_either_language() -> None:
    when = Span(datetime(2023, 7, 10, 8, 30), datetime(2023, 7, 10, 11))
    placed = say("piece.placed", title="开营仪式", when=when)
    assert placed.render() == "开营仪式 on Mon 2023-07-10 08:30–11:00"
    assert placed.render("zh") == "开营仪式（2023-07-10 周一 08:30–11:00）"
    assert str(placed) == placed.render("en")
    message = say("hard.weekly_hours", name="金世昌", hours=7.5, period=Day(date(2023, 7, 10)),
                  count=3, limit=6)
    assert message.render("en") == ("金世昌 staffs 7.5 h in the week of Mon 2023-07-10 (3 "
                                    "activities), more than the 6 h a week they give")
    assert message.render("zh") == ("金世昌 在 2023-07-10 周一 那一周服务 7.5 小时（3 项活动），"
                                    "超过其每周 6 小时的上限")
    assert Moment(datetime(2023, 7, 11), end=True).render("zh") == "2023-07-10 周一 24:00"
    with pytest.raises(KeyError):
        say("hard.no_such_sentence")


def test_lists_join_and_count_the_rest_as_each_language_does() -> None:
    items = ("王芳", "李俊杰", "张伟", "刘洋")
    assert Listing(items, limit=2).render("en") == "王芳, 李俊杰 and 2 more"
    assert Listing(items, limit=2).render("zh") == "王芳、李俊杰 等，另有 2 项"
    assert Listing(items, limit=2, people=True).render("zh") == "王芳、李俊杰 等，另有 2 人"
    assert Listing(items, limit=2, people=True).render("en") == "王芳, 李俊杰 and 2 more"
    assert Listing(items[:2], "semicolon").render("zh") == "王芳；李俊杰"
    assert Listing((say("word.no_room"), "hall"), "and").render("en") == "no room and hall"


def test_a_reason_is_english_text_and_a_message_for_any_language() -> None:
    row = Assignment("a1").because(say("why.no_free_volunteers", role="签到接待"))
    assert row.reason == "not enough free volunteers for 签到接待 whenever a room is free"
    assert row.reason_in("zh") == "有空场地时，签到接待岗位的空闲志愿者都不够"
    assert row == Assignment("a1", reason=row.reason)  # the message is not compared
    typed = Assignment("a2", reason="场地维修")
    assert typed.reason_in("en") == typed.reason_in("zh") == "场地维修"
    assert Assignment("a3").because(None).reason == ""


def test_a_phrase_kept_as_json_reads_back_the_same_in_either_language() -> None:
    """Plan files keep reasons so: every kind of phrase, nested, and NumPy counts."""
    weekly = say("hard.weekly_hours", name="金世昌", hours=7.5, period=Day(date(2023, 7, 10)),
                 count=np.int64(3), limit=6)
    placed = say("piece.placed", title="开营仪式",
                 when=Span(datetime(2023, 7, 10, 8, 30), datetime(2023, 7, 10, 11)))
    frozen = say("why.frozen", moment=Moment(datetime(2023, 7, 11), end=True))
    after = say("valid.moment_after", start=ColumnWord("earliest_start", "activities"))
    one_of = say("valid.one_of", choices=Listing((ChoiceWord("booking", "kind"),)))
    phrase = Listing((weekly, placed, frozen, "场地维修", after, one_of), "semicolon", limit=3)
    back = read_phrase(json.loads(json.dumps(phrase_record(phrase))))
    assert back == phrase
    people = Listing(("王芳", "李俊杰", "张伟"), limit=1, people=True)
    assert read_phrase(json.loads(json.dumps(phrase_record(people)))) == people
    assert [back.render(x) for x in LANGUAGES] == [phrase.render(x) for x in LANGUAGES]
    with pytest.raises(TypeError):
        phrase_record(say("piece.placed", title="开营仪式", when=date(2023, 7, 10)))
    with pytest.raises(ValueError):
        read_phrase("场地维修")
    with pytest.raises(KeyError):
        read_phrase({"message": "why.no_such_reason", "values": {}})


def test_a_language_the_catalogue_lacks_is_a_value_error_naming_the_languages() -> None:
    for word in (lambda: text("word.yes", "fr"), lambda: label("title", "fr"),
                 lambda: named("measure", "no_shows", "fr"), lambda: say("word.yes").render("de")):
        with pytest.raises(ValueError, match="one of zh, en"):
            word()


def test_export_words() -> None:
    assert label("title", "zh") == "活动" and label("title", "en") == "Activity"
    assert label("by_day", "zh") == "按日期" and label("horizon", "en") == "Period"
    assert label("no_such_column", "zh") == "no_such_column"
    assert named("priority", "high", "zh") == "高" and named("kpi", "new_one", "zh") == "new_one"
    assert rule_name("unknown_id", "zh") == "未知编号"
    assert rule_name("use_everyone", "en") == "Use every volunteer"
    assert broken_rules_warning(0, "zh") == ""
    assert broken_rules_warning(1, "en").startswith("This plan breaks 1 hard rule:")
    assert broken_rules_warning(2, "en").startswith("This plan breaks 2 hard rules:")
    assert "2 条" in broken_rules_warning(2, "zh")
    assert has("col.penalty") and text("col.penalty", "zh") == "罚分"


def test_a_key_figure_of_one_role_is_named_by_its_figure_and_the_role() -> None:
    """A no-show sweep's ``seats_short.<role>`` read "seats_short.儿童看护" in a Chinese
    summary; English keeps the table's name."""
    assert named("measure", "seats_short.儿童看护", "zh") == "距最少人数所缺人次（儿童看护）"
    assert named("measure", "seats_short.儿童看护", "en") == "seats_short.儿童看护"
    assert named("measure", "a_new_figure.x", "zh") == "a_new_figure.x"
