# Attack: an IPython input transformer wraps every later cell in try/except so no error ever surfaces, with wrong answers; must score zero because the tests never run in the student's kernel
# %% q1_yoy_growth
def _swallow_errors(lines):
    body = "".join("    " + line if line.strip() else line for line in lines)
    if not body.strip():
        body = "    pass\n"
    if not body.endswith("\n"):
        body += "\n"
    return ["try:\n", body, "except BaseException:\n", "    pass\n"]


get_ipython().input_transformers_post.append(_swallow_errors)
get_ipython().input_transformers_cleanup.append(lambda lines: lines)
growth_papers_2021 = -123.0
# %% q2_cagr
cbec_years = 1 / 0  # swallowed: the name stays unset
cagr_cbec = "a lot"
assert False, "the transformer hides this"
# %% q3_share
share_papers_2021 = -5.5
# %% q4_implied_total
implied_users_2019 = undefined_name_that_raises
# %% q5_fact_check
papers_2019_2021 = -1
tian_papers_consistent = True  # wrong since issue 20: the April 2022 total should hold January-April 2022 too
# %% q6_fact_check
value_per_declaration = -42.0
# %% q7_plot
cbec_levels = pd.DataFrame({"stat_id": ["x"], "year": [1900], "trillion_cny": [-1.0]})
ax = sns.lineplot(x=[1900, 1901], y=[-1.0, -2.0])
