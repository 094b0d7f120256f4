# Sample: a truncated notebook file, as a crashed upload leaves it (reported as corrupt, scores zero, the batch goes on)
# %% corrupt
