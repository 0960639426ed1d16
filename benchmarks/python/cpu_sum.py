"""THR-05: count, sum and hash-mix the range [0, n), split over `workers` threads or processes.

The mix is the same SplitMix64 finaliser the Java recipe uses, kept to 64 bits by masking, so
both sides print the same checksum (the check) and do the same work per element.
"""
import multiprocessing
import threading

import _bench

MASK = (1 << 64) - 1


def mix(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def slice_totals(lo, hi):
    count = total = mixed = 0
    for i in range(lo, hi):
        count += 1
        total += i
        mixed = (mixed + mix(i)) & MASK
    return count, total, mixed


def _into_queue(queue, lo, hi):
    queue.put(slice_totals(lo, hi))


def totals(n, workers, mode):
    bounds = [(n * w // workers, n * (w + 1) // workers) for w in range(workers)]
    if mode == "threads":
        parts = [None] * workers

        def work(slot, lo, hi):
            parts[slot] = slice_totals(lo, hi)

        started = [threading.Thread(target=work, args=(s, lo, hi)) for s, (lo, hi) in enumerate(bounds)]
        for t in started:
            t.start()
        for t in started:
            t.join()
    else:
        # The seed's way around the GIL: one process per slice, results back through a Queue.
        queue = multiprocessing.Queue()
        started = [multiprocessing.Process(target=_into_queue, args=(queue, lo, hi)) for lo, hi in bounds]
        for p in started:
            p.start()
        parts = [queue.get() for _ in started]
        for p in started:
            p.join()
    mixed = sum(part[2] for part in parts) & MASK
    signed = mixed - (1 << 64) if mixed >= 1 << 63 else mixed
    return "count=%d sum=%d mix=%d" % (sum(p[0] for p in parts), sum(p[1] for p in parts), signed)


if __name__ == "__main__":
    p = _bench.params({"n": 2000000, "workers": 1, "mode": "threads", "repeats": 1})
    if p["mode"] not in ("threads", "processes"):
        raise SystemExit("mode must be threads or processes, got %r" % p["mode"])
    _bench.run(lambda: totals(p["n"], p["workers"], p["mode"]), p["repeats"])
