using System.Collections.Concurrent;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Faults.Tests;

/// <summary>
/// Callers creating items in one plan, one after another each, while a test breaks something under
/// them. Each create carries a request_id of its own; an answer UNAVAILABLE (the outcome unknown, as the
/// API says) is followed by the same create with the same request_id, as a client does, until it is
/// answered OK. Every answer is counted by status code: a fault may slow writes, but must never
/// answer INTERNAL, nor make a retried create a second item.
/// </summary>
internal sealed class ItemWriters
{
    private readonly PlanService.PlanServiceClient _plans;
    private readonly string _planId, _nodeId;
    private readonly ConcurrentDictionary<StatusCode, int> _answers = new();
    private readonly ConcurrentDictionary<string, string> _created = new(); // request_id → item id
    private readonly CancellationTokenSource _stop = new();
    private Task[] _callers = [];

    private ItemWriters(PlanService.PlanServiceClient plans, string planId, string nodeId)
    {
        _plans = plans;
        _planId = planId;
        _nodeId = nodeId;
    }

    public string PlanId => _planId;
    /// <summary>The plan's one measure, where every item is placed.</summary>
    public string NodeId => _nodeId;
    public IReadOnlyDictionary<StatusCode, int> Answers => _answers;
    /// <summary>Item ids answered OK, by the request_id that created them.</summary>
    public IReadOnlyDictionary<string, string> Created => _created;
    public int Count(StatusCode code) => _answers.GetValueOrDefault(code);

    /// <summary>A new plan with one measure, and <paramref name="callers"/> callers writing items under it from now on.</summary>
    public static async Task<ItemWriters> StartAsync(PlanService.PlanServiceClient plans, string municipality, int callers)
    {
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "小諸市" },
            Name = $"障害試験 {Guid.NewGuid():N}",
            StartFiscalYear = "令和6年度",
            EndFiscalYear = "令和8年度",
        })).Plan;
        var node = (await plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1-1", Title = "障害に強いまち" })).Node;
        var writers = new ItemWriters(plans, plan.Id, node.Id);
        writers._callers = Enumerable.Range(0, callers).Select(c => Task.Run(() => writers.CallAsync(c))).ToArray();
        return writers;
    }

    /// <summary>Waits until <paramref name="more"/> more creates than now are answered OK (a loaded machine starts slowly), within
    /// <paramref name="bound"/>.</summary>
    public async Task FlowingAsync(int more, TimeSpan bound)
    {
        var target = Count(StatusCode.OK) + more;
        var deadline = DateTime.UtcNow + bound;
        while (Count(StatusCode.OK) < target)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fewer than {target} creates answered OK within {bound.TotalSeconds} s: {Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the callers after the create each has under way is answered OK (bounded by <paramref name="bound"/>).</summary>
    public async Task StopAsync(TimeSpan bound)
    {
        _stop.Cancel();
        await Task.WhenAll(_callers).WaitAsync(bound);
    }

    private async Task CallAsync(int caller)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var request = new CreateItemRequest
            {
                PlanId = _planId,
                RequestId = Guid.NewGuid().ToString(),
                Fields = new ItemFields { Title = $"事業 {caller}-{n}", Novelty = ItemNovelty.Continuing, Departments = { "企画課" } },
                Placements = { new PlacementInput { NodeId = _nodeId, Primary = true } },
            };
            while (true)
            {
                try
                {
                    var item = (await _plans.CreateItemAsync(request, deadline: DateTime.UtcNow.AddSeconds(30))).Item;
                    _answers.AddOrUpdate(StatusCode.OK, 1, (_, c) => c + 1);
                    _created[request.RequestId] = item.Id;
                    break;
                }
                catch (RpcException e)
                {
                    _answers.AddOrUpdate(e.StatusCode, 1, (_, c) => c + 1);
                    if (e.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded)) break; // counted; the test fails on it
                    await Task.Delay(200); // the same create again, same request_id
                }
            }
        }
    }

    public string Describe() => string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}"));
}
