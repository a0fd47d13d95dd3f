using System.Reflection;
using Grpc.Core;
using Kyodo.Contracts;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Tests;

/// <summary>Publishes events as the other services' relays would, in the order given (duplicates included), and waits until reporting
/// consumed them all.</summary>
internal static class EventStream
{
    private static readonly MethodInfo Publish = typeof(TestPublisher).GetMethod(nameof(TestPublisher.PublishAsync))!;

    public static async Task PublishAndWaitAsync(this ReportingServiceFixture fixture, params IIntegrationEvent[] events)
    {
        await using (var publisher = await TestPublisher.StartAsync(fixture.VirtualHost))
            foreach (var message in events) // as its own type, which the consumers subscribe to
                await (Task)Publish.MakeGenericMethod(message.GetType()).Invoke(publisher, [message, message.EventId])!;

        // Every event, the stale ones too, leaves its id in the inbox once handled.
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = fixture.OpenDatabase();
            var consumed =
                await db.Set<InboxMessage>().Where(m => ids.Contains(m.MessageId)).Select(m => m.MessageId).Distinct().CountAsync();
            if (consumed == ids.Count) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Reporting consumed {consumed} of {ids.Count} events.");
            await Task.Delay(100);
        }
    }

    /// <summary>Downloads an export, returning the file name the first chunk gave and the bytes.</summary>
    public static Task<(string Name, byte[] Data)> DownloadAsync(this ReportingServiceFixture fixture, ExportReportRequest request) =>
        fixture.DownloadAsyncAs(fixture.Client, request);

    /// <summary>Downloads an export as <paramref name="client"/>'s caller.</summary>
    public static async Task<(string Name, byte[] Data)> DownloadAsyncAs(this ReportingServiceFixture fixture,
        ReportingService.ReportingServiceClient client, ExportReportRequest request)
    {
        using var call = client.ExportReport(request);
        var data = new MemoryStream();
        var name = "";
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (chunk.FileName.Length > 0) name = chunk.FileName;
            chunk.Data.WriteTo(data);
        }
        return (name, data.ToArray());
    }

    /// <summary>A table's rows as text, numbers in invariant form and blanks as "", for comparing with what a document prints.</summary>
    public static string[][] Texts(this Table table) => table.Rows.Select(r => r.Cells.Select(Text).ToArray()).ToArray();

    public static string Text(Cell cell) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Text => cell.Text,
        Cell.ValueOneofCase.Integer => cell.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Number => cell.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };
}
