"""bench/bff-mobile.sh's report: the median round of each target, per request and per screen.
Usage: mobile_report.py <run dir> <report path> <duration> <connections> <threads> <rounds> <clk_tck>"""
import json, os, platform, re, statistics, sys

run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
TARGETS = ("product-direct", "product-yarp", "product-bff", "home-direct", "home-yarp", "home-bff")

def parse_round(name, i):
    text = open(f"{run}/{name}.{i}.wrk").read()
    if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
        sys.exit(f"{name}: errors during the run:\n{text}")
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    fields = open(f"{run}/{name}.{i}.cpu").read().split()
    ticks, per = [int(x) for x in fields[:6]], int(fields[6])
    cpu = {svc: (ticks[k + 3] - ticks[k]) * 1e6 / int(clk_tck) / requests for k, svc in enumerate(("core", "yarp", "bff"))}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    return {"rps": rps, "screens_per_s": rps / per, "requests_per_screen": per, "p50_ms": pct(50), "p99_ms": pct(99),
            "cpu_us_per_request": {k: round(v, 1) for k, v in cpu.items()}}

results = {}
for name in TARGETS:
    all_rounds = [parse_round(name, i) for i in range(1, int(rounds) + 1)]
    median = sorted(all_rounds, key=lambda x: x["rps"])[len(all_rounds) // 2]
    results[name] = dict(median, rounds=all_rounds)

def cpu(name, svc):
    return statistics.median(r["cpu_us_per_request"][svc] for r in results[name]["rounds"])

r = results
summary = {
    "rounds": int(rounds), "duration_s": int(duration), "connections": int(connections), "threads": int(threads),
    "cpus": os.cpu_count(), "machine": platform.machine(), "results": r,
    "product_bff_over_yarp": r["product-bff"]["rps"] / r["product-yarp"]["rps"],
    "product_added_p50_ms_vs_direct": r["product-bff"]["p50_ms"] - r["product-direct"]["p50_ms"],
    "product_added_p50_ms_vs_yarp": r["product-bff"]["p50_ms"] - r["product-yarp"]["p50_ms"],
    "home_screens_bff_over_yarp": r["home-bff"]["screens_per_s"] / r["home-yarp"]["screens_per_s"],
    "home_screens_bff_over_direct": r["home-bff"]["screens_per_s"] / r["home-direct"]["screens_per_s"],
}
lines = [f"median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<16}{'req/s':>9}{'screens/s':>11}{'p50 ms':>9}{'p99 ms':>9}   CPU us per screen (core, yarp, bff)"]
for name in TARGETS:
    x = r[name]
    per = x["requests_per_screen"]
    lines.append(f"{name:<16}{x['rps']:>9.0f}{x['screens_per_s']:>11.0f}{x['p50_ms']:>9.2f}{x['p99_ms']:>9.2f}   "
                 + ", ".join(f"{cpu(name, s) * per:.0f}" for s in ("core", "yarp", "bff")))
lines.append(f"product: bff/yarp throughput = {summary['product_bff_over_yarp']:.2f} (aim >= 0.9); added p50 vs direct = "
             f"{summary['product_added_p50_ms_vs_direct']:.2f} ms, vs yarp = {summary['product_added_p50_ms_vs_yarp']:.2f} ms (aim < 1 ms)")
lines.append(f"home: screens/s bff/yarp = {summary['home_screens_bff_over_yarp']:.2f}, bff/direct = {summary['home_screens_bff_over_direct']:.2f} "
             f"(one request instead of three)")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump(summary, open(report + ".json", "w"), indent=2)
for name in TARGETS:
    for i in range(1, int(rounds) + 1):
        os.replace(f"{run}/{name}.{i}.wrk", f"{report}-{name}.{i}.wrk.txt")
        os.remove(f"{run}/{name}.{i}.cpu")
