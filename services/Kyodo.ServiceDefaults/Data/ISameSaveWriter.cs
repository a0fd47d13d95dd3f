using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// A SaveChanges interceptor that adds rows of its own to the save it intercepts, so they commit with
/// the change or not at all (the audit trail, which a service registers from Kyodo.Audit).
/// <see cref="DatabaseExtensions.AddKyodoDatabase{TContext}"/> runs each one registered after the rows'
/// version counters are moved and the outbox signal has noted the save, and before savepoints are turned
/// off: the place the audit interceptor always had.
/// </summary>
public interface ISameSaveWriter : ISaveChangesInterceptor;
