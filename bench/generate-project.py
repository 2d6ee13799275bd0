#!/usr/bin/env python3
"""Generates a .specweave project of N increments x 6 environments for the status/dora benchmarks.

usage: generate-project.py DIR INCREMENTS [PROD_HISTORY_PER_INCREMENT]
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

def main():
    root, count = sys.argv[1], int(sys.argv[2])
    prod_history = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    envs = ["dev", "qa", "staging", "uat", "preview", "prod"]
    rnd = random.Random(42)
    sw = os.path.join(root, ".specweave")
    os.makedirs(os.path.join(sw, "increments"), exist_ok=True)
    profiles = {f"local-{e}": {"provider": "local", "environment": e, "deploymentUrl": f"https://{e}.bench.example"} for e in envs}
    with open(os.path.join(sw, "config.json"), "w") as f:
        json.dump({"sync": {"defaultProfile": "local-dev", "profiles": profiles},
                   "deployment": {"pipeline": envs}}, f, indent=2)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for n in range(1, count + 1):
        inc = f"{n:04d}-feature-{n}"
        d = os.path.join(sw, "increments", inc)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "spec.md"), "w") as f:
            f.write(f"---\nincrement: {inc}\ntitle: \"Feature number {n}\"\nstatus: completed\n---\n\n# Feature number {n}\n\n## Overview\n\nBenchmark increment {n}.\n")
        t = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 300))
        deployments = {}
        for e in envs:
            t += timedelta(hours=rnd.randrange(1, 48))
            rec = {"profile": f"local-{e}", "status": "deployed", "deployedAt": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "deployedBy": "ci-bot", "commit": f"{rnd.getrandbits(160):040x}", "branch": "main",
                   "deploymentUrl": f"https://{e}.bench.example", "runUrl": f"https://ci.example/runs/{n}{e}",
                   "healthStatus": "healthy", "lastChecked": t.strftime("%Y-%m-%dT%H:%M:%SZ")}
            if e == "prod" and prod_history:
                hist = []
                h = t - timedelta(days=prod_history)
                for i in range(prod_history):
                    h += timedelta(hours=rnd.randrange(1, 24))
                    status = "rolled_back" if rnd.random() < 0.1 else "deployed"
                    hist.append({"profile": "local-prod", "status": status, "deployedAt": h.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                 "commit": f"{rnd.getrandbits(160):040x}", "healthStatus": "healthy"})
                rec["history"] = hist
            deployments[e] = rec
        meta = {"id": inc, "status": "completed", "type": "feature", "created": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "deployments": deployments}
        with open(os.path.join(d, "metadata.json"), "w") as f:
            json.dump(meta, f, indent=2)

if __name__ == "__main__":
    main()
