"""The service: a line-based JSON protocol over asyncio streams, and a demo run that starts it, sends
one request per route and stops."""
import asyncio
import json

from . import handlers
from .clean import reports

ROUTES = {
    "health": handlers.handle_health,
    "motd": handlers.handle_motd,
    "report": handlers.handle_report,
    "signup": handlers.handle_signup,
    "team": handlers.handle_team,
    "watch": handlers.handle_watch,
    "clean-report": reports.handle_report,
    "clean-label": reports.handle_label,
    "clean-signup": reports.handle_signup,
    "clean-team": reports.handle_team,
    "clean-watch": reports.handle_watch,
}

DEMO_REQUESTS = [
    {"route": "health"},
    {"route": "motd"},
    {"route": "report", "id": 1},
    {"route": "signup", "user": "ada"},
    {"route": "team", "users": ["ada", "grace"]},
    {"route": "watch", "seconds": 0},
    {"route": "clean-report", "id": 1},
    {"route": "clean-label", "name": "x"},
    {"route": "clean-signup", "user": "ada"},
    {"route": "clean-team", "users": ["ada", "grace"]},
    {"route": "clean-watch", "seconds": 0},
]


async def handle_connection(reader, writer):
    request = json.loads(await reader.readline())
    handler = ROUTES[request["route"]]
    result = await handler(request)
    writer.write((json.dumps({"route": request["route"], "result": result}) + "\n").encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def ask(port, request):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((json.dumps(request) + "\n").encode())
    await writer.drain()
    answer = json.loads(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return answer


async def main():
    server = await asyncio.start_server(handle_connection, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        answers = await asyncio.gather(*(ask(port, request) for request in DEMO_REQUESTS))
    await asyncio.sleep(0.05)
    for answer in answers:
        print(f"{answer['route']}: {answer['result']}")
    print(f"served {len(answers)} requests")
    return 0
