namespace Kyodo.Plan.Domain;

/// <summary>A municipality (地方公共団体) by its 5-digit local-government code.</summary>
public sealed class Municipality
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private Municipality() { }

    public Municipality(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public void Rename(string name) => Name = name;
}
