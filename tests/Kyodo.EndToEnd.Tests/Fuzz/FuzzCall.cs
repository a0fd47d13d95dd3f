using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace Kyodo.EndToEnd.Tests.Fuzz;

/// <summary>One fuzzed call and what it got: the gRPC status (or the REST call's HTTP status and code) and how long it took.</summary>
internal sealed record FuzzOutcome(string Rpc, string Transport, StatusCode Status, int HttpStatus, TimeSpan Took, string Input,
    string Answer);

/// <summary>Sends one input to one RPC, over gRPC as raw message bytes or over REST as JSON, through the gateway.</summary>
internal static partial class FuzzCall
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"\{([a-z_.]+)(=[^}]*)?\}")]
    private static partial Regex PathVariable();

    public static async Task<FuzzOutcome> GrpcAsync(GrpcChannel channel, MethodDescriptor rpc, byte[] message)
    {
        var type = rpc.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var method = new Method<byte[], byte[]>(type, rpc.Service.FullName, rpc.Name, Marshallers.Create(b => b, b => b),
            Marshallers.Create(b => b, b => b));
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow + Deadline);
        var clock = Stopwatch.StartNew();
        var (status, answer) = (StatusCode.OK, "");
        try
        {
            if (type == MethodType.Unary)
            {
                await invoker.AsyncUnaryCall(method, null, options, message);
            }
            else
            {
                using var call = invoker.AsyncServerStreamingCall(method, null, options, message);
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
            }
        }
        catch (RpcException ex)
        {
            (status, answer) = (ex.StatusCode, ex.Status.Detail);
        }
        return new FuzzOutcome(rpc.FullName, "gRPC", status, 0, clock.Elapsed, FuzzInputs.Hex(message), answer);
    }

    public static async Task<FuzzOutcome> RestAsync(HttpClient http, string token, MethodDescriptor rpc, IMessage message, string json,
        Random random)
    {
        var rule = rpc.GetOptions().GetExtension(AnnotationsExtensions.Http);
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
            HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
            HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
            HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
            _ => (HttpMethod.Delete, rule.Delete),
        };
        var path = PathVariable().Replace(template, m => Uri.EscapeDataString(Truncated(ValueAt(message, m.Groups[1].Value), 3_000)));
        if (rule.Body.Length == 0) path += "?" + Query(message, random);
        using var request = new HttpRequestMessage(verb, path)
        {
            Content = rule.Body.Length == 0 ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("grpc-timeout", $"{(int)Deadline.TotalMilliseconds}m");
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = ((int)response.StatusCode, body) switch
            {
                ( < 300, _) => StatusCode.OK,
                (_, var text) when Code(text) is { } code => code,
                ((int)HttpStatusCode.RequestEntityTooLarge, _) => StatusCode.ResourceExhausted,
                ( < 500, _) => StatusCode.InvalidArgument, // Kestrel's own refusals (414 URI too long …) carry no gRPC code
                _ => StatusCode.Unknown,
            };
            return new FuzzOutcome(rpc.FullName, "REST", status, (int)response.StatusCode, clock.Elapsed,
                $"{verb} {Truncated(path, 500)} {FuzzInputs.Printable(json)}", Truncated(body, 500));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new FuzzOutcome(rpc.FullName, "REST", StatusCode.Unavailable, 0, clock.Elapsed,
                $"{verb} {Truncated(path, 500)} {FuzzInputs.Printable(json)}", ex.Message);
        }
    }

    /// <summary>The gRPC code of a REST error body <c>{"code": 3, …}</c>.</summary>
    private static StatusCode? Code(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? (StatusCode)value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ValueAt(IMessage message, string path)
    {
        object? value = message;
        foreach (var part in path.Split('.'))
        {
            if (value is not IMessage at || at.Descriptor.FindFieldByName(part) is not { } field) return "";
            value = field.Accessor.GetValue(at);
        }
        return value?.ToString() ?? "";
    }

    /// <summary>The request's top-level scalar fields as query parameters (JSON names), as a REST caller of a GET sends them.</summary>
    private static string Query(IMessage message, Random random) => string.Join("&", message.Descriptor.Fields.InDeclarationOrder()
        .Where(f => !f.IsRepeated && f.FieldType is not (FieldType.Message or FieldType.Group or FieldType.Bytes))
        .Where(_ => random.Next(3) > 0)
        .Select(f => $"{f.JsonName}={Uri.EscapeDataString(Truncated(f.Accessor.GetValue(message)?.ToString() ?? "", 3_000))}"));

    private static string Truncated(string text, int max) => text.Length <= max ? text : text[..max];
}
