using System.Buffers.Text;
using Kyodo.Common.V1;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Keyset paging over time-ordered UUIDs: the page token is the last id returned, so a
/// page never skips or repeats a row when rows are added between calls.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public readonly record struct Page(int Size, Guid? After);

    public static Page Read(PageRequest? request, RequestValidation validation)
    {
        var size = request?.PageSize ?? 0;
        validation.Check(size is >= 0 and <= MaxSize, "page.page_size", SharedMessages.PageSize(DefaultSize, MaxSize));
        Guid? after = null;
        if (!string.IsNullOrEmpty(request?.PageToken))
        {
            var ok = Base64Url.IsValid(request.PageToken) && Base64Url.DecodeFromChars(request.PageToken) is { Length: 16 } bytes;
            validation.Check(ok, "page.page_token", SharedMessages.NotAPageToken);
            if (ok) after = new Guid(Base64Url.DecodeFromChars(request.PageToken), bigEndian: true);
        }
        return new Page(size == 0 ? DefaultSize : Math.Min(size, MaxSize), after);
    }

    /// <summary>Given up to size + 1 rows, says whether another page follows and how to ask for it.</summary>
    public static PageResponse Next<T>(IReadOnlyList<T> rows, int size, Func<T, Guid> idOf) =>
        rows.Count > size
            ? new PageResponse { NextPageToken = Base64Url.EncodeToString(idOf(rows[size - 1]).ToByteArray(bigEndian: true)) }
            : new PageResponse();
}
