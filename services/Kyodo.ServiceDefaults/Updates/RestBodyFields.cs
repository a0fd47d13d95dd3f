using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Updates;

/// <summary>
/// A REST PATCH names what it changes by the fields its JSON body holds (a client sending
/// <c>{"version": 3, "fields": {"title": "…"}}</c> means the title, not "every other field empty").
/// JSON transcoding gives the handler only the parsed message, where an absent field and an empty
/// one look alike, so this middleware reads the body first (buffered, left for transcoding to read
/// again) and keeps its fields' paths for <see cref="UpdateMaskInterceptor"/>: nested objects are
/// followed (<c>fields.title</c>), arrays and values are leaves, an empty object names nothing.
/// Only PATCH with a JSON body is read; every update RPC is a PATCH.
/// </summary>
public sealed class RestBodyFields(RequestDelegate next)
{
    public const string ItemKey = "kyodo.rest-body-fields";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPatch(context.Request.Method)
            && context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Request.EnableBuffering();
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object) context.Items[ItemKey] = Paths(body.RootElement, "").ToList();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not JSON, or a name that is not valid UTF-16 (a lone surrogate): transcoding answers INVALID_ARGUMENT saying so.
            }
            context.Request.Body.Position = 0;
        }
        await next(context);
    }

    private static IEnumerable<string> Paths(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (property.Value.ValueKind != JsonValueKind.Object) yield return path;
            else foreach (var inner in Paths(property.Value, path + ".")) yield return inner;
        }
    }
}
