# Sample: the instructor's source notebook submitted as it is (full marks; the design note awaits a hand grade)
# %% instructor-solution
