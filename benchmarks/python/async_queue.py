"""ASYNC-06: producers a1 and a2 put `per_producer` items each into asyncio.Queue(maxsize=capacity);
one consumer, reduce, takes them all."""
import asyncio

import _bench


async def two_to_one(capacity, per_producer):
    queue = asyncio.Queue(maxsize=capacity)

    async def add(name):
        for i in range(per_producer):
            await queue.put("%s-%d" % (name, i))

    async def reduce():
        taken = 0
        for _ in range(2 * per_producer):
            await queue.get()
            taken += 1
        return taken

    _, _, taken = await asyncio.gather(add("a1"), add("a2"), reduce())
    return taken


if __name__ == "__main__":
    p = _bench.params({"capacity": 5, "per_producer": 20000, "repeats": 1})
    _bench.run(lambda: asyncio.run(two_to_one(p["capacity"], p["per_producer"])), p["repeats"])
