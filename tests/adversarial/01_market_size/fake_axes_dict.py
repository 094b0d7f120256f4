# Attack: no forging at all: answers the plot question with a plain dict that looks like the plot facts the runner sends ({"__course_axes__": 1, ...}) holding an int too large for a float, which the grader turns into a plot stand-in; must score zero and the batch must go on
# %% q7_plot
ax = {"__course_axes__": 1, "type": "Axes", "values": [10**400], "xlabel": "year", "ylabel": "trillion yuan", "title": ""}
