"""Report storage on disk. Plain functions: fine at start-up (ensure_data_dir runs before the loop starts),
blocking when an async handler calls them (load_report: reported here, with the handler as related location)."""
import json
import os
import tempfile

DATA_DIR = os.path.join(tempfile.gettempdir(), "py-service-reports")


def ensure_data_dir():
    os.makedirs(DATA_DIR, exist_ok=True)
    path = os.path.join(DATA_DIR, "1.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"id": 1, "title": "weekly"}, file)


def load_report(report_id):
    path = os.path.join(DATA_DIR, f"{report_id}.json")
    with open(path, encoding="utf-8") as file:  # seeded: blocking-call
        return json.load(file)  # the read of the file opened above: one finding, at the open
