#!/usr/bin/env python3
"""Hottest frames of a dotnet-trace speedscope file (benchmarks/profile.sh writes them).

dotnet-trace's sampled thread time records every managed thread; a thread that waits (an idle
thread-pool worker, a socket wait, a lock) spends its samples in frames such as
UNMANAGED_CODE_TIME or a Wait method. Those are left out, so the percentages are of the samples
in which a thread was running code: an estimate of CPU, by inclusive time (the frame or anything
it called) and by exclusive time (the frame itself).

    profile-top.py TRACE.speedscope.json [N]
    profile-top.py --table TRACE.speedscope.json …   the categories of several traces side by side (markdown)
"""
import collections
import json
import re
import sys

WAITING = re.compile(
    r"UNMANAGED_CODE_TIME|^Thread Pool Worker|WaitHandle\.Wait|Monitor\.Wait|LowLevelLifoSemaphore|LowLevelSpinWaiter"
    r"|Thread\.Sleep|SemaphoreSlim\.Wait\b|ManualResetEventSlim\.Wait|PortableThreadPool\+GateThread|WaitForSocketEvents"
    r"|SocketAsyncEngine\.EventLoop|Interop\+Sys\.WaitForSocketEvents|Thread\.SleepInternal|WaitOneCore|WaitSubsystem")


def stacks(profile, frames):
    """Yields (stack of frame names, weight) for evented and sampled profiles."""
    if profile["type"] == "sampled":
        for sample, weight in zip(profile["samples"], profile["weights"]):
            yield [frames[i] for i in sample], weight
        return
    stack, last = [], None
    for event in profile["events"]:
        if last is not None and stack and event["at"] > last:
            yield list(stack), event["at"] - last
        last = event["at"]
        if event["type"] == "O":
            stack.append(frames[event["frame"]])
        elif stack:
            stack.pop()


# Where the time of a call goes: each running sample counts for the category of the frame nearest its
# leaf that matches one (a query's time in Npgsql counts as Npgsql, the rest of it as EF), so the rows
# add up to 100 % with "other". OpenTelemetry's start-up filter wraps every request: it is not a cost.
CATEGORIES = [
    ("OpenTelemetry activities and metrics", r"^(?!.*StartupFilter).*(OpenTelemetry|System\.Diagnostics\.Activity|DiagnosticListener|DiagnosticSourceListener)"),
    ("logging (Microsoft.Extensions.Logging)", r"Microsoft\.Extensions\.Logging"),
    ("token validation (IdentityModel, JwtBearer)", r"IdentityModel|JwtBearer"),
    ("DbContext creation and DI scopes", r"DbContext\.get_ContextServices|DbContext\.get_DbContextDependencies|CreateDbContextOptions|DbContext\.\.ctor|DbContextPool|ServiceProviderEngineScope|DefaultGrpcServiceActivator"),
    ("EF query compilation and caching", r"QueryCompiler\.(Execute|Compile)|CompiledQueryCache|ExpressionTreeFuncletizer|ParameterExtractingExpressionVisitor|QueryCompilationContext"),
    ("EF SaveChanges (change tracking, batching)", r"DbContext\.SaveChanges|StateManager\.SaveChanges|ChangeTracker\.DetectChanges|CommandBatch"),
    ("audit trail (AuditInterceptor)", r"Kyodo\.Audit\."),
    ("outbox serialisation", r"IntegrationEventTypes|OutboxDbContextExtensions"),
    ("Npgsql (ADO.NET, protocol)", r"^Npgsql!"),
    ("Kyodo handlers (Grpc/ folders)", r"Kyodo\.(Plan|Budget|Subsidy)\.Grpc\."),
    ("Kyodo interceptors", r"Kyodo\.ServiceDefaults\.(Security|Errors|Grpc)\."),
    ("gateway (YARP forwarder, Kyodo.Gateway)", r"Yarp\.|Kyodo\.Gateway!"),
    ("rate limiter", r"RateLimit"),
    ("Kestrel server (HTTP/2)", r"Server\.Kestrel"),
    ("HTTP/2 client (SocketsHttpHandler)", r"System\.Net\.Http!"),
    ("gRPC client calls (benchmark callers, service-to-service)", r"Grpc\.Net\.Client"),
    ("protobuf", r"Google\.Protobuf"),
    ("GC (threads stopped for collection)", r"PollGC|GCHeap|gc_heap|GarbageCollect"),
]


def categories(path):
    """The share of running samples per category of one trace."""
    data = json.load(open(path, encoding="utf-8"))
    frames = [f["name"] for f in data["shared"]["frames"]]
    compiled = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
    per_category, running = collections.Counter(), 0.0
    for profile in data["profiles"]:
        for stack, weight in stacks(profile, frames):
            if not stack or stack[-1] != "CPU_TIME" or len(stack) < 2 or WAITING.search(stack[-2]):
                continue
            running += weight
            per_category[next((name for frame in reversed(stack[:-1]) for name, pattern in compiled if pattern.search(frame)), "other")] += weight
    return {name: 100 * weight / (running or 1) for name, weight in per_category.items()}


def table(paths):
    columns = [(path.split("/")[-1].replace(".speedscope.json", ""), categories(path)) for path in paths]
    print("| category | " + " | ".join(name for name, _ in columns) + " |")
    print("| --- | " + " | ".join("---:" for _ in columns) + " |")
    for name in [name for name, _ in CATEGORIES] + ["other"]:
        print(f"| {name} | " + " | ".join(f"{shares.get(name, 0):.1f}" for _, shares in columns) + " |")


def main():
    if sys.argv[1] == "--table":
        table(sys.argv[2:])
        return
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = json.load(open(path, encoding="utf-8"))
    frames = [f["name"] for f in data["shared"]["frames"]]
    inclusive, exclusive, per_category = collections.Counter(), collections.Counter(), collections.Counter()
    compiled = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
    running = waiting = 0.0
    for profile in data["profiles"]:
        for stack, weight in stacks(profile, frames):
            # dotnet-trace ends a running thread's stack with the pseudo-frame CPU_TIME.
            if stack and stack[-1] == "CPU_TIME":
                stack = stack[:-1]
            elif not stack or WAITING.search(stack[-1]) or stack[-1].startswith("Thread ("):
                waiting += weight
                continue
            if not stack or WAITING.search(stack[-1]):
                waiting += weight
                continue
            running += weight
            exclusive[stack[-1]] += weight
            per_category[next((name for frame in reversed(stack) for name, pattern in compiled if pattern.search(frame)), "other")] += weight
            for name in set(stack):
                inclusive[name] += weight
    total = running or 1
    print(f"running samples: {running:.0f} ms of thread time ({running / (running + waiting or 1):.0%} of all sampled thread time)")
    print("-- where the running time goes (each sample in the category nearest its leaf)")
    for name in [name for name, _ in CATEGORIES] + ["other"]:
        print(f"{100 * per_category[name] / total:6.2f}%  {name}")
    print(f"-- top {count} by exclusive %")
    for name, weight in exclusive.most_common(count):
        print(f"{100 * weight / total:6.2f}%  {name[:160]}")
    print(f"-- top {count} Kyodo, EF, Npgsql, gRPC, YARP, logging and auth frames by inclusive %")
    interesting = re.compile(r"Kyodo\.|EntityFrameworkCore|Npgsql\.|Grpc\.|Yarp\.|Logging|IdentityModel|JwtBearer|OpenTelemetry|Diagnostics\.Activity|RateLimit|System\.Text\.Json")
    shown = 0
    for name, weight in inclusive.most_common():
        if interesting.search(name):
            print(f"{100 * weight / total:6.2f}%  {name[:160]}")
            shown += 1
            if shown >= count:
                break


if __name__ == "__main__":
    main()
