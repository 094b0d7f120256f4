# Attack (one of a pair graded at the same time, with abstract_socket_b): binds an abstract unix socket, which lives in the network namespace, and connects to its twin's, to pass answers between two students' jobs; each job has its own network namespace, nothing connects, and it scores zero
# %% q1_yoy_growth
import socket
import time

mine, theirs = "course-xjob-a", "course-xjob-b"
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind("\0" + mine)
server.listen(4)
server.settimeout(0.1)
deadline = time.monotonic() + 5
while time.monotonic() < deadline:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as out:
            out.connect("\0" + theirs)
            out.sendall(b"growth_papers_2021 = ...")
            print("ESCAPED: connected to another job's abstract socket")
            break
    except OSError:
        pass
    try:
        conn, _ = server.accept()
        print("ESCAPED: another job connected:", conn.recv(100))
        break
    except OSError:
        pass
growth_papers_2021 = -1.0
