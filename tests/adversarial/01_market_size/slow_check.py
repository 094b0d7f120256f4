# Attack: answers with a text of a million digits and an "x", "1" * 1_000_000 + "x", which made the course's number check backtrack for hours in the grader (quadratic in the text's length) while the whole batch waited; the check is linear, each test runs under a time limit in a child of the grader, and it scores zero
# %% q1_yoy_growth
growth_papers_2021 = "1" * 1_000_000 + "x"
# %% q3_share
share_papers_2021 = " " * 500_000 + "1" + " " * 500_000 + "x"
