namespace Kyodo.Plan.Domain;

/// <summary>A department (課 / 部 / センター) of one municipality, known by its printed name.</summary>
public sealed class Department
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Counts changes (1 on creation), so event consumers keep the newest state whatever the order.</summary>
    public int Revision { get; private set; }

    private Department() { }

    public Department(Guid id, string municipalityCode, string name)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        Name = name;
        Revision = 1;
    }

    public void Rename(string name)
    {
        Name = name;
        Revision++;
    }
}
