# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite all-tests
pass
