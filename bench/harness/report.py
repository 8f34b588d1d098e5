"""The Markdown report: a summary of req/s with Tachyon's ratios, then per-scenario details."""

from .runner import Cell
from .scenarios import Scenario
from .systems import System

SHARED_CORES_NOTE = (
    "**The load generator shares the machine with the server**: wrk (2 threads) runs on the same "
    "{nproc} cores as the system under test, so req/s are lower than on a dedicated client, and a "
    "server that needs less CPU per request leaves more to wrk. CPU µs/request counts the server's "
    "processes only."
)


def _rps(v): return "—" if v is None else f"{v:,.0f}"
def _ms(v): return "—" if v is None else f"{v / 1000:.2f}"
def _cpu(v): return "—" if v is None else (f"{v:.1f}" if v < 100 else f"{v:,.0f}")
def _mib(v): return "—" if v is None else f"{v / 2**20:,.0f}"


def _range(cell: Cell, attribute: str, fmt) -> str:
    """Lowest–highest over the cell's runs: how noisy its median is."""
    values = [v for r in cell.runs if (v := getattr(r, attribute)) is not None]
    return f"{fmt(min(values))}–{fmt(max(values))}" if len(values) > 1 else "—"


def _ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "—"


def _status(cell: Cell | None) -> str | None:
    """None if the cell has numbers; else the word to show in their place."""
    if cell is None:
        return "not run"
    if cell.failure is None and cell.runs:
        return None
    return "unsupported" if (cell.failure or "").startswith("unsupported") else "FAILED"


def _errors(cell: Cell) -> str:
    total = cell.error_count
    if not total:
        return "0"
    kinds = {}
    for run in cell.runs:
        for kind, n in run.errors.items():
            kinds[kind] = kinds.get(kind, 0) + n
    return f"{total:,} (" + ", ".join(f"{k} {n:,}" for k, n in kinds.items() if n) + ")"


def _note(status: str, failure: str | None) -> str:
    failure = (failure or "no runs").replace("|", "/")
    return failure if failure.lower().startswith(status.lower()) else f"{status}: {failure}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _value(cell, attribute, fmt):
    return fmt(cell.median(attribute)) if _status(cell) is None else None


def summary(cells: dict, scenarios: list[Scenario], systems: list[System], levels: dict) -> list[str]:
    names = [s.name for s in systems]
    refs = [(r, label) for r, label in (("ceiling", "ceiling"), ("fastapi", "FastAPI 1w")) if "tachyon" in names and r in names]
    header = ["scenario", "conns", *[s.label for s in systems]]
    header += [f"T÷{label} req/s" for _, label in refs] + [f"T÷{label} CPU/req" for _, label in refs]
    rows = []
    for scenario in scenarios:
        for c in levels[scenario.name]:
            row = [scenario.name, str(c)]
            for s in systems:
                cell = cells.get((s.name, scenario.name, c))
                row.append(_status(cell) or _rps(cell.median("rps")))
            t = cells.get(("tachyon", scenario.name, c))
            ok = lambda cell: cell is not None and _status(cell) is None
            for metric in ("rps", "cpu_us_per_request"):
                for ref, _ in refs:
                    r = cells.get((ref, scenario.name, c))
                    row.append(_ratio(t.median(metric), r.median(metric)) if ok(t) and ok(r) else "—")
            rows.append(row)
    return _table(header, rows)


def details(cells: dict, scenario: Scenario, systems: list[System], levels: list[int]) -> list[str]:
    header = ["system", "conns", "req/s", "req/s range", "p50 ms", "p99 ms", "CPU µs/req", "CPU range", "peak RSS MiB",
              "errors", "other CPU", "note"]
    rows = []
    for c in levels:
        for s in systems:
            cell = cells.get((s.name, scenario.name, c))
            if cell is None:
                continue
            if (status := _status(cell)) is not None:
                rows.append([s.label, str(c), *["—"] * (len(header) - 3), _note(status, cell.failure)])
                continue
            rows.append([
                s.label, str(c), _rps(cell.median("rps")), _range(cell, "rps", _rps), _ms(cell.median("p50_us")),
                _ms(cell.median("p99_us")), _cpu(cell.median("cpu_us_per_request")),
                _range(cell, "cpu_us_per_request", _cpu), _mib(cell.peak_rss_bytes), _errors(cell),
                f"{cell.median('other_cpu_share'):.0%}", "",
            ])
    return [f"### {scenario.name}: `{scenario.title}`", ""] + _table(header, rows)


def failures(cell_list: list[Cell], systems: list[System]) -> list[str]:
    labels = {s.name: s.label for s in systems}
    seen, out = set(), []
    for cell in cell_list:
        if cell.failure and (key := (cell.system, cell.failure)) not in seen:
            seen.add(key)
            out.append(f"- **{labels[cell.system]}**, {cell.scenario}: {cell.failure}")
            if cell.log_tail:
                out += ["", "  ```", *("  " + line for line in cell.log_tail.splitlines()), "  ```"]
    return out


def render(cell_list: list[Cell], scenarios: list[Scenario], systems: list[System], meta: dict) -> str:
    cells = {(c.system, c.scenario, c.connections): c for c in cell_list}
    levels = {s.name: sorted({c.connections for c in cell_list if c.scenario == s.name}) for s in scenarios}
    m = meta["machine"]
    out = [
        f"# Tachyon benchmark — {meta['date']}", "",
        f"Command: `{meta['command']}`  ", f"Mode: {meta['mode']}  ",
        f"Machine busy before the run (other processes): {meta['background']:.0%} of all cores", "",
        SHARED_CORES_NOTE.format(nproc=m["nproc"]), "",
        "## Machine", "", *(f"- {k}: {v}" for k, v in m.items()), "",
        "## Versions", "", *(f"- {k}: {v}" for k, v in meta["versions"].items()), "",
        "## Systems", "", *(f"- **{s.label}** (`{s.name}`): {s.notes}" for s in systems), "",
        "## Summary: requests/s (median of runs) and Tachyon's ratios", "",
        "T÷X req/s above 1 means Tachyon serves more; T÷X CPU/req below 1 means Tachyon spends less CPU per request.", "",
        *summary(cells, scenarios, systems, levels), "",
        "## Details", "",
        "Medians over runs of req/s, latency percentiles and server CPU per request (with the lowest–highest run "
        "of req/s and CPU: on this shared machine one server's runs can differ by a third); peak RSS is the highest "
        "VmHWM sum over the server's processes in any run; errors are summed over runs (socket errors and HTTP ≥ 400); "
        "other CPU is the share of the machine's CPU used by neither the server nor wrk during a run "
        "(other processes, plus kernel softirq time for the loopback traffic; high values mean noisy numbers).", "",
    ]
    for scenario in scenarios:
        out += details(cells, scenario, systems, levels[scenario.name]) + [""]
    if problems := failures(cell_list, systems):
        out += ["## Failures", "", *problems, ""]
    return "\n".join(out)
