"""Request handlers, seeded with the event-loop mistakes Loop Guard finds (one per `# seeded:` line)."""
import asyncio
import logging
import time

from . import audit
from .storage import load_report

log = logging.getLogger(__name__)


async def fetch_profile(user):
    await asyncio.sleep(0.001)
    return {"user": user}


async def notify(user):
    await asyncio.sleep(0.001)
    log.debug("notified %s", user)


async def handle_health(request):
    time.sleep(0.01)  # seeded: blocking-call
    return "ok"


async def handle_motd(request):
    with open(__file__, encoding="utf-8") as file:  # seeded: blocking-call
        first = file.readline()
    return first.strip()


async def handle_report(request):
    report = load_report(request["id"])  # blocks: load_report reads a file (reported in storage.py)
    audit.record({"report": request["id"]})  # seeded: unawaited-coroutine
    return report["title"]


async def handle_signup(request):
    user = request["user"]
    asyncio.create_task(notify(user))  # seeded: dangling-task
    return f"welcome {user}"


async def handle_team(request):
    profiles = []
    for user in request["users"]:
        profiles.append(await fetch_profile(user))  # seeded: await-in-loop
    return ",".join(profile["user"] for profile in profiles)


async def handle_watch(request):
    try:
        await asyncio.sleep(request.get("seconds", 0))
    except asyncio.CancelledError:  # seeded: cancellation-swallowed
        log.info("watch cancelled")
    return "done"
