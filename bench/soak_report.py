"""bench/run.sh --soak's verdict: per door the requests, req/s, p50/p99 and 5xx (zero required), per
service resident memory after warm-up (the first fifth) and at the end (within 10 % required).
Writes <report>.txt/.json; exits 1 when the soak failed. Usage: soak_report.py <run dir> <report> <seconds> <rate>"""
import json, re, sys
from collections import defaultdict

run, report, seconds, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def pct(text, p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * UNITS[m.group(2)]


doors = {}
for door in ("bff-web", "bff-mobile", "public-api"):
    text = open(f"{run}/soak.{door}.wrk").read()
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    doors[door] = {
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50_ms": pct(text, 50), "p99_ms": pct(text, 99),
        "status_5xx": int(re.search(r"^5xx: (\d+)", text, re.M).group(1)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)) else 0,
        "socket_errors": sum(int(x) for x in sockets.groups()) if sockets else 0,
    }
samples = defaultdict(list)
for line in open(f"{run}/soak-rss.tsv"):
    t, svc, kb = line.split("\t")
    samples[svc].append((int(t), int(kb)))
memory = {}
for svc, points in samples.items():
    after_warmup = next(kb for t, kb in points if t >= seconds // 5)
    end = points[-1][1]
    memory[svc] = {"after_warmup_mb": round(after_warmup / 1024, 1), "end_mb": round(end / 1024, 1),
                   "peak_mb": round(max(kb for _, kb in points) / 1024, 1), "growth": round(end / after_warmup - 1, 3)}
passed = all(d["status_5xx"] == 0 and d["socket_errors"] == 0 for d in doors.values()) and all(m["growth"] <= 0.10 for m in memory.values())
lines = [f"soak: {seconds}s, every door at once, {rate} req/s per connection x 2 connections: {'PASSED' if passed else 'FAILED'}"]
lines += [f"{door:<11} {d['requests']:>7} requests {d['rps']:>7.1f} req/s  p50 {d['p50_ms']:.2f} ms  p99 {d['p99_ms']:.2f} ms  5xx {d['status_5xx']}  non-2xx {d['non_2xx']}  socket errors {d['socket_errors']}"
          for door, d in doors.items()]
lines += [f"{svc:<11} RSS after warm-up {m['after_warmup_mb']:.0f} MB, at the end {m['end_mb']:.0f} MB ({m['growth']:+.1%}), peak {m['peak_mb']:.0f} MB"
          for svc, m in memory.items()]
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"seconds": seconds, "rate_per_connection": rate, "passed": passed, "doors": doors, "memory": memory}, open(report + ".json", "w"), indent=2)
sys.exit(0 if passed else 1)
