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
# --startup-only runs no wrk table.
table_lines = read(f"{run}/targets.tsv").splitlines() if os.path.exists(f"{run}/targets.tsv") else []
for i, line in enumerate(table_lines, start=1):
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
        "startup_restart_cpu_ms": number(f"{run}/startup-cpu-restart.{svc}"),
        "rss_idle_mb": round(number(f"{run}/rss-idle.{svc}") / 1024, 1),
        "pss_idle_mb": round(number(f"{run}/pss-idle.{svc}") / 1024, 1) if os.path.exists(f"{run}/pss-idle.{svc}") else None,
        "rss_load_mb": round(max(loads) / 1024, 1) if loads else None,
    })

def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# Each (service, runtime setting) measured in several interleaved rounds: medians, and their ratio to
# the first setting of the service (the baseline), so a shared machine's noise reads as noise.
variants = []
if os.path.exists(f"{run}/variants.tsv"):
    rounds = {}
    for line in read(f"{run}/variants.tsv").splitlines():
        svc, label, _, started, started_cpu, idle, loaded, rps, cpu, *pss = line.split("\t")
        rounds.setdefault((svc, label), []).append(
            (int(started), int(started_cpu), int(idle) / 1024, int(loaded) / 1024, float(rps or 0), int(cpu), int(pss[0]) / 1024 if pss else 0))
    baseline = {}
    for (svc, label), measured in rounds.items():
        m = {key: median([r[i] for r in measured]) for i, key in enumerate(["startup_ms", "startup_cpu_ms", "rss_idle_mb", "rss_load_mb", "rps", "cpu_us", "pss_idle_mb"])}
        base = baseline.setdefault(svc, m)
        variants.append({
            "service": svc, "variant": label, "rounds": len(measured),
            "startup_ms": round(m["startup_ms"]), "startup_ms_all": [r[0] for r in measured],
            "startup_cpu_ms": round(m["startup_cpu_ms"]), "startup_cpu_ms_all": [r[1] for r in measured],
            "rss_idle_mb": round(m["rss_idle_mb"], 1), "pss_idle_mb": round(m["pss_idle_mb"], 1), "rss_load_mb": round(m["rss_load_mb"], 1),
            "rps": round(m["rps"]), "cpu_us_per_request": round(m["cpu_us"]),
            "startup_ratio": round(m["startup_ms"] / base["startup_ms"], 2),
            "startup_cpu_ratio": round(m["startup_cpu_ms"] / base["startup_cpu_ms"], 2) if base["startup_cpu_ms"] else None,
            "rss_idle_ratio": round(m["rss_idle_mb"] / base["rss_idle_mb"], 2),
            "rps_ratio": round(m["rps"] / base["rps"], 2) if base["rps"] else None,
            "cpu_ratio": round(m["cpu_us"] / base["cpu_us"], 2) if base["cpu_us"] else None,
        })

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
def mb(x):
    return "" if x is None else f"{x:.0f}"


scols = ["service", "start-up ms (first, empty data)", "start-up ms (restart)", "its CPU ms", "RSS idle MB", "PSS idle MB", "RSS under load MB"]
srows = [[s["service"], str(s["startup_first_ms"]), str(s["startup_restart_ms"]), str(s["startup_restart_cpu_ms"]), mb(s["rss_idle_mb"]), mb(s["pss_idle_mb"]), mb(s["rss_load_mb"])] for s in services]
vcols = ["service", "runtime setting", "start-up ms", "/base", "start-up CPU ms", "/base", "RSS idle MB", "/base", "PSS idle MB", "RSS after load MB", "req/s", "/base", "CPU µs/req", "/base"]
vrows = [[v["service"], v["variant"], str(v["startup_ms"]), ratio(v["startup_ratio"]), str(v["startup_cpu_ms"]), ratio(v["startup_cpu_ratio"]), f"{v['rss_idle_mb']:.0f}", ratio(v["rss_idle_ratio"]),
          mb(v["pss_idle_mb"]), f"{v['rss_load_mb']:.0f}", str(v["rps"]), ratio(v["rps_ratio"]), str(v["cpu_us_per_request"]), ratio(v["cpu_ratio"])] for v in variants]
vhead = (f"Runtime settings: medians of {max((v['rounds'] for v in variants), default=0)} interleaved rounds per service; "
         "/base is the ratio to the service's first row; req/s and CPU µs/req from a 4 s load right after the idle reading")


def text_table(cols, rows):
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    def line(cells):  # names and the CPU column to the left, numbers to the right
        return "  ".join(c.ljust(w) if i in (0, len(cols) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return "\n".join([line(cols)] + [line(r) for r in rows])


def md_table(cols, rows):
    out = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(cols))) + " |"]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows])


tables = [text_table(cols, rows)] if rows else []
md_tables = [md_table(cols, rows)] if rows else []
text = "\n\n".join([head] + tables + [text_table(scols, srows)] + ([vhead + ":", text_table(vcols, vrows)] if vrows else []))
markdown = "\n\n".join([head + "."] + md_tables + [md_table(scols, srows)] + ([vhead + ".", md_table(vcols, vrows)] if vrows else []))
print(text)
with open(report + ".txt", "w") as f:
    f.write(text + "\n")
with open(report + ".md", "w") as f:
    f.write(markdown + "\n")
with open(report + ".json", "w") as f:
    json.dump(summary, f, indent=2)
