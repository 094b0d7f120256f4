# Attack: writes forged frames straight to the job's pipe before the real snapshots, claiming every test's values with hostile payloads (a pickle tag, a 10**6-digit tagged int, object dtypes, tags with wrong or extra fields, nesting 5000 deep, a value that is not text, plot facts with a pickle label), plus forged "done", "result" and "runner" frames; must score zero with a reason per question
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


def send(line):
    for fd in pipes:
        try:
            os.write(fd, line.encode() + b"\n")
        except OSError:
            pass


def snap(ref, **values):
    send(json.dumps({"t": "snap", "ref": ref, "values": values, "missing": []}))


pickle_tag = json.dumps({"$": "pickle", "v": "gASVKAAAAAAAAACMCGJ1aWx0aW5zlIwEZXZhbJSTlIwKX19pbXBvcnRfX5SFlFKULg=="})
snap("q1_yoy_growth_test", growth_papers_2021=pickle_tag)
snap("q2a_years_test", cbec_years=json.dumps({"$": "int", "v": "9" * 10**6}))
snap("q2b_cagr_test", cagr_cbec=json.dumps({"$": "ndarray", "dtype": "|O", "shape": [1], "data": [{"$": "pickle"}]}))
snap("q3_share_test", share_papers_2021=json.dumps({"$": "float", "v": "0.7142857142857143"}))
snap("q4_implied_total_test", implied_users_2019="[" * 5000 + "0.5038" + "]" * 5000)
snap("q5a_sum_test", papers_2019_2021=json.dumps({"$": "scalar", "dtype": "<i8", "shape": [], "data": [70], "code": "import os"}))
snap("q5b_consistent_test", tian_papers_consistent=json.dumps({"$": "object", "module": "builtins", "name": "eval", "args": ["True"]}))
snap("q6_per_declaration_test", value_per_declaration={"$": "float", "v": 693.877})  # not text at all
frame_items = {"$": "object_array", "shape": [1], "items": [{"$": "pickle", "v": ""}]}
snap("q7a_table_test", cbec_levels=json.dumps({"$": "frame", "columns": {"$": "index", "name": None, "values": frame_items}, "index": {"$": "range_index", "v": [0, 1, 1], "name": None}, "data": [frame_items]}))
snap("q7b_plot_test", ax=json.dumps({"$": "dict", "items": [["__course_axes__", 1], ["values", [0.1347, 0.18621, 1.69, 1.7, 2.38]], ["ylabel", {"$": "pickle", "v": ""}]]}))
send(json.dumps({"t": "snap", "ref": ["q1_yoy_growth_test"], "values": "all", "missing": None}))
send(json.dumps({"t": "result", "i": 99, "ref": "q1_yoy_growth", "error": None, "out": "all tests passed"}))
send(json.dumps({"t": "runner", "pid": 1}))
send(json.dumps({"t": "done"}))
send(json.dumps([{"t": "snap"}]))
send('"just a string"')
growth_papers_2021 = -1.0
