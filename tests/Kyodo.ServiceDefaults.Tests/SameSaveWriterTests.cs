using Kyodo.ServiceDefaults.Data;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>A writer of rows in the same save, as a service would register one (the audit trail does so).</summary>
public sealed class NoteWriter : SaveChangesInterceptor, ISameSaveWriter;

public sealed class UnmappedContext(DbContextOptions<UnmappedContext> options) : DbContext(options);

/// <summary>
/// AddKyodoDatabase keeps a place among a context's interceptors for those that add rows to the same save,
/// without knowing which they are: after the version counters and the outbox signal, before savepoints are
/// turned off. A service without one (reporting) runs the others in the same order.
/// </summary>
public sealed class SameSaveWriterTests
{
    private static IReadOnlyList<string> InterceptorsOf(Action<IServiceCollection> register)
    {
        var builder = WebApplication.CreateBuilder();
        // The context is only built, never opened: no database is asked.
        builder.Configuration["ConnectionStrings:Unmapped"] = "Host=127.0.0.1;Database=never_opened";
        builder.AddServiceDefaults("same-save-test");
        register(builder.Services);
        builder.AddKyodoDatabase<UnmappedContext>("Unmapped");
        using var app = builder.Build();
        return SaveInterceptors.Of<UnmappedContext>(app.Services);
    }

    [Fact]
    public void AWriterRegisteredByTheServiceRunsAfterTheOutboxSignalAndBeforeSavepointsAreTurnedOff() =>
        Assert.Equal(
            ["RowVersionInterceptor", "OutboxSignalInterceptor", "NoteWriter", "NoSavepointsInterceptor", "DatabaseWriteWatch",
                "RowLockInterceptor"],
            InterceptorsOf(services => services.AddSingleton<ISameSaveWriter, NoteWriter>()));

    [Fact]
    public void WithoutAWriterTheOtherInterceptorsKeepTheirOrder() =>
        Assert.Equal(
            ["RowVersionInterceptor", "OutboxSignalInterceptor", "NoSavepointsInterceptor", "DatabaseWriteWatch", "RowLockInterceptor"],
            InterceptorsOf(_ => { }));
}
