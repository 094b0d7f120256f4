"""Every label the widgets show, in English and in Chinese: {key: (en, zh)}.

`course.language.t(key)` picks the entry in the course's language (`course.language`). A
label may hold `str.format` fields (`{currency}`); both languages use the same fields. The
English entries are the widgets' labels as they always were, so that an English widget looks
exactly as before, except the capstone's criteria, which were the criterion ids cut to 18
characters and are now words (issue 18); the Chinese ones use the papers' terms where the papers have one (优势, 劣势,
机会, 威胁 from Tian 2022; 海外仓, 关税, 增值税 from Gan 2024; 不确定性规避 from the socialised
cross-border e-commerce paper) and the usual terms of Chinese e-commerce teaching otherwise
(客单价, 点击率, 转化率).

Keys are `<module>.<what>`: `market_size`, `live_commerce`, `swot`, `culture`, `logistics`,
`privacy`, `market_entry` for each module's widgets, `common` for what several share, `glossary`
for the glossary table's headers.
"""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # ---- shared -------------------------------------------------------------------------
    "common.market": ("market", "市场"),
    #: a market in a dropdown: its name and ISO code
    "common.market_option": ("{name} ({code})", "{name}（{code}）"),
    "common.china": ("China", "中国"),
    #: between the items of a list in a sentence
    "common.item_separator": (", ", "，"),

    # ---- glossary table (course.glossary) -----------------------------------------------
    "glossary.heading": ("Glossary", "术语表"),
    "glossary.english": ("English", "英文"),
    "glossary.chinese": ("中文", "中文"),
    "glossary.definition": ("definition", "释义（英文）"),
    "glossary.source": ("source", "来源"),
    "glossary.not_from_papers": ("not from the papers: {source}", "非论文来源：{source}"),

    # ---- 01 market size: market explorer, compounding explorer --------------------------
    "market_size.series": ("series", "数据序列"),
    "market_size.period": ("period", "时期"),
    "market_size.plot.year": ("year", "年份"),
    "market_size.plot.source": ("source", "来源"),
    "market_size.plot.forecast": ("forecast", "预测值"),
    "market_size.start": ("start", "初始值"),
    "market_size.rate": ("rate / year", "年增长率"),
    "market_size.years": ("years", "年数"),
    "market_size.plot.years_from_start": ("years from start", "距起点年数"),
    "market_size.plot.value": ("value", "数值"),
    "market_size.plot.compounding_title": ("compound growth vs a straight line", "复利增长与直线增长对比"),
    "market_size.plot.path": ("path", "路径"),
    "market_size.plot.compound": ("compound", "复利增长"),
    "market_size.plot.straight_line": ("straight line", "直线增长"),
    "market_size.summary": (
        "{series}: {start_value:,.4g} {unit} ({start}) -> {end_value:,.4g} {unit} ({end}); x{multiple:.2f}, "
        "total growth {total_growth:.1%}, CAGR over {years} years {cagr:.1%}",
        "{series}：{start_value:,.4g} {unit}（{start}）-> {end_value:,.4g} {unit}（{end}）；{multiple:.2f} 倍，"
        "总增长 {total_growth:.1%}，{years} 年的年均复合增长率（CAGR）{cagr:.1%}",
    ),
    "market_size.summary.forecast_year": ("{year}, forecast", "{year}，预测值"),
    "market_size.summary.expected": (" (an expected, not a measured, growth)", "（预期增长，而非实测增长）"),
    "market_size.summary.too_few_years": (
        "Pick a period with figures in at least two different years.",
        "请选择一个至少有两个不同年份数据的时期。",
    ),
    "market_size.compounding_text": (
        "end value {end:,.4g}; CAGR {cagr:.1%}; total growth divided by years would say {simple:.1%}",
        "期末值 {end:,.4g}；年均复合增长率（CAGR）{cagr:.1%}；若用总增长除以年数，会得到 {simple:.1%}",
    ),

    # ---- 02 live commerce: funnel simulator, prime-time planner -------------------------
    "live_commerce.viewers": ("viewers", "观看人数"),
    "live_commerce.click_through": ("click-through", "点击率"),
    "live_commerce.click_conversion": ("click conv.", "点击转化率"),
    "live_commerce.aov": ("AOV (USD)", "客单价(USD)"),
    "live_commerce.plot.gmv_title": ("GMV = {gmv:,.0f} USD", "GMV = {gmv:,.0f} 美元"),
    "live_commerce.plot.count": ("count (log scale)", "人数（对数刻度）"),
    "live_commerce.stage.viewers": ("viewers", "观看人数"),
    "live_commerce.stage.product_clicks": ("product clicks", "商品点击"),
    "live_commerce.stage.orders": ("orders", "订单"),
    "live_commerce.local_date": ("local date", "当地日期"),
    "live_commerce.from": ("from", "开始"),
    "live_commerce.to": ("to", "结束"),
    "live_commerce.pick_date": ("Pick a date.", "请选择日期。"),
    "live_commerce.cannot_plan": ("Cannot plan: {error}", "无法排期：{error}"),
    "live_commerce.no_dst": (
        "{timezone} has no daylight saving in {year}: the window is at the same Beijing hours all year.",
        "{timezone} 在 {year} 年不实行夏令时：这一时段全年对应相同的北京时间。",
    ),
    "live_commerce.clock_changes": (
        "Clock changes in {timezone} in {year} (UTC offset in hours):",
        "{timezone} 在 {year} 年的时钟调整（UTC 偏移，单位：小时）：",
    ),

    # ---- 03 SWOT: SWOT explorer (one factor), weight-shift explorer ----------------------------------
    "swot.weight": ("weight", "权重"),
    "swot.rating": ("rating", "评分"),
    "swot.factor": ("factor", "因素"),
    "swot.factor_line": ("<b>{factor}</b>: weight {weight:.2f}, rating {rating}", "<b>{factor}</b>：权重 {weight:.2f}，评分 {rating}"),
    "swot.summary": (
        "<b>IFE total</b> {ife:.2f} &nbsp; <b>EFE total</b> {efe:.2f} &nbsp; -> <b>{strategy}</b>: {meaning}",
        "<b>IFE 总分</b> {ife:.2f} &nbsp; <b>EFE 总分</b> {efe:.2f} &nbsp; -> <b>{strategy}</b>：{meaning}",
    ),
    "swot.factor_note": (
        "the other factors of its matrix share the rest of the weight in proportion",
        "同一矩阵的其他因素按比例分配其余权重",
    ),
    "swot.cannot_evaluate": ("Cannot evaluate:", "无法计算："),
    # the TOWS cells' meanings (the English ones are course.swot.TOWS_MEANINGS)
    "swot.tows.SO": ("use strengths to seize opportunities", "利用优势，把握机会"),
    "swot.tows.ST": ("use strengths to counter threats", "利用优势，应对威胁"),
    "swot.tows.WO": ("use opportunities to overcome weaknesses", "利用机会，克服劣势"),
    "swot.tows.WT": ("minimise weaknesses and avoid threats", "减少劣势，规避威胁"),
    # the SWOT groups (Tian 2022, section 5: 优势, 劣势, 机会, 威胁)
    "swot.group.strength": ("strength", "优势"),
    "swot.group.weakness": ("weakness", "劣势"),
    "swot.group.opportunity": ("opportunity", "机会"),
    "swot.group.threat": ("threat", "威胁"),
    "swot.matrix_total": ("{matrix} matrix (total {total:.2f})", "{matrix} 矩阵（总分 {total:.2f}）"),
    "swot.plot.position_title": ("Position: IFE total vs EFE total", "战略位置：IFE 总分与 EFE 总分"),
    "swot.plot.ife_axis": ("IFE total (internal: 1 weak ... 4 strong)", "IFE 总分（内部：1 弱 … 4 强）"),
    "swot.plot.efe_axis": ("EFE total (external: 1 poor ... 4 superior response)", "EFE 总分（外部：1 应对差 … 4 应对出色）"),
    "swot.plot.yours": ("your weights and ratings", "你设定的权重与评分"),
    "swot.plot.defaults": ("course defaults", "课程默认值"),
    "swot.matrix": ("matrix", "矩阵"),
    "swot.shift": ("shift", "权重转移"),
    "swot.shift_summary": (
        "shift {shift:+.3f} of {matrix} weight from the {favourable} to the {unfavourable} group: ",
        "把 {matrix} 矩阵 {shift:+.3f} 的权重从{favourable}组移到{unfavourable}组：",
    ),
    "swot.before": (" &nbsp; (before: {strategy}; {where})", " &nbsp; （转移前：{strategy}；{where}）"),
    "swot.no_flip": ("no feasible shift reaches 2.5", "可行范围内的转移都达不到 2.5"),
    "swot.flip_at": ("the {matrix} total reaches 2.5 at a shift of {threshold:+.4f}", "转移 {threshold:+.4f} 时 {matrix} 总分达到 2.5"),
    "swot.plot.before_shift": ("before the shift", "转移前"),
    "swot.plot.after_shift": ("after the shift", "转移后"),
    "swot.plot.shift_title": ("Shifting {shift:+.3f} of the {matrix} weight", "转移 {matrix} 权重 {shift:+.3f}"),

    # ---- 04 cross-cultural: country comparison, rule explorer ---------------------------
    "culture.use": ("use", "维度"),
    "culture.six_dimensions": ("six dimensions", "六个维度"),
    "culture.four_dimensions": ("four (IBM) dimensions", "四个维度（IBM）"),
    "culture.plot.profiles_title": ("{market} and China", "{market}与中国"),
    "culture.plot.score": ("Hofstede score (0 to about 100)", "霍夫斯泰德得分（0 至约 100）"),
    "culture.plot.dimension": ("dimension", "维度"),
    "culture.plot.difference": ("{market} minus {base} (points)", "{market}减{base}（分）"),
    "culture.plot.against": ("{market} against {base}", "{market}与{base}对比"),
    "culture.plot.no_score": ("no score", "无得分"),
    # Hofstede's dimensions (the English ones are course.culture.DIMENSION_NAMES; 个人主义 and
    # 不确定性规避 are the socialised cross-border e-commerce paper's terms)
    "culture.dim.pdi": ("power distance", "权力距离"),
    "culture.dim.idv": ("individualism", "个人主义"),
    "culture.dim.mas": ("masculinity", "男性化"),
    "culture.dim.uai": ("uncertainty avoidance", "不确定性规避"),
    "culture.dim.lto": ("long-term orientation", "长期导向"),
    "culture.dim.ivr": ("indulgence", "放纵"),
    "culture.high": ("high ≥", "高 ≥"),
    "culture.low": ("low ≤", "低 ≤"),
    "culture.low_below_high": ("the low threshold must be below the high one", "“低”阈值必须小于“高”阈值"),

    # ---- 05 logistics: landed-cost calculator, warehouse decision -----------------------
    "logistics.goods": ("goods USD", "货值 USD"),
    "logistics.freight": ("freight USD", "运费 USD"),
    "logistics.duty_rate": ("duty rate", "关税税率"),
    "logistics.fx_local": ("local/USD", "本币/USD"),
    "logistics.fx": ("{currency}/USD", "汇率 {currency}/USD"),
    "logistics.plot.landed_title": ("landed cost {total:,.2f} {currency}", "到岸成本 {total:,.2f} {currency}"),
    "logistics.plot.amount": ("amount ({currency})", "金额（{currency}）"),
    # the shipments' codes as a figure shows them (course.plotting.logistics)
    "logistics.mode.postal_small_packet": ("postal small packet", "邮政小包"),
    "logistics.mode.dedicated_line": ("dedicated line", "专线物流"),
    "logistics.mode.commercial_express": ("commercial express", "商业快递"),
    "logistics.mode.overseas_warehouse": ("overseas warehouse", "海外仓"),
    "logistics.lane.standard": ("standard clearance", "常规通关"),
    "logistics.lane.blockchain_pilot": ("blockchain pilot lane", "区块链试点通道"),
    "logistics.lane.express_broker": ("express carrier's own broker", "快递公司自有报关"),
    "logistics.lane.bulk_import": ("bulk import of warehouse stock", "海外仓备货批量进口"),
    "logistics.live_day.True": ("ordered on a live-stream day", "直播日下单"),
    "logistics.live_day.False": ("ordered on another day", "非直播日下单"),
    "logistics.stream.weekly": ("weekly live stream", "每周直播"),
    "logistics.stream.festival": ("festival live stream", "节日直播"),
    "logistics.part.goods": ("goods", "货值"),
    "logistics.part.freight": ("freight", "运费"),
    "logistics.part.duty": ("duty", "关税"),
    "logistics.part.VAT": ("VAT", "增值税"),
    "logistics.volume": ("orders/month", "月订单量"),
    "logistics.fixed": ("fixed USD", "固定成本 USD"),
    "logistics.direct": ("direct/order", "直邮单均"),
    "logistics.warehouse": ("wareh./order", "海外仓单均"),
    "logistics.no_break_even": ("No break-even: {error}", "没有盈亏平衡点：{error}"),
    # the two options (the English ones are course.logistics' choices)
    "logistics.option.direct shipping": ("direct shipping", "直邮"),
    "logistics.option.overseas warehouse": ("overseas warehouse", "海外仓"),
    "logistics.plot.option": ("option", "方案"),
    "logistics.plot.orders_per_month": ("orders per month", "每月订单量"),
    "logistics.plot.cost_per_month": ("cost per month (USD)", "每月成本（USD）"),
    "logistics.plot.break_even": ("break-even {volume}", "盈亏平衡点 {volume}"),

    # ---- 06 privacy: epsilon explorer, k-anonymity explorer -----------------------------
    "privacy.epsilon": ("epsilon", "隐私预算 ε"),
    "privacy.sensitivity": ("sensitivity", "敏感度"),
    "privacy.tolerance": ("tolerance ±", "容差 ±"),
    "privacy.plot.laplace_title": (
        "Laplace mechanism: epsilon = {epsilon:g}, scale b = {scale:.3g}",
        "拉普拉斯机制：ε = {epsilon:g}，尺度 b = {scale:.3g}",
    ),
    "privacy.plot.published_count": ("published count", "发布的计数"),
    "privacy.plot.density": ("density", "概率密度"),
    "privacy.plot.density_line": ("density of the published count", "发布计数的概率密度"),
    "privacy.plot.within": ("within ±{tolerance:g}: {probability:.1%}", "落在 ±{tolerance:g} 以内：{probability:.1%}"),
    "privacy.plot.true_count": ("true count {count:g}", "真实计数 {count:g}"),
    "privacy.plot.noisy_releases": ("seeded noisy releases", "加噪发布结果（固定种子）"),
    # quasi-identifiers (the columns of `customers`)
    "privacy.qi.birth_date": ("birth date", "出生日期"),
    "privacy.qi.postcode": ("postcode", "邮编"),
    "privacy.qi.gender": ("gender", "性别"),
    "privacy.qi.country": ("country", "国家"),
    # generalisation levels (the English ones are course.anonymity.LEVELS)
    "privacy.level.date": ("date", "日期"),
    "privacy.level.year": ("year", "年份"),
    "privacy.level.decade": ("decade", "年代"),
    "privacy.level.*": ("*", "*（隐去）"),
    "privacy.level.5 digits": ("5 digits", "5 位"),
    "privacy.level.4 digits": ("4 digits", "4 位"),
    "privacy.level.3 digits": ("3 digits", "3 位"),
    "privacy.level.2 digits": ("2 digits", "2 位"),
    "privacy.level.1 digit": ("1 digit", "1 位"),
    "privacy.level.gender": ("gender", "性别"),
    "privacy.level.country": ("country", "国家"),
    "privacy.level.subregion": ("subregion", "次区域"),
    "privacy.level.region": ("region", "区域"),
    "privacy.target_k": ("target k", "目标 k"),
    "privacy.plot.classes_title": ("equivalence classes before suppression", "抑制前的等价类"),
    "privacy.plot.class_rows": ("rows in the equivalence class", "等价类的行数"),
    "privacy.plot.class_count": ("number of classes", "等价类个数"),
    "privacy.plot.kept_title": ("kept", "处理结果"),
    "privacy.plot.kept": ("kept", "保留"),
    "privacy.plot.suppressed": ("suppressed", "抑制"),

    # ---- 09 market entry: weight explorer -----------------------------------------------
    # criteria, short enough for a slider's description (shown whole, never cut)
    "market_entry.criterion.cultural_distance": ("cultural distance", "文化距离"),
    "market_entry.criterion.landed_cost_usd": ("landed cost", "到岸成本"),
    "market_entry.criterion.lead_days": ("lead time", "交付天数"),
    "market_entry.criterion.privacy_strictness": ("privacy strictness", "隐私监管严格度"),
    "market_entry.criterion.gmv_per_1000_viewers": ("GMV per 1,000 viewers", "每千名观众 GMV"),
    "market_entry.criterion.market_size_gdp_usd_bn": ("market size (GDP)", "市场规模（GDP）"),
    # the same criteria in the chart's legend (the English ones are course.market_entry's
    # CRITERION_LABELS before the unit)
    "market_entry.legend.cultural_distance": ("cultural distance from China", "与中国的文化距离"),
    "market_entry.legend.landed_cost_usd": ("landed cost per order", "单笔订单到岸成本"),
    "market_entry.legend.lead_days": ("lead time", "交付时间"),
    "market_entry.legend.privacy_strictness": ("privacy regime strictness", "隐私监管严格度"),
    "market_entry.legend.gmv_per_1000_viewers": ("GMV per 1,000 live viewers", "每千名直播观众 GMV"),
    "market_entry.legend.market_size_gdp_usd_bn": ("market size: GDP 2023", "市场规模：2023 年 GDP"),
    "market_entry.no_importance": ("give at least one criterion some importance", "请至少给一个准则设定重要性"),
    "market_entry.weights": ("weights: {items}", "权重：{items}"),
    "market_entry.ranking": ("top market: {top}   ranking: {ranking}", "首选市场：{top}   排名：{ranking}"),
    "market_entry.plot.title": ("weighted scores by criterion", "各准则的加权得分"),
    "market_entry.plot.score": ("weighted score (0 to 1)", "加权得分（0 至 1）"),
}
