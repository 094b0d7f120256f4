# Sample: uses epsilon itself as the Laplace scale, and solves for epsilon with the one-sided tail
# %% q5_laplace
import math
p_within_3 = 1 - math.exp(-3 / 0.5)
epsilon_needed = math.log(1 / 0.1) / 5
