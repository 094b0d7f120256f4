import nbformat
import pytest

from grading.paths import SAMPLES
from grading.samples import SampleError, build, load_samples, parse_spec


def test_samples_cover_the_required_cases():
    for folder in SAMPLES.iterdir():
        if not folder.is_dir():
            continue
        samples = {s.student_id: s for s in load_samples(folder.name)}
        assert {"solution", "perfect", "partial", "mistakes", "blank", "corrupt", "missing", "crash"} <= set(samples), folder
        assert all(s.description for s in samples.values())


def test_built_samples_are_release_plus_answers():
    samples = {s.student_id: s for s in load_samples("01_market_size")}
    nb = nbformat.reads(build(samples["perfect"]), as_version=4)
    nbformat.validate(nb)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}
    assert "194.1" in answers["q1_yoy_growth"]
    assert any("scratch work" in c.source for c in nb.cells if "nbgrader" not in c.metadata)
    assert answers["q8_definitions"].startswith("Tian's")
    assert build(samples["missing"]) is None
    with pytest.raises(Exception):
        nbformat.reads(build(samples["corrupt"]), as_version=4)


def test_a_spec_may_only_fill_in_answer_cells(tmp_path):
    spec = tmp_path / "cheat.py"
    spec.write_text("# Sample: edits a test\n# %% q1_yoy_growth_test\npass\n")
    with pytest.raises(SampleError, match="not an answer cell; use `# %% overwrite q1_yoy_growth_test`"):
        build(parse_spec(spec, "01_market_size"))
    spec.write_text("# Sample: typo\n# %% q99\npass\n")
    with pytest.raises(SampleError, match="no cell with grade_id 'q99'"):
        build(parse_spec(spec, "01_market_size"))
