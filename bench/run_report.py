"""bench/run.sh's table: wrk outputs, CPU ticks, memory and start-up times of one run folder,
printed and written as <report>.txt, .md and .json.
Usage: run_report.py <run dir> <report path without extension> <duration s> <connections> <threads> <clock ticks per s>"""
import json, os, platform, re, sys

run, report, duration, connections, threads, clk_tck = sys.argv[1:7]
clk_tck = int(clk_tck)
SERVICES = ["identity", "core-api", "bff-web", "bff-mobile", "public-api", "yarp-hop"]
SHORT = {"identity": "idp", "core-api": "core", "bff-web": "web", "bff-mobile": "mobile", "public-api": "public", "yarp-hop": "hop"}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def read(path):
    with open(path) as f:
        return f.read()


def parse_wrk(text):
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50_ms": pct(50), "p99_ms": pct(99),
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sockets.groups()) if sockets else 0),
    }


targets = []
for i, line in enumerate(read(f"{run}/targets.tsv").splitlines(), start=1):
    name, data, door = line.split("\t")
    result = parse_wrk(read(f"{run}/t.{i}.wrk"))
    ticks = [int(x) for x in read(f"{run}/t.{i}.cpu").split()]
    n = len(SERVICES)
    result["cpu_us_per_request"] = {
        svc: round((ticks[n + k] - ticks[k]) * 1e6 / clk_tck / max(result["requests"], 1), 1) for k, svc in enumerate(SERVICES)}
    targets.append(dict(name=name, data=data, door=door, **result))

by_name = {t["name"]: t for t in targets}
for t in targets:
    core = by_name.get(f"core {t['data']}")
    hop = by_name.get(f"hop {t['data']}")
    t["ratio_core"] = round(t["rps"] / core["rps"], 2) if core else None
    t["ratio_hop"] = round(t["rps"] / hop["rps"], 2) if hop else None


def number(path):
    return int(read(path).strip()) if os.path.exists(path) else None


services = []
for svc in SERVICES:
    loads = [int(x) for x in read(f"{run}/rss-load.{svc}").split()] if os.path.exists(f"{run}/rss-load.{svc}") else []
    services.append({
        "service": svc,
        "startup_first_ms": number(f"{run}/startup-first.{svc}"),
        "startup_restart_ms": number(f"{run}/startup-restart.{svc}"),
        "rss_idle_mb": round(number(f"{run}/rss-idle.{svc}") / 1024, 1),
        "rss_load_mb": round(max(loads) / 1024, 1) if loads else None,
    })

variants = []
if os.path.exists(f"{run}/variants.tsv"):
    for line in read(f"{run}/variants.tsv").splitlines():
        svc, label, started, idle, loaded = line.split("\t")
        variants.append({"service": svc, "variant": label, "startup_ms": int(started),
                         "rss_idle_mb": round(int(idle) / 1024, 1), "rss_load_mb": round(int(loaded) / 1024, 1)})

load = os.getloadavg()
summary = {
    "when_utc": os.path.basename(report).split("-")[-1], "duration_s": int(duration), "connections": int(connections),
    "threads": int(threads), "cpus": os.cpu_count(), "machine": platform.machine(), "load_average_at_end": [round(x, 2) for x in load],
    "targets": targets, "services": services, "startup_variants": variants,
}


def ratio(x):
    return "" if x is None else f"{x:.2f}"


def cpu_cell(t):
    return " ".join(f"{SHORT[s]} {v:.0f}" for s, v in t["cpu_us_per_request"].items() if v >= 1)


head = f"{duration}s per target after a warm-up, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores, load average {load[0]:.1f} at the end (a shared machine: compare within the run)"
cols = ["target", "req/s", "p50 ms", "p99 ms", "errors", "/core", "/hop", "CPU µs per request (per process)"]
rows = [[t["name"], f"{t['rps']:.0f}", f"{t['p50_ms']:.2f}", f"{t['p99_ms']:.2f}", str(t["errors"]), ratio(t["ratio_core"]), ratio(t["ratio_hop"]), cpu_cell(t)] for t in targets]
scols = ["service", "start-up ms (first, empty data)", "start-up ms (restart)", "RSS idle MB", "RSS under load MB"]
srows = [[s["service"], str(s["startup_first_ms"]), str(s["startup_restart_ms"]), f"{s['rss_idle_mb']:.0f}", f"{s['rss_load_mb']:.0f}"] for s in services]
vcols = ["service", "runtime setting", "start-up ms", "RSS idle MB", "RSS after load MB"]
vrows = [[v["service"], v["variant"], str(v["startup_ms"]), f"{v['rss_idle_mb']:.0f}", f"{v['rss_load_mb']:.0f}"] for v in variants]


def text_table(cols, rows):
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    def line(cells):  # names and the CPU column to the left, numbers to the right
        return "  ".join(c.ljust(w) if i in (0, len(cols) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return "\n".join([line(cols)] + [line(r) for r in rows])


def md_table(cols, rows):
    out = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(cols))) + " |"]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows])


text = "\n\n".join([head, text_table(cols, rows), text_table(scols, srows)] + ([text_table(vcols, vrows)] if vrows else []))
markdown = "\n\n".join([head + ".", md_table(cols, rows), md_table(scols, srows)] + ([md_table(vcols, vrows)] if vrows else []))
print(text)
with open(report + ".txt", "w") as f:
    f.write(text + "\n")
with open(report + ".md", "w") as f:
    f.write(markdown + "\n")
with open(report + ".json", "w") as f:
    json.dump(summary, f, indent=2)
