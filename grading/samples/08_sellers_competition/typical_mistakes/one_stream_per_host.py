# Sample: reads the roster as one stream per host at most, so Lily presents the US stream and the roster costs more than it need
# %% q3_staffing
roster_cost = 3 * (260 + 380 + 350 + 300 + 420)
us_host = "Lily"
