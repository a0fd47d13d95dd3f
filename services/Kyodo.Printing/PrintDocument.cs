namespace Kyodo.Printing;

/// <summary>The paper a document is printed on; always landscape.</summary>
public enum Paper
{
    A4,
    A3,
}

/// <summary>
/// What is printed, independent of how: a title, lines under it (municipality, conditions,
/// freshness), then sections in order. The renderer lays them out on as many pages as they need.
/// </summary>
public sealed record PrintDocument(string Title, IReadOnlyList<string> Subtitle, IReadOnlyList<PrintSection> Sections, Paper Paper)
{
    /// <summary>Who made it and what it is about, written into the PDF's properties too.</summary>
    public string Subject { get; init; } = "";
}

/// <summary>One block of a printed document, under an optional heading.</summary>
public abstract record PrintSection(string Heading);

/// <summary>
/// A table: columns sized by weight (a share of the page's width), cells as text (already
/// formatted: "7,320", "80.0%"), the header repeated on each page the table runs onto.
/// </summary>
public sealed record PrintTable(string Heading, IReadOnlyList<PrintColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
    : PrintSection(Heading);

public sealed record PrintColumn(string Title, double Weight = 1, bool AlignRight = false);

/// <summary>Labelled values as a form prints them (事務事業名 | 表彰事業), <see cref="PerRow"/> pairs to a row; long values wrap.</summary>
public sealed record PrintFields(string Heading, IReadOnlyList<PrintField> Fields, int PerRow = 2) : PrintSection(Heading);

public sealed record PrintField(string Label, string Value);

/// <summary>Running text (notes, reasons), wrapped to the page's width.</summary>
public sealed record PrintText(string Heading, IReadOnlyList<string> Paragraphs) : PrintSection(Heading);
