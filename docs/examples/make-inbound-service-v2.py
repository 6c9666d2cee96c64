"""Writes inbound-service-v2.jsonl: November evaluations on inbound-service@2 (seeded, so the
same file every run), with root causes for the items that lost points. Run from the
repository root: python3 docs/examples/make-inbound-service-v2.py"""
import json
import random

import yaml

card = yaml.safe_load(open("scorecards/v2/inbound-service.yaml", encoding="utf-8"))
rng = random.Random(19)
agents = [("A101", 0.93), ("A102", 0.97), ("A201", 0.95), ("A202", 0.90)]
weights = {"knowledge": 4, "process": 5, "attitude": 2, "system": 1}
records = []
for day in range(3, 21):
    for code, skill in agents:
        if rng.random() < 0.35:
            continue
        n = len(records) + 1
        answers, causes, verified = {}, {}, True
        for section in card["sections"]:
            if "when" in section and not verified:
                continue  # the account section is not asked
            for item in section["items"]:
                key, good = item["key"], rng.random() < skill
                if item.get("bonus"):
                    answers[key] = "yes" if rng.random() < 0.15 else "no"
                    continue
                if item["type"] == "yesno":
                    if item.get("na") and rng.random() < 0.3:
                        answers[key] = "na"
                        continue
                    if item.get("critical") == "evaluation":
                        good = rng.random() < 0.98
                    answers[key] = "yes" if good else "no"
                    if key == "identity-verified":
                        verified = good
                elif item["type"] == "scale":
                    levels = [level["score"] for level in item["levels"]]
                    answers[key] = levels[0] if good else rng.choice(levels[1:])
                else:
                    answers[key] = 0 if good else rng.choice([1, 1, 2])
                if not good and (item.get("cause_required") or rng.random() < 0.85):
                    allowed = item.get("causes", list(weights))
                    chosen = rng.choices(allowed, weights=[weights[c] for c in allowed])
                    if rng.random() < 0.15:
                        chosen.append(rng.choice([c for c in allowed if c != chosen[0]]))
                    causes[key] = chosen
        record = {
            "external_id": "V2-%03d" % n, "scorecard": "inbound-service@2", "kind": "monitoring", "agent": code,
            "inspector": ["QA1", "QA2"][n % 2],
            "call": {"id": "C2-%03d" % n, "started_at": "2026-11-%02dT%02d:%02d:00+08:00" % (day, 9 + n % 8, (n * 7) % 60)},
            "answers": answers,
        }
        if causes:
            record["causes"] = causes
        records.append(record)
with open("docs/examples/inbound-service-v2.jsonl", "w", encoding="utf-8") as out:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
print(len(records), "records")
