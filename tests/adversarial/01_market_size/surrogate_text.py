# Attack: forges frames whose text is not printable Unicode: a "result" error, an answer's printed output, a "fatal" error and a cell reference holding lone surrogates ("\ud800") and NUL, then exits; the grader's progress line, journal, CSV and gradebook must still take the reason, the batch must go on, and it scores zero
# %% q1_yoy_growth
import json
import os

pipes = []
for name in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
            pipes.append(int(name))
    except OSError:
        pass


def send(message):
    for fd in pipes:
        try:
            os.write(fd, json.dumps(message).encode() + b"\n")
        except OSError:
            pass


bad = "\ud800 \udfff \x00 lone surrogates"
send({"t": "cell", "i": 10**6, "ref": bad})
send({"t": "result", "i": 0, "ref": "q2_cagr", "error": "ValueError: " + bad, "out": bad})
send({"t": "result", "i": 0, "ref": "q1_yoy_growth", "error": bad, "out": bad * 100})
send({"t": "fatal", "error": bad})
send({"t": "snap", "ref": "q1_yoy_growth_test", "values": {"growth_papers_2021": json.dumps(bad)}, "missing": []})
os._exit(3)
