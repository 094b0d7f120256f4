"""Module 06: the privacy computations, widgets, plots, new checks and the synthetic
`customers` table's calibration (no browser needed)."""
from __future__ import annotations

import hashlib
import math

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import anonymity as an  # noqa: E402
from course import differential_privacy as dp  # noqa: E402
from course import federated as fl  # noqa: E402
from course import privacy as pv  # noqa: E402
from course.checks import check_hex_digest, check_number_list, check_string_set  # noqa: E402
from course.data import load, stat_value  # noqa: E402
from course.privacy import PrivacyError  # noqa: E402
from tests.conftest import SEED_FILES, squash  # noqa: E402


@pytest.fixture(scope="module")
def customers():
    return load("customers")


@pytest.fixture(scope="module")
def countries():
    return load("countries")


def tiny() -> pd.DataFrame:
    """Six fake customers, worked by hand in the tests below."""
    return pd.DataFrame({
        "customer_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "name": ["Ana Abbott", "Ben Bauer", "Chen Costa", "Dara Dubois", "Eli Evans", "Pia Park"],
        "email": [f"{c}@example.com" for c in ("a", "b", "c", "d", "e", "f")],
        "birth_date": ["1991-02-03", "1995-06-07", "1998-12-31", "1983-01-01", "1987-05-05", "1989-09-09"],
        "gender": ["female", "female", "male", "male", "male", "female"],
        "postcode": ["40512", "40599", "40100", "71234", "71299", "71200"],
        "country": ["DE", "DE", "FR", "GB", "GB", "CN"],
        "consent_marketing": pd.array([True, False, None, True, None, True], dtype="boolean"),
        "top_category": ["health", "beauty", "health", "toys", "toys", "toys"],
        "store": ["eu", "global", "eu", "eu", "global", "global"],
    })


# --- purposes, minimisation and consent --------------------------------------------------------


def test_register_lists_the_fields_of_each_purpose(customers):
    assert pv.required_fields("marketing_email") == {"name", "email", "country", "consent_marketing"}
    assert pv.required_fields("age_check") == {"birth_date"}
    for p in pv.PURPOSES.values():
        assert set(p.fields) <= set(customers.columns), p.name
        assert (p.consent is None) == ("consent" not in p.basis)
    ticks = pv.purpose_table(customers.columns)
    assert ticks.loc["sales_report", "spend_usd_12m"] and not ticks.loc["sales_report", "email"]
    assert not ticks["gender"].any(), "no purpose needs gender: the lecture says so"


def test_minimise_keeps_only_the_purpose_columns_and_consenting_rows(customers):
    out = pv.minimise(customers, "marketing_email")
    assert list(out.columns) == list(pv.PURPOSES["marketing_email"].fields)
    assert len(out) == int(customers["consent_marketing"].fillna(False).sum())
    assert out["consent_marketing"].all()
    assert len(pv.minimise(customers, "order_fulfilment")) == len(customers)  # contract: no consent filter


def test_missing_consent_is_not_consent():
    frame = tiny()
    assert pv.consent_mask(frame, "marketing").tolist() == [True, False, False, True, False, True]
    assert list(pv.consented(frame, "marketing_email")["customer_id"]) == ["A1", "A4", "A6"]
    rates = pv.consent_rates(frame.assign(consent_personalisation=True, consent_analytics=False))
    assert rates.set_index("purpose").loc["marketing", "consented"] == 3


def test_the_sales_report_counts_every_customer(customers):
    # on consent it would drop the orders of everyone who did not consent (issue 18): its basis
    # is legitimate interest, so minimising keeps every row and only the columns it needs
    report = pv.purpose("sales_report")
    assert report.consent is None and report.basis.startswith("legitimate interest")
    out = pv.minimise(customers, "sales_report")
    assert len(out) == len(customers) and list(out.columns) == ["country", "orders_12m", "spend_usd_12m"]
    assert out["orders_12m"].sum() == customers["orders_12m"].sum()


def test_purpose_and_consent_errors():
    with pytest.raises(PrivacyError, match="unknown purpose 'spam'; the register has"):
        pv.purpose("spam")
    with pytest.raises(PrivacyError, match="based on contract, Art. 6\\(1\\)\\(b\\), not on consent"):
        pv.consent_mask(tiny(), "order_fulfilment")
    with pytest.raises(PrivacyError, match="no consent flag for 'profiling'"):
        pv.consent_mask(tiny(), "profiling")
    with pytest.raises(PrivacyError, match=r"needs the column\(s\) \['consent_analytics'\]"):
        pv.consent_mask(tiny(), "analytics")
    assert issubclass(PrivacyError, ValueError)


# --- pseudonymisation and the linkage attack -------------------------------------------------


def test_hashes_match_published_test_vectors():
    # FIPS 180-2 example and RFC 4231 test case 2
    assert pv.sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert pv.pseudonym("what do ya want for nothing?", "Jefe") == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    assert pv.pseudonym(b"abc", b"k") == pv.pseudonym("abc", "k")
    assert pv.pseudonymise(["abc"], None) == [pv.sha256_hex("abc")]
    with pytest.raises(PrivacyError, match="the key is empty"):
        pv.pseudonym("abc", "")
    with pytest.raises(PrivacyError, match="must be text"):
        pv.pseudonym(42, "k")


def test_linkage_attack_reidentifies_plain_hashes_but_not_hmac():
    frame = tiny()
    release = pv.hashed_release(frame.iloc[:4], ["country", "top_category"])
    assert list(release.columns) == ["email_hash", "country", "top_category"]
    known = ["a@example.com", "d@example.com", "f@example.com", "zz@example.net", "a@example.com"]
    matched = pv.reidentify(release, known)
    assert sorted(matched["email"]) == ["a@example.com", "d@example.com"]  # f is not in the release; duplicates count once
    assert set(matched["top_category"]) == {"health", "toys"}
    keyed = pv.hashed_release(frame.iloc[:4], ["country"], key="secret")
    assert pv.reidentify(keyed, known).empty
    assert len(pv.reidentify(keyed, known, key="secret")) == 2  # only the key holder can link
    with pytest.raises(PrivacyError, match="must not keep direct identifiers \\['name'\\]"):
        pv.hashed_release(frame, ["name"])


def test_known_email_list_is_seeded(customers):
    a = pv.known_email_list(customers, 80, 40, seed=6)
    assert a == pv.known_email_list(customers, 80, 40, seed=6)
    assert len(a) == 120 and len(set(a)) == 120
    assert sum(e in set(customers["email"]) for e in a) == 80
    assert all(e.endswith("@example.net") for e in a if e not in set(customers["email"]))
    with pytest.raises(PrivacyError, match="asked for 601"):
        pv.known_email_list(customers, 601, 0, seed=1)


def test_assignment_reidentification_count(customers):
    release = pv.hashed_release(pv.consented(customers, "analytics"), ["country", "top_category"])
    known = pv.known_email_list(customers, 80, 40, seed=6)
    in_release = set(pv.consented(customers, "analytics")["email"])
    assert len(pv.reidentify(release, known)) == sum(e in in_release for e in known)


# --- storage policy ------------------------------------------------------------------------------


def test_required_store_follows_eu_membership_not_geography(countries):
    assert pv.required_store("DE") == "eu" and pv.required_store("IE") == "eu"
    assert pv.required_store("GB") == "global"  # Europe, not the EU
    assert pv.required_store("CN") == "cn" and pv.required_store("US") == "global"
    assert len(pv.EU_MEMBERS) == 27 and "GR" in pv.EU_MEMBERS and "GB" not in pv.EU_MEMBERS
    europe = set(countries.loc[countries["region"] == "Europe", "iso2"])
    assert europe - pv.EU_MEMBERS == {"GB"}
    for bad in ("de", "DEU", 7):
        with pytest.raises(PrivacyError, match="not an ISO 3166-1 alpha-2 code"):
            pv.required_store(bad)


def test_residency_violations_by_hand():
    frame = tiny()
    plan = pv.store_plan(frame)
    assert plan["required_store"].tolist() == ["eu", "eu", "eu", "global", "global", "cn"]
    assert list(pv.residency_violations(frame)["customer_id"]) == ["A2", "A4", "A6"]
    assert list(pv.residency_violations(frame, "eu")["customer_id"]) == ["A2"]
    with pytest.raises(PrivacyError, match="unknown store 'mars'"):
        pv.residency_violations(frame, "mars")


# --- the papers' claims --------------------------------------------------------------------------


def test_every_claim_quotes_its_paper_verbatim(papers):
    missing = [c.claim_id for c in pv.PAPER_CLAIMS if squash(c.quote) not in papers[c.source_id]]
    assert not missing, f"quotes not found verbatim in their paper: {missing}"


def test_claims_are_unique_and_their_stat_ids_exist(stats):
    ids = [c.claim_id for c in pv.PAPER_CLAIMS]
    assert len(ids) == len(set(ids))
    for c in pv.PAPER_CLAIMS:
        assert c.source_id in SEED_FILES
        if c.stat_id:
            row = stats.set_index("stat_id").loc[c.stat_id]
            assert row["source_id"] == c.source_id and squash(row["quote"]) in squash(c.quote)
    assert list(pv.claims_table().columns)[:3] == ["claim_id", "source_id", "section"]


# --- k-anonymity and l-diversity -----------------------------------------------------------------


def test_generalisation_hierarchies(countries):
    dates = pd.Series(["1990-07-14", "2001-01-01"])
    assert an.generalise_birth(dates, 1).tolist() == ["1990", "2001"]
    assert an.generalise_birth(dates, 2).tolist() == ["1990s", "2000s"]
    assert an.generalise_birth(dates, 3).tolist() == ["*", "*"]
    assert an.generalise_postcode(pd.Series(["40512"]), 2).tolist() == ["405**"]
    assert an.generalise_postcode(pd.Series(["40512"]), 5).tolist() == ["*****"]
    codes = pd.Series(["DE", "GB", "ID"])
    assert an.generalise_country(codes, 1, countries).tolist() == ["Western Europe", "Northern Europe", "South-eastern Asia"]
    assert an.generalise_country(codes, 2, countries).tolist() == ["Europe", "Europe", "Asia"]
    assert an.generalise_gender(pd.Series(["male"]), 1).tolist() == ["*"]


def test_generalisation_errors():
    with pytest.raises(PrivacyError, match=r"level 4 for birth_date is not one of 0 to 3 \(0 = date"):
        an.generalise_birth(pd.Series(["1990-01-01"]), 4)
    with pytest.raises(PrivacyError, match="ISO dates"):
        an.generalise_birth(pd.Series(["14/07/1990"]), 1)
    with pytest.raises(PrivacyError, match="needs the `countries` table"):
        an.generalise_country(pd.Series(["DE"]), 1)
    with pytest.raises(PrivacyError, match=r"\['shoe_size'\] are not quasi-identifiers"):
        an.generalise(tiny(), {"shoe_size": 1})


def test_k_l_and_suppression_by_hand(countries):
    # birth decade, postcode to 1 digit, gender removed, country removed:
    # 1990s/4 (A1, A2, A3: health, beauty, health), 1980s/7 (A4, A5, A6: toys x3)
    levels = {"birth_date": 2, "postcode": 4, "gender": 1, "country": 3}
    release = an.generalise(tiny(), levels, countries=countries, keep=["top_category"])
    qis = list(levels)
    assert an.class_sizes(release, qis).tolist() == [3, 3]
    assert an.k_anonymity(release, qis) == 3
    assert an.l_diversity(release, qis, "top_category") == 1  # the 1980s class all buy toys
    assert release["top_category"].nunique() == 3  # the mistake: l over the whole release
    # keep gender: 1990s/4/female (A1, A2), 1990s/4/male (A3), 1980s/7/male (A4, A5), 1980s/7/female (A6)
    levels_g = {**levels, "gender": 0}
    release_g = an.generalise(tiny(), levels_g, keep=["top_category"])
    assert an.k_anonymity(release_g, list(levels_g)) == 1
    assert len(an.class_sizes(release_g, list(levels_g))) == 4  # the mistake: classes, not k
    kept, dropped = an.suppress(release_g, list(levels_g), 2)
    assert dropped == 2 and len(kept) == 4 and an.k_anonymity(kept, list(levels_g)) == 2
    report = an.anonymise(tiny(), levels_g, 2, "top_category")
    assert (report.k_before, report.suppressed, report.k, report.l, report.classes) == (1, 2, 2, 1, 2)
    assert report.generalisation_loss == pytest.approx((2 / 3 + 4 / 5 + 0 + 3 / 3) / 4)
    assert "drops 2 of 6 rows" in report.text()


def test_anonymity_edge_cases_and_errors():
    release = an.generalise(tiny(), {"gender": 0}, keep=["top_category"])
    assert an.k_anonymity(release.iloc[:0], ["gender"]) == 0
    assert an.l_diversity(release.iloc[:0], ["gender"], "top_category") == 0
    with pytest.raises(PrivacyError, match="both a quasi-identifier and the sensitive column"):
        an.l_diversity(release, ["gender", "top_category"], "top_category")
    with pytest.raises(PrivacyError, match="k must be a whole number of at least 1"):
        an.suppress(release, ["gender"], 0)
    with pytest.raises(PrivacyError, match="lacks the quasi-identifier column"):
        an.k_anonymity(release, ["postcode"])


def test_assignment_release_numbers(customers, countries):
    levels = {"birth_date": 2, "postcode": 5, "gender": 1, "country": 2}
    release = an.generalise(customers, levels, countries=countries, keep=["top_category"])
    sizes = an.class_sizes(release, list(levels))
    k = an.k_anonymity(release, list(levels))
    assert k == sizes.min() and k != len(sizes)
    kept, dropped = an.suppress(release, list(levels), 5)
    assert dropped == sizes[sizes < 5].sum() and dropped != (sizes < 5).sum()
    l_after = an.l_diversity(kept, list(levels), "top_category")
    # the teaching messages of question 4 need these values to differ from the answer
    assert len({l_after, kept["top_category"].nunique(), an.l_diversity(release, list(levels), "top_category"), an.k_anonymity(kept, list(levels))}) == 4


def test_level_grid_covers_every_combination(customers, countries):
    grid = an.level_grid(customers, 5, "top_category", countries=countries, birth_levels=(2, 3), postcode_levels=(5,), country_levels=(2, 3))
    assert len(grid) == 4
    assert (grid["k"].where(grid["k"] > 0, 5) >= 5).all()


# --- the Laplace mechanism -------------------------------------------------------------------------


def test_laplace_scale_and_accuracy_known_answers():
    assert dp.laplace_scale(1, 0.5) == 2
    assert dp.laplace_scale(2, 0.5) == 4
    assert dp.prob_within(2, 1.0) == pytest.approx(1 - math.exp(-2))
    assert dp.prob_within(3, 0.5) == pytest.approx(1 - math.exp(-1.5))
    assert dp.prob_within(0, 1.0) == 0
    assert dp.noise_sd(1, 0.5) == pytest.approx(2 * math.sqrt(2))
    assert dp.epsilon_for(5, 0.95) == pytest.approx(math.log(20) / 5)
    assert dp.tolerance_for(0.95, 0.1) == pytest.approx(10 * math.log(20))
    # the inverse functions agree
    eps = dp.epsilon_for(7, 0.8, sensitivity=2)
    assert dp.prob_within(7, eps, 2) == pytest.approx(0.8)
    assert dp.tolerance_for(0.8, eps, 2) == pytest.approx(7)


def test_laplace_density_and_draws():
    x = np.linspace(-60, 60, 120_001)
    assert np.trapezoid(dp.laplace_density(x, 2.0), x) == pytest.approx(1, abs=1e-6)
    inside = np.abs(x) <= 3
    assert np.trapezoid(dp.laplace_density(x[inside], 2.0), x[inside]) == pytest.approx(dp.prob_within(3, 0.5), abs=1e-6)
    a = dp.noisy_counts(238, 0.5, n=5, seed=6)
    assert np.array_equal(a, dp.noisy_counts(238, 0.5, n=5, seed=6)) and len(a) == 5
    big = dp.noisy_counts(0, 0.5, n=200_000, seed=1)
    assert np.mean(np.abs(big) <= 3) == pytest.approx(dp.prob_within(3, 0.5), abs=0.005)


def test_laplace_errors():
    for bad in (0, -1, float("nan"), "x"):
        with pytest.raises(PrivacyError, match="epsilon must be"):
            dp.laplace_scale(1, bad)
    with pytest.raises(PrivacyError, match="tolerance must be zero or more"):
        dp.prob_within(-1, 1)
    with pytest.raises(PrivacyError, match="strictly between 0 and 1"):
        dp.epsilon_for(5, 95)


def test_accuracy_curve_and_summary():
    curve = dp.accuracy_curve([0.5, 1], [2, 5])
    assert len(curve) == 4 and set(curve.columns) == {"epsilon", "tolerance", "scale", "prob_within"}
    s = dp.laplace_summary(238, 0.5, 1, 5, n_draws=3, seed=6)
    assert s.scale == 2 and s.prob_within == pytest.approx(1 - math.exp(-2.5)) and len(s.draws) == 3
    assert "scale b = 2" in s.text() and "91.8%" in s.text()


# --- federated averaging ---------------------------------------------------------------------------


def _toy_parts():
    rng = np.random.default_rng(0)
    parts = {}
    for name, n, shift in (("a", 5, -1.0), ("b", 20, 1.0), ("c", 9, 0.0)):
        X = np.column_stack([np.ones(n), rng.normal(shift, 1, n), rng.normal(0, 1, n)])
        y = (rng.random(n) < 0.5).astype(float)
        parts[name] = (X, y)
    return parts


def test_gradient_and_one_step_by_hand():
    X = np.array([[1.0, 2.0], [1.0, -1.0]])
    y = np.array([1.0, 0.0])
    # at w = 0 every prediction is 0.5: gradient = X^T (0.5 - y) / 2
    assert fl.gradient(np.zeros(2), X, y) == pytest.approx(np.array([0.0, -0.75]))
    assert fl.train_pooled(X, y, 1, 0.5) == pytest.approx(np.array([0.0, 0.375]))
    assert fl.log_loss(np.zeros(2), X, y) == pytest.approx(math.log(2))


def test_fedavg_with_one_local_step_is_pooled_gradient_descent():
    parts = _toy_parts()
    X, y = fl.pool(parts)
    assert np.allclose(fl.fedavg(parts, 25, 1, 0.7), fl.train_pooled(X, y, 25, 0.7), atol=1e-12)


def test_fedavg_differs_with_local_steps_or_without_weights():
    parts = _toy_parts()
    X, y = fl.pool(parts)
    pooled = fl.train_pooled(X, y, 20, 0.5)
    assert np.max(np.abs(fl.fedavg(parts, 5, 4, 0.5) - pooled)) > 1e-3
    assert np.max(np.abs(fl.fedavg(parts, 20, 1, 0.5, weighted=False) - pooled)) > 1e-3
    # equal partitions: weighted and unweighted averages coincide
    same = {k: parts["b"] for k in ("x", "y")}
    assert np.allclose(fl.fedavg(same, 3, 2, 0.5), fl.fedavg(same, 3, 2, 0.5, weighted=False))
    run = fl.fedavg_history(parts, 3, 2, 0.5)
    assert run.history.shape == (4, 3) and np.all(run.history[0] == 0)


def test_federated_on_customers(customers):
    parts = fl.partitions(customers)
    assert list(parts) == sorted(parts) and len(parts) == customers["country"].nunique()
    assert sum(len(y) for _, y in parts.values()) == len(customers)
    X, y = fl.pool(parts)
    assert X[:, 0].tolist() == [1.0] * len(customers)
    table = fl.compare(parts, rounds=10, local_steps=4, lr=0.5)
    assert table.loc[0, "max_diff_from_pooled"] == 0
    # the assignment's settings separate the answer from the anticipated mistakes (tolerance 0.001)
    assert table.loc[1, "max_diff_from_pooled"] > 0.005 and table.loc[2, "max_diff_from_pooled"] > 0.005
    paths = fl.convergence_paths(parts, 10, 1.0, local_steps=(1, 5), reference_steps=200)
    assert set(paths["run"]) == {"pooled gradient descent", "FedAvg weighted, E=1", "FedAvg weighted, E=5", "FedAvg unweighted, E=5"}


def test_federated_errors(customers):
    parts = fl.partitions(customers)
    with pytest.raises(PrivacyError, match="learning rate must be a positive number"):
        fl.fedavg(parts, 1, 1, 0)
    with pytest.raises(PrivacyError, match="local_steps must be a whole number of at least 1"):
        fl.fedavg(parts, 1, 0, 0.5)
    with pytest.raises(PrivacyError, match="cannot partition by 'planet'"):
        fl.partitions(customers, by="planet")
    with pytest.raises(PrivacyError, match=r"the model needs the column\(s\) \['bought_in_live'\]"):
        fl.design(customers.drop(columns="bought_in_live"))
    with pytest.raises(PrivacyError, match="no partitions"):
        fl.fedavg({}, 1, 1, 0.5)


# --- widgets and plots -----------------------------------------------------------------------------


def test_epsilon_explorer_responds():
    from course.widgets.privacy import epsilon_explorer

    box = epsilon_explorer(true_count=238, tolerance=5)
    epsilon, sensitivity, tolerance = box.children[0].children
    text = box.children[1]
    before = text.value
    assert "scale b = 2" in before  # epsilon starts at 0.5
    epsilon.value = 1.0
    assert text.value != before and "scale b = 1," in text.value
    sensitivity.value = 2
    assert "scale b = 2" in text.value
    tolerance.value = 10
    assert "P(|noise| &lt;= 10)" in text.value


def test_k_anonymity_explorer_responds(customers, countries):
    from course.widgets.privacy import k_anonymity_explorer

    box = k_anonymity_explorer(customers, countries)
    birth, postcode = box.children[0].children
    gender, country, k = box.children[1].children
    text = box.children[2]
    before = text.value
    postcode.value = 5
    gender.value = 1
    country.value = 2
    assert text.value != before
    report = an.anonymise(customers, {"birth_date": 2, "postcode": 5, "gender": 1, "country": 2}, 5, "top_category", countries=countries)
    assert f"k = {report.k}, l = {report.l}" in text.value
    k.value = 10
    assert "smaller than 10" in text.value


def test_plots_return_axes_with_the_data(customers, countries):
    import matplotlib.pyplot as plt

    from course.checks import plotted_values
    from course.plotting import privacy as pp

    plan = pv.store_plan(customers)
    ax = pp.plot_store_counts(plan)
    drawn = plotted_values(ax)
    assert int((plan["required_store"] == "eu").sum() - len(pv.residency_violations(customers, "eu"))) in [round(v) for v in drawn]
    rates = pv.consent_rates(customers, by="store")
    assert pp.plot_consent_rates(rates, "store").get_ylabel().startswith("customers who consented")
    assert pp.plot_accuracy_curve(dp.accuracy_curve([0.5, 1], [2])).get_xlabel().startswith("epsilon")
    assert pp.plot_laplace(dp.laplace_summary(100, 1, 1, 2)).get_title().startswith("Laplace mechanism")
    assert pp.plot_class_sizes(pd.Series([1, 3, 5, 5]), 3).get_xlabel() == "rows in the equivalence class"
    grid = an.level_grid(customers, 5, "top_category", countries=countries, birth_levels=(3,), postcode_levels=(5,))
    assert pp.plot_tradeoff(grid).get_ylabel() == "rows suppressed to reach k"
    paths = fl.convergence_paths(fl.partitions(customers), 5, 1.0, local_steps=(1,), reference_steps=50)
    assert pp.plot_fedavg_paths(paths).get_yscale() == "log"
    plt.close("all")


# --- the synthetic data: fake, and calibrated to the papers ---------------------------------------


def test_customers_are_fake(customers):
    assert customers["email"].is_unique
    assert customers["email"].str.fullmatch(r"[a-z]+\.[a-z]+\.\d{4}@example\.(com|org|net)").all()
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "datasets" / "generators" / "customers.py"
    spec = importlib.util.spec_from_file_location("_customers_generator", path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    first, last = customers["name"].str.split(" ", n=1, expand=True).T.to_numpy()
    assert set(first) <= set(generator.FIRST_NAMES) and set(last) <= set(generator.SURNAMES)


def test_customers_calibration(customers, stats):
    age = (pd.Timestamp("2025-01-01") - pd.to_datetime(customers["birth_date"])).dt.days / 365.25
    under_35 = (age < 35).mean() * 100
    assert under_35 == pytest.approx(stat_value(stats, "tiktok_users_under_35_share_yang"), abs=1.0)
    assert customers["daily_minutes"].mean() == pytest.approx(stat_value(stats, "tiktok_daily_minutes_yang"), abs=0.5)
    assert 0.50 <= (customers["gender"] == "female").mean() <= 0.56
    assert age.min() >= 18


def test_customers_structure(customers):
    assert customers["postcode"].str.fullmatch(r"\d{5}").all()
    assert customers.groupby("country")["postcode"].agg(lambda s: s.str[:2].nunique()).max() <= 3
    for column in pv.CONSENT_COLUMNS.values():
        assert customers[column].isna().any(), f"{column} should have some never-asked customers"
    plan = pv.store_plan(customers)
    assert 0 < (~plan["compliant"]).sum() < 0.1 * len(plan)
    assert (customers["country"].isin(pv.EU_MEMBERS)).sum() > 100


# --- the new answer checks -----------------------------------------------------------------------


def test_check_string_set_accepts_every_container():
    want = {"a", "b"}
    for value in ({"b", "a"}, ["a", "b", "a"], ("b", "a"), pd.Index(["a", "b"]), pd.Series(["b", "a"]), np.array(["a", "b"]), {"a": 1, "b": 2}, pd.DataFrame(columns=["a", "b"]), [" a", "b "]):
        assert check_string_set("x", value, want) == want
    assert check_string_set("x", "a") == {"a"}


def test_check_string_set_messages():
    with pytest.raises(AssertionError, match="has no answer yet"):
        check_string_set("x", None, {"a"})
    with pytest.raises(AssertionError, match="holds 3, which is not a name"):
        check_string_set("x", ["a", 3], {"a"})
    with pytest.raises(AssertionError, match="is not right. Read the consent flag"):
        check_string_set("x", {"a"}, {"a", "b"}, mistakes=[({"a"}, "Read the consent flag.")])
    with pytest.raises(AssertionError, match=r"`id` is an identifier. Not needed: \['id'\]. 1 needed name\(s\) are missing"):
        check_string_set("x", {"a", "id"}, {"a", "b"}, extra_messages={"id": "`id` is an identifier."})


def test_check_hex_digest():
    digest = hashlib.sha256(b"abc").hexdigest()
    assert check_hex_digest("h", digest.upper() + "\n", digest) == digest
    assert check_hex_digest("h", digest.encode()) == digest
    with pytest.raises(AssertionError, match=r"raw bytes \(32 bytes, from `.digest\(\)`\)"):
        check_hex_digest("h", hashlib.sha256(b"abc").digest())
    with pytest.raises(AssertionError, match="has 10 hex digits; a SHA-256 digest has 64"):
        check_hex_digest("h", "abcdef0123")
    with pytest.raises(AssertionError, match="not a string of hex digits"):
        check_hex_digest("h", "xyz")
    with pytest.raises(AssertionError, match="is not right. Unsalted"):
        check_hex_digest("h", digest, "0" * 64, mistakes=[(digest.upper(), "Unsalted.")])
    with pytest.raises(AssertionError, match="is a int"):
        check_hex_digest("h", 5)


def test_check_number_list():
    labels = ["intercept", "daily_minutes", "orders_12m"]
    want = [-0.4, 0.96, 0.57]
    for value in ([-0.4, 0.96, 0.57], np.array(want) + 0.0004, pd.Series(want), {"orders_12m": 0.57, "intercept": -0.4, "daily_minutes": 0.96},
                  pd.Series([0.57, -0.4, 0.96], index=["orders_12m", "intercept", "daily_minutes"]), (np.float32(-0.4), "0.96", 0.57)):
        check_number_list("w", value, want, labels=labels)
    assert check_number_list("w", [1, 2, 3], length=3) == [1.0, 2.0, 3.0]
    with pytest.raises(AssertionError, match=r"holds 2 number\(s\); it should hold 3 in the order"):
        check_number_list("w", [1, 2], want, labels=labels)
    with pytest.raises(AssertionError, match="lacks \\['orders_12m'\\]"):
        check_number_list("w", {"intercept": 1, "daily_minutes": 2}, want, labels=labels)
    with pytest.raises(AssertionError, match="is not right. Unweighted"):
        check_number_list("w", [1, 2, 3], want, mistakes=[([1, 2, 3], "Unweighted.")])
    with pytest.raises(AssertionError, match="each number must be within 0.001"):
        check_number_list("w", [1, 2, 3], want)
    with pytest.raises(AssertionError, match="has no answer yet"):
        check_number_list("w", None, length=3)
