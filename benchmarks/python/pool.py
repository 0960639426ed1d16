"""POOL-01: `tasks` calls of run(n), each sleeping `d_ms`, on a pool of `workers` threads."""
import time
from concurrent.futures import ThreadPoolExecutor

import _bench


def on_pool(tasks, workers, d_ms):
    def run(n):
        time.sleep(d_ms / 1000.0)
        return n

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return len(list(pool.map(run, range(tasks))))


if __name__ == "__main__":
    p = _bench.params({"tasks": 100, "workers": 10, "d_ms": 50, "repeats": 1})
    _bench.run(lambda: on_pool(p["tasks"], p["workers"], p["d_ms"]), p["repeats"])
