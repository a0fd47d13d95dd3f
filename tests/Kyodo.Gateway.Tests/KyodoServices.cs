using System.Reflection;
using Google.Api;
using Google.Protobuf.Reflection;
using Kyodo.Plan.V1;

namespace Kyodo.Gateway.Tests;

/// <summary>Every gRPC service the protos define, found in the compiled protos rather than listed by hand.</summary>
public static class KyodoServices
{
    /// <summary>The services of every kyodo.* file in the Kyodo.Protos assembly.</summary>
    public static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> All() =>
        typeof(PlanService).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(f => f.Package.StartsWith("kyodo.", StringComparison.Ordinal))
            .SelectMany(f => f.Services)
            .ToList();

    /// <summary>The method's google.api.http rule, or null when it has none.</summary>
    public static HttpRule? RestRule(MethodDescriptor method) => method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

    /// <summary>The rule's HTTP method and path template.</summary>
    public static (HttpMethod Method, string Path) Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
        HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
        HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
        HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
        HttpRule.PatternOneofCase.Delete => (HttpMethod.Delete, rule.Delete),
        _ => (new HttpMethod(rule.Custom?.Kind ?? "?"), rule.Custom?.Path ?? ""),
    };
}
