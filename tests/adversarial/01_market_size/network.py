# Attack: tries to reach the network: a TCP server the test runs on the machine's loopback (IPv4 and IPv6), UDP to it, an abstract unix socket the test listens on, DNS, and any interface it can see; must fail, the servers must receive nothing, and it scores zero
# %% q1_yoy_growth
import os
import socket

port = int(os.environ.get("ADVERSARIAL_TCP_PORT", "9"))
abstract = os.environ.get("ADVERSARIAL_ABSTRACT_SOCKET", "")


def report(what, action):
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        print(f"blocked: {what}: {type(exc).__name__}: {exc}"[:300])
    else:
        print(f"ESCAPED: {what}")


def tcp(host):
    with socket.create_connection((host, port), timeout=2) as conn:
        conn.sendall(b"stolen answers\n")


def udp():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"stolen answers\n", ("127.0.0.1", port))


def unix_abstract():
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect("\0" + abstract)
        s.sendall(b"stolen answers\n")


report(f"TCP to 127.0.0.1:{port}", lambda: tcp("127.0.0.1"))
report(f"TCP to [::1]:{port}", lambda: tcp("::1"))
report(f"TCP to localhost:{port}", lambda: tcp("localhost"))
report("UDP to loopback", udp)
if abstract:
    report("connect to the abstract unix socket", unix_abstract)
report("DNS lookup", lambda: socket.getaddrinfo("example.com", 80))
report("TCP to 1.1.1.1:53", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2).close())
print("interfaces:", socket.if_nameindex())
growth_papers_2021 = -1.0
