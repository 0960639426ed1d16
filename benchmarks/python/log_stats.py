"""PROC-16: a ProcessPoolExecutor(workers) counts, for each log file in `dir`, its non-blank lines
and its distinct client IPs (the text before " - -", first of a comma-separated list); a callback
stores each file's {"total": n, "ip": m}. The check lists the totals by file name."""
import os
from concurrent.futures import ProcessPoolExecutor

import _bench


def stats_of(path):
    ips = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ips.append(line.split(" - -", 1)[0].split(", ")[0].strip())
    return {"total": len(ips), "ip": len(set(ips))}


def all_stats(folder, workers):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".log"))
    results = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name in names:
            future = pool.submit(stats_of, os.path.join(folder, name))

            def outer(done, file_name=name):
                results[file_name] = done.result()

            future.add_done_callback(outer)
    return " ".join("%s:%d/%d" % (n, results[n]["total"], results[n]["ip"]) for n in sorted(results))


if __name__ == "__main__":
    p = _bench.params({"dir": "", "workers": 4, "repeats": 1})
    _bench.run(lambda: all_stats(p["dir"], p["workers"]), p["repeats"])
