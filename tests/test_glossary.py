"""The glossary dataset quotes its papers, every lecture ends with its glossary, and the one
language setting gives every widget its labels in English or Chinese (no browser needed)."""
from __future__ import annotations

import os
import re
import string
import warnings
from datetime import date
from pathlib import Path

import ipywidgets as W
import matplotlib
import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

import course
from course import language
from course.data import load
from course.glossary import GlossaryError, citation, glossary_html, glossary_table, show_glossary, terms
from course.labels import LABELS
from course.language import CJKFontWarning, LanguageError, get_language, set_language, t, using_language
from course.lecture_units import UNIT_NAME, module_of, units
from course.schemas import MODULES
from tests.conftest import squash

ROOT = Path(__file__).resolve().parent.parent
LECTURES = ROOT / "course" / "lectures"
#: a Chinese character, or the full-width punctuation Chinese text uses (，（）：“”)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch):
    """Each test starts from the default: no `set_language`, no $COURSE_LANGUAGE."""
    monkeypatch.delenv(language.ENV_VAR, raising=False)
    monkeypatch.setattr(language, "_chosen", None)  # restored after the test, whatever it set


@pytest.fixture(scope="module")
def glossary():
    return load("glossary")


# ---- the dataset ------------------------------------------------------------------------

def test_a_module_per_lecture():
    assert MODULES == tuple(sorted({module_of(p) for p in LECTURES.glob("*.ipynb")}))


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_its_key_terms(glossary, module):
    n = int((glossary["module"] == module).sum())
    assert 8 <= n <= 15, f"{module} has {n} glossary terms; a lecture's glossary has about 8 to 15"


def test_ids_are_unique_and_stable(glossary):
    assert not glossary.duplicated(["term_id", "module"]).any()
    bad = [i for i in glossary["term_id"] if not re.fullmatch(r"[a-z][a-z0-9_]*", i)]
    assert not bad, f"term_id should be lower-case snake case: {bad}"


def test_a_term_reads_the_same_in_every_module(glossary):
    for term_id, rows in glossary.groupby("term_id"):
        for column in ("term_en", "term_zh", "definition_en"):
            assert rows[column].nunique() == 1, f"{term_id}: {column} differs between modules {list(rows['module'])}"


def test_every_row_has_a_source(glossary):
    for r in glossary.itertuples():
        where = f"{r.term_id} ({r.module})"
        if r.source_kind == "paper":
            assert pd.notna(r.source_id) and pd.notna(r.section) and pd.notna(r.quote), f"{where}: a paper term needs source_id, section and quote"
            assert pd.isna(r.other_source), f"{where}: a paper term cites its paper, not other_source"
        else:
            assert r.source_kind == "not from the papers"
            assert pd.notna(r.other_source), f"{where}: a term not from the papers must cite its source in other_source"
            assert pd.isna(r.source_id) and pd.isna(r.quote), f"{where}: a term not from the papers cannot cite a paper"
            assert str(r.note).startswith("Not from the papers"), f"{where}: note must say it is not from the papers"
    assert (glossary["source_kind"] == "paper").mean() > 0.9, "the glossary should mostly hold the papers' own terms"


def test_every_chinese_term_is_verbatim_in_its_paper(glossary, papers):
    missing = []
    for r in glossary[glossary["source_kind"] == "paper"].itertuples():
        if squash(r.term_zh) not in squash(r.quote) or squash(r.quote) not in papers[r.source_id]:
            missing.append((r.term_id, r.module, r.term_zh))
    assert not missing, f"term_zh not in its quote, or the quote not verbatim in its paper: {missing}"


def test_terms_are_chinese_and_definitions_one_sentence(glossary):
    for r in glossary.itertuples():
        assert CJK.search(r.term_zh), f"{r.term_id}: term_zh {r.term_zh!r} is not Chinese"
        text = r.definition_en
        assert text.endswith("."), f"{r.term_id}: the definition is a sentence"
        assert not re.search(r"[.!?] [A-Z]", text[:-1]), f"{r.term_id}: the definition has more than one sentence: {text!r}"


# ---- glossary tables --------------------------------------------------------------------

@pytest.mark.parametrize("module", MODULES)
def test_glossary_table_per_module(module):
    rows = terms(module)
    table = glossary_table(module)
    assert list(table.columns) == ["English", "中文", "definition", "source"]
    assert len(table) == len(rows) and table.notna().all().all()
    assert list(table["中文"]) == list(rows["term_zh"]) and list(table["English"]) == list(rows["term_en"])
    for source in table["source"]:
        assert re.fullmatch(r"[A-Z][a-z]+( and [A-Z][a-z]+)? \(\d{4}\)", source) or source.startswith("not from the papers: "), source
    zh = glossary_table(module, "zh")
    assert list(zh.columns) == ["英文", "中文", "释义（英文）", "来源"]
    assert list(zh["英文"]) == list(table["English"]) and list(zh["释义（英文）"]) == list(table["definition"])
    for source in zh["来源"]:
        assert re.fullmatch(r"[\u4e00-\u9fff、]+（\d{4}）", source) or source.startswith("非论文来源："), source


def test_glossary_follows_the_language_setting():
    set_language("zh")
    assert list(glossary_table("01_market_size").columns)[0] == "英文"
    assert list(glossary_table("01_market_size", "en").columns)[0] == "English"


def test_citations_of_the_five_papers():
    assert [citation(s) for s in ("tian2022", "socialized2025", "liu2021", "gan2024", "yang2025")] == [
        "Tian (2022)", "Anonymous (2025)", "Liu (2021)", "Gan (2024)", "Yang and Luo (2025)"]
    assert [citation(s, "zh") for s in ("tian2022", "socialized2025", "liu2021", "gan2024", "yang2025")] == [
        "田飞燕（2022）", "佚名（2025）", "刘旷（2021）", "甘维（2024）", "杨倩、罗琪（2025）"]
    with pytest.raises(GlossaryError, match="no paper with source_id 'nobody'"):
        citation("nobody")


def test_glossary_html_and_styler():
    html = glossary_html("05_logistics")
    assert html == glossary_html("05_logistics"), "the same table gives the same HTML"
    assert html.count("<tr>") == len(terms("05_logistics")) + 1
    for term in terms("05_logistics")["term_zh"]:
        assert term in html
    assert ">source<" in html and "Gan (2024)" in html
    styler = show_glossary("05_logistics", "zh")
    assert styler.data.equals(glossary_table("05_logistics", "zh"))


def test_unknown_module():
    with pytest.raises(GlossaryError, match="unknown module '08_nothing'; the course's modules are 01_market_size"):
        glossary_table("08_nothing")


# ---- every lecture ends with its glossary --------------------------------------------------

@pytest.mark.parametrize("module", MODULES)
def test_every_lecture_ends_with_its_glossary(module):
    # a module's glossary ends its lecture: the one notebook, or the last unit before any appendix
    read = [p for p in units(module, LECTURES) if UNIT_NAME.match(p.stem)["unit"] != "appendix"]
    nb = nbformat.read(read[-1], as_version=4)
    heading, code = nb.cells[-2], nb.cells[-1]
    assert heading.cell_type == "markdown" and heading.source.startswith("## Glossary · 术语表")
    assert code.cell_type == "code" and f'show_glossary("{module}")' in code.source
    assert code.outputs == [] and code.execution_count is None
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids)
    assert sum(c.source.startswith("## Glossary") for c in nb.cells if c.cell_type == "markdown") == 1
    namespace: dict = {}
    exec(compile(code.source.rsplit("\n", 1)[0], f"{module} glossary cell", "exec"), namespace)  # the import
    shown = eval(code.source.rsplit("\n", 1)[1], namespace)  # the expression the cell displays
    assert shown.data.equals(glossary_table(module))


# ---- the language setting -----------------------------------------------------------------

def test_default_is_english():
    assert get_language() == "en" and course.get_language() == "en"
    assert t("swot.weight") == "weight"


def test_set_language():
    assert course.set_language("zh") == "zh" and get_language() == "zh"
    assert t("swot.weight") == "权重" and t("swot.weight", "en") == "weight"
    assert set_language(" ZH ") == "zh"
    assert set_language("en") == "en" and t("swot.weight") == "weight"
    with using_language("zh"):
        assert t("swot.weight") == "权重"
    assert get_language() == "en"


def test_the_environment_variable_is_honoured(monkeypatch):
    monkeypatch.setenv("COURSE_LANGUAGE", "zh")
    assert get_language() == "zh" and t("logistics.duty_rate") == "关税税率"
    set_language("en")           # set_language wins over the environment ...
    assert get_language() == "en"
    set_language(None)           # ... until it is reset
    assert get_language() == "zh"
    monkeypatch.setenv("COURSE_LANGUAGE", "")
    assert get_language() == "en"


def test_an_unknown_language_is_a_clear_error(monkeypatch):
    with pytest.raises(LanguageError, match=r"unknown language 'fr'; the course's languages are 'en' \(English\) and 'zh'"):
        set_language("fr")
    assert get_language() == "en", "a refused language leaves the setting as it was"
    with pytest.raises(LanguageError, match="unknown language 'de'"):
        t("swot.weight", "de")
    monkeypatch.setenv("COURSE_LANGUAGE", "klingon")
    with pytest.raises(LanguageError, match="unknown language 'klingon' in the environment variable COURSE_LANGUAGE"):
        get_language()
    with pytest.raises(LanguageError, match="no label 'swot.nothing'"):
        t("swot.nothing")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_label_exists_in_both_languages():
    for key, entry in LABELS.items():
        assert isinstance(entry, tuple) and len(entry) == 2, key
        en, zh = entry
        assert en.strip() and zh.strip(), key
        assert CJK.search(zh), f"{key}: the Chinese label {zh!r} has no Chinese"
        assert _fields(en) == _fields(zh), f"{key}: the two languages have different fields"


def test_english_labels_are_the_words_the_computations_use():
    """Where a label names something a computation defines, the English label is that name."""
    from course.anonymity import LEVELS
    from course.culture import DIMENSION_NAMES
    from course.logistics import cost_lines
    from course.market_entry import CRITERIA, CRITERION_LABELS
    from course.market_size import growth_paths
    from course.swot import FAVOURABLE, TOWS_MEANINGS, UNFAVOURABLE

    assert {k: t(f"swot.tows.{k}", "en") for k in TOWS_MEANINGS} == TOWS_MEANINGS
    assert all(t(f"swot.group.{g}", "en") == g for g in (*FAVOURABLE.values(), *UNFAVOURABLE.values()))
    assert {d: t(f"culture.dim.{d}", "en") for d in DIMENSION_NAMES} == DIMENSION_NAMES
    assert all(t(f"privacy.level.{name}", "en") == name for names in LEVELS.values() for name in names)
    assert all(t(f"privacy.qi.{column}", "en") == column.replace("_", " ") for column in LEVELS)
    assert [t(f"market_entry.criterion.{c}", "en") for c in CRITERIA] == [
        "cultural distance", "landed cost", "lead time", "privacy strictness", "GMV per 1,000 viewers"]
    assert all(t(f"market_entry.legend.{c}", "en") == CRITERION_LABELS[c].split(" (")[0] for c in CRITERIA)
    assert {t(f"logistics.option.{o}", "en") for o in cost_lines(1, 2, 1, 10)["option"]} == set(cost_lines(1, 2, 1, 10)["option"])
    assert [t(f"market_size.plot.{p.replace(' ', '_')}", "en") for p in growth_paths(1, 0.1, 2)["path"].unique()] == ["compound", "straight line"]
    from course.plotting.live_commerce import FACTOR_WORDS

    assert {f: t(f"live_commerce.lever.{f}", "en") for f in FACTOR_WORDS} == FACTOR_WORDS


# ---- the widgets in both languages ----------------------------------------------------------

@pytest.fixture(scope="module")
def factories():
    """Every lecture's widgets, built as the lectures build them."""
    from course import market_entry as me
    from course.widgets import culture, live_commerce, logistics, market_entry, market_size, payments_returns, privacy, sellers, swot

    stats, countries, factors = load("paper_statistics"), load("countries"), load("swot_factors")
    scores, rules, customers = load("hofstede_scores"), load("import_rules"), load("customers")
    normalised = me.normalise(me.criteria_table(scores, load("hofstede_regions"), load("market_entry_inputs"), load("privacy_regimes"), load("live_sessions")))
    return {
        "market_explorer": lambda: market_size.market_explorer(stats),
        "compounding_explorer": lambda: market_size.compounding_explorer(start=36.2, rate=0.35, years=4),
        "lever_explorer": lambda: live_commerce.lever_explorer(load("live_sessions"), host="GB-KOL-1"),
        "prime_time_planner": lambda: live_commerce.prime_time_planner(countries, market="US", on=date(2025, 3, 9)),
        "swot_explorer": lambda: swot.swot_explorer(factors),
        "shift_explorer": lambda: swot.shift_explorer(factors),
        "country_comparison": lambda: culture.country_comparison(scores, countries, market="US"),
        "rule_explorer": lambda: culture.rule_explorer(scores),
        "landed_cost_calculator": lambda: logistics.landed_cost_calculator(rules, market="GB", goods_usd=165, freight_usd=15, duty_rate=0.12),
        "warehouse_decision": lambda: logistics.warehouse_decision(),
        "epsilon_explorer": lambda: privacy.epsilon_explorer(),
        "k_anonymity_explorer": lambda: privacy.k_anonymity_explorer(customers, countries),
        "weight_explorer": lambda: market_entry.weight_explorer(normalised),
        "fee_stack_explorer": lambda: payments_returns.fee_stack_explorer(),
        "refund_explorer": lambda: payments_returns.refund_explorer(),
        "screening_explorer": lambda: sellers.screening_explorer(load("seller_screening")),
        "roster_planner": lambda: sellers.roster_planner({"US": "English", "SA": "Arabic"}, {"Ana": {"languages": ["English"], "hourly_cost": 300}, "Dina": {"languages": ["Arabic"], "hourly_cost": 350}}),
        "brand_value_explorer": lambda: sellers.brand_value_explorer(),
    }


#: each widget's labels in English, exactly as they were before the language setting existed
#: (but for the capstone's criteria, words since issue 18)
ENGLISH = {
    "market_explorer": ["period", "series"],
    "compounding_explorer": ["rate / year", "start", "years"],
    "lever_explorer": ["host", "session pair"],
    "prime_time_planner": ["from", "local date", "market", "to"],
    # one factor's weight and rating since issue 18 (it had a weight and a rating slider per factor)
    "swot_explorer": ["factor", "rating", "weight"],
    "shift_explorer": ["matrix", "shift"],
    "country_comparison": ["market", "use"],
    "rule_explorer": ["high ≥", "low ≤"],
    "landed_cost_calculator": ["GBP/USD", "duty rate", "freight USD", "goods USD", "market"],
    "warehouse_decision": ["direct/order", "fixed USD", "orders/month", "wareh./order"],
    "epsilon_explorer": ["epsilon", "sensitivity", "tolerance ±"],
    "k_anonymity_explorer": ["birth date", "country", "gender", "postcode", "target k"],
    # the criteria in words, whole (they were the ids, cut to 18 characters: "gmv per 1000 viewe")
    "weight_explorer": ["GMV per 1,000 viewers", "cultural distance", "landed cost", "lead time", "privacy strictness"],
    "fee_stack_explorer": ["FX spread", "chargebacks", "commission", "fixed fee", "payment fee %", "price"],
    "refund_explorer": ["goods USD", "handling USD", "resale share", "return freight"],
    "screening_explorer": ["false alarm USD", "missed USD", "threshold"],
    "roster_planner": ["break (h)", "local date"],
    "brand_value_explorer": ["customers", "margin USD", "repeat, brand", "repeat, none"],
}


def _tree(widget) -> dict:
    """A widget's structure and its visible labels: type, value, bounds, option values; the
    description, tab titles and option labels separately."""
    node = {"type": type(widget).__name__, "labels": []}
    for attr in ("value", "min", "max", "step"):
        if attr in widget.keys:
            node[attr] = repr(getattr(widget, attr))
    if isinstance(widget, (W.HTML, W.HTMLMath, W.Label)):  # a result line: its words follow the language
        node["text"] = node.pop("value")
    if widget.keys and "description" in widget.keys and widget.description:
        node["labels"].append(widget.description)
    if hasattr(widget, "_options_labels"):
        node["option_values"] = [repr(v) for v in widget._options_values]
        node["options"] = list(widget._options_labels)
    if isinstance(widget, W.Tab):
        node["labels"].extend(widget.titles)
    node["children"] = [_tree(c) for c in getattr(widget, "children", ())]
    return node


def _walk(node):
    yield node
    for child in node["children"]:
        yield from _walk(child)


def _skeleton(node) -> dict:
    """The tree without its labels: what must not change with the language."""
    return {k: ([_skeleton(c) for c in v] if k == "children" else v) for k, v in node.items() if k not in ("labels", "options", "text")}


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{[^{}]*\}", template)
    return re.compile("(.+?)".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL)


PATTERNS = {key: (_pattern(en), _pattern(zh)) for key, (en, zh) in LABELS.items()}


def _from_labels(en: str, zh: str) -> bool:
    """Whether some label reads `en` in English and `zh` in Chinese (fields filled in), or their
    first 18 characters (the weight explorer's sliders show no more)."""
    return any(pe.match(en) and pz.match(zh) for pe, pz in PATTERNS.values()) or any(
        len(en) == 18 and e.startswith(en) and z[:18] == zh for e, z in LABELS.values())


def _build(factory, lang: str) -> dict:
    # rc_context: the CJK font a Chinese plot adds to matplotlib's fonts goes again afterwards
    with matplotlib.rc_context(), using_language(lang), warnings.catch_warnings():
        warnings.simplefilter("ignore", CJKFontWarning)  # a machine without a CJK font: tested below
        tree = _tree(factory())
    plt.close("all")
    return tree


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_widgets_are_as_they_were(factories, name):
    tree = _build(factories[name], "en")
    assert sorted({label for node in _walk(tree) for label in node["labels"]}) == ENGLISH[name]


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_chinese_widgets_have_the_chinese_labels(factories, name):
    """Set to "zh", a widget has the same controls, in the same order, with the same values and
    options; every description, tab title and word option is the Chinese of its English label."""
    en, zh = _build(factories[name], "en"), _build(factories[name], "zh")
    assert _skeleton(zh) == _skeleton(en), "the language may change labels only"
    for a, b in zip(_walk(en), _walk(zh)):
        for label_en, label_zh in zip(a["labels"], b["labels"]):
            assert CJK.search(label_zh), f"{name}: {label_en!r} is not translated ({label_zh!r})"
            assert _from_labels(label_en, label_zh), f"{name}: {label_en!r} / {label_zh!r} do not come from course.labels"
        for option_en, option_zh in zip(a.get("options", []), b.get("options", [])):
            if option_en == option_zh:  # codes and numbers (IFE, FR, 1) stay; a word may not
                assert not CJK.search(option_zh) and not any(pe.match(option_en) for pe, _ in PATTERNS.values()), \
                    f"{name}: option {option_en!r} is not translated"
            else:
                assert _from_labels(option_en, option_zh), f"{name}: option {option_en!r} / {option_zh!r} do not come from course.labels"


def test_chinese_widgets_respond(factories, capsys):
    """Moving controls of Chinese widgets re-renders them in Chinese."""
    with matplotlib.rc_context(), using_language("zh"), warnings.catch_warnings():
        warnings.simplefilter("ignore", CJKFontWarning)
        comp = factories["compounding_explorer"]()
        comp.children[0].children[2].value = 10
        assert "年均复合增长率" in capsys.readouterr().out
        planner = factories["prime_time_planner"]()
        planner.children[0].children[0].value = "ID"
        assert "不实行夏令时" in capsys.readouterr().out
        planner.children[1].children[0].value = "nonsense"
        assert "无法排期" in capsys.readouterr().out
        shift = factories["shift_explorer"]()
        shift.children[0].children[1].value = 0.06
        assert "<b>WT</b>：减少劣势，规避威胁" in shift.children[1].value and "从优势组移到劣势组" in shift.children[1].value
        entry = factories["weight_explorer"]()
        for slider in entry.children[0].children:
            slider.value = 0
        assert "请至少给一个准则设定重要性" in capsys.readouterr().out
        assert entry.result == {}
        wh = factories["warehouse_decision"]()
        wh.children[1].children[1].value = 20
        assert wh.latest is None and "没有盈亏平衡点" in capsys.readouterr().out


# ---- Chinese in plots ------------------------------------------------------------------------

def _draw_all() -> list[str]:
    """Draw every open figure; the warnings about missing glyphs ("tofu") that drawing gives."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for number in plt.get_fignums():
            plt.figure(number).canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def _texts() -> list[str]:
    return [text.get_text() for number in plt.get_fignums() for ax in plt.figure(number).axes
            for text in (ax.title, ax.xaxis.label, ax.yaxis.label)]


def test_chinese_plots_have_no_missing_glyphs(factories):
    if language.cjk_font() is None:
        if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":  # CI installs fonts-noto-cjk
            pytest.fail("no CJK font is installed (apt-get install fonts-noto-cjk)")
        pytest.skip("no CJK font is installed (apt-get install fonts-noto-cjk)")
    from course.plotting import set_theme

    with matplotlib.rc_context(), using_language("zh"):
        set_theme()  # as the lectures do, before their widgets: the theme resets matplotlib's fonts
        for name in ("lever_explorer", "swot_explorer", "country_comparison", "warehouse_decision", "epsilon_explorer", "weight_explorer"):
            factories[name]()
            assert any(CJK.search(text) for text in _texts()), f"{name}: its plot has no Chinese text"
            assert _draw_all() == [], f"{name}: a Chinese plot text has glyphs missing from the font"
            plt.close("all")


def test_without_a_cjk_font_plots_stay_english(factories, monkeypatch):
    monkeypatch.setattr(language, "cjk_font", lambda: None)
    monkeypatch.setattr(language, "_warned", False)
    with using_language("zh"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        box = factories["lever_explorer"]()
        factories["shift_explorer"]()
    font_warnings = [w for w in caught if issubclass(w.category, CJKFontWarning)]
    assert len(font_warnings) == 1, "the missing font is reported once"
    assert "fonts-noto-cjk" in str(font_warnings[0].message)
    assert box.children[0].children[0].description == "主播", "the controls are still in Chinese"
    texts = _texts()
    assert any(text.startswith("What moved GMV from") for text in texts) and not any(CJK.search(text) for text in texts)
    assert _draw_all() == []


def test_a_named_font_is_preferred(monkeypatch):
    monkeypatch.setenv(language.FONT_ENV_VAR, "My School Font")
    assert language._preferred({"Noto Sans CJK SC", "My School Font"}) == "My School Font"
    assert language._preferred({"Noto Sans CJK SC", "WenQuanYi Zen Hei"}) == "Noto Sans CJK SC"
    assert language._preferred({"DejaVu Sans"}) is None
