namespace Kyodo.Deployment.Tests.Support;

/// <summary>What ../shared/ARCHITECTURE.md fixes and the manifests must follow.</summary>
public static class Architecture
{
    /// <summary>
    /// Synchronous gRPC calls while serving: the gateway calls every service and passes browsers'
    /// /app/ to the web app, which calls the API back through the gateway (never a service);
    /// subsidy reserves and commits funds with budget (and asks it about a budget line it has not
    /// seen yet), budget asks plan about an item it has not seen yet. Nothing else calls a service.
    /// </summary>
    public static readonly (string Caller, string Callee)[] Calls =
    [
        ("gateway", "plan"), ("gateway", "budget"), ("gateway", "subsidy"), ("gateway", "reporting"),
        ("web", "gateway"),
        ("budget", "plan"),
        ("subsidy", "budget"),
    ];

    /// <summary>
    /// Calls made only on demand, never while serving: the reporting rebuild command
    /// (<c>dotnet Kyodo.Reporting.dll rebuild</c>, run in a reporting pod or container) lists
    /// plan, budget and subsidy. The network must allow them, but nobody waits for them at
    /// start (reporting starts first, so a start dependency would be a cycle).
    /// </summary>
    public static readonly (string Caller, string Callee)[] OnDemandCalls =
    [
        ("reporting", "plan"), ("reporting", "budget"), ("reporting", "subsidy"),
    ];

    /// <summary>
    /// Requests the gateway passes on as they come: browsers' /app/ to the web app. The web app
    /// starts after the gateway (it is ready once the gateway answers), so the gateway cannot wait
    /// for it; until it is up, /app/ answers 502 and the API is unaffected.
    /// </summary>
    public static readonly (string Caller, string Callee)[] PassedOnCalls = [("gateway", "web")];

    /// <summary>Every call the network must allow: <see cref="Calls"/>, <see cref="OnDemandCalls"/> and
    /// <see cref="PassedOnCalls"/>.</summary>
    public static IEnumerable<(string Caller, string Callee)> AllCalls => Calls.Concat(OnDemandCalls).Concat(PassedOnCalls);

    /// <summary>
    /// Whose published events each service consumes: reporting everyone's; budget plan's items (whose a
    /// line is); subsidy plan's items and budget's lines (whose a program is). A consumer's queues must
    /// exist before the publisher publishes (RabbitMQ drops an event no queue is bound to), so each
    /// publisher starts after its consumers: reporting, subsidy, budget, plan. (What subsidy tells
    /// budget is sent to budget's queue, which the send declares: no start order for that.)
    /// </summary>
    public static readonly (string Publisher, string Consumer)[] Consumers =
    [
        ("plan", "reporting"), ("plan", "budget"), ("plan", "subsidy"),
        ("budget", "reporting"), ("budget", "subsidy"),
        ("subsidy", "reporting"),
    ];

    /// <summary>
    /// Who waits for whom at start: each publisher for its consumers (<see cref="Consumers"/>), the
    /// gateway for every service, and the web app for the gateway. A service's calls to another (budget to plan, subsidy to budget) are
    /// no start dependency: they would contradict the consumers' order, and the callee's absence only
    /// makes those calls UNAVAILABLE for a moment.
    /// </summary>
    public static IEnumerable<(string Dependant, string On)> StartDependencies =>
        Consumers.Concat(Calls.Where(c => c.Caller is "gateway" or "web"));

    /// <summary>
    /// Keys the manifests set before the code that reads them has landed (a call the
    /// architecture has and the service's issue is adding). Harmless once the code reads them.
    /// </summary>
    public static readonly (string App, string Key)[] SetAhead = [("subsidy", "Services:Budget")];

    public static bool MaySet(App app, string key) =>
        app.Keys.Reads(key) || SetAhead.Any(s => s.App == app.Name && string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> Callers(string callee) => AllCalls.Where(c => c.Callee == callee).Select(c => c.Caller);
}
