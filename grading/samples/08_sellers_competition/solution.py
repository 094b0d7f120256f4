# Sample: the instructor's source notebook submitted as it is (full marks; the memo awaits a hand grade)
# %% instructor-solution
