"""bench/run.sh's chart (matplotlib, Debian's python3-matplotlib: run with /usr/bin/python3): req/s of
every target coloured by the door it goes through, CPU µs per request stacked by process, and each
service's memory idle and under load. Usage: run_chart.py <report.json> <chart.png>"""
import json, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

summary = json.load(open(sys.argv[1]))
targets = summary["targets"]
names = [t["name"] for t in targets]
colours = {"kestrel": "#999999", "core-api": "#1f77b4", "yarp-hop": "#7f7f7f", "bff-web": "#2ca02c", "bff-mobile": "#ff7f0e", "public-api": "#9467bd"}

fig, (rps, cpu, mem) = plt.subplots(3, 1, figsize=(12, 13), gridspec_kw={"height_ratios": [3, 3, 2]})
rps.bar(names, [t["rps"] for t in targets], color=[colours.get(t["door"], "#333333") for t in targets])
rps.set_ylabel("requests per second")
rps.set_title(f"{summary['duration_s']} s per target, {summary['connections']} connections, {summary['cpus']} cores "
              f"(load average {summary['load_average_at_end'][0]} at the end: shared machine)")
for label in rps.get_xticklabels():
    label.set_rotation(45)
    label.set_ha("right")

bottom = [0.0] * len(targets)
for process in ["core-api", "yarp-hop", "bff-web", "bff-mobile", "public-api", "identity"]:
    values = [t["cpu_us_per_request"][process] for t in targets]
    if max(values) < 1:
        continue
    cpu.bar(names, values, bottom=bottom, label=process, color=colours.get(process, "#8c564b"))
    bottom = [b + v for b, v in zip(bottom, values)]
cpu.set_ylabel("CPU µs per request")
cpu.legend(ncol=3, fontsize="small")
for label in cpu.get_xticklabels():
    label.set_rotation(45)
    label.set_ha("right")

services = summary["services"]
x = range(len(services))
mem.bar([i - 0.2 for i in x], [s["rss_idle_mb"] for s in services], width=0.4, label="idle")
mem.bar([i + 0.2 for i in x], [s["rss_load_mb"] or 0 for s in services], width=0.4, label="under load")
mem.axhline(120, color="red", linestyle="--", linewidth=1, label="aim: 120 MB idle")
mem.set_xticks(list(x), [f"{s['service']}\nstart {s['startup_restart_ms']} ms" for s in services])
mem.set_ylabel("resident memory MB")
mem.legend(fontsize="small")

fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
