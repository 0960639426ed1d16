"""LCK-02: 20,000 threads each take one global Lock, add 1 to a number and release it."""
import threading

import _bench


def count(threads):
    lock = threading.Lock()
    box = {"num": 0}

    def increment():
        with lock:
            box["num"] += 1

    started = [threading.Thread(target=increment) for _ in range(threads)]
    for t in started:
        t.start()
    for t in started:
        t.join()
    return box["num"]


if __name__ == "__main__":
    p = _bench.params({"threads": 20000, "repeats": 1})
    _bench.run(lambda: count(p["threads"]), p["repeats"])
