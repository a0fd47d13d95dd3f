namespace Kyodo.Plan.Domain;

/// <summary>
/// A municipality's evaluation vocabulary: the grades of 必要性・有効性・効率性 (best first) and
/// the order of the 今後の方向性 words. Not stored until an admin changes the defaults.
/// </summary>
public sealed class EvaluationSettings
{
    public static readonly IReadOnlyList<string> DefaultRatingScale = ["A", "B", "C"];
    public static readonly IReadOnlyList<string> DefaultDirections = ["拡充", "継続", "改善", "縮小", "統合", "休止", "廃止", "完了"];

    public string MunicipalityCode { get; private set; } = "";
    public List<string> RatingScale { get; private set; } = [];
    public List<string> Directions { get; private set; } = [];
    public int Revision { get; private set; }
    public uint Version { get; private set; }

    private EvaluationSettings() { }

    public static EvaluationSettings Defaults(string municipalityCode) => new()
    {
        MunicipalityCode = municipalityCode,
        RatingScale = [.. DefaultRatingScale],
        Directions = [.. DefaultDirections],
    };

    public void Change(IReadOnlyList<string>? ratingScale, IReadOnlyList<string>? directions)
    {
        if (ratingScale is not null) RatingScale = [.. ratingScale];
        if (directions is not null) Directions = [.. directions];
        Revision++;
    }

    public bool IsGrade(string grade) => RatingScale.Contains(grade);
}
