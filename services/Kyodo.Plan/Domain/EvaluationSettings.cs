using Kyodo.Contracts.Plan;

namespace Kyodo.Plan.Domain;

/// <summary>
/// A municipality's evaluation vocabulary: the grades of 必要性・有効性・効率性 (best first) and
/// the order of the 今後の方向性 words. Not stored until an admin changes the defaults (<see cref="EvaluationVocabulary"/>, which reporting reads
/// too).
/// </summary>
public sealed class EvaluationSettings
{
    public string MunicipalityCode { get; private set; } = "";
    public List<string> RatingScale { get; private set; } = [];
    public List<string> Directions { get; private set; } = [];
    public int Revision { get; private set; }
    public long Version { get; private set; }

    private EvaluationSettings() { }

    public static EvaluationSettings Defaults(string municipalityCode) => new()
    {
        MunicipalityCode = municipalityCode,
        RatingScale = [.. EvaluationVocabulary.DefaultRatingScale],
        Directions = [.. EvaluationVocabulary.DefaultDirections],
    };

    public void Change(IReadOnlyList<string>? ratingScale, IReadOnlyList<string>? directions)
    {
        if (ratingScale is not null) RatingScale = [.. ratingScale];
        if (directions is not null) Directions = [.. directions];
        Revision++;
    }

    public bool IsGrade(string grade) => RatingScale.Contains(grade);
}
