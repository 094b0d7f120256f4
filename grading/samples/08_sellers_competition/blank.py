# Sample: the released notebook submitted untouched (zero)
