"""PROC-01: Process(target=do_sth, args=(name,)) reports its name and pid; the parent start()s
and join()s it, `children` times one after the other. The check counts the clean exits."""
import multiprocessing
import os

import _bench


def do_sth(name, queue):
    queue.put("name=%s pid=%d parent=%d" % (name, os.getpid(), os.getppid()))


def start_join(children):
    clean = 0
    for i in range(children):
        queue = multiprocessing.Queue()
        p = multiprocessing.Process(target=do_sth, args=("child-%d" % i, queue))
        p.start()
        report = queue.get()
        p.join()
        clean += p.exitcode == 0 and ("pid=%d" % p.pid) in report
    return clean


if __name__ == "__main__":
    p = _bench.params({"children": 5, "repeats": 1})
    _bench.run(lambda: start_join(p["children"]), p["repeats"])
