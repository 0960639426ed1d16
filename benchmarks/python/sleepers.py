"""POOL-07 and ASYNC-02: `tasks` sleepers of `d_ms` each, all at once, as asyncio coroutines."""
import asyncio

import _bench


async def sleep_all(tasks, d_ms):
    async def sleeper(n):
        await asyncio.sleep(d_ms / 1000.0)
        return n

    done = await asyncio.gather(*(sleeper(n) for n in range(tasks)))
    return len(done)


if __name__ == "__main__":
    p = _bench.params({"tasks": 10000, "d_ms": 50, "repeats": 1})
    _bench.run(lambda: asyncio.run(sleep_all(p["tasks"], p["d_ms"])), p["repeats"])
