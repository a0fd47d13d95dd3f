namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// A synthetic Japan: 1,741 municipalities in 47 prefectures, as many per prefecture as the real
/// ones have (北海道 179 … 鳥取 19), coded as the real codes are (the prefecture's two digits, then
/// three), each with 500 items, except one large city of 2,000 (the size of the single-city
/// benchmark) in 神奈川 (14). <c>--municipalities N</c> keeps the first N in code order of a
/// round-robin over the prefectures, so a small country still spans them.
/// </summary>
public sealed class Country
{
    /// <summary>Municipalities per prefecture, 01 北海道 to 47 沖縄, as of the 2020s (1,718 cities, towns and villages and Tokyo's 23
    /// wards).</summary>
    private static readonly int[] Sizes =
    [
        179, 40, 33, 35, 25, 35, 59, 44, 25, 35, 63, 54, 62, 33, 30, 15, 19, 17, 27, 77, 42, 35, 54, 29,
        19, 26, 43, 41, 39, 30, 19, 19, 27, 23, 19, 24, 17, 20, 34, 60, 20, 21, 45, 18, 26, 43, 41,
    ];

    public const string LargeCity = "14100";
    public const int Items = 500, LargeCityItems = 2000;

    public Country(int municipalities)
    {
        var all = new List<string>();
        for (var p = 0; p < Sizes.Length; p++)
            for (var i = 0; i < Sizes[p]; i++)
                all.Add($"{p + 1:00}{100 + i:000}");
        // Round-robin over the prefectures, so any prefix of the list spans them; the large city first.
        var byPrefecture = all.GroupBy(c => c[..2]).Select(g => new Queue<string>(g)).ToList();
        var ordered = new List<string> { LargeCity };
        while (byPrefecture.Any(q => q.Count > 0))
            foreach (var queue in byPrefecture.Where(q => q.Count > 0))
                if (queue.Dequeue() is var code && code != LargeCity) ordered.Add(code);
        Municipalities = ordered.Take(Math.Min(municipalities, ordered.Count)).ToList();
        LargestPrefecture = Municipalities.GroupBy(c => c[..2]).MaxBy(g => g.Count())!.Key;
    }

    public static int Total => Sizes.Sum();

    public IReadOnlyList<string> Municipalities { get; }

    /// <summary>The prefecture with the most of <see cref="Municipalities"/> (北海道, 01, in the whole country).</summary>
    public string LargestPrefecture { get; }

    public IEnumerable<string> Of(string prefecture) => Municipalities.Where(c => c.StartsWith(prefecture, StringComparison.Ordinal));

    public static int ItemsOf(string code) => code == LargeCity ? LargeCityItems : Items;

    /// <summary>A small city: the last municipality of the smallest prefecture present (never the large city).</summary>
    public string SmallCity => Municipalities.Where(c => c != LargeCity).GroupBy(c => c[..2]).MinBy(g => g.Count())!.Last();
}
