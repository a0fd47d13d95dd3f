namespace Kyodo.Subsidy.Domain;

/// <summary>A grant program for citizen groups, e.g. 市民活動促進事業補助金 (小諸市).</summary>
public sealed class SubsidyProgram
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Optimistic-concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    private SubsidyProgram() { }

    public SubsidyProgram(Guid id, string municipalityCode, string name, DateTimeOffset createdAt)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        Name = name;
        CreatedAt = createdAt;
    }
}
