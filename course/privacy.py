"""Module 06 computations: data minimisation, consent, pseudonymisation, re-identification
and where customer records must be stored.

Pure functions over the synthetic `customers` dataset (and `countries` for regions). The
anonymity measures (k-anonymity, l-diversity) are in `course.anonymity`, the Laplace
mechanism in `course.differential_privacy` and federated averaging in `course.federated`.

The legal notes name the articles of the EU's General Data Protection Regulation (GDPR,
Regulation (EU) 2016/679) and of China's Personal Information Protection Law (PIPL,
个人信息保护法, 2021) that each rule puts into practice. They are teaching summaries, not legal
advice.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "PrivacyError", "PaperClaim", "PAPER_CLAIMS", "claims_table", "Purpose", "PURPOSES", "CONSENT_COLUMNS", "DIRECT_IDENTIFIERS", "EU_MEMBERS",
    "STORES", "purpose", "required_fields", "minimise", "purpose_table", "consent_mask", "consented",
    "consent_rates", "sha256_hex", "pseudonym", "pseudonymise", "hashed_release",
    "known_email_list", "reidentify", "required_store", "store_plan", "residency_violations",
]


class PrivacyError(ValueError):
    """Invalid input to a module 06 computation; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class PaperClaim:
    """What one of the course's papers says about data privacy, verbatim, and the principle
    and law the course connects it with. `tests/test_privacy.py` checks every quote against
    the paper's text."""

    claim_id: str
    source_id: str
    section: str
    quote: str
    says: str  # the quote in English
    principle: str
    law: str
    stat_id: str | None = None  # the row of `paper_statistics` where the quote has a number


PAPER_CLAIMS: tuple[PaperClaim, ...] = (
    PaperClaim(
        "gdpr_requirements_socialized", "socialized2025", "5.3 Personalised operation and data compliance",
        "欧盟的《通用数据保护条例》(GDPR)对数据处理的合法性、用户同意机制和数据安全提出了严格要求",
        "The EU's GDPR sets strict requirements on the lawfulness of processing, on user consent mechanisms and on data security.",
        "lawfulness, consent, security",
        "GDPR Art. 5(1)(a) and 6 (lawful basis), Art. 4(11) and 7 (consent), Art. 5(1)(f) and 32 (security)",
    ),
    PaperClaim(
        "personalised_trust_data_socialized", "socialized2025", "5.3 Personalised operation and data compliance",
        "“人格化信任”的建立依赖于对用户数据的深度分析,以实现精准推荐和个性化互动",
        "Building 'personalised trust' depends on deep analysis of user data, for precise recommendations and personalised interaction.",
        "personalisation needs personal data",
        "GDPR Art. 6(1)(a) consent for a specific purpose; Art. 22 and Recital 71 on profiling",
    ),
    PaperClaim(
        "target_market_law_socialized", "socialized2025", "5.3 Personalised operation and data compliance",
        "企业在利用数据构建人格化服务的同时,必须确保其数据收集、存储和使用行为完全符合目标市场的法律规定",
        "While using data to build personalised services, firms must make sure that collecting, storing and using the data fully complies with the law of the target market.",
        "the law of each market applies",
        "GDPR Art. 3(2) (offering goods to people in the EU); PIPL Art. 3",
    ),
    PaperClaim(
        "personalisation_balance_socialized", "socialized2025", "5.3 Personalised operation and data compliance",
        "如何在个性化服务与隐私保护之间找到平衡,是社交化跨境电商必须解决的核心难题",
        "How to balance personalised service and privacy protection is the core problem socialised cross-border e-commerce must solve.",
        "personalisation versus privacy",
        "GDPR Art. 25 (data protection by design and by default)",
    ),
    PaperClaim(
        "transparent_consent_socialized", "socialized2025", "6.3 Improving data-compliance management",
        "设计清晰、易懂的用户授权界面,明确告知数据收集的目的、范围和用途,让用户拥有充分的选择权和控制权",
        "Design a clear, understandable consent interface that states the purpose, scope and use of data collection, giving users full choice and control.",
        "transparent, specific consent per purpose",
        "GDPR Art. 7(2)-(3) (clear request, withdrawal), Art. 12-13 (information); PIPL Art. 14, 17",
    ),
    PaperClaim(
        "compliance_audit_socialized", "socialized2025", "6.3 Improving data-compliance management",
        "聘请第三方机构进行数据安全与合规性审计",
        "Hire third parties to audit data security and compliance.",
        "accountability",
        "GDPR Art. 5(2) and 24 (accountability); PIPL Art. 54 (regular compliance audits)",
    ),
    PaperClaim(
        "western_laws_yang", "yang2025", "4.3 Data security and privacy protection",
        "尤其是在极其重视数据安全和隐私保护的欧美等发达国家，开展跨境电商业务时，需要严格遵守相关法律法规，保障用户数据的安全和隐私",
        "Especially in developed countries in Europe and America, which care greatly about data security and privacy, cross-border e-commerce must strictly obey the relevant laws and protect users' data.",
        "the law of each market applies",
        "GDPR (EU), UK GDPR, US state laws",
    ),
    PaperClaim(
        "user_profiles_yang", "yang2025", "3.3 Algorithm optimisation",
        "TikTok通过融合用户视频停留时长、点赞、收藏等显性行为数据与隐性兴趣特征，动态生成用户画像",
        "TikTok builds user profiles dynamically by combining explicit behaviour (time spent on videos, likes, saves) with implicit interest features.",
        "personalisation needs personal data",
        "GDPR Art. 4(4) (profiling), Art. 21 (right to object)",
    ),
    PaperClaim(
        "minimum_necessary_yang", "yang2025", "5.3 Strengthening data security and privacy protection",
        "在数据采集阶段，实施“最小必要原则”分级管控",
        "At the collection stage, apply the 'minimum necessary' principle with graded controls.",
        "data minimisation",
        "GDPR Art. 5(1)(c); PIPL Art. 6 (最小范围, the smallest scope needed)",
    ),
    PaperClaim(
        "encryption_yang", "yang2025", "5.3 Strengthening data security and privacy protection",
        "采用先进的加密技术",
        "Use advanced encryption.",
        "security: encryption and pseudonymisation",
        "GDPR Art. 32(1)(a) (pseudonymisation and encryption), Art. 4(5)",
    ),
    PaperClaim(
        "access_control_yang", "yang2025", "5.3 Strengthening data security and privacy protection",
        "建立严格的数据访问权限管理制度，限制非授权访问",
        "Set up strict management of data access rights and restrict unauthorised access.",
        "security: access control",
        "GDPR Art. 5(1)(f), 32; PIPL Art. 51",
    ),
    PaperClaim(
        "federated_learning_yang", "yang2025", "5.3 Strengthening data security and privacy protection",
        "在数据处理环节，部署联邦学习框架，使算法模型训练无需原始数据导出",
        "At the processing stage, deploy a federated-learning framework so that training the algorithms' models needs no export of raw data.",
        "federated learning: models travel, raw data stay",
        "GDPR Art. 25 (by design), Chapter V (no transfer of the raw records)",
    ),
    PaperClaim(
        "compliance_monitoring_yang", "yang2025", "5.3 Strengthening data security and privacy protection",
        "建立动态合规监测系统，实时扫描 150 余个国家的数据法规变更自动调整数据存储策略",
        "Build a dynamic compliance-monitoring system that scans changes in the data laws of more than 150 countries in real time and adjusts the data-storage strategy automatically.",
        "compliance monitoring and storage policy",
        "GDPR Chapter V (Art. 44-50); PIPL Art. 38-40",
        "data_law_countries_yang",
    ),
    PaperClaim(
        "eu_isolation_yang", "yang2025", "3.2 Global resource integration",
        "在欧盟建立数据主权隔离系统",
        "In the EU, TikTok built a data-sovereignty isolation system.",
        "data residency",
        "GDPR Chapter V (Art. 44-50: transfers to third countries)",
    ),
    PaperClaim(
        "payment_data_regulation_liu", "liu2021", "3 Three problems",
        "随着各国对数据安全问题日益重视，数据监管趋严之下跨境支付不确定性因素逐年增多",
        "As countries pay more attention to data security, tighter data regulation adds uncertainty to cross-border payments year by year.",
        "the law of each market applies",
        "national data laws; GDPR Chapter V, PIPL Art. 38",
    ),
    PaperClaim(
        "know_market_law_gan", "gan2024", "4.2.1 Multilingual communication and cultural adaptation",
        "熟悉目标市场的法律法规，保证支付及后勤服务的合规性与可靠性",
        "Know the target market's laws and regulations and keep payment and logistics services (后勤服务) compliant and reliable.",
        "the law of each market applies",
        "national law of each market",
    ),
)


def claims_table() -> pd.DataFrame:
    """`PAPER_CLAIMS` as a table (claim_id, source_id, section, quote, says, principle, law, stat_id)."""
    return pd.DataFrame([c.__dict__ for c in PAPER_CLAIMS])


#: the consent flag of each purpose that is based on consent (GDPR Art. 6(1)(a))
CONSENT_COLUMNS = {
    "marketing": "consent_marketing",
    "personalisation": "consent_personalisation",
    "analytics": "consent_analytics",
}

#: columns that identify a customer on their own (GDPR Art. 4(1): "an identifier such as a name")
DIRECT_IDENTIFIERS = ("customer_id", "name", "email")


@dataclass(frozen=True)
class Purpose:
    """A stated purpose of processing and the columns of `customers` it needs."""

    name: str
    description: str
    fields: tuple[str, ...]
    #: the lawful basis under GDPR Art. 6(1)
    basis: str
    #: the key of its consent flag in `CONSENT_COLUMNS`, if its basis is consent
    consent: str | None = None


#: The shop's register of purposes (GDPR Art. 30 asks for "the purposes of the processing").
#: Each lists the columns the purpose *needs* (Art. 5(1)(c), PIPL Art. 6: no more).
PURPOSES: dict[str, Purpose] = {
    p.name: p
    for p in (
        Purpose(
            "order_fulfilment",
            "ship an order and e-mail the tracking number",
            ("name", "email", "postcode", "country"),
            "contract, Art. 6(1)(b)",
        ),
        Purpose(
            "age_check",
            "confirm that a customer is an adult before selling age-restricted goods",
            ("birth_date",),
            "legal obligation, Art. 6(1)(c)",
        ),
        Purpose(
            "marketing_email",
            "send a promotional e-mail about the next live stream, in the customer's language",
            ("name", "email", "country", "consent_marketing"),
            "consent, Art. 6(1)(a)",
            "marketing",
        ),
        Purpose(
            "live_recommendations",
            "recommend products during a live stream from the customer's viewing and buying",
            ("customer_id", "daily_minutes", "orders_12m", "top_category", "consent_personalisation"),
            "consent, Art. 6(1)(a)",
            "personalisation",
        ),
        # Not consent: a report on consent would drop the orders of every customer who did not
        # consent, so the totals would be wrong. Counting one's own sales per market is a
        # legitimate interest (the orders themselves are processed under the contract).
        Purpose(
            "sales_report",
            "report orders and spend per market to management",
            ("country", "orders_12m", "spend_usd_12m"),
            "legitimate interest, Art. 6(1)(f)",
        ),
    )
}


def purpose(name: str) -> Purpose:
    """The registered purpose called `name`."""
    if name not in PURPOSES:
        raise PrivacyError(f"unknown purpose {name!r}; the register has: {', '.join(PURPOSES)}")
    return PURPOSES[name]


def required_fields(name: str) -> set[str]:
    """The set of columns a registered purpose needs (data minimisation)."""
    return set(purpose(name).fields)


def _check_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise PrivacyError(f"{what} needs the column(s) {missing}, which the table lacks; it has {list(frame.columns)}")


def consent_mask(frame: pd.DataFrame, purpose_name: str) -> pd.Series:
    """True where the customer consented to `purpose_name` ("marketing", "personalisation" or
    "analytics", or a registered purpose based on consent).

    A missing flag (never asked) is **not** consent: GDPR Art. 4(11) and 7 ask for an
    affirmative act, and Recital 32 says that "silence, pre-ticked boxes or inactivity" is not
    consent.
    """
    key = purpose_name
    if key in PURPOSES:
        p = PURPOSES[key]
        if p.consent is None:
            raise PrivacyError(f"purpose {key!r} is based on {p.basis}, not on consent: it needs no consent flag")
        key = p.consent
    if key not in CONSENT_COLUMNS:
        raise PrivacyError(f"no consent flag for {purpose_name!r}; flags exist for {', '.join(CONSENT_COLUMNS)}")
    column = CONSENT_COLUMNS[key]
    _check_columns(frame, [column], f"consent for {key}")
    return frame[column].astype("boolean").fillna(False).astype(bool)


def consented(frame: pd.DataFrame, purpose_name: str) -> pd.DataFrame:
    """The rows whose customers consented to `purpose_name` (missing flags count as no)."""
    return frame[consent_mask(frame, purpose_name).to_numpy()]


def minimise(frame: pd.DataFrame, purpose_name: str) -> pd.DataFrame:
    """What a registered purpose may use: only its columns, and for a purpose based on
    consent only the customers who gave it."""
    p = purpose(purpose_name)
    _check_columns(frame, p.fields, f"purpose {purpose_name!r}")
    rows = consented(frame, purpose_name) if p.consent else frame
    return rows[list(p.fields)].reset_index(drop=True)


def purpose_table(columns: Iterable[str]) -> pd.DataFrame:
    """The register as a purpose x column table of ticks (True where the purpose needs it)."""
    columns = list(columns)
    return pd.DataFrame(
        {c: [c in p.fields for p in PURPOSES.values()] for c in columns},
        index=pd.Index(list(PURPOSES), name="purpose"),
    )


def consent_rates(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Share of customers who consented to each purpose, overall or per value of `by`; a
    missing flag counts as no. Long format: (by), purpose, consented, customers, rate."""
    rows = []
    groups = [("all", frame)] if by is None else list(frame.groupby(by, observed=True))
    for key, group in groups:
        for name in CONSENT_COLUMNS:
            yes = int(consent_mask(group, name).sum())
            rows.append({**({by: key} if by else {}), "purpose": name, "consented": yes, "customers": len(group), "rate": yes / len(group)})
    return pd.DataFrame(rows)


# --- pseudonymisation -----------------------------------------------------------------------


def _as_bytes(value: str | bytes, what: str) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise PrivacyError(f"the {what} must be text (str) or bytes, not {type(value).__name__}")


def sha256_hex(message: str | bytes) -> str:
    """SHA-256 of the UTF-8 message, as 64 lower-case hex digits: a hash with no secret.
    Anyone can recompute it, so it does not hide a value that can be guessed or listed."""
    return hashlib.sha256(_as_bytes(message, "message")).hexdigest()


def pseudonym(message: str | bytes, key: str | bytes) -> str:
    """HMAC-SHA256 of the UTF-8 message under a secret key, as 64 lower-case hex digits.

    Without the key nobody can recompute it, so it is a pseudonym in the sense of GDPR
    Art. 4(5): the "additional information" (the key) must be "kept separately".
    """
    key_bytes = _as_bytes(key, "key")
    if not key_bytes:
        raise PrivacyError("the key is empty: a pseudonym needs a secret key (an empty key is an unsalted hash)")
    return hmac.new(key_bytes, _as_bytes(message, "message"), hashlib.sha256).hexdigest()


def pseudonymise(values: Iterable[str], key: str | bytes | None) -> list[str]:
    """`pseudonym` of each value under `key`; with `key=None`, the plain (unsalted) SHA-256."""
    if key is None:
        return [sha256_hex(v) for v in values]
    return [pseudonym(v, key) for v in values]


def hashed_release(frame: pd.DataFrame, columns: Iterable[str], key: str | bytes | None = None) -> pd.DataFrame:
    """A release that replaces the e-mail by its hash (`key=None`: plain SHA-256, the common
    mistake) or its HMAC pseudonym, and keeps `columns`; no name, no customer id."""
    columns = list(columns)
    _check_columns(frame, ["email", *columns], "a hashed release")
    leaked = [c for c in columns if c in DIRECT_IDENTIFIERS]
    if leaked:
        raise PrivacyError(f"a hashed release must not keep direct identifiers {leaked}: drop them")
    out = frame[columns].reset_index(drop=True).copy()
    out.insert(0, "email_hash", pseudonymise(frame["email"], key))
    return out


def known_email_list(frame: pd.DataFrame, n_customers: int, n_outsiders: int, seed: int) -> list[str]:
    """What an attacker might hold: `n_customers` e-mails of real customers plus
    `n_outsiders` made-up addresses on example.net (nobody in the table), shuffled, drawn with
    `numpy.random.default_rng(seed)`."""
    import numpy as np

    if n_customers < 0 or n_outsiders < 0:
        raise PrivacyError("the numbers of e-mails must be zero or more")
    if n_customers > len(frame):
        raise PrivacyError(f"asked for {n_customers} customers' e-mails but the table has {len(frame)} rows")
    rng = np.random.default_rng(seed)
    chosen = list(frame["email"].to_numpy()[rng.choice(len(frame), size=n_customers, replace=False)])
    outsiders = [f"visitor.{i:04d}@example.net" for i in rng.choice(10_000, size=n_outsiders, replace=False)]
    emails = [str(e) for e in chosen + outsiders]
    return [emails[i] for i in rng.permutation(len(emails))]


def reidentify(release: pd.DataFrame, known_emails: Iterable[str], key: str | bytes | None = None) -> pd.DataFrame:
    """The linkage attack: hash each known e-mail the way the attacker can (`key=None`: plain
    SHA-256, since the attacker does not hold the shop's key) and join with the release on
    the hash. Returns the matched rows with the e-mail put back: each one is re-identified."""
    _check_columns(release, ["email_hash"], "re-identification")
    known = pd.DataFrame({"email": list(dict.fromkeys(known_emails))})
    known["email_hash"] = pseudonymise(known["email"], key)
    return known.merge(release, on="email_hash", how="inner")


# --- where records are stored ----------------------------------------------------------------

#: The 27 member states of the European Union (ISO 3166-1 alpha-2; Greece is GR, which the EU
#: itself writes EL), since the United Kingdom left on 31 January 2020.
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)

#: the shop's three stores; see `required_store`
STORES = ("eu", "cn", "global")


def required_store(iso2: str) -> str:
    """Where the shop's residency policy keeps a customer's record:

    - `"eu"` for customers in an EU member state. The GDPR does not forbid transfers, but
      Chapter V (Art. 44-50) allows them only with an adequacy decision, appropriate safeguards
      or a derogation; keeping the records in the EU avoids the question (Yang and Luo 2025
      describe TikTok's "数据主权隔离系统", a data-sovereignty isolation system in the EU).
    - `"cn"` for customers in China: PIPL Art. 40 requires operators of critical information
      infrastructure and processors above the volume the regulator sets to store personal
      information collected in China in China.
    - `"global"` for everyone else (including the United Kingdom: in Europe, not in the EU).
    """
    if not isinstance(iso2, str) or len(iso2) != 2 or not iso2.isupper():
        raise PrivacyError(f"{iso2!r} is not an ISO 3166-1 alpha-2 code such as 'DE' (two capital letters)")
    if iso2 in EU_MEMBERS:
        return "eu"
    if iso2 == "CN":
        return "cn"
    return "global"


def store_plan(frame: pd.DataFrame) -> pd.DataFrame:
    """Each customer's required store next to the store the record is in now."""
    _check_columns(frame, ["customer_id", "country", "store"], "a store plan")
    out = frame[["customer_id", "country", "store"]].copy()
    out["store"] = out["store"].astype(str)
    out["required_store"] = [required_store(str(c)) for c in out["country"]]
    out["compliant"] = out["store"] == out["required_store"]
    return out.reset_index(drop=True)


def residency_violations(frame: pd.DataFrame, store: str | None = None) -> pd.DataFrame:
    """Records kept outside the store the policy requires, optionally only those whose
    required store is `store` (e.g. "eu": EU records that left the EU store)."""
    if store is not None and store not in STORES:
        raise PrivacyError(f"unknown store {store!r}; the stores are {', '.join(STORES)}")
    plan = store_plan(frame)
    bad = plan[~plan["compliant"]]
    if store is not None:
        bad = bad[bad["required_store"] == store]
    return bad.reset_index(drop=True)
