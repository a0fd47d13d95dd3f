namespace Kyodo.Contracts;

/// <summary>
/// What every integration event carries, so a consumer can de-duplicate it (EventId),
/// order it (OccurredAt) and keep municipalities apart (MunicipalityCode).
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per event; also the broker message id, which consumers' inboxes key on.</summary>
    Guid EventId { get; }

    /// <summary>When the change committed in the publishing service.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>5-digit local-government code of the municipality the change belongs to.</summary>
    string MunicipalityCode { get; }
}
