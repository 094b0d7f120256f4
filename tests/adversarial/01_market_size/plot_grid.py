# Attack: draws 700 geometric points from 0.01 to 100 and labels the axis "trillion yuan", so that every expected value lies within 1% of some drawn point without the table being built; the plot check bounds what else is drawn, and it scores zero
# %% q7_plot
import numpy as np
import seaborn as sns

grid = np.geomspace(0.01, 100, 700)
ax = sns.lineplot(x=np.arange(len(grid)), y=grid)
ax.set_ylabel("trillion yuan")
cbec_levels = None
