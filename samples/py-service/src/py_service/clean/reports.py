"""Blocking work off the loop, tasks kept and awaited, cancellation passed on."""
import asyncio
from asyncio import sleep

from .. import audit
from ..storage import load_report

_background = set()


def open(name):
    """A local `open` (a look-alike of the builtin): returns a label, touches no file."""
    return f"<{name}>"


class Throttle:
    def __init__(self, delay):
        self.delay = delay

    def sleep(self):
        """A method named `sleep` (a look-alike of time.sleep): it only reports the delay."""
        return self.delay


async def handle_report(request):
    report = await asyncio.to_thread(load_report, request["id"])
    await audit.record({"report": request["id"]})
    return report["title"]


async def handle_label(request):
    await sleep(0)
    return open(request["name"]) + str(Throttle(0.5).sleep())


async def handle_signup(request):
    user = request["user"]
    task = asyncio.create_task(audit.record({"signup": user}))
    _background.add(task)
    task.add_done_callback(_background.discard)
    return f"welcome {user}"


async def handle_team(request):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(audit.record({"member": user})) for user in request["users"][:10]]
    return len(tasks)


async def handle_watch(request):
    try:
        await asyncio.sleep(request.get("seconds", 0))
    except asyncio.CancelledError:
        audit.EVENTS.append({"watch": "cancelled"})
        raise
    return "done"
