namespace Kyodo.Subsidy.Domain;

/// <summary>A citizen group of a municipality (市民活動団体, 区, 自治会, NPO …) with a stable id.</summary>
public sealed class Applicant
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The kind of group as the municipality names it.</summary>
    public string Kind { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    private Applicant() { }

    public Applicant(Guid id, string municipalityCode, string name, string kind, DateTimeOffset registeredAt)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        Name = name;
        Kind = kind;
        RegisteredAt = registeredAt;
    }
}
