using System.Collections.Frozen;
using System.Text.Json;
using Kyodo.Contracts;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Turns events into outbox payloads and back. Only contract types from Kyodo.Contracts
/// are known, so a stored type name can never make the relay load an arbitrary type.
/// </summary>
public static class IntegrationEventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = EventContracts.All.ToFrozenDictionary(t => t.FullName!, t => t);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(IIntegrationEvent message) => message.GetType().FullName!;

    /// <summary>The queue an event addressed to one service goes to (<see cref="SentToAttribute"/>); null for published events.</summary>
    public static string? DestinationOf(Type type) =>
        type.GetCustomAttributes(typeof(SentToAttribute), inherit: false) is [SentToAttribute sentTo] ? sentTo.Queue : null;

    public static string Serialize(IIntegrationEvent message) => JsonSerializer.Serialize(message, message.GetType(), Json);

    /// <summary>Reads a stored event back; throws <see cref="UnreadableEventException"/> when it never will be.</summary>
    public static (object Message, Type Type) Deserialize(string typeName, string payload)
    {
        if (!ByName.TryGetValue(typeName, out var type))
            throw new UnreadableEventException($"unknown event type '{typeName}'");
        try
        {
            var message = JsonSerializer.Deserialize(payload, type, Json)
                ?? throw new UnreadableEventException($"empty payload for '{typeName}'");
            return (message, type);
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException($"payload does not read as '{typeName}': {ex.Message}");
        }
    }
}

/// <summary>A stored event that no retry can publish: its type is gone or its payload does not fit it.</summary>
public sealed class UnreadableEventException(string message) : Exception(message);
