# Sample: counts "public media reports" as a named source for Yang and Luo's figure
# %% q6_credibility
weights = {"doi": 2, "author": 1, "source": 3, "year": 2, "base": 2}
evidence = {
    "liu": {"doi": 0, "author": 0, "source": 0, "year": 0, "base": 0},
    "yang_luo": {"doi": 1, "author": 1, "source": 1, "year": 1, "base": 1},
    "tian": {"doi": 0, "author": 0, "source": 0, "year": 0, "base": 1},
}
credibility = {k: sum(weights[i] * e[i] for i in weights) / 10 for k, e in evidence.items()}
