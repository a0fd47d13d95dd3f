using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace Kyodo.ServiceDefaults.Messaging;

public static class CompactJson
{
    /// <summary>
    /// Writes messages without the indentation MassTransit's JSON serializer adds by default. An item event
    /// carries the whole item, nested several levels deep, so its indentation was a large part of its bytes:
    /// the broker stored and sent them, and every consumer's parser stepped over them (skipping whitespace
    /// was a tenth of the reporting process's CPU in the national backlog drain, docs/decisions/051).
    /// Consumers read either form, so messages written before this still read.
    /// </summary>
    /// <remarks>MassTransit keeps these options for the whole process, so this changes every bus in it.</remarks>
    public static void WriteCompactJson(this IBusFactoryConfigurator bus) =>
        // A copy: the options in use may already be read-only (after their first message), and another bus of
        // this process may have made them compact before.
        bus.ConfigureJsonSerializerOptions(options => options.WriteIndented
            ? new JsonSerializerOptions(options) { WriteIndented = false }
            : options);
}
