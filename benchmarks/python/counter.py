"""LCK-01: one thread adds 1, another subtracts 1, `loops` times each, under one Lock."""
import threading

import _bench


def plus_minus(loops):
    lock = threading.Lock()
    box = {"num": 0}

    def repeat(delta):
        for _ in range(loops):
            with lock:
                box["num"] += delta

    workers = [threading.Thread(target=repeat, args=(d,)) for d in (1, -1)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return box["num"]


if __name__ == "__main__":
    p = _bench.params({"loops": 1000000, "repeats": 1})
    _bench.run(lambda: plus_minus(p["loops"]), p["repeats"])
