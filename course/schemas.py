"""The schema of every dataset in `datasets/`.

Each dataset has a datasheet `datasets/<name>.md` whose "Columns" table documents the same
columns and types; `tests/test_datasets.py` checks that the two agree and that every file
matches its schema.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Types a column may have, as written in the datasheets.
COLUMN_TYPES = ("string", "float", "Int64", "category", "boolean")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    nullable: bool = False
    #: for `category` columns: the allowed values
    allowed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.dtype not in COLUMN_TYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.dtype!r}")


@dataclass(frozen=True)
class Schema:
    name: str
    columns: tuple[Column, ...]
    #: columns whose values must be unique
    key: tuple[str, ...] = ()
    #: (column, other dataset, other column): every value must appear there
    references: tuple[tuple[str, str, str], ...] = field(default=())
    #: restrictions on string columns' values: column -> allowed values
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


UNITS = (
    "CNY trillion", "CNY billion", "CNY 100 million",
    "USD billion", "USD million", "USD",
    "percent", "percentage points",
    "count", "thousand", "million", "billion",
    "days", "hours", "minutes",
    "ratio", "times", "year",
)

STAT_KINDS = ("level", "growth", "share", "ratio", "multiple", "duration", "count", "date", "other")

SOURCE_IDS = ("tian2022", "socialized2025", "liu2021", "gan2024", "yang2025")

PAPER_SOURCES = Schema(
    name="paper_sources",
    columns=(
        Column("source_id", "string"),
        Column("authors", "string"),
        Column("title", "string"),
        Column("title_original", "string", nullable=True),
        Column("year", "Int64"),
        Column("venue", "string", nullable=True),
        Column("citation", "string"),
    ),
    key=("source_id",),
)

PAPER_STATISTICS = Schema(
    name="paper_statistics",
    columns=(
        Column("stat_id", "string"),
        Column("source_id", "string"),
        Column("section", "string"),
        Column("metric", "string"),
        Column("value", "float"),
        Column("unit", "string"),
        Column("period", "string", nullable=True),
        Column("year", "Int64", nullable=True),
        Column("geography", "string"),
        Column("scope", "string"),
        Column("kind", "category", allowed=STAT_KINDS),
        Column("series", "string", nullable=True),
        Column("quote", "string"),
        Column("note", "string", nullable=True),
    ),
    key=("stat_id",),
    references=(("source_id", "paper_sources", "source_id"),),
    vocabularies={"unit": UNITS},
)

SCHEMAS: dict[str, Schema] = {}


def register(schema: Schema) -> Schema:
    """Add a dataset's schema to `SCHEMAS` (each module's schemas follow, in module order)."""
    if schema.name in SCHEMAS:
        raise ValueError(f"two schemas named {schema.name!r}")
    SCHEMAS[schema.name] = schema
    return schema


register(PAPER_SOURCES)
register(PAPER_STATISTICS)

# ---------------------------------------------------------------------------------------
# Later modules: define the schema, then `register(...)` it, in a section per module.


# ---- shared by modules 02 to 07: the course's markets ----------------------------------

COUNTRIES = register(Schema(
    name="countries",
    columns=(
        Column("iso2", "string"),
        Column("iso3", "string"),
        Column("name_en", "string"),
        Column("name_zh", "string"),
        Column("region", "string"),
        Column("subregion", "string"),
        Column("currency", "string"),
        Column("timezone", "string"),
        Column("timezone_note", "string", nullable=True),
        Column("population_2023", "Int64"),
        Column("gdp_usd_billion_2023", "float"),
    ),
    key=("iso2",),
))


# ---- module 06: data privacy and compliance ----------------------------------------------

CUSTOMERS = register(Schema(
    name="customers",
    columns=(
        Column("customer_id", "string"),
        Column("name", "string"),
        Column("email", "string"),
        Column("birth_date", "string"),
        Column("gender", "category", allowed=("female", "male")),
        Column("postcode", "string"),
        Column("country", "string"),
        Column("consent_marketing", "boolean", nullable=True),
        Column("consent_personalisation", "boolean", nullable=True),
        Column("consent_analytics", "boolean", nullable=True),
        Column("daily_minutes", "float"),
        Column("orders_12m", "Int64"),
        Column("spend_usd_12m", "float"),
        Column("top_category", "category", allowed=("beauty", "fashion", "electronics", "home", "toys", "health", "food")),
        Column("bought_in_live", "boolean"),
        Column("store", "category", allowed=("eu", "cn", "global")),
    ),
    key=("customer_id",),
    references=(("country", "countries", "iso2"),),
))

# --- Module 03: SWOT analysis, quantified ----------------------------------------------

SWOT_GROUPS = ("strength", "weakness", "opportunity", "threat")

SWOT_FACTORS = register(Schema(
    name="swot_factors",
    columns=(
        Column("factor_id", "string"),
        Column("group", "category", allowed=SWOT_GROUPS),
        Column("matrix", "category", allowed=("IFE", "EFE")),
        Column("factor", "string"),
        Column("description", "string"),
        Column("about", "category", allowed=("cross-border live commerce", "TikTok")),
        Column("classified_by", "category", allowed=("paper", "course")),
        Column("source_id", "string"),
        Column("section", "string"),
        Column("quote", "string"),
        Column("stat_ids", "string", nullable=True),
        Column("default_weight", "float"),
        Column("default_rating", "Int64"),
        Column("default_basis", "category", allowed=("course teaching choice",)),
        Column("default_rationale", "string"),
        Column("note", "string", nullable=True),
    ),
    key=("factor_id",),
    references=(("source_id", "paper_sources", "source_id"),),
))

SWOT_STRATEGIES = register(Schema(
    name="swot_strategies",
    columns=(
        Column("strategy_id", "string"),
        Column("tows", "category", allowed=("SO", "ST", "WO", "WT")),
        Column("strategy", "string"),
        Column("factor_ids", "string"),
        Column("source_id", "string"),
        Column("section", "string"),
        Column("quote", "string"),
        Column("stat_ids", "string", nullable=True),
        Column("note", "string", nullable=True),
    ),
    key=("strategy_id",),
    references=(("source_id", "paper_sources", "source_id"),),
))

# ---- module 04: cross-cultural marketing -------------------------------------------------

#: Hofstede's six dimensions, in the order of the 2015-08-16 data matrix
HOFSTEDE_DIMENSIONS = ("pdi", "idv", "mas", "uai", "lto", "ivr")

HOFSTEDE_REGIONS = register(Schema(
    name="hofstede_regions",
    columns=(
        Column("hofstede_code", "string"),
        Column("hofstede_label", "string"),
        *(Column(d, "Int64", nullable=True) for d in HOFSTEDE_DIMENSIONS),
        Column("covers", "string"),
        Column("note", "string"),
        Column("source", "string"),
    ),
    key=("hofstede_code",),
))

HOFSTEDE_SCORES = register(Schema(
    name="hofstede_scores",
    columns=(
        Column("iso2", "string"),
        Column("hofstede_code", "string", nullable=True),
        Column("hofstede_label", "string", nullable=True),
        *(Column(d, "Int64", nullable=True) for d in HOFSTEDE_DIMENSIONS),
        Column("proxy_code", "string", nullable=True),
        Column("note", "string", nullable=True),
        Column("source", "string"),
    ),
    key=("iso2",),
    references=(("iso2", "countries", "iso2"), ("proxy_code", "hofstede_regions", "hofstede_code")),
))

PREFERENCE_THEMES = (
    "interaction", "entertainment", "product_reviews", "community", "design", "certification",
    "localisation", "individuality", "practicality", "value_for_money", "festival", "positioning",
)

MARKET_PREFERENCES = register(Schema(
    name="market_preferences",
    columns=(
        Column("pref_id", "string"),
        Column("market", "string"),
        Column("iso2", "string", nullable=True),
        Column("theme", "category", allowed=PREFERENCE_THEMES),
        Column("preference", "string"),
        Column("script_implication", "string"),
        Column("source_id", "string"),
        Column("section", "string"),
        Column("quote", "string"),
        Column("note", "string", nullable=True),
    ),
    key=("pref_id",),
    references=(("source_id", "paper_sources", "source_id"),),
))

FESTIVALS = register(Schema(
    name="festivals",
    columns=(
        Column("festival_id", "string"),
        Column("name_en", "string"),
        Column("name_zh", "string"),
        Column("markets", "string"),
        Column("year", "Int64"),
        Column("start_date", "string"),
        Column("end_date", "string"),
        Column("date_rule", "string"),
        Column("relevance", "string"),
        Column("source_kind", "category", allowed=("paper", "course-entered")),
        Column("source_id", "string"),
        Column("quote", "string"),
        Column("note", "string", nullable=True),
    ),
    key=("festival_id",),
    references=(("source_id", "paper_sources", "source_id"),),
))


# ---- module 02: live-stream sessions and daily active users (synthetic) ----------------

#: the host tiers of `live_sessions`: top influencers, mid-tier creators, the brand's own account
LIVE_HOST_TYPES = ("KOL", "KOC", "brand")

LIVE_SESSIONS = register(Schema(
    name="live_sessions",
    columns=(
        Column("session_id", "string"),
        Column("market", "string"),
        Column("host_id", "string"),
        Column("host_type", "category", allowed=LIVE_HOST_TYPES),
        Column("start_utc", "string"),
        Column("start_local", "string"),
        Column("duration_min", "Int64"),
        Column("viewers", "Int64"),
        Column("viewers_20_29", "Int64"),
        Column("comments", "Int64"),
        Column("product_clicks", "Int64"),
        Column("orders", "Int64"),
        Column("gmv_usd", "float"),
    ),
    key=("session_id",),
    references=(("market", "countries", "iso2"),),
))

LIVE_DAILY_USERS = register(Schema(
    name="live_daily_users",
    columns=(
        Column("market", "string"),
        Column("date", "string"),
        Column("user_id", "string"),
    ),
    key=("market", "date", "user_id"),
    references=(("market", "countries", "iso2"),),
))

# ---- module 05: cross-border logistics and the live-stream demand pulse ------------------

SHIPPING_MODES = ("postal_small_packet", "dedicated_line", "commercial_express", "overseas_warehouse")

IMPORT_RULES = register(Schema(
    name="import_rules",
    columns=(
        Column("iso2", "string"),
        Column("tax_name", "string"),
        Column("vat_rate_pct", "float"),
        Column("duty_basis", "category", allowed=("CIF", "FOB")),
        Column("duty_free_threshold", "float", nullable=True),
        Column("threshold_currency", "string"),
        Column("low_value_vat", "string"),
        Column("rule_summary", "string"),
        Column("legal_source", "string"),
        Column("as_of", "string"),
        Column("status", "category", allowed=("simplified for teaching",)),
        Column("later_changes", "string", nullable=True),
    ),
    key=("iso2",),
    references=(("iso2", "countries", "iso2"),),
))

DAILY_ORDERS = register(Schema(
    name="daily_orders",
    columns=(
        Column("date", "string"),
        Column("weekday", "category", allowed=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")),
        Column("live_stream", "boolean"),
        Column("session_type", "category", nullable=True, allowed=("weekly", "festival")),
        Column("orders", "Int64"),
        Column("featured_units", "Int64", nullable=True),
    ),
    key=("date",),
))

SHIPMENTS = register(Schema(
    name="shipments",
    columns=(
        Column("shipment_id", "string"),
        Column("order_date", "string"),
        Column("ship_date", "string"),
        Column("delivery_date", "string"),
        Column("promised_date", "string"),
        Column("destination", "string"),
        Column("mode", "category", allowed=SHIPPING_MODES),
        Column("live_day", "boolean"),
        Column("category", "category", allowed=("apparel", "beauty", "electronics", "home")),
        Column("weight_kg", "float"),
        Column("goods_value_usd", "float"),
        Column("freight_usd", "float"),
        Column("last_mile", "category", allowed=("carrier", "crowdsourced")),
        Column("clearance_lane", "category", allowed=("standard", "blockchain_pilot", "express_broker", "bulk_import")),
        Column("customs_hours", "float", nullable=True),
        Column("duty_rate_pct", "float"),
        Column("duty_usd", "float"),
        Column("vat_usd", "float"),
        Column("returned", "boolean"),
    ),
    key=("shipment_id",),
    references=(("destination", "countries", "iso2"), ("destination", "import_rules", "iso2")),
))


# ---- module 07_payments_returns: payments, returns and after-sales service -----------------

PAYMENTS = register(Schema(
    name="payments",
    columns=(
        Column("payment_id", "string"),
        Column("order_date", "string"),
        Column("payout_date", "string"),
        Column("market", "string"),
        Column("currency", "category", allowed=("USD", "GBP", "EUR", "MYR")),
        Column("method", "category", allowed=("card", "paypal", "ewallet")),
        Column("amount_local", "float"),
        Column("fx_order", "float"),
        Column("fx_payout", "float"),
        Column("chargeback", "boolean"),
        Column("chargeback_reason", "category", nullable=True, allowed=("fraud", "not_received", "not_as_described")),
    ),
    key=("payment_id",),
    references=(("market", "countries", "iso2"),),
))

SERVICE_CASES = register(Schema(
    name="service_cases",
    columns=(
        Column("case_id", "string"),
        Column("opened_date", "string"),
        Column("market", "string"),
        Column("team", "category", allowed=("remote", "local_24h")),
        Column("reason", "category", allowed=("size_or_fit", "damaged", "late_or_lost", "not_as_described", "other")),
        Column("first_response_hours", "float"),
        Column("resolution", "category", allowed=("refund_with_return", "returnless_refund", "replacement", "explanation_only")),
        Column("rating", "Int64"),
        Column("repeat_90d", "boolean"),
    ),
    key=("case_id",),
    references=(("market", "countries", "iso2"),),
))


# ---- module 07: capstone, a market-entry plan -------------------------------------------

PRIVACY_REGIMES = register(Schema(
    name="privacy_regimes",
    columns=(
        Column("iso2", "string"),
        Column("law", "string"),
        Column("law_short", "string"),
        Column("comprehensive", "boolean"),
        Column("applies_from_year", "Int64"),
        Column("applies_from_note", "string"),
        Column("strictness", "Int64"),
        Column("strictness_reason", "string"),
        Column("as_of", "string"),
        Column("source", "string"),
    ),
    key=("iso2",),
    references=(("iso2", "countries", "iso2"),),
))

MARKET_ENTRY_INPUTS = register(Schema(
    name="market_entry_inputs",
    columns=(
        Column("iso2", "string"),
        Column("vat_name", "string"),
        Column("vat_rate_pct", "float"),
        Column("vat_source", "string"),
        Column("duty_rate_pct", "float"),
        Column("freight_usd", "float"),
        Column("lead_days", "Int64"),
    ),
    key=("iso2",),
    references=(("iso2", "countries", "iso2"),),
))


# ---- module 08: sellers, hosts and competition ----------------------------------------

SELLER_SCREENING = register(Schema(
    name="seller_screening",
    columns=(
        Column("seller_id", "string"),
        Column("category", "category", allowed=("apparel", "beauty", "electronics", "home")),
        Column("risk_score", "float"),
        Column("violated", "boolean"),
    ),
    key=("seller_id",),
))

SELLER_CHANNELS = register(Schema(
    name="seller_channels",
    columns=(
        Column("seller_id", "string"),
        Column("platform", "category", allowed=("amazon", "tiktok_shop", "shopee", "independent_site")),
        Column("revenue_usd", "float"),
    ),
    key=("seller_id", "platform"),
))


# ---- every module: the lectures' glossaries --------------------------------------------

#: the course's modules, as the lectures and assignments are named
MODULES = ("01_market_size", "02_live_commerce", "03_swot", "04_cross_cultural", "05_logistics", "06_privacy", "07_payments_returns", "08_sellers_competition", "09_capstone")

GLOSSARY = register(Schema(
    name="glossary",
    columns=(
        Column("term_id", "string"),
        Column("module", "category", allowed=MODULES),
        Column("term_en", "string"),
        Column("term_zh", "string"),
        Column("definition_en", "string"),
        Column("source_kind", "category", allowed=("paper", "not from the papers")),
        Column("source_id", "string", nullable=True),
        Column("section", "string", nullable=True),
        Column("quote", "string", nullable=True),
        Column("other_source", "string", nullable=True),
        Column("note", "string", nullable=True),
    ),
    key=("term_id", "module"),
    references=(("source_id", "paper_sources", "source_id"),),
))
