# Sample: reads "growth" as the change in the count (+33 articles), and divides trillions by billions without converting
# %% q1_yoy_growth
growth_papers_2021 = 50 - 17
# %% q6_fact_check
value_per_declaration = 1.7 / 2.45
