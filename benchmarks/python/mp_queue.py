"""PC-01: two producer processes put `per_producer` items each into multiprocessing.Queue(capacity);
two consumer processes get() until they see None, which main puts once per consumer after the
producers have finished. The check is the number of items taken."""
import multiprocessing

import _bench


def produce(queue, name, per_producer):
    for i in range(per_producer):
        queue.put((name, i))


def consume(queue, taken):
    count = 0
    while queue.get() is not None:
        count += 1
    taken.put(count)


def two_to_two(capacity, per_producer):
    queue = multiprocessing.Queue(capacity)
    taken = multiprocessing.Queue()
    producers = [multiprocessing.Process(target=produce, args=(queue, name, per_producer))
                 for name in ("fioman", "jingjing")]
    consumers = [multiprocessing.Process(target=consume, args=(queue, taken)) for _ in range(2)]
    for p in producers + consumers:
        p.start()
    for p in producers:
        p.join()
    for _ in consumers:
        queue.put(None)
    total = sum(taken.get() for _ in consumers)
    for c in consumers:
        c.join()
    return total


if __name__ == "__main__":
    p = _bench.params({"capacity": 20, "per_producer": 10000, "repeats": 1})
    _bench.run(lambda: two_to_two(p["capacity"], p["per_producer"]), p["repeats"])
