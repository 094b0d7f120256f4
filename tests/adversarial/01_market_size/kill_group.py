# Attack: kills its process group (os.kill(os.getppid(), SIGKILL): the parent is outside its PID namespace, so getppid() is 0, which means "my process group"; also os.killpg(0)), which the grading process may share; must score zero and the rest of the batch must be graded
# %% q1_yoy_growth
import os
import signal

growth_papers_2021 = -1.0
print("parent", os.getppid(), "group", os.getpgid(0))
os.kill(os.getppid(), signal.SIGKILL)
os.killpg(os.getpgid(0), signal.SIGKILL)
