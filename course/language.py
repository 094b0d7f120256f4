"""The course's one language setting, for the labels of widgets and glossary tables.

    >>> import course
    >>> course.set_language("zh")      # widgets built from now on have Chinese labels
    'zh'
    >>> course.get_language()
    'zh'
    >>> from course.language import t
    >>> t("swot.weight")
    '权重'

The language is English ("en") or simplified Chinese ("zh"). It comes from, in this order:
`set_language(...)` in the running Python process; the environment variable
`COURSE_LANGUAGE` (so `COURSE_LANGUAGE=zh jupyter lab` opens every lecture in Chinese); and
otherwise English. A widget takes the language at the moment it is built: change the language,
then run the widget's cell again.

The setting changes only labels: a widget's controls, their order and values, and every
computed number stay the same. Texts that the computations themselves write (`.text()`,
`.describe()`), the datasets' contents and table column names stay in English.

**Chinese in plots.** Matplotlib draws Chinese only with a font that has Chinese glyphs. The
course looks for one of `CJK_FONT_FAMILIES` (on Debian and Ubuntu, `apt-get install
fonts-noto-cjk` provides "Noto Sans CJK SC"; `COURSE_CJK_FONT` names another installed family)
and adds it to matplotlib's font fallback list, so Latin text keeps the course's font and
Chinese characters come from the CJK font. Where no such font is installed, plots keep their
English texts while the controls are in Chinese, and a `CJKFontWarning` says so once per
process: a plot never shows empty boxes ("tofu") for missing glyphs.
"""
from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from course.labels import LABELS

__all__ = [
    "LANGUAGES", "ENV_VAR", "DEFAULT_LANGUAGE", "LanguageError", "set_language", "get_language",
    "resolve_language", "using_language", "t", "label", "CJK_FONT_FAMILIES", "FONT_ENV_VAR", "CJKFontWarning", "cjk_font",
    "plot_language",
]

#: the languages the course's labels exist in
LANGUAGES = ("en", "zh")
#: the environment variable that sets the default language
ENV_VAR = "COURSE_LANGUAGE"
DEFAULT_LANGUAGE = "en"

_chosen: str | None = None


class LanguageError(ValueError):
    """A language the course has no labels in, or a label that does not exist."""


def _checked(language: object, where: str = "") -> str:
    text = language.strip().lower() if isinstance(language, str) else None
    if text not in LANGUAGES:
        raise LanguageError(
            f"unknown language {language!r}{where}; the course's languages are "
            f"'en' (English) and 'zh' (simplified Chinese, 简体中文)"
        )
    return text


def set_language(language: str | None) -> str:
    """Set the course's language, "en" or "zh" (case and spaces ignored), for the widgets and
    glossary tables built from now on. `None` goes back to the default (`$COURSE_LANGUAGE`,
    else English). Returns the language now in effect; anything else raises `LanguageError`."""
    global _chosen
    _chosen = None if language is None else _checked(language)
    return get_language()


def get_language() -> str:
    """The language in effect: the one `set_language` chose, else `$COURSE_LANGUAGE`, else "en"."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_VAR, "")
    if not env.strip():
        return DEFAULT_LANGUAGE
    return _checked(env, f" in the environment variable {ENV_VAR}")


def resolve_language(language: str | None = None) -> str:
    """`language` checked ("en" or "zh", case and spaces ignored), or the course's language if
    it is None."""
    return get_language() if language is None else _checked(language)


@contextmanager
def using_language(language: str | None) -> Iterator[str]:
    """`with using_language("zh"):` sets the language for the block and restores the previous
    setting afterwards (also after an error)."""
    global _chosen
    before = _chosen
    try:
        yield set_language(language)
    finally:
        _chosen = before


def t(key: str, language: str | None = None, **fields: object) -> str:
    """The label `key` of `course.labels.LABELS` in `language` (default: the course's
    language), with `fields` filled in (`t("logistics.fx", currency="GBP")`)."""
    try:
        en, zh = LABELS[key]
    except KeyError:
        raise LanguageError(f"no label {key!r} in course.labels.LABELS") from None
    text = zh if resolve_language(language) == "zh" else en
    return text.format(**fields) if fields else text


#: another name for `t`
label = t


# ---- fonts for Chinese plot texts ---------------------------------------------------------

#: font families with Chinese glyphs, in order of preference (the first one installed is used)
CJK_FONT_FAMILIES = (
    "Noto Sans CJK SC",       # Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-sans-cjk-fonts
    "Noto Sans SC",           # Google Fonts' separate simplified-Chinese cut
    "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "SimHei",                  # Windows
    "PingFang SC", "Hiragino Sans GB", "Heiti SC",  # macOS
    "Noto Sans CJK JP", "Noto Sans CJK TC", "Arial Unicode MS",
)
#: an environment variable naming one more font family to try first
FONT_ENV_VAR = "COURSE_CJK_FONT"
#: file names of CJK fonts, for a matplotlib font cache that predates their installation
_CJK_FILES = re.compile(r"NotoSans(Mono)?CJK|NotoSansSC|SourceHanSans|wqy|WenQuanYi|msyh|simhei|PingFang|Hiragino", re.IGNORECASE)

_font: list[str | None] = []   # [family] once looked up
_warned = False


class CJKFontWarning(UserWarning):
    """No font with Chinese glyphs is installed, so plots keep their English texts."""


def _installed_families() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


def _preferred(installed: set[str]) -> str | None:
    wanted = [os.environ.get(FONT_ENV_VAR, "").strip(), *CJK_FONT_FAMILIES]
    return next((family for family in wanted if family and family in installed), None)


def cjk_font() -> str | None:
    """The installed font family with Chinese glyphs that plots use, or None if there is none.

    Matplotlib lists fonts from a cache built when it first ran; a CJK font installed after that
    is not in it, so the system's font files are also searched (and registered for this process)
    before giving up. Nothing is downloaded."""
    if _font:
        return _font[0]
    from matplotlib import font_manager

    family = _preferred(_installed_families())
    if family is None:
        for path in font_manager.findSystemFonts():
            if _CJK_FILES.search(Path(path).name):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file: skip it
                    continue
        family = _preferred(_installed_families())
    _font.append(family)
    return family


def _use_font(family: str) -> None:
    """Append `family` to matplotlib's font list: Latin text keeps the first font, characters it
    lacks come from `family` (matplotlib's per-glyph fallback). Done at every plot, because a
    theme (`course.plotting.set_theme`, `sns.set_theme`) resets the list."""
    import matplotlib

    families = list(matplotlib.rcParams["font.family"])
    if family not in families:
        matplotlib.rcParams["font.family"] = [*families, family]


def plot_language(language: str | None = None) -> str:
    """The language for a plot's texts: `language` (default: the course's), except that Chinese
    falls back to English, with one `CJKFontWarning` per process, where no CJK font is
    installed. When it is Chinese, the CJK font is put in matplotlib's fallback list."""
    global _warned
    language = resolve_language(language)
    if language != "zh":
        return language
    family = cjk_font()
    if family is not None:
        _use_font(family)
        return "zh"
    if not _warned:
        _warned = True
        warnings.warn(
            "no font with Chinese glyphs is installed, so plots keep their English texts while the "
            "widgets' controls are in Chinese. Install one (Debian/Ubuntu: apt-get install "
            f"fonts-noto-cjk) or name an installed one in ${FONT_ENV_VAR}.",
            CJKFontWarning,
            stacklevel=2,
        )
    return "en"
