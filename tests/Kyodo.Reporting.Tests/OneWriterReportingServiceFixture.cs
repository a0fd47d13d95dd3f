using Kyodo.Reporting.Consumers;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The reporting service with one group-commit writer: <see cref="GroupCommitTests"/> gathers a batch by holding that
/// writer on a lock while the messages queue behind it, whatever their municipalities.
/// </summary>
public sealed class OneWriterReportingServiceFixture : ReportingServiceFixture
{
    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Configuration[$"{GroupCommitOptions.Section}:{nameof(GroupCommitOptions.Writers)}"] = "1";
}
